"""交办 in one step (api/transfers.py issue_transfers): the lead and co-handling units of a case issued at
once by the Petition Office, an Accepted case then In Handling; refused for a unit handler and for bad
units, with nothing saved. Real users in real roles."""

import frappe
from frappe.utils import add_days, getdate

from petition_management.api.transfers import issue_transfers
from petition_management.handling.assignment import unit_handlers
from petition_management.petition_management.doctype.petition_transfer.test_petition_transfer import (
	UNIT_A,
	UNIT_B,
	UNIT_C,
	TransferTestCase,
	u,
)
from petition_management.tests.factories import CO, LEAD, TRANSFER, accepted_case, acting_as
from petition_management.tests.utils import make_unit, make_user

GROUP = "_T Issue Group of Units"
CLOSED = "_T Issue Closed Unit"
MISSING = "_T Issue No Such Unit"
MANAGER = "issue-manager@transfer.test.local"


class TestIssueTransfers(TransferTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_unit(GROUP, is_group=1)
		make_unit(CLOSED, is_active=0)
		make_user(MANAGER, ["System Manager"])
		frappe.db.commit()

	def transfers_of(self, case: str) -> list[tuple]:
		return [
			tuple(row)
			for row in frappe.get_all(
				TRANSFER,
				filters={"petition_case": case},
				fields=["unit", "transfer_role", "due_date", "instructions", "issued_by"],
				order_by="creation asc",
				as_list=True,
			)
		]

	def issue_as(self, user: str, case: str, lead=None, co_units=None, **values):
		with acting_as(user):
			return issue_transfers(case, lead_unit=lead, co_units=co_units, **values)

	def test_the_office_issues_the_lead_and_a_co_unit_and_the_case_starts_handling(self):
		case = accepted_case(self.petitioner)
		result = self.issue_as(
			u("office"), case.name, UNIT_A, frappe.as_json([UNIT_B]), instructions="_T 请核实并答复"
		)
		self.assertEqual((result["workflow_state"], result["started_handling"]), ("In Handling", True))
		self.assertEqual(len(result["transfers"]), 2)
		due = getdate(case.handling_due)
		self.assertEqual(
			self.transfers_of(case.name),
			[
				(UNIT_A, LEAD, due, "_T 请核实并答复", u("office")),
				(UNIT_B, CO, due, "_T 请核实并答复", u("office")),
			],
		)
		self.assertEqual(frappe.db.get_value("Petition Case", case.name, "lead_unit"), UNIT_A)
		# each unit's handlers got the transfer to do, as when it is issued on its own form
		for name, unit in zip(result["transfers"], (UNIT_A, UNIT_B), strict=True):
			assigned = frappe.get_all(
				"ToDo", filters={"reference_type": TRANSFER, "reference_name": name}, pluck="allocated_to"
			)
			self.assertEqual(sorted(assigned), unit_handlers(unit))

	def test_co_units_join_a_case_in_handling_with_a_due_date_of_their_own(self):
		case = accepted_case(self.petitioner)
		self.issue_as(u("office"), case.name, UNIT_A)
		self.assertEqual(frappe.db.get_value("Petition Case", case.name, "workflow_state"), "In Handling")
		sooner = add_days(case.handling_due, -10)
		result = self.issue_as(u("office"), case.name, co_units=[UNIT_C], due_date=str(sooner))
		self.assertEqual((result["workflow_state"], result["started_handling"]), ("In Handling", False))
		self.assertEqual(self.transfers_of(case.name)[1][:3], (UNIT_C, CO, getdate(sooner)))

	def test_a_unit_handler_may_not_issue_transfers(self):
		case = accepted_case(self.petitioner)
		with self.assertRaises(frappe.PermissionError):
			self.issue_as(u("handler-a"), case.name, UNIT_A, [UNIT_B])
		self.assertEqual(self.transfers_of(case.name), [])
		self.assertEqual(frappe.db.get_value("Petition Case", case.name, "workflow_state"), "Accepted")

	def test_bad_units_are_all_named_and_nothing_is_saved(self):
		case = accepted_case(self.petitioner)
		with self.assertRaises(frappe.ValidationError) as caught:
			self.issue_as(u("office"), case.name, GROUP, [CLOSED, MISSING, UNIT_B, UNIT_B])
		message = str(caught.exception)
		for unit in (GROUP, CLOSED, MISSING, UNIT_B):
			self.assertIn(unit, message)
		with self.assertRaises(frappe.ValidationError) as caught:
			self.issue_as(u("office"), case.name, UNIT_A, [UNIT_A])
		self.assertIn(UNIT_A, str(caught.exception))
		self.assertEqual(self.transfers_of(case.name), [])
		self.assertEqual(frappe.db.get_value("Petition Case", case.name, "workflow_state"), "Accepted")

	def test_a_case_has_its_lead_unit_exactly_once(self):
		case = accepted_case(self.petitioner)
		with self.assertRaises(frappe.ValidationError):
			self.issue_as(u("office"), case.name, co_units=[UNIT_B])  # no lead yet
		self.issue_as(u("office"), case.name, UNIT_A)
		with self.assertRaises(frappe.ValidationError) as caught:
			self.issue_as(u("office"), case.name, UNIT_B)  # a second lead
		self.assertIn(UNIT_A, str(caught.exception))
		with self.assertRaises(frappe.ValidationError):
			self.issue_as(u("office"), case.name, co_units=[UNIT_A])  # the lead again, as a co-unit
		self.assertEqual([row[:2] for row in self.transfers_of(case.name)], [(UNIT_A, LEAD)])

	def test_a_due_date_past_the_case_is_refused_with_nothing_saved(self):
		case = accepted_case(self.petitioner)
		with self.assertRaises(frappe.ValidationError):
			self.issue_as(
				u("office"), case.name, UNIT_A, [UNIT_B], due_date=str(add_days(case.handling_due, 1))
			)
		with self.assertRaises(frappe.ValidationError):
			self.issue_as(u("office"), case.name, UNIT_A, due_date="not a date")
		self.assertEqual(self.transfers_of(case.name), [])

	def test_when_starting_the_handling_fails_no_transfer_is_kept(self):
		"""The transfers are saved before the case moves: a case that cannot be saved In Handling (a
		received date past today, written around the controller) takes its new transfers back with it."""
		case = accepted_case(self.petitioner, stored={"received_on": add_days(frappe.utils.nowdate(), 2)})
		with self.assertRaises(frappe.ValidationError):
			self.issue_as(u("office"), case.name, UNIT_A, [UNIT_B])
		self.assertEqual(self.transfers_of(case.name), [])
		self.assertEqual(frappe.db.get_value("Petition Case", case.name, "workflow_state"), "Accepted")

	def test_who_may_not_start_the_handling_leaves_the_case_accepted(self):
		"""A System Manager may create transfers but the case workflow's Start Handling is the office's."""
		case = accepted_case(self.petitioner)
		result = self.issue_as(MANAGER, case.name, UNIT_A)
		self.assertEqual((result["workflow_state"], result["started_handling"]), ("Accepted", False))
		self.assertEqual([row[:2] for row in self.transfers_of(case.name)], [(UNIT_A, LEAD)])

	def test_a_case_not_accepted_yet_gets_no_transfer(self):
		case = accepted_case(self.petitioner, state="Pending Acceptance")
		with self.assertRaises(frappe.ValidationError):
			self.issue_as(u("office"), case.name, UNIT_A)
		with self.assertRaises(frappe.DoesNotExistError):
			self.issue_as(u("office"), "PC-0000-99999", UNIT_A)
		self.assertEqual(self.transfers_of(case.name), [])
