"""The bad-input corpus: every case is refused with a clear, translated message and an HTTP 4xx, never a
500, and leaves the database as it was.

CORPUS is plain data: who sends what (over HTTP, to a running site), and optionally the exception the
refusal must carry. `@name` in a value is the name of a record of the world (fixtures.build_bad_input_world).
The users' language is Chinese (the Guest asks for it with Accept-Language), so a refusal is "translated"
when its message holds Chinese text. Before and after each case the row count and the latest change of
every table of the app are read in one query: a refused case changes none of them.
"""

import json
import re
import time

import frappe
from frappe.tests.utils import FrappeTestCase

from petition_management.tests.security import fixtures as fx
from petition_management.tests.security import matrix as m
from petition_management.tests.security.http import Client, check_server, exc_type, message

MB = 1024 * 1024
BIG = "长" * (MB // 3 + 1)  # a little over 1 MB of UTF-8
SQLISH = "1' OR '1'='1'; DROP TABLE `tabPetitioner`; --"
SCRIPT = "<script>alert('x')</script>"
CJK = re.compile(r"[\u4e00-\u9fff]")
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def bad_id(first17: str, check: str | None = None) -> str:
	"""An ID number with a correct check digit (unless given), so that only the part tested is wrong."""
	return first17 + (check if check is not None else fx.check_digit(first17))


def petitioner(**values) -> dict:
	return {"full_name": "_T Sec 坏输入", "id_type": "PRC Resident ID", **values}


def case(**values) -> dict:
	return {
		"source_type": "Letter",
		"received_on": frappe.utils.nowdate(),
		"subject": "_T Sec 坏输入案件",
		"content": "<p>_T Sec 内容</p>",
		"petitioners": [{"petitioner": "@petitioner"}],
		**values,
	}


def visit(**values) -> dict:
	return {
		"visit_datetime": str(frappe.utils.now_datetime()),
		"reception_officer": "@reception_user",
		"number_of_visitors": 1,
		"petitioners": [{"petitioner": "@petitioner"}],
		"subject": "_T Sec 坏输入来访",
		"content": "<p>_T Sec 内容</p>",
		**values,
	}


def letter(**values) -> dict:
	today = frappe.utils.nowdate()
	return {
		"channel": "Post",
		"received_on": today,
		"subject": "_T Sec 坏输入来信",
		"content": "<p>x</p>",
		**values,
	}


def extension(**values) -> dict:
	return {"petition_case": "@case_extensible", "days": 5, "reason": "_T Sec 情况复杂", **values}


def review(**values) -> dict:
	today = frappe.utils.nowdate()
	return {"petition_case": "@case_closed", "review_type": "Review", "requested_on": today, **values}


def mediation(**values) -> dict:
	return {
		"subject": "_T Sec 调解",
		"unit": "@unit_a",
		"mediator": "@head_user",
		"opened_on": frappe.utils.nowdate(),
		"dispute_description": "_T Sec 邻里纠纷",
		**values,
	}


def web_form(**values) -> dict:
	return {
		"doctype": "Online Petition",
		"full_name": "_T Sec 网上",
		"address": "_T Sec 某路",
		"subject": "_T Sec 网上信访",
		"content": "_T Sec 内容",
		**values,
	}


def dispute(description: str) -> dict:
	return {
		"description": description,
		"parties_type": "Neighbours",
		"kind": "Neighbourhood",
		"risk_level": "Low",
		"status": "Open",
	}


R, OF, H, HD, L, D = m.RECEPTION, m.OFFICE, m.HANDLER, m.HEAD, m.LEADER, m.DIRECTOR

# Cases the app cannot refuse yet, each with the reason; they are still sent and must still misbehave
# exactly as described (the test says when one gets fixed). Empty since utils/request_input.py.
KNOWN_GAPS: dict[str, str] = {}

# id, user, kind, arguments[, expected exception type]
# kinds: create (doctype, values), update (doctype, @record, values), workflow (doctype, @record, action:
# apply_workflow acts on the stored record), get (path, params), method (dotted path, params),
# raw (path with @record, JSON body[, HTTP method]), upload (file name, content),
# web_form (values)
CORPUS: list[tuple] = [
	# --- resident IDs and phones (Petitioner) ---------------------------------------------------------
	(
		"id-too-short",
		R,
		"create",
		("Petitioner", petitioner(id_number="11010519630719")),
		"PetitionerIdError",
	),
	("id-19-chars", R, "create", ("Petitioner", petitioner(id_number=bad_id("11010519630719123") + "1"))),
	("id-check-digit", R, "create", ("Petitioner", petitioner(id_number=bad_id("11010519630719123", "0")))),
	("id-letters", R, "create", ("Petitioner", petitioner(id_number="1101051963O719123X"))),
	("id-month-13", R, "create", ("Petitioner", petitioner(id_number=bad_id("11010519631319123")))),
	("id-feb-30", R, "create", ("Petitioner", petitioner(id_number=bad_id("11010519630230123")))),
	("id-born-in-future", R, "create", ("Petitioner", petitioner(id_number=bad_id("11010520900101123")))),
	("id-sql", R, "create", ("Petitioner", petitioner(id_number=SQLISH))),
	("id-script", R, "create", ("Petitioner", petitioner(id_number=SCRIPT))),
	("id-1mb", R, "create", ("Petitioner", petitioner(id_number=BIG))),
	("id-duplicate", R, "create", ("Petitioner", petitioner(id_number=fx.SECRET_ID))),
	("phone-too-short", R, "create", ("Petitioner", petitioner(id_type="None", phone="12345"))),
	("phone-letters", R, "create", ("Petitioner", petitioner(id_type="None", phone="abcdefghijk"))),
	("phone-script", R, "create", ("Petitioner", petitioner(id_type="None", phone=SCRIPT))),
	("phone-1mb", R, "create", ("Petitioner", petitioner(id_type="None", phone="1" * MB))),
	("name-1mb", R, "create", ("Petitioner", petitioner(id_type="None", full_name=BIG))),
	("email-invalid", R, "create", ("Petitioner", petitioner(id_type="None", email="not-an-email"))),
	("gender-unknown", R, "create", ("Petitioner", petitioner(id_type="None", gender="Robot"))),
	("id-type-unknown", R, "create", ("Petitioner", petitioner(id_type="Library Card", id_number="123"))),
	("unknown-field", R, "create", ("Petitioner", petitioner(id_type="None", favourite_colour="red"))),
	("unknown-field-update", R, "update", ("Petitioner", "@plain_petitioner", {"shoe_size": 42})),
	# --- cases -------------------------------------------------------------------------------------------
	(
		"case-received-future",
		R,
		"create",
		("Petition Case", case(received_on="2099-01-01")),
		"PetitionCaseError",
	),
	("case-received-feb-30", R, "create", ("Petition Case", case(received_on="2026-02-30"))),
	("case-received-abc", R, "create", ("Petition Case", case(received_on="abc"))),
	("case-received-number", R, "create", ("Petition Case", case(received_on=12345))),
	("case-referral-before-receipt", R, "create", ("Petition Case", case(referral_deadline="2000-01-01"))),
	("case-source-unknown", R, "create", ("Petition Case", case(source_type="Telepathy"))),
	("case-category-missing", R, "create", ("Petition Case", case(category="_T Sec No Such Category"))),
	(
		"case-petitioner-missing",
		R,
		"create",
		("Petition Case", case(petitioners=[{"petitioner": "PTR-999999"}])),
	),
	("case-petitioner-sql", R, "create", ("Petition Case", case(petitioners=[{"petitioner": SQLISH}]))),
	("case-petitioners-not-list", R, "create", ("Petition Case", case(petitioners="@petitioner"))),
	("case-subject-1mb", R, "create", ("Petition Case", case(subject=BIG))),
	("case-content-1mb", R, "create", ("Petition Case", case(content=BIG))),
	("case-request-1mb", R, "create", ("Petition Case", case(request=BIG))),
	("case-unknown-field", R, "update", ("Petition Case", "@case_registered", {"priority_level": "urgent"})),
	(
		"case-skip-workflow",
		R,
		"update",
		("Petition Case", "@case_registered", {"workflow_state": "Archived"}),
	),
	("body-json-list", R, "raw", ("/api/resource/Petition Case", "[1, 2, 3]")),
	("body-not-json", R, "raw", ("/api/resource/Petition Case", "{subject: oops")),
	("body-json-number", R, "raw", ("/api/resource/Petition Case", "42")),
	("body-update-json-list", R, "raw", ("/api/resource/Petition Case/@case_registered", "[1]", "PUT")),
	("body-v2-unknown-field", R, "raw", ("/api/v2/document/Petitioner", '{"full_name": "x", "eye": 1}')),
	(
		"case-petitioner-row-not-object",
		R,
		"create",
		("Petition Case", case(petitioners=["@petitioner"])),
	),
	(
		"case-petitioner-row-unknown-field",
		R,
		"create",
		("Petition Case", case(petitioners=[{"petitioner": "@petitioner", "relation": "self"}])),
	),
	("client-insert-doc-not-json", R, "method", ("frappe.client.insert", {"doc": "{doctype: Petitioner"})),
	("client-save-doc-list", R, "method", ("frappe.client.save", {"doc": "[1, 2]"})),
	(
		"savedocs-doc-not-json",
		R,
		"method",
		("frappe.desk.form.save.savedocs", {"doc": "{", "action": "Save"}),
	),
	# --- list queries through REST -------------------------------------------------------------------------
	(
		"list-field-subquery",
		OF,
		"get",
		("/api/resource/Petition Case", {"fields": ["name from `tabUser` --"]}),
	),
	("list-order-by-sql", OF, "get", ("/api/resource/Petition Case", {"order_by": "name; DROP TABLE x"})),
	("list-unknown-field", OF, "get", ("/api/resource/Petition Case", {"fields": ["no_such_field"]})),
	(
		"list-filter-unknown-field",
		OF,
		"get",
		("/api/resource/Petition Case", {"filters": [["no_such", "=", 1]]}),
	),
	("list-filters-not-json", OF, "get", ("/api/resource/Petition Case", {"filters": "name = 1"})),
	("list-fields-not-json", OF, "get", ("/api/resource/Petition Case", {"fields": "name, subject"})),
	(
		"report-view-filters-not-json",
		OF,
		"method",
		("frappe.desk.reportview.get", {"doctype": "Petition Case", "fields": '["name"]', "filters": "x"}),
	),
	(
		"client-list-filters-not-json",
		OF,
		"method",
		("frappe.client.get_list", {"doctype": "Petitioner", "filters": "phone like 138%"}),
	),
	(
		"list-group-by-sleep",
		OF,
		"method",
		(
			"frappe.desk.reportview.get",
			{"doctype": "Petition Case", "fields": ["name"], "group_by": "sleep(3)"},
		),
	),
	# --- visits and letters --------------------------------------------------------------------------------
	("visitors-negative", R, "create", ("Petition Visit", visit(number_of_visitors=-3))),
	("visitors-zero", R, "create", ("Petition Visit", visit(number_of_visitors=0))),
	("visitors-abc", R, "create", ("Petition Visit", visit(number_of_visitors="abc"))),
	("visitors-list", R, "create", ("Petition Visit", visit(number_of_visitors=[1, 2]))),
	("visit-in-future", R, "create", ("Petition Visit", visit(visit_datetime="2099-01-01 10:00:00"))),
	(
		"visit-officer-missing",
		R,
		"create",
		("Petition Visit", visit(reception_officer="nobody@sec.test.local")),
	),
	("letter-received-future", R, "create", ("Petition Letter", letter(received_on="2099-01-01"))),
	("letter-channel-unknown", R, "create", ("Petition Letter", letter(channel="Carrier Pigeon"))),
	("letter-email-invalid", R, "create", ("Petition Letter", letter(sender_email=SCRIPT))),
	# --- workflow actions out of order or by the wrong role ----------------------------------------------
	("case-start-before-acceptance", OF, "workflow", ("Petition Case", "@case_registered", "Start Handling")),
	(
		"case-propose-by-reception",
		R,
		"workflow",
		("Petition Case", "@case_registered", "Propose Acceptance Decision"),
	),
	(
		"case-self-approval",
		"keeper",
		"workflow",
		("Petition Case", "@case_pending_own", "Approve Acceptance"),
		"SelfApprovalError",
	),
	(
		"case-accept-a-refusal",
		D,
		"workflow",
		("Petition Case", "@case_pending_refusal", "Approve Acceptance"),
	),
	("case-unknown-action", OF, "workflow", ("Petition Case", "@case_registered", "Make It Disappear")),
	(
		"transfer-reply-before-receipt",
		H,
		"workflow",
		("Petition Transfer", "@transfer_issued", "Submit Reply"),
	),
	(
		"transfer-head-signs-no-reply",
		HD,
		"workflow",
		("Petition Transfer", "@transfer_acknowledged", "Sign as Unit Head"),
	),
	(
		"transfer-handler-signs",
		H,
		"workflow",
		("Petition Transfer", "@transfer_acknowledged", "Sign as Unit Head"),
	),
	(
		"transfer-leader-signs-first",
		L,
		"workflow",
		("Petition Transfer", "@transfer_issued", "Sign as Leader"),
	),
	(
		"transfer-office-accepts-draft",
		OF,
		"workflow",
		("Petition Transfer", "@transfer_acknowledged", "Accept Reply"),
	),
	(
		"transfer-objection-late",
		H,
		"workflow",
		("Petition Transfer", "@transfer_late", "Object"),
		"ObjectionError",
	),
	(
		"transfer-objection-no-reason",
		H,
		"workflow",
		("Petition Transfer", "@transfer_issued", "Object"),
		"ObjectionError",
	),
	("extension-approved-by-handler", H, "workflow", ("Petition Extension", "@extension_pending", "Approve")),
	("extension-rejected-no-reason", D, "workflow", ("Petition Extension", "@extension_pending", "Reject")),
	("appraisal-approved-by-office", OF, "workflow", ("Petition Appraisal", "@appraisal_review", "Approve")),
	# --- extensions ------------------------------------------------------------------------------------------
	("extension-0-days", H, "create", ("Petition Extension", extension(days=0))),
	("extension-31-days", H, "create", ("Petition Extension", extension(days=31))),
	("extension-abc-days", H, "create", ("Petition Extension", extension(days="abc"))),
	("extension-negative-days", H, "create", ("Petition Extension", extension(days=-5))),
	("extension-fractional-days", H, "create", ("Petition Extension", extension(days="2.5"))),
	(
		"extension-case-not-handled",
		OF,
		"create",
		("Petition Extension", extension(petition_case="@case_registered")),
	),
	(
		"extension-case-missing",
		OF,
		"create",
		("Petition Extension", extension(petition_case="PC-0000-99999")),
	),
	# --- reviews and return visits -------------------------------------------------------------------------
	(
		"review-window-closed",
		OF,
		"create",
		("Petition Review", review(petition_case="@case_closed_long_ago")),
	),
	("review-before-reply", OF, "create", ("Petition Review", review(petition_case="@case_handling"))),
	("review-twice", OF, "create", ("Petition Review", review(petition_case="@case_closed_reviewed"))),
	(
		"re-review-before-review",
		OF,
		"create",
		("Petition Review", review(petition_case="@case_closed_reviewed", review_type="Re-review")),
	),
	("review-requested-future", OF, "create", ("Petition Review", review(requested_on="2099-01-01"))),
	("review-type-unknown", OF, "create", ("Petition Review", review(review_type="Appeal"))),
	(
		"return-visit-open-case",
		OF,
		"create",
		(
			"Petition Return Visit",
			{"petition_case": "@case_handling", "status": "Scheduled", "visit_date": frappe.utils.nowdate()},
		),
	),
	(
		"return-visit-done-in-future",
		OF,
		"create",
		(
			"Petition Return Visit",
			{
				"petition_case": "@case_closed",
				"status": "Completed",
				"visit_date": "2099-01-01",
				"method": "Phone",
				"satisfaction": "Satisfied",
			},
		),
	),
	# --- transfers and supervision -------------------------------------------------------------------------
	(
		"transfer-due-after-case",
		OF,
		"create",
		(
			"Petition Transfer",
			{
				"petition_case": "@case_extensible",
				"unit": "@unit_b",
				"transfer_role": "Co-handling Unit",
				"due_date": "2099-01-01",
			},
		),
	),
	(
		"transfer-due-abc",
		OF,
		"create",
		(
			"Petition Transfer",
			{
				"petition_case": "@case_extensible",
				"unit": "@unit_b",
				"transfer_role": "Co-handling Unit",
				"due_date": "abc",
			},
		),
	),
	(
		"transfer-second-lead",
		OF,
		"create",
		(
			"Petition Transfer",
			{"petition_case": "@case_handling", "unit": "@unit_b", "transfer_role": "Lead Unit"},
		),
	),
	(
		"transfer-unit-missing",
		OF,
		"create",
		(
			"Petition Transfer",
			{
				"petition_case": "@case_extensible",
				"unit": "_T Sec No Such Unit",
				"transfer_role": "Co-handling Unit",
			},
		),
	),
	(
		"supervision-closed-case",
		OF,
		"create",
		(
			"Petition Supervision",
			{"petition_case": "@case_closed", "unit": "@unit_a", "reason": "Other", "instructions": "x"},
		),
	),
	(
		"supervision-due-in-past",
		OF,
		"create",
		(
			"Petition Supervision",
			{
				"petition_case": "@case_handling",
				"unit": "@unit_a",
				"reason": "Other",
				"instructions": "x",
				"response_due": "2000-01-01",
			},
		),
	),
	(
		"supervision-other-unit-responds",
		"head-b",
		"update",
		("Petition Supervision", "@supervision_a", {"response": "_T Sec 不是我们单位"}),
	),
	# --- settings ------------------------------------------------------------------------------------------
	(
		"settings-negative-days",
		OF,
		"update",
		("Petition Settings", "Petition Settings", {"acceptance_days": -5}),
	),
	("settings-zero-days", OF, "update", ("Petition Settings", "Petition Settings", {"handling_days": 0})),
	(
		"settings-abc-days",
		OF,
		"update",
		("Petition Settings", "Petition Settings", {"max_extension_days": "abc"}),
	),
	(
		"settings-huge-days",
		OF,
		"update",
		("Petition Settings", "Petition Settings", {"review_request_days": 99999}),
	),
	(
		"settings-fraction",
		OF,
		"update",
		("Petition Settings", "Petition Settings", {"group_visit_threshold": 1.5}),
	),
	(
		"settings-day-basis-unknown",
		OF,
		"update",
		("Petition Settings", "Petition Settings", {"day_basis": "Moon Days"}),
	),
	(
		"settings-holiday-abc",
		OF,
		"update",
		(
			"Petition Settings",
			"Petition Settings",
			{"holidays": [{"holiday_date": "abc", "day_type": "Day Off"}]},
		),
	),
	# --- special work, appraisal ---------------------------------------------------------------------------
	(
		"mediation-id-number-in-text",
		HD,
		"create",
		("Mediation Case", mediation(dispute_description=f"申请人身份证 {fx.SECRET_ID}")),
		"PersonalDataError",
	),
	(
		"mediation-phone-in-subject",
		HD,
		"create",
		("Mediation Case", mediation(subject=f"联系 {fx.SECRET_PHONE}")),
	),
	(
		"mediation-mediator-missing",
		HD,
		"create",
		("Mediation Case", mediation(mediator="nobody@sec.test.local")),
	),
	("mediation-opened-abc", HD, "create", ("Mediation Case", mediation(opened_on="abc"))),
	(
		"round-not-half-month",
		HD,
		"create",
		("Dispute Screening Round", {"unit": "@unit_a", "period_start": "2015-01-05"}),
	),
	(
		"round-phone-in-dispute",
		HD,
		"update",
		("Dispute Screening Round", "@round_a", {"disputes": [dispute(f"电话 {fx.SECRET_PHONE}")]}),
	),
	(
		"incident-people-negative",
		R,
		"create",
		(
			"Emergency Incident",
			{"incident_time": "2026-01-01 10:00:00", "place": "x", "situation": "x", "number_of_people": -5},
		),
	),
	(
		"incident-in-future",
		R,
		"create",
		("Emergency Incident", {"incident_time": "2099-01-01 10:00:00", "place": "x", "situation": "x"}),
	),
	(
		"appraisal-year-abc",
		OF,
		"create",
		(
			"Petition Appraisal",
			{"unit": "@unit_a", "scheme": "@scheme", "period_type": "Year", "year": "abc"},
		),
	),
	(
		"appraisal-quarter-9",
		OF,
		"create",
		(
			"Petition Appraisal",
			{
				"unit": "@unit_a",
				"scheme": "@scheme",
				"period_type": "Quarter",
				"year": 2015,
				"period_number": 9,
			},
		),
	),
	(
		"appraisal-duplicate",
		OF,
		"create",
		(
			"Petition Appraisal",
			{"unit": "@unit_a", "scheme": "@scheme", "period_type": "Year", "year": fx.OLD_YEAR},
		),
	),
	(
		"schedule-ends-before-start",
		OF,
		"create",
		(
			"Reception Schedule",
			{
				"schedule_name": "_T Sec 倒序",
				"from_date": "2031-05-31",
				"to_date": "2031-05-01",
				"rota": [{"leader": "@leader_user", "weekday": "Monday", "place": "x"}],
			},
		),
	),
	# --- the citizens' portal (Guest) ----------------------------------------------------------------------
	("upload-exe", m.GUEST, "upload", ("setup.exe", b"MZ\x90\x00" + b"\x00" * 64), "AttachmentError"),
	(
		"upload-fake-pdf",
		m.GUEST,
		"upload",
		("letter.pdf", b"<html><script>alert(1)</script></html>"),
		"AttachmentError",
	),
	("upload-over-10mb", m.GUEST, "upload", ("big.pdf", PDF + b"0" * (10 * MB)), "AttachmentError"),
	("upload-no-file", m.GUEST, "upload", (None, None)),
	("web-form-bad-id", m.GUEST, "web_form", (web_form(id_type="PRC Resident ID", id_number="12345"),)),
	("web-form-bad-phone", m.GUEST, "web_form", (web_form(phone="12"),)),
	("web-form-content-1mb", m.GUEST, "web_form", (web_form(content=BIG),)),
]


def resolve(value, world):
	"""`@name` strings become the world's record names, recursively."""
	if isinstance(value, str) and value.startswith("@"):
		return world[value[1:]]
	if isinstance(value, dict):
		return {key: resolve(item, world) for key, item in value.items()}
	if isinstance(value, list):
		return [resolve(item, world) for item in value]
	return value


def fingerprint_query() -> str:
	"""One statement: the row count and latest change of every table of the app, and of File."""
	tables = frappe.get_all("DocType", filters={"module": "Petition Management", "issingle": 0}, pluck="name")
	parts = [f"select '{t}', count(*), max(modified) from `tab{t}`" for t in sorted([*tables, "File"])]
	parts.append(
		"select 'Singles', count(*), md5(group_concat(field, '=', ifnull(value, '') order by field)) "
		"from `tabSingles` where doctype = 'Petition Settings'"
	)
	return " union all ".join(parts)


class TestBadInput(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		check_server()
		# cleanups run even when setUpClass fails half-way (last registered, first run)
		cls.addClassCleanup(fx.purge)
		cls.addClassCleanup(fx.restore_settings, fx.settings_rows())
		cls.world = fx.build_bad_input_world()
		frappe.cache.delete_keys("rl:")  # the portal's rate limits, from earlier runs
		logins = {**cls.world.users, "keeper": cls.world.keeper, "head-b": cls.world.head_b}
		cls.clients = {
			key: Client(user, fx.PASSWORD).login() if user else Client() for key, user in logins.items()
		}
		cls.clients[m.GUEST].session.headers["Accept-Language"] = "zh"
		cls.fingerprint_sql = fingerprint_query()

	def fingerprint(self):
		frappe.db.rollback()  # a fresh snapshot of what the server committed
		return frappe.db.sql(self.fingerprint_sql)

	def send(self, user: str, kind: str, args: tuple):
		client = self.clients[user]
		args = resolve(list(args), self.world)
		if kind == "create":
			return client.create(*args)
		if kind == "update":
			return client.update(*args)
		if kind == "get":
			return client.get(*args)
		if kind == "method":
			method, params = args
			return client.post(f"/api/method/{method}", params)
		if kind == "raw":
			path, body, http_method = (*args, "POST")[:3]
			path = re.sub(r"@(\w+)", lambda match: self.world[match.group(1)], path)
			return client.request(http_method, path, data=body, headers={"Content-Type": "application/json"})
		if kind == "workflow":
			doctype, name, action = args
			doc = json.loads(frappe.get_doc(doctype, name).as_json())
			return client.post(
				"/api/method/frappe.model.workflow.apply_workflow", {"doc": doc, "action": action}
			)
		if kind == "upload":
			file_name, content = args
			files = {"file": (file_name, content)} if file_name else None
			return client.request(
				"POST", "/api/method/petition_management.api.portal.upload_attachment", files=files
			)
		if kind == "web_form":
			(values,) = args
			return client.post(
				"/api/method/frappe.website.doctype.web_form.web_form.accept",
				{"web_form": "online-petition", "data": json.dumps(values)},
			)
		raise ValueError(kind)

	def test_corpus_has_at_least_60_distinct_cases(self):
		ids = [row[0] for row in CORPUS]
		self.assertEqual(len(ids), len(set(ids)), "duplicate case ids")
		self.assertGreaterEqual(len(ids), 60)

	def test_every_bad_input_is_refused_cleanly(self):
		failures, gaps_still_open = [], set()
		started = time.monotonic()
		for row in CORPUS:
			case_id, user, kind, args = row[:4]
			expected_exception = row[4] if len(row) > 4 else None
			frappe.db.rollback()
			before = self.fingerprint()
			response = self.send(user, kind, args)
			after = self.fingerprint()
			problems = []
			if not 400 <= response.status_code < 500:
				problems.append(f"HTTP {response.status_code}")
			text = message(response)
			if not text.strip():
				problems.append("no message")
			elif not CJK.search(text):
				problems.append("message not translated")
			if expected_exception and exc_type(response) != expected_exception:
				problems.append(f"exception {exc_type(response) or '-'}, expected {expected_exception}")
			if after != before:
				changed = sorted({row[0] for row in set(after) ^ set(before)})
				problems.append(f"database changed: {', '.join(changed)}")
			if problems and case_id in KNOWN_GAPS:
				gaps_still_open.add(case_id)
			elif problems:
				failures.append(
					f"{case_id} ({user}): {'; '.join(problems)} | {exc_type(response)} {text[:160]}"
				)
		fixed = sorted(set(KNOWN_GAPS) - gaps_still_open)
		self.assertEqual(fixed, [], "these known gaps are fixed now: remove them from KNOWN_GAPS")
		self.assertEqual(
			failures,
			[],
			f"{len(failures)} of {len(CORPUS)} cases failed in {time.monotonic() - started:.0f}s:\n"
			+ "\n".join(failures),
		)
