"""The demo generator shows every feature: each DocType of the app gets records, and a second run adds
nothing."""

import frappe
from frappe.tests.utils import FrappeTestCase

from petition_management.demo import has_demo_data, make_demo

# DocTypes the demo does not fill, and why.
NOT_IN_DEMO = {
	"Petition Digest Log": "written by the daily deadline job, not by people",
}


def app_doctypes() -> list[str]:
	return frappe.get_all(
		"DocType",
		filters={"module": "Petition Management", "istable": 0, "issingle": 0},
		pluck="name",
	)


def counts() -> dict[str, int]:
	return {doctype: frappe.db.count(doctype) for doctype in app_doctypes()}


class TestDemo(FrappeTestCase):
	def setUp(self):
		frappe.flags.mute_emails = True

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		frappe.defaults.clear_default("petition_management_demo_loaded")

	def test_demo_fills_every_doctype_once(self):
		make_demo(commit=False)
		self.assertTrue(has_demo_data())
		first = counts()
		empty = sorted(d for d, n in first.items() if not n and d not in NOT_IN_DEMO)
		self.assertEqual(empty, [], "DocTypes the demo leaves empty")
		self.assertTrue(frappe.get_single("Petition Settings").holidays)
		states = set(frappe.get_all("Petition Case", pluck="workflow_state", distinct=True))
		self.assertTrue(
			{"Registered", "Pending Acceptance", "Accepted", "Not Accepted", "Closed"} <= states, states
		)
		make_demo(commit=False)
		self.assertEqual(first, counts())
