# Copyright (c) 2026, Petition Management contributors
# See license.txt

import datetime

import frappe
from frappe.api import v1
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError, apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, nowdate

from petition_management.handling.assignment import unit_handlers
from petition_management.handling.transfers import (
	CaseNotReadyError,
	TransferState,
	lead_transfer,
	user_units,
	validate_case_can_be_replied,
	validate_case_can_start_handling,
)
from petition_management.petition_management.doctype.petition_transfer.petition_transfer import (
	DueDateError,
	DuplicateTransferError,
	LockedFieldError,
	ObjectionError,
	ReplyIncompleteError,
	SignatureError,
	objection_days,
	working_calendar,
)
from petition_management.rules.deadlines import count_working_days
from petition_management.setup.workflows import ensure_workflows
from petition_management.tests.utils import make_petitioner, make_staffed_unit, make_unit, make_user

DOMAIN = "transfer.test.local"
UNIT_A, UNIT_B, UNIT_C, UNIT_D = (
	"_T Transfer Unit A",
	"_T Transfer Unit B",
	"_T Transfer Unit C",
	"_T Transfer Unit D",
)
HANDLER, HEAD, LEADER = "Petition Unit Handler", "Petition Unit Head", "Petition Leader"
# login: roles
USERS = {
	"office": ["Petition Office"],
	"office2": ["Petition Office"],
	"supervisor": ["Petition Supervisor"],
	"reception": ["Petition Reception Officer"],
	"handler-a": [HANDLER],
	"handler-b": [HANDLER],
	"handler-c": [HANDLER],
	"head-a": [HEAD],
	"head-b": [HEAD],
	"head-c": [HEAD],
	"leader-a": [LEADER],
	"leader-b": [LEADER],
	# works in unit A with the Unit Head role but is not its head
	"deputy-a": [HANDLER, HEAD],
	# the only person of unit D: handler and head at once
	"solo-d": [HANDLER, HEAD],
}
# unit: (head, leader, handlers tied by User Permission)
UNITS = {
	UNIT_A: ("head-a", "leader-a", ["handler-a", "deputy-a"]),
	UNIT_B: ("head-b", "leader-b", ["handler-b"]),
	UNIT_C: ("head-c", "leader-a", ["handler-c"]),
	UNIT_D: ("solo-d", "leader-a", ["solo-d"]),
}


def u(login: str) -> str:
	return f"{login}@{DOMAIN}"


def working_days_ago(n: int) -> datetime.date:
	"""The latest date with exactly `n` working days after it up to today."""
	today = getdate(nowdate())
	day = today
	while count_working_days(day, today, working_calendar()) < n:
		day -= datetime.timedelta(days=1)
	return day


class TestPetitionTransfer(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		ensure_workflows()
		for login, roles in USERS.items():
			make_user(u(login), roles)
		for unit, (head, leader, handlers) in UNITS.items():
			make_staffed_unit(unit, u(head), u(leader), [u(handler) for handler in handlers])
		frappe.db.commit()

	def setUp(self):
		frappe.set_user("Administrator")
		self.petitioner = make_petitioner("_T 李娜", phone="13900139000", address="某市某区某路1号")

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		# a test may edit the Workflow: drop its cached copy with the rolled-back edit
		frappe.clear_cache(doctype="Petition Transfer")
		frappe.clear_document_cache("Workflow", "Petition Transfer")

	# --- helpers -------------------------------------------------------------------------------------

	def make_case(self, state="Accepted", handling_days=60):
		frappe.set_user("Administrator")
		case = frappe.get_doc(
			{
				"doctype": "Petition Case",
				"source_type": "Letter",
				"received_on": nowdate(),
				"subject": "_T 小区停车费上涨",
				"content": "小区物业擅自提高停车费，请求查处。",
				"petitioners": [{"petitioner": self.petitioner}],
			}
		).insert()
		case.db_set("workflow_state", state)
		case.db_set("accepted_on", nowdate())
		case.db_set("handling_due", add_days(nowdate(), handling_days))
		return case

	def issue(self, case, unit, role="Lead Unit", as_user="office", **values):
		frappe.set_user(u(as_user))
		doc = frappe.get_doc(
			{
				"doctype": "Petition Transfer",
				"petition_case": case.name,
				"unit": unit,
				"transfer_role": role,
				"instructions": "_T 请核实并答复",
				**values,
			}
		).insert()
		frappe.set_user("Administrator")
		return doc

	def act(self, login, name, action, **values):
		"""As `login`: save the given field values, then apply the workflow action."""
		frappe.set_user(u(login))
		try:
			if values:
				doc = frappe.get_doc("Petition Transfer", name)
				doc.update(values)
				doc.save()
			apply_workflow(frappe.get_doc("Petition Transfer", name), action)
		finally:
			frappe.set_user("Administrator")
		return frappe.get_doc("Petition Transfer", name)

	def state(self, name):
		return frappe.db.get_value("Petition Transfer", name, "workflow_state")

	def reply(self, login, name, action="Submit Reply"):
		return self.act(
			login,
			name,
			action,
			handling_opinion="<p>_T 经核查，情况属实。</p>",
			reply_draft="<p>_T 已责令物业恢复原收费标准。</p>",
		)

	def run_to_accepted(self, name, handler="handler-a", head="head-a", leader="leader-a"):
		self.act(handler, name, "Acknowledge Receipt")
		self.reply(handler, name)
		self.act(head, name, "Sign as Unit Head")
		self.act(leader, name, "Sign as Leader")
		return self.act("office", name, "Accept Reply")

	def open_todos(self, name):
		return frappe.get_all(
			"ToDo",
			filters={"reference_type": "Petition Transfer", "reference_name": name, "status": "Open"},
			pluck="allocated_to",
		)

	def visible(self, login, doctype):
		frappe.set_user(u(login))
		try:
			return set(frappe.get_list(doctype, pluck="name"))
		finally:
			frappe.set_user("Administrator")

	def rest_list(self, login, doctype, names=None):
		"""GET /api/resource/<doctype> as `login` (optionally only among `names`)."""
		frappe.set_user(u(login))
		frappe.local.form_dict = frappe._dict(limit_page_length=0)
		if names:
			frappe.local.form_dict.filters = frappe.as_json([["name", "in", list(names)]])
		try:
			return {row["name"] for row in v1.document_list(doctype)}
		finally:
			frappe.set_user("Administrator")

	def rest_read(self, login, doctype, name):
		frappe.set_user(u(login))
		frappe.local.form_dict = frappe._dict()
		try:
			return v1.read_doc(doctype, name)
		finally:
			frappe.set_user("Administrator")

	def can(self, login, doctype, name, ptype="read"):
		doc = frappe.get_doc(doctype, name)
		return frappe.has_permission(doctype, ptype, doc=doc, user=u(login))

	# --- issue ---------------------------------------------------------------------------------------

	def test_issue_records_issuer_default_due_date_objection_window_and_assigns_handlers(self):
		case = self.make_case()
		doc = self.issue(case, UNIT_A)
		self.assertTrue(doc.name.startswith("PT-"))
		self.assertEqual(doc.workflow_state, TransferState.ISSUED)
		self.assertEqual(doc.issued_by, u("office"))
		self.assertEqual(getdate(doc.issued_on), getdate(nowdate()))
		self.assertEqual(getdate(doc.due_date), getdate(case.handling_due))
		self.assertEqual(
			count_working_days(getdate(doc.issued_on), getdate(doc.objection_due), working_calendar()), 5
		)
		self.assertEqual(doc.petitioner_names, "_T 李娜")
		self.assertEqual(doc.unit_head, u("head-a"))
		self.assertEqual(doc.leader_in_charge, u("leader-a"))
		# the handlers tied to the unit who have the handler role get a ToDo; nobody else
		self.assertEqual(sorted(self.open_todos(doc.name)), sorted([u("handler-a"), u("deputy-a")]))
		self.assertEqual(frappe.db.get_value("Petition Case", case.name, "lead_unit"), UNIT_A)

	def test_transfer_carries_no_id_number_phone_or_address(self):
		fields = {df.fieldname for df in frappe.get_meta("Petition Transfer").fields}
		for forbidden in ("id_number", "phone", "address", "id_number_masked", "phone_masked"):
			self.assertNotIn(forbidden, fields)
		doc = self.issue(self.make_case(), UNIT_A)
		text = frappe.as_json(doc.as_dict())
		self.assertNotIn("13900139000", text)
		self.assertNotIn("某路1号", text)

	def test_unit_without_handlers_assigns_its_head(self):
		make_unit("_T Transfer Unit Headonly")
		frappe.db.set_value("Handling Unit", "_T Transfer Unit Headonly", "unit_head", u("head-b"))
		self.assertEqual(unit_handlers("_T Transfer Unit Headonly"), [])
		doc = self.issue(self.make_case(), "_T Transfer Unit Headonly")
		self.assertEqual(self.open_todos(doc.name), [u("head-b")])

	def test_due_date_later_than_the_case_is_refused_and_nothing_saved(self):
		case = self.make_case(handling_days=30)
		with self.assertRaises(DueDateError):
			self.issue(case, UNIT_A, due_date=add_days(nowdate(), 31))
		self.assertFalse(frappe.db.exists("Petition Transfer", {"petition_case": case.name}))
		earlier = self.issue(case, UNIT_A, due_date=add_days(nowdate(), 20))
		self.assertEqual(getdate(earlier.due_date), getdate(add_days(nowdate(), 20)))

	def test_issue_needs_an_accepted_case(self):
		case = self.make_case(state="Registered")
		with self.assertRaises(CaseNotReadyError):
			self.issue(case, UNIT_A)
		self.assertFalse(frappe.db.exists("Petition Transfer", {"petition_case": case.name}))
		frappe.db.set_value("Petition Case", case.name, "workflow_state", "In Handling")
		self.assertTrue(self.issue(case, UNIT_A).name)

	def test_one_lead_per_case_one_transfer_per_unit_and_no_co_unit_before_the_lead(self):
		case = self.make_case()
		with self.assertRaises(CaseNotReadyError):
			self.issue(case, UNIT_B, role="Co-handling Unit")
		self.issue(case, UNIT_A)
		with self.assertRaises(DuplicateTransferError):
			self.issue(case, UNIT_B)  # a second lead
		with self.assertRaises(DuplicateTransferError):
			self.issue(case, UNIT_A, role="Co-handling Unit")  # same unit again
		self.issue(case, UNIT_B, role="Co-handling Unit")
		self.assertEqual(frappe.db.count("Petition Transfer", {"petition_case": case.name}), 2)

	# --- the whole path ------------------------------------------------------------------------------

	def test_whole_path_with_reply_receipt_and_todo_closed_on_acceptance(self):
		case = self.make_case()
		name = self.issue(case, UNIT_A).name
		with self.assertRaises(CaseNotReadyError):
			validate_case_can_be_replied(case)

		doc = self.act("handler-a", name, "Acknowledge Receipt")
		self.assertEqual(
			(doc.workflow_state, doc.acknowledged_by), (TransferState.ACKNOWLEDGED, u("handler-a"))
		)
		self.assertEqual(getdate(doc.acknowledged_on), getdate(nowdate()))

		doc = self.reply("handler-a", name)
		self.assertEqual(
			(doc.workflow_state, doc.reply_submitted_by), (TransferState.REPLY_DRAFTED, u("handler-a"))
		)

		doc = self.act("head-a", name, "Sign as Unit Head")
		self.assertEqual(
			(doc.workflow_state, doc.head_signed_by), (TransferState.SIGNED_BY_HEAD, u("head-a"))
		)
		self.assertTrue(doc.head_signed_on)

		doc = self.act("leader-a", name, "Sign as Leader")
		self.assertEqual(
			(doc.workflow_state, doc.leader_signed_by), (TransferState.SIGNED_BY_LEADER, u("leader-a"))
		)
		self.assertTrue(doc.leader_signed_on)
		self.assertTrue(self.open_todos(name))

		doc = self.act("office2", name, "Accept Reply")
		self.assertEqual(
			(doc.workflow_state, doc.office_decision_by), (TransferState.REPLY_ACCEPTED, u("office2"))
		)
		self.assertEqual(self.open_todos(name), [])
		self.assertEqual(
			frappe.db.count("ToDo", {"reference_name": name, "status": "Closed"}), 2
		)  # handler-a and deputy-a
		validate_case_can_start_handling(case)
		validate_case_can_be_replied(case)

	def test_reply_needs_opinion_and_draft(self):
		name = self.issue(self.make_case(), UNIT_A).name
		self.act("handler-a", name, "Acknowledge Receipt")
		with self.assertRaises(ReplyIncompleteError):
			self.act(
				"handler-a", name, "Submit Reply", handling_opinion="<p>_T 属实</p>", reply_draft="<p></p>"
			)
		self.assertEqual(self.state(name), TransferState.ACKNOWLEDGED)

	def test_submitted_reply_cannot_be_edited_until_returned(self):
		name = self.issue(self.make_case(), UNIT_A).name
		self.act("handler-a", name, "Acknowledge Receipt")
		self.reply("handler-a", name)
		frappe.set_user(u("handler-a"))
		doc = frappe.get_doc("Petition Transfer", name)
		doc.reply_draft = "<p>_T 改过的答复</p>"
		self.assertRaises(LockedFieldError, doc.save)
		doc.reload()
		doc.due_date = add_days(nowdate(), 10)
		self.assertRaises(LockedFieldError, doc.save)  # only the office moves the due date

	# --- objection and re-route ----------------------------------------------------------------------

	def test_objection_on_the_fifth_working_day_is_accepted_and_on_the_sixth_refused(self):
		window = objection_days()
		self.assertEqual(window, 5)  # the statutory default of Settings
		case = self.make_case()
		late = self.issue(case, UNIT_A).name
		frappe.db.set_value("Petition Transfer", late, "issued_on", working_days_ago(window + 1))
		self.act("handler-a", late, "Acknowledge Receipt")
		with self.assertRaises(ObjectionError):
			self.act("handler-a", late, "Object", objection_reason="_T 不属于本单位职责")
		self.assertEqual(self.state(late), TransferState.ACKNOWLEDGED)
		self.assertIsNone(frappe.db.get_value("Petition Transfer", late, "objected_on"))

		in_time = self.issue(case, UNIT_B, role="Co-handling Unit").name
		frappe.db.set_value("Petition Transfer", in_time, "issued_on", working_days_ago(window))
		with self.assertRaises(ObjectionError):  # no reason
			self.act("handler-b", in_time, "Object")
		doc = self.act("handler-b", in_time, "Object", objection_reason="_T 不属于本单位职责")
		self.assertEqual((doc.workflow_state, doc.objected_by), (TransferState.OBJECTED, u("handler-b")))
		self.assertEqual(getdate(doc.objected_on), getdate(nowdate()))

	def test_objection_and_reroute_to_the_right_unit(self):
		case = self.make_case()
		wrong = self.issue(case, UNIT_A).name
		self.act("handler-a", wrong, "Object", objection_reason="_T 应由公安部门处理")
		with self.assertRaises(DuplicateTransferError):
			self.issue(case, UNIT_B)  # the objected lead is still active until withdrawn
		self.act("office", wrong, "Withdraw")
		self.assertEqual(self.state(wrong), TransferState.WITHDRAWN)
		self.assertEqual(self.open_todos(wrong), [])
		self.assertIsNone(frappe.db.get_value("Petition Case", case.name, "lead_unit"))
		# the unit that objected no longer sees the case
		self.assertNotIn(case.name, self.visible("handler-a", "Petition Case"))

		right = self.issue(case, UNIT_B).name
		self.assertEqual(lead_transfer(case.name).name, right)
		self.assertEqual(self.open_todos(right), [u("handler-b")])
		self.assertEqual(frappe.db.get_value("Petition Case", case.name, "lead_unit"), UNIT_B)
		validate_case_can_start_handling(case)

	def test_rejected_objection_goes_back_to_work_and_cannot_be_repeated(self):
		name = self.issue(self.make_case(), UNIT_A).name
		self.act("handler-a", name, "Object", objection_reason="_T 不属于本单位")
		doc = self.act("office", name, "Reject Objection")
		self.assertEqual(doc.workflow_state, TransferState.ACKNOWLEDGED)
		self.assertEqual(doc.acknowledged_by, u("handler-a"))  # objecting is a receipt too
		with self.assertRaises(ObjectionError):
			self.act("handler-a", name, "Object")
		self.assertEqual(self.state(name), TransferState.ACKNOWLEDGED)

	# --- return and rework ---------------------------------------------------------------------------

	def test_returned_reply_and_its_rework(self):
		name = self.issue(self.make_case(), UNIT_A).name
		self.act("handler-a", name, "Acknowledge Receipt")
		self.reply("handler-a", name)
		self.act("head-a", name, "Sign as Unit Head")
		self.act("leader-a", name, "Sign as Leader")
		with self.assertRaises(ReplyIncompleteError):
			self.act("office", name, "Return Reply")  # no reason
		self.assertEqual(self.state(name), TransferState.SIGNED_BY_LEADER)

		doc = self.act("office", name, "Return Reply", return_reason="_T 未说明处理依据")
		self.assertEqual((doc.workflow_state, doc.office_decision_by), (TransferState.RETURNED, u("office")))

		doc = self.act(
			"handler-a", name, "Resubmit Reply", reply_draft="<p>_T 依据《物业管理条例》已责令整改。</p>"
		)
		self.assertEqual(doc.workflow_state, TransferState.REPLY_DRAFTED)
		# the reworked reply is signed afresh
		self.assertFalse(doc.head_signed_by or doc.leader_signed_by or doc.return_reason)
		self.act("head-a", name, "Sign as Unit Head")
		self.act("leader-a", name, "Sign as Leader")
		doc = self.act("office", name, "Accept Reply")
		self.assertEqual(doc.workflow_state, TransferState.REPLY_ACCEPTED)
		self.assertIn("物业管理条例", doc.reply_draft)

	# --- refusals ------------------------------------------------------------------------------------

	def test_a_role_without_the_transition_cannot_apply_it(self):
		name = self.issue(self.make_case(), UNIT_A).name
		for login, action in (("office", "Acknowledge Receipt"), ("head-a", "Acknowledge Receipt")):
			with self.assertRaises(WorkflowTransitionError):
				self.act(login, name, action)
		self.act("handler-a", name, "Acknowledge Receipt")
		self.reply("handler-a", name)
		for login, action in (("handler-a", "Sign as Unit Head"), ("head-a", "Sign as Leader")):
			with self.assertRaises(WorkflowTransitionError):
				self.act(login, name, action)
		self.assertEqual(self.state(name), TransferState.REPLY_DRAFTED)

	def test_setting_the_state_by_editing_the_field_is_refused(self):
		name = self.issue(self.make_case(), UNIT_A).name
		frappe.set_user(u("handler-a"))
		doc = frappe.get_doc("Petition Transfer", name)
		doc.workflow_state = TransferState.REPLY_ACCEPTED
		self.assertRaises(WorkflowPermissionError, doc.save)
		frappe.set_user("Administrator")
		self.assertEqual(self.state(name), TransferState.ISSUED)
		case = self.make_case()
		frappe.set_user(u("office"))
		new = frappe.get_doc(
			{
				"doctype": "Petition Transfer",
				"petition_case": case.name,
				"unit": UNIT_A,
				"workflow_state": TransferState.REPLY_ACCEPTED,
			}
		)
		self.assertRaises(WorkflowPermissionError, new.insert)

	def test_only_the_units_own_head_and_leader_sign(self):
		name = self.issue(self.make_case(), UNIT_A).name
		self.act("handler-a", name, "Acknowledge Receipt")
		self.reply("handler-a", name)
		# the head of unit B cannot even see unit A's transfer
		with self.assertRaises(frappe.PermissionError):
			self.act("head-b", name, "Sign as Unit Head")
		# a member of unit A with the Unit Head role who is not its head
		with self.assertRaises(SignatureError):
			self.act("deputy-a", name, "Sign as Unit Head")
		self.assertEqual(self.state(name), TransferState.REPLY_DRAFTED)
		self.act("head-a", name, "Sign as Unit Head")
		# the leader of unit B does not lead unit A
		with self.assertRaises(frappe.PermissionError):
			self.act("leader-b", name, "Sign as Leader")
		self.assertEqual(self.state(name), TransferState.SIGNED_BY_HEAD)

	def test_approving_ones_own_reply_is_refused(self):
		# unit D has one person who is both its handler and its head
		name = self.issue(self.make_case(), UNIT_D).name
		self.act("solo-d", name, "Acknowledge Receipt")
		self.reply("solo-d", name)
		with self.assertRaises(SignatureError):
			self.act("solo-d", name, "Sign as Unit Head")
		self.assertEqual(self.state(name), TransferState.REPLY_DRAFTED)
		self.assertIsNone(frappe.db.get_value("Petition Transfer", name, "head_signed_by"))

	# --- row-level permissions -----------------------------------------------------------------------

	def test_a_handler_reads_only_their_units_transfers_and_cases(self):
		case_a, case_b = self.make_case(), self.make_case()
		transfer_a = self.issue(case_a, UNIT_A).name
		transfer_b = self.issue(case_b, UNIT_B).name
		untransferred = self.make_case().name

		self.assertEqual(user_units(u("handler-a")), [UNIT_A])
		self.assertEqual(self.visible("handler-a", "Petition Transfer"), {transfer_a})
		self.assertEqual(self.rest_list("handler-a", "Petition Transfer"), {transfer_a})
		self.assertTrue(self.can("handler-a", "Petition Transfer", transfer_a, "write"))
		self.assertFalse(self.can("handler-a", "Petition Transfer", transfer_b))
		self.assertEqual(self.rest_read("handler-a", "Petition Transfer", transfer_a).name, transfer_a)
		with self.assertRaises(frappe.PermissionError):
			self.rest_read("handler-a", "Petition Transfer", transfer_b)

		# cases: only those transferred to the unit, read-only
		self.assertEqual(self.visible("handler-a", "Petition Case"), {case_a.name})
		self.assertEqual(self.rest_list("handler-a", "Petition Case"), {case_a.name})
		self.assertTrue(self.can("handler-a", "Petition Case", case_a.name))
		self.assertFalse(self.can("handler-a", "Petition Case", case_a.name, "write"))
		for other in (case_b.name, untransferred):
			self.assertFalse(self.can("handler-a", "Petition Case", other))
			with self.assertRaises(frappe.PermissionError):
				self.rest_read("handler-a", "Petition Case", other)

	def test_workflow_actions_of_another_units_transfer_are_hidden(self):
		transfer_a = self.issue(self.make_case(), UNIT_A).name
		transfer_b = self.issue(self.make_case(), UNIT_B).name
		actions = frappe.get_all(
			"Workflow Action",
			filters={
				"reference_doctype": "Petition Transfer",
				"reference_name": ("in", [transfer_a, transfer_b]),
			},
			pluck="name",
		)
		self.assertEqual(len(actions), 2)  # Frappe lists the pending step for the handler role
		frappe.set_user(u("handler-a"))
		seen = frappe.get_list(
			"Workflow Action",
			filters={"name": ("in", actions)},
			pluck="reference_name",
			ignore_permissions=False,
		)
		self.assertEqual(seen, [transfer_a])
		action_b = frappe.get_doc("Workflow Action", {"reference_name": transfer_b})
		self.assertFalse(frappe.has_permission("Workflow Action", doc=action_b, user=u("handler-a")))
		self.assertTrue(frappe.has_permission("Workflow Action", doc=action_b, user=u("handler-b")))
		# Frappe's own rule still applies: the step's role is needed
		self.assertFalse(frappe.has_permission("Workflow Action", doc=action_b, user=u("head-b")))

	def test_co_units_never_see_each_others_drafts_and_the_lead_sees_accepted_replies(self):
		case = self.make_case()
		lead = self.issue(case, UNIT_A).name
		co_b = self.issue(case, UNIT_B, role="Co-handling Unit").name
		co_c = self.issue(case, UNIT_C, role="Co-handling Unit").name
		self.act("handler-b", co_b, "Acknowledge Receipt")
		self.reply("handler-b", co_b)

		self.assertEqual(self.visible("handler-b", "Petition Transfer"), {co_b})
		self.assertEqual(self.visible("handler-c", "Petition Transfer"), {co_c})
		self.assertFalse(self.can("handler-c", "Petition Transfer", co_b))
		self.assertEqual(self.visible("handler-a", "Petition Transfer"), {lead})  # B's draft is hidden
		self.assertFalse(self.can("handler-a", "Petition Transfer", co_b))

		self.act("head-b", co_b, "Sign as Unit Head")
		self.act("leader-b", co_b, "Sign as Leader")
		self.act("office", co_b, "Accept Reply")
		self.assertEqual(self.visible("handler-a", "Petition Transfer"), {lead, co_b})
		self.assertEqual(self.rest_read("handler-a", "Petition Transfer", co_b).name, co_b)
		self.assertFalse(self.can("handler-a", "Petition Transfer", co_b, "write"))
		self.assertEqual(self.visible("handler-c", "Petition Transfer"), {co_c})  # co-units: never

		# the lead summarizes only once every co-unit's reply is accepted
		self.act("handler-a", lead, "Acknowledge Receipt")
		with self.assertRaises(ReplyIncompleteError):
			self.reply("handler-a", lead)
		self.assertEqual(self.state(lead), TransferState.ACKNOWLEDGED)
		self.run_to_accepted(co_c, handler="handler-c", head="head-c", leader="leader-a")
		self.reply("handler-a", lead)
		self.assertEqual(self.state(lead), TransferState.REPLY_DRAFTED)

	def test_leaders_see_the_units_they_lead_and_the_supervisor_reads_everything(self):
		case = self.make_case()
		lead = self.issue(case, UNIT_A).name
		co_b = self.issue(case, UNIT_B, role="Co-handling Unit").name
		other = self.issue(self.make_case(), UNIT_C).name

		self.assertEqual(user_units(u("leader-a")), sorted([UNIT_A, UNIT_C, UNIT_D]))
		self.assertEqual(self.visible("leader-a", "Petition Transfer"), {lead, other})
		self.assertEqual(self.visible("leader-b", "Petition Transfer"), {co_b})
		self.assertEqual(self.visible("head-b", "Petition Transfer"), {co_b})

		for name in (lead, co_b, other):
			self.assertTrue(self.can("supervisor", "Petition Transfer", name))
			self.assertFalse(self.can("supervisor", "Petition Transfer", name, "write"))
		self.assertTrue({lead, co_b, other} <= self.visible("supervisor", "Petition Transfer"))
		self.assertEqual(
			self.rest_list("supervisor", "Petition Transfer", [lead, co_b, other]), {lead, co_b, other}
		)

		# reception registers cases (sees them all) but has no access to transfers
		self.assertIn(case.name, self.visible("reception", "Petition Case"))
		with self.assertRaises(frappe.PermissionError):
			self.visible("reception", "Petition Transfer")

	def test_validate_case_can_start_handling_needs_exactly_one_lead(self):
		case = self.make_case()
		with self.assertRaises(CaseNotReadyError):
			validate_case_can_start_handling(case)
		self.issue(case, UNIT_A)
		validate_case_can_start_handling(case)

	# --- the workflow is the administrator's -----------------------------------------------------------

	def test_an_admins_workflow_edit_survives_the_ensure_step(self):
		workflow = frappe.get_doc("Workflow", "Petition Transfer")
		if not frappe.db.exists("Workflow State", "_T Clarification Requested"):
			frappe.get_doc(
				{"doctype": "Workflow State", "workflow_state_name": "_T Clarification Requested"}
			).insert()
		if not frappe.db.exists("Workflow Action Master", "_T Ask for Clarification"):
			frappe.get_doc(
				{"doctype": "Workflow Action Master", "workflow_action_name": "_T Ask for Clarification"}
			).insert()
		workflow.append(
			"states", {"state": "_T Clarification Requested", "doc_status": "0", "allow_edit": HANDLER}
		)
		workflow.append(
			"transitions",
			{
				"state": TransferState.ISSUED,
				"action": "_T Ask for Clarification",
				"next_state": "_T Clarification Requested",
				"allowed": HANDLER,
				"allow_self_approval": 1,
			},
		)
		workflow.append(
			"transitions",
			{
				"state": "_T Clarification Requested",
				"action": "Acknowledge Receipt",
				"next_state": TransferState.ACKNOWLEDGED,
				"allowed": HANDLER,
				"allow_self_approval": 1,
			},
		)
		workflow.states[0].allow_edit = "Petition Office"
		# a renamed state: "Withdrawn" becomes "_T Recalled" in the states and the transitions
		if not frappe.db.exists("Workflow State", "_T Recalled"):
			frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": "_T Recalled"}).insert()
		for row in [*workflow.states, *workflow.transitions]:
			for fieldname in ("state", "next_state"):
				if row.get(fieldname) == TransferState.WITHDRAWN:
					row.set(fieldname, "_T Recalled")
		workflow.save()

		ensure_workflows()

		workflow = frappe.get_doc("Workflow", "Petition Transfer")
		self.assertIn("_T Clarification Requested", [row.state for row in workflow.states])
		self.assertIn("_T Ask for Clarification", [row.action for row in workflow.transitions])
		self.assertEqual(workflow.states[0].allow_edit, "Petition Office")
		states = [row.state for row in workflow.states]
		self.assertIn("_T Recalled", states)
		self.assertNotIn(TransferState.WITHDRAWN, states)
		self.assertEqual(len(workflow.states), 10)  # nothing re-added
		# and the added transition works on a transfer
		name = self.issue(self.make_case(), UNIT_A).name
		self.assertEqual(
			self.act("handler-a", name, "_T Ask for Clarification").workflow_state,
			"_T Clarification Requested",
		)
