"""The demo generator shows every feature: each DocType of the app gets records, every state of the case
and transfer Workflows has examples (overdue transfers too), and a second run adds nothing."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate

from petition_management.demo import has_demo_data, make_demo
from petition_management.demo.guard import DEMO_SITE_FLAG, NotADemoSiteError, ensure_demo_site
from petition_management.demo.lifecycle import SCENARIOS
from petition_management.tests.utils import make_outgoing_email_account

# DocTypes the demo does not fill, and why.
NOT_IN_DEMO = {
	"Petition Digest Log": "written by the daily deadline job, not by people",
}
CASE = "Petition Case"
TRANSFER = "Petition Transfer"


def app_doctypes() -> list[str]:
	return frappe.get_all(
		"DocType",
		filters={"module": "Petition Management", "istable": 0, "issingle": 0},
		pluck="name",
	)


def counts() -> dict[str, int]:
	return {doctype: frappe.db.count(doctype) for doctype in app_doctypes()}


def workflow_states(doctype: str) -> set[str]:
	"""The states of the doctype's active Workflow."""
	workflow = frappe.db.get_value("Workflow", {"document_type": doctype, "is_active": 1})
	return set(frappe.get_all("Workflow Document State", filters={"parent": workflow}, pluck="state"))


def states_in_use(doctype: str) -> set[str]:
	return set(frappe.get_all(doctype, pluck="workflow_state", distinct=True))


class TestDemo(FrappeTestCase):
	def setUp(self):
		frappe.flags.mute_emails = True
		# muted mail without an outgoing account gets Frappe's stand-in account, which has no address
		make_outgoing_email_account()
		frappe.local.outgoing_email_account = {}

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		frappe.local.outgoing_email_account = {}
		frappe.defaults.clear_default("petition_management_demo_loaded")

	def test_demo_fills_every_doctype_and_state_once(self):
		context = make_demo(commit=False)
		self.assertTrue(has_demo_data())
		first = counts()
		empty = sorted(d for d, n in first.items() if not n and d not in NOT_IN_DEMO)
		self.assertEqual(empty, [], "DocTypes the demo leaves empty")
		self.assertTrue(frappe.get_single("Petition Settings").holidays)
		self.assertEqual(len(context.created["Petition Case (walked)"]), len(SCENARIOS))
		for doctype in (CASE, TRANSFER):
			missing = sorted(workflow_states(doctype) - states_in_use(doctype))
			self.assertEqual(missing, [], f"{doctype} Workflow states without a demo record")
		self.assert_overdue_transfers()
		self.assert_replies_signed_and_dated()
		self.assert_return_visits_and_reviews()
		make_demo(commit=False)
		self.assertEqual(first, counts())

	def assert_overdue_transfers(self):
		overdue = frappe.get_all(
			TRANSFER, filters={"deadline_status": "Overdue"}, fields=["workflow_state", "due_date"]
		)
		self.assertTrue({"Issued", "Acknowledged"} <= {row.workflow_state for row in overdue}, overdue)
		self.assertTrue(all(getdate(row.due_date) < getdate() for row in overdue))

	def assert_replies_signed_and_dated(self):
		"""Each reply is signed by the lead unit's leader in charge, and the case's days follow in order."""
		replied = frappe.get_all(
			CASE,
			filters={"replied_on": ("is", "set")},
			fields=[
				"name",
				"accepted_on",
				"replied_on",
				"closed_on",
				"archived_on",
				"reply_signed_by",
				"lead_unit",
			],
		)
		self.assertTrue(replied)
		for case in replied:
			leader = frappe.db.get_value("Handling Unit", case.lead_unit, "leader_in_charge")
			self.assertEqual(case.reply_signed_by, leader, case.name)
			days = [
				getdate(d) for d in (case.accepted_on, case.replied_on, case.closed_on, case.archived_on) if d
			]
			self.assertEqual(days, sorted(days), case.name)
			self.assertLess(getdate(case.accepted_on), getdate(case.replied_on), case.name)

	def assert_return_visits_and_reviews(self):
		visited = frappe.get_all(
			"Petition Return Visit",
			filters={"status": "Completed"},
			fields=["petition_case", "satisfaction"],
		)
		self.assertTrue(
			{"Satisfied", "Basically Satisfied", "Dissatisfied"} <= {v.satisfaction for v in visited}
		)
		for visit in visited:
			self.assertEqual(
				frappe.db.get_value(CASE, visit.petition_case, "satisfaction"), visit.satisfaction
			)
		for case in frappe.get_all("Petition Review", pluck="petition_case"):
			self.assertGreaterEqual(
				getdate(frappe.db.get_value(CASE, case, "review_request_due")), getdate(), case
			)


class TestDemoSiteGuard(FrappeTestCase):
	"""`petition-demo` loads users with a published password only on a site marked as a demo site."""

	def setUp(self):
		self.saved = frappe.local.conf.get(DEMO_SITE_FLAG)

	def tearDown(self):
		frappe.local.conf[DEMO_SITE_FLAG] = self.saved

	def test_a_site_not_marked_as_a_demo_site_is_refused(self):
		frappe.local.conf[DEMO_SITE_FLAG] = None
		with self.assertRaises(NotADemoSiteError) as refused:
			ensure_demo_site()
		self.assertIn(frappe.local.site, str(refused.exception))
		self.assertIn("--force", str(refused.exception))

	def test_a_marked_site_or_force_is_let_through(self):
		frappe.local.conf[DEMO_SITE_FLAG] = None
		ensure_demo_site(force=True)
		frappe.local.conf[DEMO_SITE_FLAG] = 1
		ensure_demo_site()
