# Copyright (c) 2026, Petition Management contributors
# See license.txt

"""Petition Transfer: a unit's objection and the re-route, a returned reply and its rework, and the steps
refused to the wrong person."""

import frappe
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError
from frappe.utils import getdate, nowdate

from petition_management.handling.transfers import (
	TransferState,
	lead_transfer,
	validate_case_can_start_handling,
)
from petition_management.petition_management.doctype.petition_transfer.petition_transfer import (
	DuplicateTransferError,
	ObjectionError,
	ReplyIncompleteError,
	SignatureError,
	objection_days,
)
from petition_management.petition_management.doctype.petition_transfer.test_petition_transfer import (
	UNIT_A,
	UNIT_B,
	UNIT_D,
	TransferTestCase,
	u,
	working_days_ago,
)
from petition_management.tests.factories import accepted_case


class TestTransferObjectionsAndRefusals(TransferTestCase):
	# --- objection and re-route ----------------------------------------------------------------------

	def test_objection_on_the_fifth_working_day_is_accepted_and_on_the_sixth_refused(self):
		window = objection_days()
		self.assertEqual(window, 5)  # the statutory default of Settings
		case = accepted_case(self.petitioner)
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
		case = accepted_case(self.petitioner)
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
		name = self.issue(accepted_case(self.petitioner), UNIT_A).name
		self.act("handler-a", name, "Object", objection_reason="_T 不属于本单位")
		doc = self.act("office", name, "Reject Objection")
		self.assertEqual(doc.workflow_state, TransferState.ACKNOWLEDGED)
		self.assertEqual(doc.acknowledged_by, u("handler-a"))  # objecting is a receipt too
		with self.assertRaises(ObjectionError):
			self.act("handler-a", name, "Object")
		self.assertEqual(self.state(name), TransferState.ACKNOWLEDGED)

	# --- return and rework ---------------------------------------------------------------------------

	def test_returned_reply_and_its_rework(self):
		name = self.replied_transfer(UNIT_A, "handler-a")
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
		name = self.issue(accepted_case(self.petitioner), UNIT_A).name
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
		name = self.issue(accepted_case(self.petitioner), UNIT_A).name
		frappe.set_user(u("handler-a"))
		doc = frappe.get_doc("Petition Transfer", name)
		doc.workflow_state = TransferState.REPLY_ACCEPTED
		self.assertRaises(WorkflowPermissionError, doc.save)
		frappe.set_user("Administrator")
		self.assertEqual(self.state(name), TransferState.ISSUED)
		case = accepted_case(self.petitioner)
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
		name = self.replied_transfer(UNIT_A, "handler-a")
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
		name = self.replied_transfer(UNIT_D, "solo-d")
		with self.assertRaises(SignatureError):
			self.act("solo-d", name, "Sign as Unit Head")
		self.assertEqual(self.state(name), TransferState.REPLY_DRAFTED)
		self.assertIsNone(frappe.db.get_value("Petition Transfer", name, "head_signed_by"))
