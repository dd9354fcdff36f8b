# Copyright (c) 2026, Petition Management contributors
# See license.txt

"""Petition Transfer: issuing a transfer to a unit and its whole path to an accepted reply, by real users
in real roles. The objections, returns and refusals are in test_petition_transfer_objections, the
row-level permissions in test_petition_transfer_permissions; their set-up is TransferTestCase here."""

import datetime

import frappe
from frappe.api import v1
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, nowdate

from petition_management.handling.assignment import unit_handlers
from petition_management.handling.transfers import (
	CaseNotReadyError,
	TransferState,
	validate_case_can_be_replied,
	validate_case_can_start_handling,
)
from petition_management.petition_management.doctype.petition_transfer.petition_transfer import (
	DueDateError,
	DuplicateTransferError,
	LockedFieldError,
	ReplyIncompleteError,
	working_calendar,
)
from petition_management.rules.deadlines import count_working_days
from petition_management.setup.workflows import ensure_workflows
from petition_management.tests.factories import (
	LEAD,
	REPLY,
	TRANSFER,
	accepted_case,
	answer_transfer,
	apply_as,
	issue_transfer,
)
from petition_management.tests.utils import make_petitioner, make_staffed_unit, make_unit, make_users

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


class TransferTestCase(FrappeTestCase):
	"""The units and their people, a petitioner, and the steps the tests take as the office and the
	units' people (no tests here)."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		ensure_workflows()
		make_users({u(login): roles for login, roles in USERS.items()})
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

	def issue(self, case, unit, role=LEAD, as_user="office", **values):
		"""As `as_user` (the office): a transfer of `case` to `unit`."""
		return issue_transfer(case, unit, role, as_user=u(as_user), **values)

	def act(self, login, name, action, **values):
		"""As `login`: save the given field values, then apply the workflow action."""
		return apply_as(u(login), TRANSFER, name, action, **values)

	def state(self, name):
		return frappe.db.get_value("Petition Transfer", name, "workflow_state")

	def reply(self, login, name, action="Submit Reply"):
		return self.act(login, name, action, **REPLY)

	def replied_transfer(self, unit, handler) -> str:
		"""A transfer of a new accepted case to `unit`, acknowledged and replied by `handler` (a login):
		the reply waits for the unit head's signature."""
		name = self.issue(accepted_case(self.petitioner), unit).name
		self.act(handler, name, "Acknowledge Receipt")
		self.reply(handler, name)
		return name

	def run_to_accepted(self, name, handler="handler-a", head="head-a", leader="leader-a"):
		return answer_transfer(name, u(handler), u(head), u(leader), u("office"))

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


class TestPetitionTransfer(TransferTestCase):
	# --- issue ---------------------------------------------------------------------------------------

	def test_issue_records_issuer_default_due_date_objection_window_and_assigns_handlers(self):
		case = accepted_case(self.petitioner)
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
		doc = self.issue(accepted_case(self.petitioner), UNIT_A)
		text = frappe.as_json(doc.as_dict())
		self.assertNotIn("13900139000", text)
		self.assertNotIn("某路1号", text)

	def test_unit_without_handlers_assigns_its_head(self):
		make_unit("_T Transfer Unit Headonly")
		frappe.db.set_value("Handling Unit", "_T Transfer Unit Headonly", "unit_head", u("head-b"))
		self.assertEqual(unit_handlers("_T Transfer Unit Headonly"), [])
		doc = self.issue(accepted_case(self.petitioner), "_T Transfer Unit Headonly")
		self.assertEqual(self.open_todos(doc.name), [u("head-b")])

	def test_due_date_later_than_the_case_is_refused_and_nothing_saved(self):
		case = accepted_case(self.petitioner, handling_days=30)
		with self.assertRaises(DueDateError):
			self.issue(case, UNIT_A, due_date=add_days(nowdate(), 31))
		self.assertFalse(frappe.db.exists("Petition Transfer", {"petition_case": case.name}))
		earlier = self.issue(case, UNIT_A, due_date=add_days(nowdate(), 20))
		self.assertEqual(getdate(earlier.due_date), getdate(add_days(nowdate(), 20)))

	def test_issue_needs_an_accepted_case(self):
		case = accepted_case(self.petitioner, state="Registered")
		with self.assertRaises(CaseNotReadyError):
			self.issue(case, UNIT_A)
		self.assertFalse(frappe.db.exists("Petition Transfer", {"petition_case": case.name}))
		frappe.db.set_value("Petition Case", case.name, "workflow_state", "In Handling")
		self.assertTrue(self.issue(case, UNIT_A).name)

	def test_one_lead_per_case_one_transfer_per_unit_and_no_co_unit_before_the_lead(self):
		case = accepted_case(self.petitioner)
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
		case = accepted_case(self.petitioner)
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
		name = self.issue(accepted_case(self.petitioner), UNIT_A).name
		self.act("handler-a", name, "Acknowledge Receipt")
		with self.assertRaises(ReplyIncompleteError):
			self.act(
				"handler-a", name, "Submit Reply", handling_opinion="<p>_T 属实</p>", reply_draft="<p></p>"
			)
		self.assertEqual(self.state(name), TransferState.ACKNOWLEDGED)

	def test_submitted_reply_cannot_be_edited_until_returned(self):
		name = self.replied_transfer(UNIT_A, "handler-a")
		frappe.set_user(u("handler-a"))
		doc = frappe.get_doc("Petition Transfer", name)
		doc.reply_draft = "<p>_T 改过的答复</p>"
		self.assertRaises(LockedFieldError, doc.save)
		doc.reload()
		doc.due_date = add_days(nowdate(), 10)
		self.assertRaises(LockedFieldError, doc.save)  # only the office moves the due date
