"""The daily digest: who is told about which due-soon and overdue work, gathered with grouped queries.

- unit handlers (User Permission on the unit) and unit heads: their units' transfers;
- the leader in charge: overdue transfers of the units they lead, and overdue cases those units lead;
- every Petition Office user: all due-soon and overdue cases and transfers.
Each person gets at most one digest a day (Petition Digest Log), in their own language (User.language,
else the system language): a desk Notification Log and, when the site has an outgoing e-mail account, an
e-mail (templates/emails/petition_deadline_digest.html) whose counts link to the lists of those records.

Who gets what, and in which language, is read, and every digest is recorded, shown in the desk and
queued for e-mail, with a fixed number of statements whatever the number of cases or people (one
multi-row INSERT each for the Digest Logs, the Notification Logs and the Email Queue entries).
"""

import datetime
from collections import defaultdict
from typing import NamedTuple
from urllib.parse import urlencode

import frappe
from frappe import _
from frappe.translate import print_language
from frappe.utils import format_date, get_url, get_url_to_list

from petition_management.tracking.digest_delivery import (
	Message,
	Person,
	by_language,
	desk_alerts,
	get_people,
	queue_emails,
	render_email_template,
)
from petition_management.utils.mail import can_send_mail

WATCHED = ("Overdue", "Due Soon")
FINISHED_TRANSFER_STATES = ("Reply Accepted", "Withdrawn")
TEMPLATE = "petition_deadline_digest"
LOG = "Petition Digest Log"


class LineKind:
	"""What a digest line counts; its label is translated when the digest is rendered."""

	UNIT_TRANSFERS = "unit_transfers"  # a unit's transfers: its handlers and head
	LED_OVERDUE_TRANSFERS = "led_overdue_transfers"  # a unit's overdue transfers: its leader in charge
	LED_OVERDUE_CASES = "led_overdue_cases"  # overdue cases the unit leads: its leader in charge
	ALL_CASES = "all_cases"  # the office
	ALL_TRANSFERS = "all_transfers"  # the office


class Line(NamedTuple):
	kind: str
	unit: str | None
	overdue: int
	due_soon: int


class Digest:
	"""What one person is told: the lines and where to look."""

	def __init__(self):
		self.lines: list[Line] = []
		self.link = "/app/petition-transfer?deadline_status=Overdue"
		self.person: Person | None = None

	def add(self, kind: str, overdue, due_soon, unit: str | None = None):
		if overdue or due_soon:
			self.lines.append(Line(kind, unit, int(overdue or 0), int(due_soon or 0)))

	@property
	def overdue(self) -> int:
		return sum(line.overdue for line in self.lines)

	@property
	def due_soon(self) -> int:
		return sum(line.due_soon for line in self.lines)


def transfer_counts_by_unit() -> list[dict]:
	return frappe.db.sql(
		"""SELECT t.unit, hu.unit_head, hu.leader_in_charge,
			SUM(t.deadline_status = 'Overdue') AS overdue, SUM(t.deadline_status = 'Due Soon') AS due_soon
		FROM `tabPetition Transfer` t JOIN `tabHandling Unit` hu ON hu.name = t.unit
		WHERE t.deadline_status IN %(watched)s AND t.workflow_state NOT IN %(finished)s
		GROUP BY t.unit, hu.unit_head, hu.leader_in_charge""",
		{"watched": WATCHED, "finished": FINISHED_TRANSFER_STATES},
		as_dict=True,
	)


def case_counts_by_lead_unit() -> list[dict]:
	return frappe.db.sql(
		"""SELECT c.lead_unit, hu.leader_in_charge,
			SUM(c.deadline_status = 'Overdue') AS overdue, SUM(c.deadline_status = 'Due Soon') AS due_soon
		FROM `tabPetition Case` c LEFT JOIN `tabHandling Unit` hu ON hu.name = c.lead_unit
		WHERE c.deadline_status IN %(watched)s
		GROUP BY c.lead_unit, hu.leader_in_charge""",
		{"watched": WATCHED},
		as_dict=True,
	)


def unit_handlers(units: list[str]) -> list[tuple[str, str]]:
	"""(user, unit) for enabled handlers tied to these units by a User Permission."""
	if not units:
		return []
	return frappe.db.sql(
		"""SELECT DISTINCT up.user, up.for_value
		FROM `tabUser Permission` up
		JOIN `tabHas Role` hr ON hr.parent = up.user AND hr.parenttype = 'User'
			AND hr.role = 'Petition Unit Handler'
		JOIN `tabUser` u ON u.name = up.user AND u.enabled = 1
		WHERE up.allow = 'Handling Unit' AND up.for_value IN %(units)s""",
		{"units": units},
	)


def users_with_role(role: str) -> list[str]:
	return frappe.db.sql_list(
		"""SELECT DISTINCT hr.parent FROM `tabHas Role` hr
		JOIN `tabUser` u ON u.name = hr.parent AND u.enabled = 1
		WHERE hr.role = %(role)s AND hr.parenttype = 'User'""",
		{"role": role},
	)


def collect_digests(today: datetime.date) -> dict[str, Digest]:
	"""Who gets which lines today, in which language, leaving out people who already had today's digest."""
	digests: dict[str, Digest] = defaultdict(Digest)
	units = transfer_counts_by_unit()
	cases = case_counts_by_lead_unit()
	by_unit = {u.unit: u for u in units}
	for user, unit in unit_handlers(list(by_unit)):
		digests[user].add(LineKind.UNIT_TRANSFERS, by_unit[unit].overdue, by_unit[unit].due_soon, unit)
	for u in units:
		if u.unit_head:
			digests[u.unit_head].add(LineKind.UNIT_TRANSFERS, u.overdue, u.due_soon, u.unit)
		if u.leader_in_charge:
			digests[u.leader_in_charge].add(LineKind.LED_OVERDUE_TRANSFERS, u.overdue, 0, u.unit)
	for c in cases:
		if c.leader_in_charge:
			digests[c.leader_in_charge].add(LineKind.LED_OVERDUE_CASES, c.overdue, 0, c.lead_unit)
	total_cases = (sum(int(c.overdue) for c in cases), sum(int(c.due_soon) for c in cases))
	total_transfers = (sum(int(u.overdue) for u in units), sum(int(u.due_soon) for u in units))
	for user in users_with_role("Petition Office"):
		digests[user].add(LineKind.ALL_CASES, *total_cases)
		digests[user].add(LineKind.ALL_TRANSFERS, *total_transfers)
		digests[user].link = "/app/petition-case?deadline_status=Overdue"
	already = set(frappe.get_all(LOG, filters={"digest_date": today}, pluck="user"))
	wanted = [user for user, d in digests.items() if d.lines and user not in already]
	for person in get_people(users=wanted):
		digests[person.user].person = person
	return {user: digests[user] for user in wanted if digests[user].person}


# --- rendering, in the language of the person ------------------------------------------------------


def line_label(line: Line) -> str:
	if line.kind == LineKind.UNIT_TRANSFERS:
		return _("Transfers of {0}").format(line.unit)
	if line.kind == LineKind.LED_OVERDUE_TRANSFERS:
		return _("Overdue transfers of {0}").format(line.unit)
	if line.kind == LineKind.LED_OVERDUE_CASES:
		return _("Overdue cases led by {0}").format(line.unit or _("no lead unit"))
	if line.kind == LineKind.ALL_CASES:
		return _("All cases")
	return _("All transfers")


def line_list(line: Line) -> tuple[str, dict]:
	"""The list (DocType and filters) that shows exactly the records a line counts."""
	if line.kind in (LineKind.UNIT_TRANSFERS, LineKind.LED_OVERDUE_TRANSFERS):
		return "Petition Transfer", {"unit": line.unit}
	if line.kind == LineKind.LED_OVERDUE_CASES:
		return "Petition Case", {"lead_unit": line.unit} if line.unit else {}
	if line.kind == LineKind.ALL_CASES:
		return "Petition Case", {}
	return "Petition Transfer", {}


def list_url(doctype: str, filters: dict, deadline_status: str) -> str:
	return f"{get_url_to_list(doctype)}?{urlencode({**filters, 'deadline_status': deadline_status})}"


def digest_subject(digest: Digest) -> str:
	return _("Deadlines today: {0} overdue, {1} due soon").format(digest.overdue, digest.due_soon)


def email_args(digest: Digest, today: datetime.date) -> dict:
	rows = []
	for line in digest.lines:
		doctype, filters = line_list(line)
		rows.append(
			{
				"label": line_label(line),
				"overdue": line.overdue,
				"due_soon": line.due_soon,
				"overdue_url": line.overdue and list_url(doctype, filters, "Overdue"),
				"due_soon_url": line.due_soon and list_url(doctype, filters, "Due Soon"),
			}
		)
	return {
		"title": digest_subject(digest),
		"date": format_date(today),
		"rows": rows,
		"overdue": digest.overdue,
		"due_soon": digest.due_soon,
		"list_url": get_url(digest.link),
	}


# --- sending ---------------------------------------------------------------------------------------


def digest_name(today: datetime.date, user: str) -> str:
	return f"{today}-{user}"


def record_digests(digests: dict[str, Digest], today: datetime.date, emailed: bool):
	"""One INSERT: who got today's digest, in which language, and whether it was e-mailed."""
	now = frappe.utils.now()
	frappe.db.bulk_insert(
		LOG,
		[
			"name",
			"user",
			"digest_date",
			"overdue",
			"due_soon",
			"language",
			"emailed",
			"owner",
			"modified_by",
			"creation",
			"modified",
		],
		[
			(
				digest_name(today, user),
				user,
				today,
				d.overdue,
				d.due_soon,
				d.person.language,
				int(emailed and bool(d.person.email)),
				"Administrator",
				"Administrator",
				now,
				now,
			)
			for user, d in digests.items()
		],
		ignore_duplicates=True,
	)


def send_digests(digests: dict[str, Digest], today: datetime.date):
	"""Record, show in the desk and e-mail every digest in a fixed number of statements, whatever the
	number of people: the Digest Log rows, the Notification Logs and the Email Queue entries (with their
	recipients) are one multi-row INSERT each (tracking/digest_delivery.py)."""
	if not digests:
		return
	emailed = can_send_mail()
	record_digests(digests, today, emailed)
	people = [digest.person for digest in digests.values()]
	messages = []
	for language, group in by_language(people).items():
		with print_language(language):
			for person in group:
				digest = digests[person.user]
				args = email_args(digest, today)
				messages.append(
					Message(
						person=person,
						subject=digest_subject(digest),
						html=render_email_template(TEMPLATE, args),
						link=digest.link,
						template_args=args,
						reference_name=digest_name(today, person.user),
						header=[_("Daily Deadline Digest"), "orange"],
					)
				)
	desk_alerts(messages)
	if emailed:
		queue_emails(messages, TEMPLATE, reference_doctype=LOG)
