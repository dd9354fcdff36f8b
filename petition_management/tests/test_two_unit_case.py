"""The whole path of a two-unit case, from registration to archive, by real users in real roles."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate, nowdate

from petition_management.petition_management.doctype.petition_transfer.test_petition_transfer import (
	UNIT_A,
	UNIT_B,
	UNITS,
	USERS,
	u,
)
from petition_management.setup.workflows import ensure_workflows
from petition_management.tests.factories import CO, LEAD, answer_transfer, apply_as, issue_transfer, make_case
from petition_management.tests.utils import (
	make_outgoing_email_account,
	make_petitioner,
	make_staffed_unit,
	make_users,
)

DIRECTOR = "path-director@transfer.test.local"


class TestTwoUnitCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_workflows()
		make_users({**{u(login): roles for login, roles in USERS.items()}, DIRECTOR: ["Petition Director"]})
		for unit, (head, leader, handlers) in UNITS.items():
			make_staffed_unit(unit, u(head), u(leader), [u(handler) for handler in handlers])
		make_outgoing_email_account()
		frappe.db.commit()

	def setUp(self):
		frappe.flags.mute_emails = True

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def test_registration_to_archive_with_a_lead_and_a_co_unit(self):
		petitioner = make_petitioner("_T 周敏", email="zhoumin@example.com")
		case = make_case(
			petitioner,
			as_user=u("reception"),
			source_type="Visit",
			content="小区物业擅自提高停车费，交警占道执法也有问题，请求查处。",
		)
		name = case.name
		apply_as(
			u("office"), "Petition Case", name, "Propose Acceptance Decision", acceptance_proposal="Accept"
		)
		case = apply_as(DIRECTOR, "Petition Case", name, "Approve Acceptance")
		self.assertEqual(case.workflow_state, "Accepted")

		lead = issue_transfer(name, UNIT_A, LEAD, as_user=u("office"))
		co = issue_transfer(name, UNIT_B, CO, as_user=u("office"))
		self.assertLessEqual(getdate(lead.due_date), getdate(case.handling_due))
		case = apply_as(u("office"), "Petition Case", name, "Start Handling")
		self.assertEqual((case.workflow_state, case.lead_unit), ("In Handling", UNIT_A))

		# the case cannot be replied before the lead's summary is signed and accepted
		frappe.db.savepoint("before_early_reply")
		with self.assertRaises(frappe.ValidationError):
			apply_as(
				u("office"),
				"Petition Case",
				name,
				"Record Consolidated Reply",
				consolidated_reply="<p>_T</p>",
			)
		frappe.db.rollback(save_point="before_early_reply")

		# the lead unit is told up front which co-units it waits for
		waiting = frappe.get_doc("Petition Transfer", lead.name)
		waiting.run_method("onload")
		self.assertEqual(waiting.get_onload().co_units_pending, [UNIT_B])

		accepted_co = answer_transfer(co.name, u("handler-b"), u("head-b"), u("leader-b"), u("office"))
		accepted_lead = answer_transfer(lead.name, u("handler-a"), u("head-a"), u("leader-a"), u("office"))
		self.assertEqual((accepted_co.workflow_state, accepted_lead.workflow_state), ("Reply Accepted",) * 2)
		self.assertEqual(
			(accepted_lead.head_signed_by, accepted_lead.leader_signed_by), (u("head-a"), u("leader-a"))
		)

		# the accepted lead reply is the first draft of the consolidated reply
		self.assertEqual(
			frappe.db.get_value("Petition Case", name, "consolidated_reply"), accepted_lead.reply_draft
		)
		case = apply_as(
			u("office"),
			"Petition Case",
			name,
			"Record Consolidated Reply",
			consolidated_reply="<p>_T 经两单位核查，物业已恢复原收费标准。</p>",
		)
		# what closing needs is named at once, not one field per attempt
		frappe.db.savepoint("before_bare_close")
		with self.assertRaises(frappe.ValidationError) as caught:
			apply_as(u("office"), "Petition Case", name, "Close Case")
		self.assertIn("Delivery Method", str(caught.exception))
		self.assertIn("Delivered On", str(caught.exception))
		frappe.db.rollback(save_point="before_bare_close")
		self.assertEqual((case.workflow_state, case.reply_signed_by), ("Replied", u("leader-a")))
		case = apply_as(
			u("office"), "Petition Case", name, "Close Case", delivery_method="Post", delivered_on=nowdate()
		)
		self.assertEqual(case.workflow_state, "Closed")
		self.assertTrue(case.review_request_due)
		self.assertTrue(frappe.db.exists("Petition Return Visit", {"petition_case": name}))
		case = apply_as(u("office"), "Petition Case", name, "Archive", archive_number="_T 2026-永久-001")
		self.assertEqual((case.workflow_state, getdate(case.archived_on)), ("Archived", getdate(nowdate())))

		trail = frappe.get_all(
			"Comment",
			filters={
				"reference_doctype": "Petition Case",
				"reference_name": name,
				"comment_type": "Workflow",
			},
			pluck="content",
			order_by="creation asc",
		)
		self.assertEqual(
			trail,
			["Pending Acceptance", "Accepted", "In Handling", "Replied", "Closed", "Archived"],
		)
		# an archived case is part of the file: the office cannot delete it
		frappe.set_user(u("office"))
		with self.assertRaises((frappe.ValidationError, frappe.PermissionError)):
			frappe.delete_doc("Petition Case", name)
