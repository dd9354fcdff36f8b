"""The special demo step builds every kind of record of issue 8, and running it twice adds nothing."""

import frappe
from frappe.tests.utils import FrappeTestCase

from petition_management.demo import DemoContext
from petition_management.demo.special import make_special
from petition_management.demo.users import demo_email
from petition_management.tests.utils import load_demo_until_cases

COUNTED = (
	"Reception Schedule",
	"Reception Day",
	"Emergency Incident",
	"Dispute Screening Round",
	"Mediation Case",
)


class TestSpecialDemo(FrappeTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def test_the_demo_has_each_kind_of_record_once(self):
		context = DemoContext()
		load_demo_until_cases(context)  # what the special records build on
		make_special(context)
		counts = {doctype: frappe.db.count(doctype) for doctype in COUNTED}
		self.assertTrue(all(counts.values()), counts)
		key_cases = frappe.get_all("Petition Case", filters={"is_key_case": 1}, fields=["name", "key_leader"])
		self.assertEqual({row.key_leader for row in key_cases}, {demo_email("leader1")})
		self.assertEqual(len(key_cases), 2)
		self.assertEqual(frappe.db.count("Petition Leader Visit", {"parent": key_cases[0].name}), 2)
		closed = frappe.get_all(
			"Emergency Incident",
			filters={"status": "Closed"},
			fields=["escalated_to", "police_assistance_requested"],
		)
		self.assertTrue(closed and closed[0].escalated_to and closed[0].police_assistance_requested)
		self.assertTrue(frappe.db.exists("Dispute Screening Round", {"status": "Submitted"}))
		self.assertTrue(frappe.db.exists("Mediation Case", {"status": "Closed"}))
		self.assertTrue(frappe.db.sql("select 1 from `tabReception Day` where received_count > 0 limit 1"))
		make_special(DemoContext())
		self.assertEqual(counts, {doctype: frappe.db.count(doctype) for doctype in COUNTED})
		self.assertEqual(frappe.db.count("Petition Case", {"is_key_case": 1}), 2)
