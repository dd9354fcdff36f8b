# Copyright (c) 2026, Petition Management contributors
# See license.txt

"""Petition Transfer: who sees which transfers and cases (units, co-units, leaders, the supervisor), and
the Workflow as the administrator's to edit."""

import frappe

from petition_management.handling.transfers import (
	CaseNotReadyError,
	TransferState,
	user_units,
	validate_case_can_start_handling,
)
from petition_management.petition_management.doctype.petition_transfer.petition_transfer import (
	ReplyIncompleteError,
)
from petition_management.petition_management.doctype.petition_transfer.test_petition_transfer import (
	HANDLER,
	UNIT_A,
	UNIT_B,
	UNIT_C,
	UNIT_D,
	TransferTestCase,
	u,
)
from petition_management.setup.workflows import ensure_workflows
from petition_management.tests.factories import accepted_case


class TestTransferPermissions(TransferTestCase):
	# --- row-level permissions -----------------------------------------------------------------------

	def test_a_handler_reads_only_their_units_transfers_and_cases(self):
		case_a, case_b = accepted_case(self.petitioner), accepted_case(self.petitioner)
		transfer_a = self.issue(case_a, UNIT_A).name
		transfer_b = self.issue(case_b, UNIT_B).name
		untransferred = accepted_case(self.petitioner).name

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
		transfer_a = self.issue(accepted_case(self.petitioner), UNIT_A).name
		transfer_b = self.issue(accepted_case(self.petitioner), UNIT_B).name
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
		case = accepted_case(self.petitioner)
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
		case = accepted_case(self.petitioner)
		lead = self.issue(case, UNIT_A).name
		co_b = self.issue(case, UNIT_B, role="Co-handling Unit").name
		other = self.issue(accepted_case(self.petitioner), UNIT_C).name

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
		case = accepted_case(self.petitioner)
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
		name = self.issue(accepted_case(self.petitioner), UNIT_A).name
		self.assertEqual(
			self.act("handler-a", name, "_T Ask for Clarification").workflow_state,
			"_T Clarification Requested",
		)
