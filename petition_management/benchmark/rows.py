"""The rows of one seeded case (the case, its petitioners' party rows, its repeat notes, its transfers
and its return visit) and of one petitioner, as plain dicts of column values.

Each case walks the case Workflow on believable dates (proposal within a week, decision within the
15-day limit for 92% of cases, handling 12 to 58 days, 10% late); where "today" falls on that walk gives
its state. 1.2% of cases got stuck on the way (the long-overdue tail). The dates follow the controllers'
rules (acceptance due after 15 days, handling due 60 days after acceptance, review due 30 days after
delivery, a return visit scheduled 7 days after closing) and the deadline status is the one the daily job
gave yesterday, so today's run does a day's work.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from petition_management.benchmark import MARK
from petition_management.benchmark.plan import Plan
from petition_management.benchmark.text import REGION_CODES, REGIONS, TextPools
from petition_management.rules.repeats import normalize_name
from petition_management.rules.resident_id import check_digit, mask_id_number, mask_phone

ADMIN = "Administrator"
CHANNELS = (
	("Visit", 35, "Visit"),
	("Post", 22, "Letter"),
	("Website Message", 20, "Online"),
	("Phone Call", 8, "Letter"),
	("E-mail", 6, "Letter"),
	("Leader's Mailbox", 5, "Letter"),
	("Referred by Higher Authority", 3, "Higher-authority Referral"),
	("Fax", 1, "Letter"),
)
CHANNEL_CUMULATIVE = [sum(c[1] for c in CHANNELS[: k + 1]) for k in range(len(CHANNELS))]
LEGAL_CHANNELS = ("Litigation", "Arbitration", "Administrative Reconsideration", "Other Legal Procedure")
SATISFACTION = (("Satisfied", 60), ("Basically Satisfied", 28), ("Dissatisfied", 12))
IN_PROGRESS = (
	"Issued",
	"Acknowledged",
	"Reply Drafted",
	"Signed by Unit Head",
	"Signed by Leader",
	"Returned",
)
DAY = timedelta(days=1)
BIRTH_BASE = date(1940, 1, 1)


def deadline_status(due: date | None, on: date, soon_days: int = 3) -> str | None:
	if due is None:
		return None
	if due < on:
		return "Overdue"
	return "Due Soon" if due <= on + timedelta(days=soon_days) else "On Time"


def case_name(plan: Plan, i: int) -> str:
	return f"PC{MARK}-{plan.received_on(i).year}-{i:07d}"


def petitioner_name(p: int) -> str:
	return f"PTR{MARK}-{p:07d}"


@dataclass
class Person:
	full_name: str
	id_number_masked: str | None
	phone_masked: str | None


def petitioner_row(p: int, pools: TextPools) -> tuple[dict, dict]:
	"""A petitioner and its identity, with a unique, well-formed ID number (or none) and phone (or none)."""
	full_name = pools.names[(p * 7) % len(pools.names)]
	kind = p % 100
	id_type, id_number, birth_date, gender = "None", None, None, ("Male", "Female")[p % 2]
	if kind < 82:
		birth_date = BIRTH_BASE + timedelta(days=(p * 7919) % 20000)
		first17 = f"{REGION_CODES[p % 10]}{birth_date:%Y%m%d}{(p // 20000) % 1000:03d}"
		id_type, id_number = "PRC Resident ID", first17 + check_digit(first17)
		gender = "Male" if int(first17[-1]) % 2 else "Female"
	elif kind < 86:
		id_type, id_number = "Passport", f"E{p:08d}"
	elif kind < 88:
		id_type, id_number = "Other", f"H{p:08d}"
	phone = f"1{'35789'[p % 5]}{(p * 104729 + 7) % 10**9:09d}" if p % 10 != 3 else None
	created = standard(datetime(2020, 1, 1) + timedelta(minutes=p % 100000))
	return {
		"name": petitioner_name(p),
		"full_name": full_name,
		"gender": gender,
		"id_type": id_type,
		"id_number_masked": mask_id_number(id_number) or None,
		"phone_masked": mask_phone(phone) or None,
		"email": f"p{p}@example.com" if p % 20 == 0 else None,
		"region": REGIONS[p % len(REGIONS)],
		"name_normalized": normalize_name(full_name),
		**created,
	}, {
		"name": petitioner_name(p),
		"petitioner": petitioner_name(p),
		"full_name": full_name,
		"id_type": id_type,
		"id_number": id_number,
		"birth_date": birth_date,
		"phone": phone,
		"phone_normalized": phone,
		"address": pools.addresses[p % len(pools.addresses)],
		**created,
	}


def person(p: int, pools: TextPools) -> Person:
	row, _identity = petitioner_row(p, pools)
	return Person(row["full_name"], row["id_number_masked"], row["phone_masked"])


def standard(created: datetime, modified: datetime | None = None) -> dict:
	return {
		"owner": ADMIN,
		"modified_by": ADMIN,
		"creation": created,
		"modified": modified or created,
		"docstatus": 0,
		"idx": 0,
	}


def at(day: date, r: random.Random) -> datetime:
	return datetime.combine(day, time(8)) + timedelta(seconds=r.randint(0, 9 * 3600))


class CaseBuilder:
	"""Build the rows of case i: `rows()` returns [(doctype, values), ...]."""

	def __init__(self, plan: Plan, pools: TextPools, units: list[str], categories: list[str], seed: int):
		self.plan, self.pools, self.units, self.categories, self.seed = plan, pools, units, categories, seed
		self.today = plan.today
		self.yesterday = plan.today - DAY

	def subject(self, i: int) -> str:
		return self.pools.subjects[self.plan.text[i] % len(self.pools.subjects)]

	def content(self, i: int) -> str:
		return self.pools.contents[self.plan.text[i] % len(self.pools.contents)]

	def walk(self, i: int, r: random.Random) -> tuple[str, list[tuple[str, date]]]:
		"""(kind, the milestones the case has reached by today)."""
		received = self.plan.received_on(i)
		u = r.random()
		kind = "spot" if u < 0.07 else "not_accepted" if u < 0.18 else "accepted"
		proposed = received + timedelta(days=r.randint(1, 7))
		decided = proposed + timedelta(days=r.randint(0, 5) + (r.randint(6, 12) if r.random() < 0.08 else 0))
		steps = [("Registered", received)]
		if kind == "spot":
			steps.append(("Closed", received + timedelta(days=r.randint(0, 1))))
		elif kind == "not_accepted":
			steps += [("Pending Acceptance", proposed), ("Not Accepted", decided)]
		else:
			issued = decided + timedelta(days=r.randint(0, 2))
			replied = issued + timedelta(days=r.randint(61, 110) if r.random() < 0.1 else r.randint(12, 58))
			delivered = replied + timedelta(days=r.randint(0, 5))
			closed = delivered + timedelta(days=r.randint(1, 20))
			steps += [
				("Pending Acceptance", proposed),
				("Accepted", decided),
				("In Handling", issued),
				("Replied", replied),
				("Delivered", delivered),
				("Closed", closed),
			]
			if r.random() < 0.7:
				steps.append(("Archived", closed + timedelta(days=r.randint(20, 150))))
		if r.random() < 0.012:  # stuck on the way
			steps = steps[: r.randint(1, max(1, len(steps) - 3))]
		return kind, [s for s in steps if s[1] <= self.today]

	def rows(self, i: int) -> list[tuple[str, dict]]:
		plan, pools = self.plan, self.pools
		r = random.Random(self.seed * 1_000_003 + i)
		name = case_name(plan, i)
		received = plan.received_on(i)
		kind, steps = self.walk(i, r)
		reached = dict(steps)
		state = next(s for s, _ in reversed(steps) if s != "Delivered")
		people = [person(p, pools) for p in plan.petitioners_of(i)]
		channel = r.choices(CHANNELS, cum_weights=CHANNEL_CUMULATIVE)[0]
		category = self.categories[plan.category[i]]
		unit = self.units[plan.unit[i]]
		names = ", ".join(p.full_name for p in people)[:255]
		accepted_on = reached.get("Accepted")
		handling_due = accepted_on + timedelta(days=60) if accepted_on else None
		acceptance_due = received + timedelta(days=15)
		current_due = (
			acceptance_due
			if state in ("Registered", "Pending Acceptance")
			else handling_due
			if state in ("Accepted", "In Handling")
			else None
		)
		decided_on = reached.get("Accepted") or reached.get("Not Accepted")
		delivered_on = reached.get("Delivered")
		closed_on = reached.get("Closed")
		archived_on = reached.get("Archived")
		case = {
			"name": name,
			"naming_series": "PC-.YYYY.-",
			"workflow_state": state,
			"source_type": channel[2],
			"received_on": received,
			"channel": channel[0],
			"petitioner_names": names,
			"category": category,
			"suggested_unit": self.units[plan.unit[i]] if r.random() < 0.9 else None,
			"subject": self.subject(i),
			"content": self.content(i),
			"request": pools.requests[plan.text[i] % len(pools.requests)],
			"cross_level": int(r.random() < 0.02),
			"acceptance_due": acceptance_due,
			"current_due": current_due,
			"deadline_status": deadline_status(current_due, self.yesterday),
			"handling_limit_days": 60 if accepted_on else 0,
			"acceptance_proposal": ("Do Not Accept" if kind == "not_accepted" else "Accept")
			if "Pending Acceptance" in reached
			else None,
			"proposed_by": ADMIN if "Pending Acceptance" in reached else None,
			"decided_by": ADMIN if decided_on else None,
			"decided_on": decided_on,
			"accepted_on": accepted_on,
			"handling_due": handling_due,
			"lead_unit": unit if "In Handling" in reached else None,
			"replied_on": reached.get("Replied"),
			"consolidated_reply": pools.replies[i % len(pools.replies)]
			if "Replied" in reached or (kind == "spot" and closed_on)
			else None,
			"delivery_method": r.choice(("In Person", "Post", "E-mail", "SMS")) if delivered_on else None,
			"delivered_on": delivered_on,
			"closed_on": closed_on,
			"review_request_due": delivered_on + timedelta(days=30) if delivered_on else None,
			"archive_number": f"DA-{MARK}-{received.year}-{i:07d}" if archived_on else None,
			"archived_on": archived_on,
			"repeat_count": len(plan.notes.get(i, ())),
			**standard(at(received, r), at(steps[-1][1], r)),
		}
		if case["cross_level"]:
			case["cross_level_to"] = r.choice(("City", "Province", "National"))
		if kind == "not_accepted" and "Pending Acceptance" in reached:
			case["non_acceptance_reason"] = pools.notes[i % len(pools.notes)]
			case["legal_channel"] = r.choice(LEGAL_CHANNELS)
			case["competent_body"] = "县人民法院" if case["legal_channel"] == "Litigation" else "县司法局"
		rows = [("Petition Case", case)]
		rows += self.parties(i, name, people, case["creation"])
		rows += self.repeat_notes(i, name, case["creation"])
		if "In Handling" in reached:
			rows += self.transfers(i, case, reached, r)
		if closed_on:
			rows += self.return_visit(i, case, r)
		return rows

	def parties(self, i: int, parent: str, people: list[Person], created: datetime) -> list[tuple[str, dict]]:
		group = len(people) > 1
		return [
			(
				"Petition Party",
				{
					"name": f"PP{MARK}{i:07d}{k}",
					"parent": parent,
					"parenttype": "Petition Case",
					"parentfield": "petitioners",
					"petitioner": petitioner_name(p),
					"petitioner_name": who.full_name,
					"is_representative": int(group),
					**standard(created),
					"idx": k + 1,
				},
			)
			for k, (p, who) in enumerate(zip(self.plan.petitioners_of(i), people, strict=True))
		]

	def repeat_notes(self, i: int, parent: str, created: datetime) -> list[tuple[str, dict]]:
		plan = self.plan
		return [
			(
				"Petition Repeat Note",
				{
					"name": f"RN{MARK}{later:07d}",
					"parent": parent,
					"parenttype": "Petition Case",
					"parentfield": "repeat_notes",
					"repeat_date": plan.received_on(later),
					"source_doctype": "Petition Case",
					"source_name": case_name(plan, later),
					"petitioner_name": person(plan.petitioner[later], self.pools).full_name,
					"note": "重复信访：" + self.subject(later),
					**standard(created),
					"idx": k + 1,
				},
			)
			for k, later in enumerate(plan.notes.get(i, ()))
		]

	def transfers(self, i: int, case: dict, reached: dict, r: random.Random) -> list[tuple[str, dict]]:
		issued = reached["In Handling"]
		done = reached.get("Replied")
		rows = [
			("Petition Transfer", self.transfer(i, 0, case, case["lead_unit"], "Lead Unit", issued, done, r))
		]
		co = 2 if r.random() < 0.03 else 1 if r.random() < 0.12 else 0
		for k in range(co):
			unit = self.units[(self.plan.unit[i] + 17 * (k + 1)) % len(self.units)]
			rows.append(
				(
					"Petition Transfer",
					self.transfer(i, k + 1, case, unit, "Co-handling Unit", issued, done, r),
				)
			)
		if r.random() < 0.02:
			unit = self.units[(self.plan.unit[i] + 101) % len(self.units)]
			rows.append(
				("Petition Transfer", self.transfer(i, 9, case, unit, "Lead Unit", issued, None, r, True))
			)
		return rows

	def transfer(self, i, k, case, unit, role, issued, done, r, withdrawn=False) -> dict:
		handle_days = max(1, ((done or self.today) - issued).days)
		if withdrawn:
			state = "Withdrawn"
		elif done:
			state = "Reply Accepted"
		else:
			progress = (self.today - issued).days / max(handle_days, 30)
			state = (
				IN_PROGRESS[min(len(IN_PROGRESS) - 1, int(progress * 4))]
				if progress < 1.5
				else "Reply Drafted"
			)
		finished = state in ("Reply Accepted", "Withdrawn")
		due = case["handling_due"]
		acknowledged = (
			issued + timedelta(days=r.randint(0, 2)) if state not in ("Issued", "Withdrawn") else None
		)
		decided = at(done - timedelta(days=r.randint(0, 2)), r) if state == "Reply Accepted" else None
		return {
			"name": f"PT{MARK}-{issued.year}-{i:07d}{k}",
			"naming_series": "PT-.YYYY.-",
			"petition_case": case["name"],
			"case_subject": case["subject"],
			"petitioner_names": case["petitioner_names"],
			"unit": unit,
			"transfer_role": role,
			# every transfer of the case carries its active lead's unit (handling.transfers.sync_case_lead_unit)
			"lead_unit": case["lead_unit"],
			"instructions": self.pools.notes[(i + k) % len(self.pools.notes)],
			"due_date": due,
			"deadline_status": None if finished else deadline_status(due, self.yesterday),
			"issued_by": ADMIN,
			"issued_on": issued,
			"objection_due": issued + timedelta(days=5),
			"acknowledged_on": acknowledged,
			"acknowledged_by": ADMIN if acknowledged else None,
			"handling_opinion": self.pools.notes[(i + 3) % len(self.pools.notes)] if decided else None,
			"reply_draft": self.pools.replies[(i + k) % len(self.pools.replies)] if decided else None,
			"reply_submitted_by": ADMIN if decided else None,
			"reply_submitted_on": decided,
			"office_decision_by": ADMIN if decided else None,
			"office_decision_on": decided,
			"workflow_state": state,
			**standard(at(issued, r), decided or at(issued, r)),
		}

	def return_visit(self, i: int, case: dict, r: random.Random) -> list[tuple[str, dict]]:
		visit_date = case["closed_on"] + timedelta(days=7)
		completed = visit_date <= self.today and r.random() < 0.92
		satisfaction = (
			r.choices([s[0] for s in SATISFACTION], [s[1] for s in SATISFACTION])[0] if completed else None
		)
		case["return_visit_due"] = visit_date
		case["satisfaction"] = satisfaction
		row = {
			"name": f"PRV{MARK}-{visit_date.year}-{i:07d}",
			"naming_series": "PRV-.YYYY.-",
			"petition_case": case["name"],
			"case_subject": case["subject"],
			"petitioner_names": case["petitioner_names"],
			"status": "Completed" if completed else "Scheduled",
			"visit_date": visit_date,
			"method": r.choice(("Phone", "In Person", "SMS")) if completed else None,
			"visited_by": ADMIN if completed else None,
			"satisfaction": satisfaction,
			"notes": self.pools.notes[i % len(self.pools.notes)] if completed else None,
			**standard(at(case["closed_on"], r)),
		}
		return [("Petition Return Visit", row)]
