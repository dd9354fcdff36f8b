"""The case's Workflow, driven by real users in real roles with apply_workflow."""

import frappe
from frappe.model.workflow import WorkflowPermissionError, apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate, nowdate

from petition_management.petition_management.doctype.petition_case.petition_case import (
	PetitionCaseError,
	SelfApprovalError,
)
from petition_management.setup.workflows import ensure_workflows
from petition_management.tests.factories import closed_fields, make_case, make_petitioner
from petition_management.tests.utils import (
	make_category,
	make_outgoing_email_account,
	make_unit,
	make_users,
	queued_mail_recipients,
)
from petition_management.utils.deadlines import due_date

OFFICE = "wf-office@example.com"
OFFICE_2 = "wf-office2@example.com"
DIRECTOR = "wf-director@example.com"
RECEPTION = "wf-reception@example.com"
HANDLER = "wf-handler@example.com"
USERS = {
	OFFICE: ["Petition Office"],
	OFFICE_2: ["Petition Office", "Petition Director"],
	DIRECTOR: ["Petition Director"],
	RECEPTION: ["Petition Reception Officer"],
	HANDLER: ["Petition Unit Handler"],
}


class CaseWorkflowTestCase(FrappeTestCase):
	"""Users and a registered case, shared by the workflow tests."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_workflows()
		make_users(USERS)
		make_unit("_T Housing Office")
		make_category("_T Property Management", default_handling_unit="_T Housing Office")
		make_outgoing_email_account()
		frappe.db.commit()  # shared by every test; each test rolls back only its own changes

	def setUp(self):
		frappe.flags.mute_emails = True  # queue mail, never send it: sending commits the transaction

	def tearDown(self):
		frappe.flags.mute_emails = False
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def register(self, **values):
		"""A case registered by the reception officer (the session stays theirs)."""
		frappe.set_user(RECEPTION)
		petitioner = make_petitioner("_T 张伟", email="zhangwei@example.com")
		return make_case(
			petitioner,
			source_type="Visit",
			subject="_T 物业收费",
			content="小区物业擅自提高停车费。",
			category="_T Property Management",
			**values,
		)

	def closed_case(self, delivered_on=None, **values):
		"""A registered case put in Closed directly, with the dates the workflow records on the way (the
		path through handling, reply and delivery is tested here)."""
		case = self.register(**values)
		frappe.set_user("Administrator")
		case.db_set({"workflow_state": "Closed", **closed_fields(delivered_on)})
		return frappe.get_doc("Petition Case", case.name)

	def act(self, user, doc, action, **values):
		"""As `user` (the session stays theirs): save `values` on the record (a case, an extension), then
		apply the workflow action."""
		frappe.set_user(user)
		doc = frappe.get_doc(doc.doctype, doc.name)
		if values:
			doc.update(values)
			doc.save()
		return apply_workflow(doc, action)

	def propose_refusal(self, case, reason: str, **values):
		"""As the office: propose not to accept the case for `reason`."""
		return self.act(
			OFFICE,
			case,
			"Propose Acceptance Decision",
			acceptance_proposal="Do Not Accept",
			non_acceptance_reason=reason,
			**values,
		)


class TestCaseWorkflow(CaseWorkflowTestCase):
	def test_new_case_starts_registered_with_its_acceptance_clock(self):
		case = self.register()
		self.assertEqual(case.workflow_state, "Registered")
		self.assertEqual(getdate(case.acceptance_due), due_date(nowdate(), 15))

	def test_office_proposes_and_director_accepts(self):
		case = self.register()
		case = self.act(OFFICE, case, "Propose Acceptance Decision", acceptance_proposal="Accept")
		self.assertEqual((case.workflow_state, case.proposed_by), ("Pending Acceptance", OFFICE))
		case = self.act(DIRECTOR, case, "Approve Acceptance")
		self.assertEqual(case.workflow_state, "Accepted")
		self.assertEqual((case.decided_by, getdate(case.accepted_on)), (DIRECTOR, getdate(nowdate())))
		self.assertEqual(getdate(case.handling_due), due_date(nowdate(), 60))
		comments = frappe.get_all(
			"Comment", filters={"reference_name": case.name, "comment_type": "Workflow"}, pluck="content"
		)
		self.assertCountEqual(comments, ["Pending Acceptance", "Accepted"])

	def test_not_accepted_needs_reason_and_where_to_go_and_produces_a_notice(self):
		case = self.register()
		with self.assertRaises(PetitionCaseError):
			self.propose_refusal(case, "属于劳动争议")
		frappe.db.rollback()
		case = self.register()
		case = self.propose_refusal(
			case,
			"属于劳动争议仲裁事项",
			legal_channel="Arbitration",
			competent_body="_T 县劳动人事争议仲裁委员会",
		)
		with self.assertRaises(frappe.ValidationError) as caught:
			apply_workflow(case, "Approve Acceptance")
		self.assertIn("Not a valid Workflow Action", str(caught.exception))
		case = self.act(DIRECTOR, case, "Approve Non-Acceptance")
		self.assertEqual(case.workflow_state, "Not Accepted")
		self.assertIn("_T 县劳动人事争议仲裁委员会", case.non_acceptance_notice)
		self.assertIn("属于劳动争议仲裁事项", case.non_acceptance_notice)
		self.assertEqual(queued_mail_recipients("Petition Case", case.name), [["zhangwei@example.com"]])

	def test_without_an_outgoing_account_the_notice_is_kept_and_not_mailed(self):
		frappe.db.set_value("Email Account", {"default_outgoing": 1}, "default_outgoing", 0)
		frappe.local.outgoing_email_account = {}  # Frappe caches the account per request
		frappe.flags.mute_emails = False  # muted mail would get a stand-in account
		case = self.register()
		case = self.propose_refusal(case, "不属于本机关职责", competent_body="_T 县人民法院")
		case = self.act(DIRECTOR, case, "Approve Non-Acceptance")
		self.assertEqual(case.workflow_state, "Not Accepted")
		self.assertFalse(frappe.get_all("Email Queue", filters={"reference_name": case.name}))
		comments = frappe.get_all(
			"Comment", filters={"reference_name": case.name, "comment_type": "Comment"}, pluck="content"
		)
		self.assertTrue(any("Not e-mailed" in c for c in comments))

	def test_one_person_cannot_propose_and_approve(self):
		case = self.register()
		case = self.act(OFFICE_2, case, "Propose Acceptance Decision", acceptance_proposal="Accept")
		with self.assertRaises(SelfApprovalError):
			self.act(OFFICE_2, case, "Approve Acceptance")
		self.assertEqual(
			frappe.db.get_value("Petition Case", case.name, "workflow_state"), "Pending Acceptance"
		)

	def test_wrong_role_gets_a_clear_refusal(self):
		case = self.register()
		frappe.set_user(RECEPTION)
		with self.assertRaises(frappe.ValidationError) as caught:
			apply_workflow(frappe.get_doc("Petition Case", case.name), "Propose Acceptance Decision")
		self.assertIn("Not a valid Workflow Action", str(caught.exception))
		frappe.set_user(HANDLER)
		self.assertRaises(
			frappe.PermissionError, frappe.get_doc("Petition Case", case.name).check_permission, "read"
		)

	def test_setting_the_state_field_directly_is_refused(self):
		case = self.register()
		frappe.set_user(RECEPTION)
		case = frappe.get_doc("Petition Case", case.name)
		case.workflow_state = "Accepted"
		self.assertRaises(WorkflowPermissionError, case.save)

	def test_answered_on_the_spot_goes_straight_to_closed(self):
		case = self.register()
		with self.assertRaises(PetitionCaseError):
			self.act(RECEPTION, case, "Close as Answered on the Spot")
		frappe.db.rollback()
		case = self.register()
		case = self.act(
			RECEPTION, case, "Close as Answered on the Spot", consolidated_reply="已当场解释收费依据。"
		)
		self.assertEqual((case.workflow_state, getdate(case.closed_on)), ("Closed", getdate(nowdate())))
		with self.assertRaises(PetitionCaseError):
			self.act(OFFICE, case, "Archive")
		frappe.db.rollback()

	def test_workflow_edit_by_admin_survives_migrate(self):
		workflow = frappe.get_doc("Workflow", "Petition Case")
		workflow.append(
			"transitions",
			{
				"state": "Accepted",
				"action": "Send Back",
				"next_state": "Registered",
				"allowed": "Petition Director",
			},
		)
		workflow.save()
		ensure_workflows()
		workflow.reload()
		self.assertIn(("Accepted", "Registered"), [(t.state, t.next_state) for t in workflow.transitions])
