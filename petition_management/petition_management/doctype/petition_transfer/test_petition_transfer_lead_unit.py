"""Petition Transfer.lead_unit: the unit of the case's active lead transfer on every transfer of the case,
set by the system only, kept when a lead is issued, withdrawn or deleted, backfilled by a patch, and what
the transfer permission rule (list and single document) keys on."""

import frappe

from petition_management.handling.permissions import transfer_allowed, transfer_query
from petition_management.handling.transfers import TransferState
from petition_management.patches import set_transfer_lead_unit
from petition_management.petition_management.doctype.petition_transfer.test_petition_transfer import (
	UNIT_A,
	UNIT_B,
	UNIT_C,
	TransferTestCase,
	u,
)
from petition_management.tests.factories import CO, TRANSFER, accepted_case


class TestTransferLeadUnit(TransferTestCase):
	"""On the units and people of TransferTestCase."""

	def lead_units(self, case) -> dict:
		return dict(
			frappe.get_all(
				"Petition Transfer",
				filters={"petition_case": case.name},
				fields=["name", "lead_unit"],
				as_list=1,
			)
		)

	# --- kept by the system --------------------------------------------------------------------------

	def test_every_transfer_of_the_case_carries_the_active_leads_unit(self):
		case = accepted_case(self.petitioner)
		lead = self.issue(case, UNIT_A)
		self.assertEqual(lead.lead_unit, UNIT_A)
		co = self.issue(case, UNIT_B, role=CO)
		self.assertEqual(co.lead_unit, UNIT_A)
		self.assertEqual(self.lead_units(case), {lead.name: UNIT_A, co.name: UNIT_A})

	def test_withdrawing_the_lead_clears_it_and_a_new_lead_sets_it_everywhere(self):
		case = accepted_case(self.petitioner)
		lead = self.issue(case, UNIT_A).name
		co = self.issue(case, UNIT_B, role=CO).name
		self.act("office", lead, "Withdraw")
		self.assertEqual(self.lead_units(case), {lead: None, co: None})
		self.assertIsNone(frappe.db.get_value("Petition Case", case.name, "lead_unit"))

		new_lead = self.issue(case, UNIT_C)
		self.assertEqual(new_lead.lead_unit, UNIT_C)
		self.assertEqual(self.lead_units(case), {lead: UNIT_C, co: UNIT_C, new_lead.name: UNIT_C})
		self.assertEqual(frappe.db.get_value("Petition Case", case.name, "lead_unit"), UNIT_C)

	def test_deleting_the_lead_clears_it(self):
		case = accepted_case(self.petitioner)
		lead = self.issue(case, UNIT_A).name
		co = self.issue(case, UNIT_B, role=CO).name
		frappe.delete_doc("Petition Transfer", lead)
		self.assertEqual(self.lead_units(case), {co: None})

	def test_a_client_cannot_set_it(self):
		case = accepted_case(self.petitioner)
		lead = self.issue(case, UNIT_A, lead_unit=UNIT_C)
		self.assertEqual(lead.lead_unit, UNIT_A)
		co = self.issue(case, UNIT_B, role=CO, lead_unit=UNIT_B)
		self.assertEqual(frappe.db.get_value("Petition Transfer", co.name, "lead_unit"), UNIT_A)

		frappe.set_user(u("handler-b"))
		try:
			doc = frappe.get_doc("Petition Transfer", co.name)
			doc.lead_unit = UNIT_B
			doc.handling_opinion = "<p>_T 初步意见</p>"
			doc.save()
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Petition Transfer", co.name, "lead_unit"), UNIT_A)
		self.assertEqual(doc.lead_unit, UNIT_A)

	def test_patch_backfills_existing_rows(self):
		case = accepted_case(self.petitioner)
		withdrawn = self.issue(case, UNIT_A).name
		self.act("office", withdrawn, "Withdraw")
		lead = self.issue(case, UNIT_B).name
		co = self.issue(case, UNIT_C, role=CO).name
		lone = self.issue(accepted_case(self.petitioner), UNIT_A).name
		frappe.db.sql(
			"update `tabPetition Transfer` set lead_unit = case when name = %s then %s else null end "
			"where name in %s",
			(co, UNIT_C, (withdrawn, lead, co, lone)),
		)
		set_transfer_lead_unit.execute()
		self.assertEqual(self.lead_units(case), {withdrawn: UNIT_B, lead: UNIT_B, co: UNIT_B})
		self.assertEqual(frappe.db.get_value("Petition Transfer", lone, "lead_unit"), UNIT_A)

	# --- what the permission rule keys on ------------------------------------------------------------

	def test_the_permission_query_has_no_subquery(self):
		condition = transfer_query(u("handler-a"))
		self.assertIn("lead_unit", condition)
		self.assertNotIn("select", condition.lower())

	def test_the_lead_unit_reads_accepted_co_replies_and_loses_them_with_the_lead(self):
		case = accepted_case(self.petitioner)
		lead = self.issue(case, UNIT_A).name
		co = self.issue(case, UNIT_B, role=CO).name
		# a co-unit's draft stays its own
		self.assertEqual(self.visible("handler-a", TRANSFER), {lead})
		self.assertFalse(self.can("handler-a", TRANSFER, co))
		# a co-unit sees its own transfer, whatever unit leads (lead_unit ignores User Permissions)
		self.assertEqual(self.visible("handler-b", TRANSFER), {co})

		self.run_to_accepted(co, "handler-b", head="head-b", leader="leader-b")
		self.assertEqual(self.visible("handler-a", TRANSFER), {lead, co})
		self.assertTrue(self.can("handler-a", TRANSFER, co))
		doc = frappe.get_doc("Petition Transfer", co)
		self.assertFalse(transfer_allowed(doc, "write", u("handler-a")))
		self.assertEqual(self.visible("handler-c", TRANSFER), set())

		# the lead moves from A to C: so does the right to read B's reply
		self.act("office", lead, "Withdraw")
		new_lead = self.issue(case, UNIT_C).name
		self.assertEqual(self.visible("handler-a", TRANSFER), {lead})
		self.assertFalse(self.can("handler-a", TRANSFER, co))
		self.assertEqual(self.visible("handler-c", TRANSFER), {new_lead, co})
		self.assertTrue(self.can("handler-c", TRANSFER, co))
		self.assertEqual(self.visible("handler-b", TRANSFER), {co})

	def test_the_workflow_keeps_the_lead_unit_through_a_reply(self):
		case = accepted_case(self.petitioner)
		self.issue(case, UNIT_A)
		co = self.issue(case, UNIT_B, role=CO).name
		self.run_to_accepted(co, "handler-b", head="head-b", leader="leader-b")
		self.assertEqual(
			frappe.db.get_value("Petition Transfer", co, "workflow_state"), TransferState.REPLY_ACCEPTED
		)
		self.assertEqual(frappe.db.get_value("Petition Transfer", co, "lead_unit"), UNIT_A)
