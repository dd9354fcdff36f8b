# Copyright (c) 2026, Petition Management contributors
# See license.txt

"""Petition Extension, driven by real users in real roles with apply_workflow."""

import datetime

import frappe
from frappe.model.workflow import WorkflowTransitionError, apply_workflow
from frappe.utils import getdate

from petition_management.petition_management.doctype.petition_extension.petition_extension import (
	CaseNotOpenError,
	ExtensionDaysError,
	ExtensionLimitError,
	LockedFieldError,
	NotLeadUnitError,
	OpenExtensionError,
	RejectionReasonError,
	SelfApprovalError,
)
from petition_management.tests.factories import CO, issue_transfer
from petition_management.tests.test_case_workflow import DIRECTOR, OFFICE, OFFICE_2, CaseWorkflowTestCase
from petition_management.tests.utils import make_staffed_unit, make_users, queued_mail_recipients
from petition_management.utils.deadlines import due_date

LEAD_UNIT = "_T Extension Lead Unit"
CO_UNIT = "_T Extension Co Unit"
HEAD_LEAD = "ext-head-lead@example.com"
HEAD_CO = "ext-head-co@example.com"
HANDLER_LEAD = "ext-handler-lead@example.com"
REASON = "_T 需要现场勘验并听取各方意见"
HEAD, HANDLER = "Petition Unit Head", "Petition Unit Handler"


class ExtensionTestCase(CaseWorkflowTestCase):
	"""Units, unit people and helpers shared by the extension and clock pause tests (no tests here)."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_users({HEAD_LEAD: [HEAD], HEAD_CO: [HEAD], HANDLER_LEAD: [HANDLER]})
		make_staffed_unit(LEAD_UNIT, HEAD_LEAD, handlers=[HANDLER_LEAD])
		make_staffed_unit(CO_UNIT, HEAD_CO)
		frappe.db.commit()

	def setUp(self):
		super().setUp()
		frappe.set_user("Administrator")
		self.set_settings()

	def tearDown(self):
		super().tearDown()
		frappe.clear_document_cache("Petition Settings", "Petition Settings")

	def set_settings(self, holidays=(), **values):
		"""The statutory defaults, calendar days and no holidays, unless the test says otherwise."""
		frappe.set_user("Administrator")
		settings = frappe.get_single("Petition Settings")
		settings.update(
			{
				"day_basis": "Calendar Days",
				"roll_past_days_off": 1,
				"acceptance_days": 15,
				"handling_days": 60,
				"max_extension_days": 30,
				**values,
			}
		)
		settings.set("holidays", [])
		for day, kind in holidays:
			settings.append("holidays", {"holiday_date": day, "day_type": kind})
		settings.save()

	def accept(self, case):
		case = self.act(OFFICE, case, "Propose Acceptance Decision", acceptance_proposal="Accept")
		return self.act(DIRECTOR, case, "Approve Acceptance")

	def case_in_handling(self, lead_due=None, co_due=None):
		"""An accepted case with a lead transfer to LEAD_UNIT and a co-handling one to CO_UNIT."""
		case = self.accept(self.register())
		issue_transfer(case, LEAD_UNIT, as_user=OFFICE, due_date=lead_due)
		issue_transfer(case, CO_UNIT, CO, as_user=OFFICE, due_date=co_due)
		return self.act(OFFICE, case, "Start Handling")

	def request(self, user, case, days, action="Request Approval", **values):
		"""As `user`: draft an extension of `case`, then apply `action` (none when falsy)."""
		frappe.set_user(user)
		extension = frappe.get_doc(
			{
				"doctype": "Petition Extension",
				"petition_case": case.name,
				"days": days,
				"reason": REASON,
				**values,
			}
		).insert()
		if action:
			extension = apply_workflow(extension, action)
		return extension

	def decide(self, user, extension, action="Approve", **values):
		return self.act(user, extension, action, **values)

	def extensions_of(self, case) -> list[str]:
		return frappe.get_all("Petition Extension", filters={"petition_case": case.name}, pluck="name")

	def transfer_dues(self, case) -> dict[str, datetime.date]:
		rows = frappe.get_all(
			"Petition Transfer", filters={"petition_case": case.name}, fields=["unit", "due_date"]
		)
		return {row.unit: getdate(row.due_date) for row in rows}


class TestPetitionExtension(ExtensionTestCase):
	def test_office_requests_director_approves_and_the_petitioner_is_notified(self):
		case = self.case_in_handling()
		accepted_on = getdate(case.accepted_on)
		due_before = getdate(case.handling_due)
		self.assertEqual(due_before, due_date(accepted_on, 60))
		transfers_before = self.transfer_dues(case)

		extension = self.request(OFFICE, case, 10)
		self.assertEqual(extension.name[:8], f"PE-{getdate().year}-")
		self.assertEqual((extension.workflow_state, extension.requested_by), ("Pending Approval", OFFICE))
		self.assertEqual(getdate(extension.handling_due_before), due_before)
		self.assertEqual(getdate(extension.handling_due_after), due_date(accepted_on, 70))
		self.assertEqual(frappe.db.get_value("Petition Case", case.name, "extension_days"), 0)

		extension = self.decide(DIRECTOR, extension)
		self.assertEqual((extension.workflow_state, extension.approved_by), ("Approved", DIRECTOR))
		case.reload()
		new_due = due_date(accepted_on, 70)
		self.assertEqual((case.extension_days, getdate(case.handling_due)), (10, new_due))
		self.assertEqual(getdate(case.current_due), new_due)
		self.assertEqual(
			getdate(frappe.db.get_value("Petition Extension", extension.name, "handling_due_after")), new_due
		)
		self.assertEqual(
			self.transfer_dues(case),
			{unit: min(due_date(due, 10), new_due) for unit, due in transfers_before.items()},
		)
		self.assertNotEqual(self.transfer_dues(case), transfers_before)

		notice = frappe.db.get_value("Petition Extension", extension.name, "notice")
		for part in (case.name, "10 days", REASON, frappe.format(new_due, "Date"), "_T 张伟"):
			self.assertIn(part, notice)
		self.assertEqual(
			queued_mail_recipients("Petition Extension", extension.name), [["zhangwei@example.com"]]
		)

	def test_the_requester_cannot_approve_their_own_extension(self):
		case = self.case_in_handling()
		extension = self.request(OFFICE_2, case, 5)  # OFFICE_2 is also a Director
		with self.assertRaises(SelfApprovalError):
			self.decide(OFFICE_2, extension)
		self.assertEqual(
			frappe.db.get_value("Petition Extension", extension.name, "workflow_state"), "Pending Approval"
		)
		self.assertEqual(frappe.db.get_value("Petition Case", case.name, "extension_days"), 0)
		extension = self.decide(DIRECTOR, extension)
		self.assertEqual(extension.workflow_state, "Approved")

	def test_only_a_director_approves(self):
		case = self.case_in_handling()
		extension = self.request(OFFICE, case, 5)
		for user in (OFFICE, HEAD_LEAD):
			with self.assertRaises(WorkflowTransitionError):
				self.decide(user, extension)
		self.assertEqual(frappe.db.get_value("Petition Case", case.name, "extension_days"), 0)

	def test_bad_numbers_of_days_are_refused_clearly_and_nothing_is_saved(self):
		case = self.case_in_handling()
		cases = (
			(0, "must be from 1 to 30, not 0"),
			(-3, "must be from 1 to 30, not -3"),
			(31, "must be from 1 to 30, not 31"),
			("abc", "must be a whole number from 1 to 30, not <strong>abc</strong>"),
			(3.5, "must be a whole number from 1 to 30, not <strong>3.5</strong>"),
			("3.5", "must be a whole number from 1 to 30, not <strong>3.5</strong>"),
			(None, "Enter the number of extension days, from 1 to 30"),
		)
		for days, message in cases:
			with self.subTest(days=days), self.assertRaises(ExtensionDaysError) as caught:
				self.request(OFFICE, case, days, action=None)
			self.assertIn(message, str(caught.exception))
		frappe.set_user("Administrator")
		self.assertEqual(self.extensions_of(case), [])
		self.assertEqual(self.request(OFFICE, case, "30", action=None).days, 30)

	def test_the_maximum_comes_from_the_settings(self):
		self.set_settings(max_extension_days=15)
		case = self.case_in_handling()
		with self.assertRaises(ExtensionDaysError) as caught:
			self.request(OFFICE, case, 16)
		self.assertIn("from 1 to 15, not 16", str(caught.exception))

	def test_the_total_per_case_never_exceeds_the_maximum(self):
		case = self.case_in_handling()
		self.decide(DIRECTOR, self.request(OFFICE, case, 20))
		with self.assertRaises(ExtensionLimitError) as caught:
			self.request(OFFICE, case, 11)
		self.assertIn(
			"already has 20 extension days approved and 0 requested; 11 more would make 31, above the maximum "
			"of 30. At most 10 days can still be asked for.",
			str(caught.exception),
		)
		frappe.set_user("Administrator")
		self.assertEqual(len(self.extensions_of(case)), 1)
		self.assertEqual(frappe.db.get_value("Petition Case", case.name, "extension_days"), 20)
		frappe.local.lang = "zh"
		try:
			with self.assertRaises(ExtensionLimitError) as caught:
				self.request(OFFICE, case, 11)
			self.assertIn("最多还可申请10天", str(caught.exception))
		finally:
			frappe.local.lang = "en"
		self.decide(DIRECTOR, self.request(OFFICE, case, 10))
		self.assertEqual(frappe.db.get_value("Petition Case", case.name, "extension_days"), 30)

	def test_one_open_extension_per_case(self):
		case = self.case_in_handling()
		first = self.request(OFFICE, case, 5, action=None)
		with self.assertRaises(OpenExtensionError) as caught:
			self.request(OFFICE, case, 5, action=None)
		self.assertIn(first.name, str(caught.exception))
		frappe.set_user("Administrator")
		self.assertEqual(self.extensions_of(case), [first.name])

	def test_an_extension_needs_a_case_in_handling(self):
		case = self.register()
		with self.assertRaises(CaseNotOpenError) as caught:
			self.request(OFFICE, case, 5)
		self.assertIn("only while the case is Accepted or In Handling", str(caught.exception))
		frappe.set_user("Administrator")
		self.assertEqual(self.extensions_of(case), [])

	def test_approval_is_refused_once_the_case_left_handling(self):
		case = self.case_in_handling()
		extension = self.request(OFFICE, case, 5)
		frappe.db.set_value("Petition Case", case.name, "workflow_state", "Replied")
		with self.assertRaises(CaseNotOpenError):
			self.decide(DIRECTOR, extension)
		self.assertEqual(frappe.db.get_value("Petition Case", case.name, "extension_days"), 0)

	def test_the_lead_unit_asks_and_other_units_cannot(self):
		case = self.case_in_handling()
		self.assertEqual(frappe.db.get_value("Petition Case", case.name, "lead_unit"), LEAD_UNIT)
		with self.assertRaises(NotLeadUnitError) as caught:
			self.request(HEAD_CO, case, 5, action=None)
		self.assertIn(f"Only the lead unit of case <strong>{case.name}</strong>", str(caught.exception))
		with self.assertRaises(NotLeadUnitError):
			self.request(OFFICE, case, 5, action=None, requested_by_unit=CO_UNIT)
		frappe.set_user("Administrator")
		self.assertEqual(self.extensions_of(case), [])

		extension = self.request(HEAD_LEAD, case, 5, action="Request Approval as Unit Head")
		self.assertEqual(
			(extension.workflow_state, extension.requested_by, extension.requested_by_unit),
			("Pending Approval", HEAD_LEAD, LEAD_UNIT),
		)
		self.decide(DIRECTOR, extension, "Reject", rejection_reason="_T 理由不充分")
		extension = self.request(HANDLER_LEAD, case, 3, action="Request Approval as Unit Handler")
		self.assertEqual((extension.requested_by, extension.requested_by_unit), (HANDLER_LEAD, LEAD_UNIT))

	def test_a_rejection_needs_a_reason_and_changes_nothing(self):
		case = self.case_in_handling()
		extension = self.request(OFFICE, case, 5)
		with self.assertRaises(RejectionReasonError):
			self.decide(DIRECTOR, extension, "Reject")
		self.assertEqual(
			frappe.db.get_value("Petition Extension", extension.name, "workflow_state"), "Pending Approval"
		)
		extension = self.decide(DIRECTOR, extension, "Reject", rejection_reason="_T 理由不充分")
		self.assertEqual((extension.workflow_state, extension.rejected_by), ("Rejected", DIRECTOR))
		self.assertEqual(frappe.db.get_value("Petition Case", case.name, "extension_days"), 0)
		self.assertEqual(self.request(OFFICE, case, 30).workflow_state, "Pending Approval")

	def test_the_request_is_fixed_once_sent(self):
		case = self.case_in_handling()
		extension = self.request(OFFICE, case, 5)
		frappe.set_user(OFFICE)
		extension = frappe.get_doc("Petition Extension", extension.name)
		extension.days = 30
		with self.assertRaises(LockedFieldError):
			extension.save()

	def test_a_transfer_due_date_never_passes_the_case_due_date(self):
		# calendar days, rolled past days off: 2 Mar + 61 is Sat 2 May, so the case is due Mon 4 May;
		# 2 Mar + 71 is Tue 12 May, earlier than the lead transfer's 4 May + 10 = Thu 14 May
		self.set_settings(handling_days=61)
		with self.freeze_time("2026-03-02 09:00:00"):
			case = self.case_in_handling(co_due="2026-04-01")
			self.assertEqual(getdate(case.handling_due), datetime.date(2026, 5, 4))
			self.assertEqual(self.transfer_dues(case)[LEAD_UNIT], datetime.date(2026, 5, 4))
			self.decide(DIRECTOR, self.request(OFFICE, case, 10))
		self.assertEqual(
			getdate(frappe.db.get_value("Petition Case", case.name, "handling_due")),
			datetime.date(2026, 5, 12),
		)
		self.assertEqual(
			self.transfer_dues(case),
			{LEAD_UNIT: datetime.date(2026, 5, 12), CO_UNIT: datetime.date(2026, 4, 13)},
		)

	def test_demo_extensions_are_approved_and_pending_on_cases_in_handling(self):
		from petition_management.demo import DemoContext
		from petition_management.demo.extensions import make_extensions
		from petition_management.demo.users import make_users

		context = DemoContext()
		make_users(context)
		self.case_in_handling()
		self.accept(self.register())
		frappe.set_user("Administrator")
		make_extensions(context)
		names = context.created["Petition Extension"]
		rows = frappe.get_all(
			"Petition Extension",
			filters={"name": ("in", names)},
			fields=["petition_case", "days", "workflow_state", "requested_by", "approved_by"],
		)
		self.assertEqual(len(rows), len(names))
		self.assertEqual({row.workflow_state for row in rows}, {"Approved", "Pending Approval"})
		for row in rows:
			self.assertEqual(row.requested_by, "office@demo.petition.local")
			extended = frappe.db.get_value("Petition Case", row.petition_case, "extension_days")
			if row.workflow_state == "Approved":
				self.assertEqual((row.approved_by, extended), ("director@demo.petition.local", row.days))
			else:
				self.assertEqual(extended, 0)
		make_extensions(context)  # runs again: adds nothing
		self.assertEqual(frappe.db.count("Petition Extension"), len(names))

	def test_demo_extensions_need_a_case_in_handling(self):
		from petition_management.demo import DemoContext
		from petition_management.demo.extensions import make_extensions

		frappe.db.delete("Petition Extension")
		frappe.db.set_value(
			"Petition Case",
			{"workflow_state": ("in", ("In Handling", "Accepted"))},
			"workflow_state",
			"Closed",
		)
		context = DemoContext()
		make_extensions(context)
		self.assertEqual((context.created, frappe.db.count("Petition Extension")), ({}, 0))
