"""The records of the security tests, created by the keeper (Office, Director and Reception at once, never a
tested user) in the states asked for: cases, transfers, visits and letters through the factories, the
other DocTypes here."""

import frappe
from frappe.utils import add_days, add_to_date, getdate, now_datetime, nowdate

from petition_management.tests.factories import (
	issue_transfer,
	make_case,
	make_letter,
	make_petitioner,
	make_visit,
	replied_fields,
)
from petition_management.tests.security import matrix as m
from petition_management.tests.security.fixtures import (
	CATEGORY,
	DOMAIN,
	HELPER_LOGINS,
	LETTER_ADDRESS,
	LETTER_PHONE,
	ROLE_LOGINS,
	SECRET_ADDRESS,
	SECRET_ID,
	SECRET_PHONE,
	SECRET_PHONE_TYPED,
	UNIT_A,
	UNIT_B,
	World,
	email,
	ensure_user,
)
from petition_management.tests.utils import make_outgoing_email_account, tie_to_unit


def insert(values: dict, **flags):
	doc = frappe.get_doc(values)
	doc.flags.update(flags)
	return doc.insert(ignore_permissions=True)


class Builder:
	"""Creates the records as the keeper (so that they are the keeper's), in the states asked for."""

	def __init__(self):
		self.world = World()
		self.today = getdate(nowdate())
		self.serial = 0

	def next(self) -> int:
		self.serial += 1
		return self.serial

	# users, units, category ---------------------------------------------------------------------------

	def users(self):
		for role, login in ROLE_LOGINS.items():
			if role == m.WEBSITE:
				ensure_user(login, [], user_type="Website User")
			else:
				ensure_user(login, [role])
		for login, roles in HELPER_LOGINS.items():
			ensure_user(login, roles)
		self.world.users = {role: email(login) for role, login in ROLE_LOGINS.items()}
		self.world.users[m.GUEST] = None
		self.world.keeper = email("keeper")
		self.world.head_b = email("head-b")

	def masters(self):
		frappe.set_user(self.world.keeper)
		# mail is queued, never sent: a default outgoing account (when the site has none, the keeper's,
		# purged with the rest)
		if not frappe.db.exists("Email Account", {"default_outgoing": 1, "enable_outgoing": 1}):
			make_outgoing_email_account(f"outgoing@{DOMAIN}")
		insert(
			{
				"doctype": "Handling Unit",
				"unit_name": UNIT_A,
				"unit_head": email("head"),
				"leader_in_charge": email("leader"),
			}
		)
		insert({"doctype": "Handling Unit", "unit_name": UNIT_B, "unit_head": self.world.head_b})
		tie_to_unit(email("handler"), UNIT_A)
		insert({"doctype": "Petition Category", "category_name": CATEGORY, "default_handling_unit": UNIT_A})
		self.world.unit_a, self.world.unit_b, self.world.category = UNIT_A, UNIT_B, CATEGORY
		self.world.petitioner = make_petitioner(
			"_T Sec 王秘密",
			gender="Male",
			id_type="PRC Resident ID",
			id_number=SECRET_ID,
			phone=SECRET_PHONE_TYPED,
			address=SECRET_ADDRESS,
			region="_T Sec Region",
		)
		self.world.plain_petitioner = make_petitioner("_T Sec 李普通")

	# intake ----------------------------------------------------------------------------------------------

	def letter(self, with_sender: bool = True) -> str:
		sender = {"sender_phone": LETTER_PHONE, "sender_address": LETTER_ADDRESS} if with_sender else {}
		return make_letter(
			petitioner=self.world.petitioner,
			sender_name="_T Sec 王秘密",
			**sender,
			subject=f"_T Sec letter {self.next()}",
			content="<p>_T Sec 来信内容</p>",
			ignore_permissions=True,
		).name

	def party_of(self, case: str, full_name: str) -> str:
		"""A new Petitioner added to `case` as one more party (written directly: the case is in handling)."""
		person = make_petitioner(full_name)
		frappe.get_doc(
			{
				"doctype": "Petition Party",
				"parent": case,
				"parenttype": "Petition Case",
				"parentfield": "petitioners",
				"petitioner": person,
				"petitioner_name": full_name,
				"idx": 99,
			}
		).db_insert()
		return person

	def visit(self) -> str:
		return make_visit(
			self.world.petitioner,
			visit_datetime=now_datetime(),
			reception_officer=self.world.users[m.RECEPTION],
			subject=f"_T Sec visit {self.next()}",
			content="<p>_T Sec 来访内容</p>",
			ignore_permissions=True,
		).name

	def case(self, state: str = "Registered", petitioner: str | None = None, **values) -> str:
		"""A case registered today, put directly in `state` with the dates its workflow records."""
		serial = self.next()
		return make_case(
			petitioner or self.world.petitioner,
			subject=f"_T Sec case {serial} 第{serial}号",
			content=f"<p>_T Sec 案件内容 {serial} 编号{serial * 7919}</p>",
			category=CATEGORY,
			state=None if state == "Registered" else state,
			stored=self.state_fields(state, values),
			ignore_permissions=True,
		).name

	def state_fields(self, state: str, values: dict) -> dict:
		"""What the case's workflow records on its way to `state` (all today, by the keeper), and `values`."""
		if state == "Registered":
			return {}
		fields = {}
		if state in ("Accepted", "In Handling", "Replied", "Closed"):
			fields.update(
				{
					"decided_by": self.world.keeper,
					"decided_on": self.today,
					"accepted_on": self.today,
					"handling_due": add_days(self.today, 60),
					"current_due": add_days(self.today, 60),
				}
			)
		if state in ("Replied", "Closed"):
			fields.update(replied_fields(self.today))
		if state == "Closed":
			fields["closed_on"] = self.today
		if state == "Pending Acceptance":
			fields.update({"acceptance_proposal": "Accept", "proposed_by": self.world.keeper})
		return {**fields, **values}

	def transfer(self, case: str, unit: str, state: str | None = None, **values) -> str:
		return issue_transfer(
			case,
			unit,
			instructions="_T Sec 请核实并答复",
			state=state,
			stored=values if state else None,
			ignore_permissions=True,
		).name

	def handled_case(self, unit: str, transfer_state: str | None = None, **transfer_values):
		"""(case, transfer): an accepted case with its lead transfer to `unit`, the case In Handling."""
		case = self.case("Accepted")
		transfer = self.transfer(case, unit, transfer_state, **transfer_values)
		frappe.db.set_value("Petition Case", case, "workflow_state", "In Handling")
		return case, transfer

	# tracking ----------------------------------------------------------------------------------------

	def supervision(self, case: str, unit: str) -> str:
		return insert(
			{
				"doctype": "Petition Supervision",
				"petition_case": case,
				"unit": unit,
				"reason": "Other",
				"instructions": "_T Sec 请说明办理进度",
			}
		).name

	def extension(self, case: str, days: int = 5) -> str:
		return insert(
			{
				"doctype": "Petition Extension",
				"petition_case": case,
				"days": days,
				"reason": "_T Sec 情况复杂",
			}
		).name

	def return_visit(self, case: str) -> str:
		return insert(
			{
				"doctype": "Petition Return Visit",
				"petition_case": case,
				"status": "Scheduled",
				"visit_date": nowdate(),
			}
		).name

	def review(self, case: str, **values) -> str:
		return insert(
			{
				"doctype": "Petition Review",
				"petition_case": case,
				"review_type": "Review",
				"requested_on": nowdate(),
				"reviewing_body": "_T Sec 市信访局",
				"grounds": "_T Sec 对处理意见不服",
				**values,
			}
		).name

	# special work ------------------------------------------------------------------------------------

	def screening_round(self, unit: str, period_start) -> str:
		return insert({"doctype": "Dispute Screening Round", "unit": unit, "period_start": period_start}).name

	def mediation(self, unit: str, mediator: str) -> str:
		return insert(
			{
				"doctype": "Mediation Case",
				"subject": f"_T Sec mediation {self.next()}",
				"unit": unit,
				"mediator": mediator,
				"opened_on": add_days(nowdate(), -3),
				"dispute_description": "_T Sec 邻里院墙纠纷",
				"parties": [
					{"party_role": "Applicant", "party_type": "Household"},
					{"party_role": "Respondent", "party_type": "Household"},
				],
			}
		).name

	def incident(self, **values) -> str:
		return insert(
			{
				"doctype": "Emergency Incident",
				"incident_time": add_to_date(now_datetime(), hours=-1),
				"place": "_T Sec 接待大厅",
				"situation": "_T Sec 来访群众情绪激动",
				**values,
			}
		).name

	def reception_schedule(self, from_date, to_date) -> str:
		return insert(
			{
				"doctype": "Reception Schedule",
				"schedule_name": f"_T Sec schedule {self.next()}",
				"from_date": from_date,
				"to_date": to_date,
				"rota": [{"leader": email("leader"), "weekday": "Monday", "place": "_T Sec 接待室"}],
			}
		).name

	def reception_day(self, date) -> str:
		return insert(
			{
				"doctype": "Reception Day",
				"reception_date": date,
				"leader": email("leader"),
				"place": "_T Sec 接待室",
			}
		).name

	# appraisal ---------------------------------------------------------------------------------------

	def default_scheme(self) -> str:
		return frappe.db.get_value("Appraisal Scheme", {"is_default": 1}, "name")

	def appraisal(self, unit: str, year: int) -> str:
		return insert(
			{
				"doctype": "Petition Appraisal",
				"unit": unit,
				"scheme": self.default_scheme(),
				"period_type": "Year",
				"year": year,
			}
		).name

	def appraisal_run(self, year: int) -> str:
		return insert(
			{
				"doctype": "Appraisal Run",
				"scheme": self.default_scheme(),
				"parent_unit": UNIT_A,
				"period_type": "Year",
				"year": year,
			}
		).name

	def scheme(self) -> str:
		return insert(scheme_values(f"_T Sec scheme {self.next()}")).name

	def digest_log(self, day) -> str:
		return insert(
			{"doctype": "Petition Digest Log", "user": self.world.keeper, "digest_date": day, "overdue": 1}
		).name

	def online_petition(self) -> str:
		lang = frappe.local.lang
		try:
			return insert(
				{
					"doctype": "Online Petition",
					"full_name": "_T Sec 王秘密",
					"id_type": "PRC Resident ID",
					"id_number": SECRET_ID,
					"phone": SECRET_PHONE,
					"address": SECRET_ADDRESS,
					"subject": f"_T Sec online {self.next()}",
					"content": "_T Sec 网上信访内容",
				}
			).name
		finally:
			frappe.local.lang = lang


def scheme_values(name: str) -> dict:
	return {
		"doctype": "Appraisal Scheme",
		"scheme_name": name,
		"one_time_window_days": 30,
		"metrics": [{"metric": "Accepted on Time %", "weight": 100}],
		"grades": [{"grade": "_T Good", "min_score": 60}, {"grade": "_T Poor", "min_score": 0}],
	}
