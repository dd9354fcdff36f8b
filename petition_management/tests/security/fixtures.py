"""Committed test records for the HTTP security tests, and their removal.

The web server is another process: it sees only committed rows. `build_matrix_world()`,
`build_leak_world()` and `build_bad_input_world()` create the users (with passwords), two units (A, whose
head, leader and handler are test users, and B, which is not theirs), a Petitioner with an ID number, a
phone and an address, and the records each suite needs in the states it needs, then commit. Every record
is created by, or on behalf of, a test user; `purge()` deletes everything they own, their traces and the
users themselves, and commits. It also runs before building, so that a run that died half-way leaves
nothing behind for long.
"""

import frappe
from frappe.utils import add_days, add_to_date, getdate, now_datetime, nowdate
from frappe.utils.password import update_password

from petition_management.rules.resident_id import check_digit
from petition_management.tests.security import matrix as m
from petition_management.tests.utils import make_outgoing_email_account, tie_to_unit
from petition_management.utils.deadlines import limit_due_date

DOMAIN = "sec.test.local"
PASSWORD = "Sec-Matrix-2026!xq"
UNIT_A = "_T Sec Unit A"
UNIT_B = "_T Sec Unit B"
CATEGORY = "_T Sec Category"
OLD_YEAR = 2017  # appraisal periods far from any real data


def email(login: str) -> str:
	return f"{login}@{DOMAIN}"


# One user per role of the matrix (the Guest has none), and the helpers the records need.
ROLE_LOGINS = {
	m.RECEPTION: "reception",
	m.OFFICE: "office",
	m.HANDLER: "handler",
	m.HEAD: "head",
	m.LEADER: "leader",
	m.DIRECTOR: "director",
	m.SUPERVISOR: "supervisor",
	m.WEBSITE: "website",
}
# keeper: creates the shared records (Office, Director and Reception at once, never a tested user)
# head-b: unit B's head, so that B has somebody to assign work to
HELPER_LOGINS = {
	"keeper": ["Petition Office", "Petition Director", "Petition Reception Officer"],
	"head-b": ["Petition Unit Head"],
}
ALL_USERS = tuple(email(login) for login in (*ROLE_LOGINS.values(), *HELPER_LOGINS))


def resident_id(first17: str) -> str:
	return first17 + check_digit(first17)


# The protected values of the Petitioner and of the letter: no response to a role without permission
# level 1 may contain any of these strings.
SECRET_ID = resident_id("11010519630719123")
SECRET_PHONE = "13912345678"
SECRET_PHONE_TYPED = "139-1234-5678"
SECRET_ADDRESS = "Secret Lane 88 _T Sec"
SECRET_BIRTH = ("1963-07-19", "19-07-1963", "07-19-1963", "19630719")
LETTER_PHONE = "13698765432"
LETTER_ADDRESS = "Hidden Road 17 _T Sec"
# The masked copies: level 1 on the case and the visit (their petitioner rows), level 0 on the Petitioner.
MASKED_ID = SECRET_ID[:3] + "*" * 13 + SECRET_ID[-2:]
MASKED_PHONE = SECRET_PHONE[:3] + "****" + SECRET_PHONE[-4:]
# The phones before they were corrected: each change leaves a Version (Frappe's change log).
OLD_PHONE = "13755556666"
OLD_PHONE_MASKED = OLD_PHONE[:3] + "****" + OLD_PHONE[-4:]
LETTER_OLD_PHONE = "13611112222"


class World(frappe._dict):
	"""Names of the records built for the tests, by role in the test (`world.case_a`, ...)."""


# --- users and masters ------------------------------------------------------------------------------


def ensure_user(login: str, roles: list[str], user_type: str = "System User") -> str:
	"""An enabled user with exactly these roles and the test password (one save when new)."""
	user_id = email(login)
	if not frappe.db.exists("User", user_id):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": user_id,
				"first_name": f"_T Sec {login}",
				"send_welcome_email": 0,
				"user_type": user_type,
				"roles": [{"role": role} for role in roles],
			}
		).insert(ignore_permissions=True)
	else:
		user = frappe.get_doc("User", user_id)
		if sorted(row.role for row in user.roles) != sorted(roles) or user.user_type != user_type:
			user.set("roles", [{"role": role} for role in roles])
			user.user_type = user_type
			user.save(ignore_permissions=True)
	update_password(user_id, PASSWORD)
	return user_id


def insert(values: dict, **flags):
	doc = frappe.get_doc(values)
	doc.flags.update(flags)
	return doc.insert(ignore_permissions=True)


# --- the builder ------------------------------------------------------------------------------------


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
		self.world.petitioner = insert(
			{
				"doctype": "Petitioner",
				"full_name": "_T Sec 王秘密",
				"gender": "Male",
				"id_type": "PRC Resident ID",
				"id_number": SECRET_ID,
				"phone": SECRET_PHONE_TYPED,
				"address": SECRET_ADDRESS,
				"region": "_T Sec Region",
			}
		).name
		self.world.plain_petitioner = insert(
			{"doctype": "Petitioner", "full_name": "_T Sec 李普通", "id_type": "None"}
		).name

	# intake ----------------------------------------------------------------------------------------------

	def letter(self) -> str:
		return insert(
			{
				"doctype": "Petition Letter",
				"channel": "Post",
				"received_on": nowdate(),
				"petitioner": self.world.petitioner,
				"sender_name": "_T Sec 王秘密",
				"sender_phone": LETTER_PHONE,
				"sender_address": LETTER_ADDRESS,
				"subject": f"_T Sec letter {self.next()}",
				"content": "<p>_T Sec 来信内容</p>",
			}
		).name

	def visit(self) -> str:
		return insert(
			{
				"doctype": "Petition Visit",
				"visit_datetime": now_datetime(),
				"reception_officer": self.world.users[m.RECEPTION],
				"number_of_visitors": 1,
				"petitioners": [{"petitioner": self.world.petitioner}],
				"subject": f"_T Sec visit {self.next()}",
				"content": "<p>_T Sec 来访内容</p>",
			}
		).name

	def case(self, state: str = "Registered", petitioner: str | None = None, **values) -> str:
		"""A case registered today, put directly in `state` with the dates its workflow records."""
		serial = self.next()
		doc = insert(
			{
				"doctype": "Petition Case",
				"source_type": "Letter",
				"received_on": nowdate(),
				"subject": f"_T Sec case {serial} 第{serial}号",
				"content": f"<p>_T Sec 案件内容 {serial} 编号{serial * 7919}</p>",
				"category": CATEGORY,
				"petitioners": [{"petitioner": petitioner or self.world.petitioner}],
			}
		)
		if state != "Registered":
			dates = {"workflow_state": state}
			if state in ("Accepted", "In Handling", "Replied", "Closed"):
				dates.update(
					{
						"decided_by": self.world.keeper,
						"decided_on": self.today,
						"accepted_on": self.today,
						"handling_due": add_days(self.today, 60),
						"current_due": add_days(self.today, 60),
					}
				)
			if state in ("Replied", "Closed"):
				dates.update(
					{
						"replied_on": self.today,
						"delivery_method": "Post",
						"delivered_on": self.today,
						"review_request_due": limit_due_date(self.today, "review_request_days"),
					}
				)
			if state == "Closed":
				dates["closed_on"] = self.today
			if state == "Pending Acceptance":
				dates.update({"acceptance_proposal": "Accept", "proposed_by": self.world.keeper})
			dates.update(values)
			doc.db_set(dates)
		return doc.name

	def transfer(self, case: str, unit: str, state: str | None = None, **values) -> str:
		doc = insert(
			{
				"doctype": "Petition Transfer",
				"petition_case": case,
				"unit": unit,
				"transfer_role": "Lead Unit",
				"instructions": "_T Sec 请核实并答复",
			}
		)
		if state:
			doc.db_set({"workflow_state": state, **values})
		return doc.name

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

	def incident(self) -> str:
		return insert(
			{
				"doctype": "Emergency Incident",
				"incident_time": add_to_date(now_datetime(), hours=-1),
				"place": "_T Sec 接待大厅",
				"situation": "_T Sec 来访群众情绪激动",
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


# --- cleaning up --------------------------------------------------------------------------------------

TREES = ("Handling Unit", "Petition Category")
TRACES = {
	# doctype: (reference doctype field, reference name field)
	"ToDo": ("reference_type", "reference_name"),
	"Comment": ("reference_doctype", "reference_name"),
	"Communication": ("reference_doctype", "reference_name"),
	"Workflow Action": ("reference_doctype", "reference_name"),
	"Notification Log": ("document_type", "document_name"),
	"Email Queue": ("reference_doctype", "reference_name"),
	"Version": ("ref_doctype", "docname"),
	"File": ("attached_to_doctype", "attached_to_name"),
	"Access Log": ("export_from", "reference_document"),
}


def app_doctypes() -> list[str]:
	"""The app's DocTypes that hold records of their own (no child tables, no Singles)."""
	return frappe.get_all(
		"DocType",
		filters={"module": "Petition Management", "istable": 0, "issingle": 0},
		pluck="name",
		order_by="name",
	)


def delete_rows(doctype: str, names: list[str]):
	"""Delete records and their child rows with SQL: controllers would refuse some (approved ones)."""
	if not names:
		return
	for table in frappe.get_meta(doctype).get_table_fields():
		frappe.db.delete(table.options, {"parent": ("in", names), "parenttype": doctype})
	frappe.db.delete(doctype, {"name": ("in", names)})


def purge():
	"""Delete every record the test users own, their traces, their settings changes and the users."""
	frappe.set_user("Administrator")
	users = [user for user in ALL_USERS if frappe.db.exists("User", user)]
	deleted: dict[str, list[str]] = {}
	for doctype in app_doctypes():
		if doctype in TREES:
			continue
		names = frappe.get_all(doctype, filters={"owner": ("in", list(ALL_USERS))}, pluck="name")
		delete_rows(doctype, names)
		deleted[doctype] = names
	frappe.db.delete("User Permission", {"user": ("in", list(ALL_USERS))})
	for doctype in TREES:
		nodes = frappe.get_all(
			doctype, filters={"owner": ("in", list(ALL_USERS))}, pluck="name", order_by="lft desc"
		)
		for name in nodes:
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True, delete_permanently=True)
		deleted[doctype] = nodes
	for doctype, (type_field, name_field) in TRACES.items():
		for reference_doctype, names in deleted.items():
			if names:
				frappe.db.delete(doctype, {type_field: reference_doctype, name_field: ("in", names)})
		frappe.db.delete(doctype, {"owner": ("in", list(ALL_USERS))})
	for doctype in ("Deleted Document", "Email Account"):
		frappe.db.delete(doctype, {"owner": ("in", list(ALL_USERS))})
	for user in users:
		frappe.db.delete("Has Role", {"parent": user})
		frappe.db.delete("Sessions", {"user": user})
		frappe.delete_doc("User", user, force=True, ignore_permissions=True, delete_permanently=True)
	# what deleting the users and masters leaves: their change log, share and deletion notes
	frappe.db.delete("Version", {"ref_doctype": "User", "docname": ("like", f"%@{DOMAIN}")})
	frappe.db.delete("Comment", {"reference_doctype": "User", "reference_name": ("like", f"%@{DOMAIN}")})
	for subject, name in ((f"%@{DOMAIN}", f"%@{DOMAIN}"), ("% _T Sec %", "_T Sec %")):
		frappe.db.delete("Comment", {"comment_type": "Deleted", "subject": ("like", subject)})
		frappe.db.delete("Deleted Document", {"deleted_name": ("like", name)})
	frappe.db.commit()
	frappe.clear_cache()


SETTINGS = "Petition Settings"


def settings_rows() -> dict:
	return {
		"singles": frappe.db.sql("select * from `tabSingles` where doctype = %s", SETTINGS, as_dict=True),
		"holidays": frappe.db.sql(
			"select * from `tabPetition Holiday` where parenttype = %s", SETTINGS, as_dict=True
		),
	}


def restore_settings(rows: dict):
	"""Put the Settings back exactly as they were (REST writes and creates of the test change them)."""
	frappe.db.delete("Singles", {"doctype": SETTINGS})
	frappe.db.delete("Petition Holiday", {"parenttype": SETTINGS})
	for table, key in (("Singles", "singles"), ("Petition Holiday", "holidays")):
		for values in rows[key]:
			columns = ", ".join(f"`{column}`" for column in values)
			placeholders = ", ".join(["%s"] * len(values))
			frappe.db.sql(
				f"insert into `tab{table}` ({columns}) values ({placeholders})", tuple(values.values())
			)
	frappe.db.commit()
	frappe.clear_document_cache(SETTINGS, SETTINGS)


def build_world(add_records) -> World:
	"""After a purge: the users, the masters and, as the keeper, the records `add_records(builder)` adds;
	committed."""
	purge()
	builder = Builder()
	builder.users()
	builder.masters()
	frappe.set_user(builder.world.keeper)
	try:
		add_records(builder)
	finally:
		frappe.set_user("Administrator")
	frappe.db.commit()
	return builder.world


# --- the world of the permission matrix ---------------------------------------------------------------


def build_matrix_world() -> World:
	"""Users, units and records for every cell of the matrix (see test_permission_matrix)."""
	return build_world(add_matrix_records)


def add_matrix_records(b: Builder):
	w = b.world
	case_a, transfer_a = b.handled_case(UNIT_A)
	case_b, transfer_b = b.handled_case(UNIT_B)
	closed = b.case("Closed")
	w.case_a, w.case_b = case_a, case_b
	# the records every role reads, writes and (when refused) tries to delete: unit A's and unit B's
	w.records = {
		"Appraisal Run": {"A": b.appraisal_run(OLD_YEAR)},
		"Appraisal Scheme": {"A": b.scheme()},
		"Dispute Screening Round": {
			"A": b.screening_round(UNIT_A, f"{OLD_YEAR}-01-01"),
			"B": b.screening_round(UNIT_B, f"{OLD_YEAR}-01-01"),
		},
		"Emergency Incident": {"A": b.incident()},
		"Handling Unit": {"A": UNIT_A},
		"Mediation Case": {"A": b.mediation(UNIT_A, email("head")), "B": b.mediation(UNIT_B, w.head_b)},
		"Online Petition": {"A": b.online_petition()},
		"Petition Appraisal": {"A": b.appraisal(UNIT_A, OLD_YEAR), "B": b.appraisal(UNIT_B, OLD_YEAR)},
		"Petition Case": {"A": case_a, "B": case_b},
		"Petition Category": {"A": CATEGORY},
		"Petition Digest Log": {"A": b.digest_log(f"{OLD_YEAR}-01-01")},
		"Petition Extension": {"A": b.extension(case_a), "B": b.extension(case_b)},
		"Petition Letter": {"A": b.letter()},
		"Petition Return Visit": {"A": b.return_visit(closed)},
		"Petition Review": {"A": b.review(closed)},
		"Petition Settings": {"A": "Petition Settings"},
		"Petition Supervision": {"A": b.supervision(case_a, UNIT_A), "B": b.supervision(case_b, UNIT_B)},
		"Petition Transfer": {"A": transfer_a, "B": transfer_b},
		"Petition Visit": {"A": b.visit()},
		"Petitioner": {"A": w.petitioner},
		"Reception Day": {"A": b.reception_day("2031-05-05")},
		"Reception Schedule": {"A": b.reception_schedule("2031-03-01", "2031-03-31")},
	}
	w.default_scheme = b.default_scheme()
	# a unit person's response closes the order's response: each writes on an order of their own; the
	# Director writes on an extension waiting for approval (a draft is the requester's)
	pending_case, _transfer = b.handled_case(UNIT_A)
	pending_extension = b.extension(pending_case)
	frappe.db.set_value("Petition Extension", pending_extension, "workflow_state", "Pending Approval")
	w.own_write_records = {
		("Petition Supervision", m.HANDLER): b.supervision(case_a, UNIT_A),
		("Petition Supervision", m.HEAD): b.supervision(case_a, UNIT_A),
		("Petition Extension", m.DIRECTOR): pending_extension,
	}
	# submit: a decided review the Director submits
	second_closed = b.case("Closed")
	w.submit_records = {
		"Petition Review": b.review(second_closed, outcome="Upheld", opinion="<p>_T Sec 维持原处理意见</p>")
	}
	add_approval_records(b)
	add_create_payloads(b)
	# delete: a role allowed to delete but not to create deletes one of these
	w.delete_records = {("Online Petition", m.OFFICE): b.online_petition()}


def add_approval_records(b: Builder):
	"""A record in the state before each approval step, of unit A (and B for unit-scoped steps)."""
	w = b.world
	reply = {
		"handling_opinion": "<p>_T Sec 经核查属实</p>",
		"reply_draft": "<p>_T Sec 已责令整改</p>",
		"reply_submitted_by": email("handler"),
		"reply_submitted_on": now_datetime(),
		"acknowledged_by": email("handler"),
		"acknowledged_on": nowdate(),
	}
	head_signed = {**reply, "head_signed_by": email("head"), "head_signed_on": now_datetime()}
	leader_signed = {**head_signed, "leader_signed_by": email("leader"), "leader_signed_on": now_datetime()}
	transfer_values = {
		"Reply Drafted": reply,
		"Signed by Unit Head": head_signed,
		"Signed by Leader": leader_signed,
	}
	w.approval_records = {}
	for doctype, steps in m.APPROVAL_STEPS.items():
		for action, state, actor in steps:
			units = ["A", "B"] if m.cell(doctype, "approve", actor) == m.U else ["A"]
			for unit in units:
				unit_name = UNIT_A if unit == "A" else UNIT_B
				if doctype == "Petition Case":
					name = b.case("Pending Acceptance")
				elif doctype == "Petition Transfer":
					name = b.handled_case(unit_name, state, **transfer_values[state])[1]
				elif doctype == "Petition Extension":
					case, _transfer = b.handled_case(unit_name)
					name = b.extension(case)
					frappe.db.set_value(
						doctype,
						name,
						{"workflow_state": state, "requested_by": w.keeper, "requested_on": now_datetime()},
					)
				elif doctype == "Petition Appraisal":
					name = b.appraisal(unit_name, OLD_YEAR - 1)
					frappe.db.set_value(doctype, name, "workflow_state", state)
				w.approval_records[(doctype, action, unit)] = name


def add_create_payloads(b: Builder):
	"""For each DocType: one valid new record per role allowed to create it (and, for unit-scoped
	creation, one for the other unit), and one for the refused roles to try."""
	w = b.world
	w.create_payloads = {}
	for doctype, actions in m.MATRIX.items():
		cells = actions["create"]
		allowed = [role for role in m.ROLES if cells[role] in (m.Y, m.U)]
		for index, role in enumerate(allowed):
			w.create_payloads[(doctype, role, "A")] = create_payload(b, doctype, role, UNIT_A, index)
			if cells[role] == m.U:
				w.create_payloads[(doctype, role, "B")] = create_payload(b, doctype, role, UNIT_B, index + 20)
		w.create_payloads[(doctype, None, "A")] = create_payload(b, doctype, None, UNIT_A, 40)


def create_payload(b: Builder, doctype: str, role: str | None, unit: str, index: int) -> dict:
	"""A new record's values that pass every rule, so that only permissions can refuse it."""
	login = ROLE_LOGINS.get(role, "refused")
	label = f"_T Sec new {login} {index}"
	year = 2000 + index
	today = nowdate()
	if doctype == "Appraisal Run":
		return {"scheme": b.default_scheme(), "parent_unit": UNIT_A, "period_type": "Year", "year": year}
	if doctype == "Appraisal Scheme":
		values = scheme_values(label)
		values.pop("doctype")
		return values
	if doctype == "Dispute Screening Round":
		return {"unit": unit, "period_start": f"{year}-01-16"}
	if doctype == "Emergency Incident":
		return {
			"incident_time": str(add_to_date(now_datetime(), hours=-2)),
			"place": label,
			"situation": label,
		}
	if doctype == "Handling Unit":
		return {"unit_name": label}
	if doctype == "Mediation Case":
		return {
			"subject": label,
			"unit": unit,
			"mediator": email("head") if unit == UNIT_A else b.world.head_b,
			"opened_on": today,
			"dispute_description": label,
		}
	if doctype == "Online Petition":
		return {"full_name": label, "address": label, "subject": label, "content": label}
	if doctype == "Petition Appraisal":
		return {"unit": unit, "scheme": b.default_scheme(), "period_type": "Year", "year": year}
	if doctype == "Petition Case":
		return {
			"source_type": "Letter",
			"received_on": today,
			"subject": label,
			"content": f"<p>{label} 内容</p>",
			"petitioners": [{"petitioner": b.world.plain_petitioner}],
		}
	if doctype == "Petition Category":
		return {"category_name": label}
	if doctype == "Petition Digest Log":
		return {"user": b.world.keeper, "digest_date": f"{year}-02-01", "overdue": 1}
	if doctype == "Petition Extension":
		case, _transfer = b.handled_case(unit)
		return {"petition_case": case, "days": 3, "reason": label}
	if doctype == "Petition Letter":
		return {"channel": "Post", "received_on": today, "subject": label, "content": f"<p>{label}</p>"}
	if doctype == "Petition Return Visit":
		return {"petition_case": b.case("Closed"), "status": "Scheduled", "visit_date": today}
	if doctype == "Petition Review":
		return {
			"petition_case": b.case("Closed"),
			"review_type": "Review",
			"requested_on": today,
			"reviewing_body": label,
		}
	if doctype == "Petition Settings":
		return {"due_soon_days": 3}
	if doctype == "Petition Supervision":
		return {"petition_case": b.world.case_a, "unit": UNIT_A, "reason": "Other", "instructions": label}
	if doctype == "Petition Transfer":
		return {
			"petition_case": b.case("Accepted"),
			"unit": unit,
			"transfer_role": "Lead Unit",
			"instructions": label,
		}
	if doctype == "Petition Visit":
		return {
			"visit_datetime": str(now_datetime()),
			"reception_officer": email("reception"),
			"number_of_visitors": 1,
			"petitioners": [{"petitioner": b.world.plain_petitioner}],
			"subject": label,
			"content": f"<p>{label}</p>",
		}
	if doctype == "Petitioner":
		return {"full_name": label, "id_type": "None"}
	if doctype == "Reception Day":
		return {
			"reception_date": str(add_days("2032-01-05", 7 * index)),
			"leader": email("leader"),
			"place": label,
		}
	if doctype == "Reception Schedule":
		start = add_days("2033-01-01", 40 * index)
		return {
			"schedule_name": label,
			"from_date": str(start),
			"to_date": str(add_days(start, 13)),
			"rota": [{"leader": email("leader"), "weekday": "Tuesday", "place": label}],
		}
	raise KeyError(doctype)


# --- the world of the field-level leak tests ------------------------------------------------------------


def build_leak_world() -> World:
	"""The Petitioner with protected values on every record that can show them, for every path."""
	return build_world(add_leak_records)


def add_leak_records(b: Builder):
	w = b.world
	# changes that leave Versions (tests skip them unless asked): a phone corrected, a petitioner added
	# to a case (the row's masked copies go into the log), a letter's phone corrected
	petitioner = frappe.get_doc("Petitioner", w.petitioner)
	petitioner.phone = OLD_PHONE
	petitioner.save(ignore_permissions=True, ignore_version=False)
	petitioner.reload()
	petitioner.phone = SECRET_PHONE_TYPED
	petitioner.save(ignore_permissions=True, ignore_version=False)
	case = frappe.get_doc("Petition Case", b.case("Accepted", petitioner=w.plain_petitioner))
	case.append("petitioners", {"petitioner": w.petitioner})
	case.save(ignore_permissions=True, ignore_version=False)
	case_a = case.name
	transfer_a = b.transfer(case_a, UNIT_A)
	frappe.db.set_value("Petition Case", case_a, "workflow_state", "In Handling")
	letter = frappe.get_doc("Petition Letter", b.letter())
	letter.sender_phone = LETTER_OLD_PHONE
	letter.save(ignore_permissions=True, ignore_version=False)
	letter.reload()
	letter.sender_phone = LETTER_PHONE
	letter.save(ignore_permissions=True, ignore_version=False)
	closed = b.case("Closed")
	visit = b.visit()
	incident = insert(
		{
			"doctype": "Emergency Incident",
			"incident_time": add_to_date(now_datetime(), hours=-1),
			"place": "_T Sec 接待大厅",
			"situation": "_T Sec 来访群众情绪激动",
			"visits": [{"visit": visit}],
			"cases": [{"petition_case": case_a}],
		}
	).name
	w.records = {
		"Petitioner": w.petitioner,
		"Petition Letter": letter.name,
		"Petition Visit": visit,
		"Petition Case": case_a,
		"Online Petition": b.online_petition(),
		"Petition Transfer": transfer_a,
		"Petition Supervision": b.supervision(case_a, UNIT_A),
		"Petition Extension": b.extension(case_a),
		"Petition Return Visit": b.return_visit(closed),
		"Petition Review": b.review(closed),
		"Emergency Incident": incident,
	}


# --- the world of the bad-input corpus ------------------------------------------------------------------


def build_bad_input_world() -> World:
	"""Records in the states the bad-input corpus acts on (its `@name` references)."""
	world = build_world(add_bad_input_records)
	for user in ALL_USERS:
		# every message in Chinese: the corpus checks that each refusal is translated
		frappe.db.set_value("User", user, "language", "zh")
	frappe.db.commit()
	return world


def add_bad_input_records(b: Builder):
	w = b.world
	today = getdate(nowdate())
	w.case_registered = b.case()
	w.case_pending_own = b.case("Pending Acceptance")  # proposed by the keeper
	w.case_pending_refusal = b.case(
		"Pending Acceptance",
		acceptance_proposal="Do Not Accept",
		non_acceptance_reason="_T Sec 不属于本机关职责",
		competent_body="_T Sec 县人民法院",
		proposed_by=email("office"),
	)
	w.case_handling, w.transfer_issued = b.handled_case(UNIT_A)
	w.case_acknowledged, w.transfer_acknowledged = b.handled_case(
		UNIT_A, "Acknowledged", acknowledged_by=email("handler"), acknowledged_on=nowdate()
	)
	late_issue = add_days(today, -40)
	w.case_late, w.transfer_late = b.handled_case(UNIT_A)
	frappe.db.set_value(
		"Petition Transfer",
		w.transfer_late,
		{
			"issued_on": late_issue,
			"objection_due": add_days(late_issue, 7),
			"objection_reason": "_T Sec 不属于本单位职责",
		},
	)
	w.case_extensible, w.transfer_extensible = b.handled_case(UNIT_A)
	pending_case, _transfer = b.handled_case(UNIT_A)
	w.extension_pending = b.extension(pending_case)
	frappe.db.set_value(
		"Petition Extension",
		w.extension_pending,
		{"workflow_state": "Pending Approval", "requested_by": w.keeper, "requested_on": now_datetime()},
	)
	w.appraisal_review = b.appraisal(UNIT_A, OLD_YEAR)
	frappe.db.set_value("Petition Appraisal", w.appraisal_review, "workflow_state", "Under Review")
	w.case_closed = b.case("Closed")
	w.case_closed_reviewed = b.case("Closed")
	w.review_existing = b.review(w.case_closed_reviewed)
	long_ago = add_days(today, -200)
	w.case_closed_long_ago = b.case(
		"Closed",
		replied_on=long_ago,
		delivered_on=long_ago,
		closed_on=long_ago,
		review_request_due=add_days(long_ago, 30),
	)
	w.supervision_a = b.supervision(w.case_handling, UNIT_A)
	w.mediation_a = b.mediation(UNIT_A, email("head"))
	w.round_a = b.screening_round(UNIT_A, f"{OLD_YEAR}-01-01")
	w.visit = b.visit()
	w.letter = b.letter()
	w.online_petition = b.online_petition()
	w.tracking_number = frappe.db.get_value("Online Petition", w.online_petition, "tracking_number")
	w.scheme = b.default_scheme()
	w.unit_a, w.unit_b = UNIT_A, UNIT_B
	w.reception_user = email("reception")
	w.leader_user = email("leader")
	w.head_user = email("head")
