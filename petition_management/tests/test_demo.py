"""The demo generator builds every kind of record the app has, and running it twice adds nothing."""

import frappe
from frappe.tests.utils import FrappeTestCase

from petition_management.demo import has_demo_data, make_demo


class TestDemo(FrappeTestCase):
	def tearDown(self):
		frappe.db.rollback()
		frappe.defaults.clear_default("petition_management_demo_loaded")

	def test_demo_covers_every_doctype_once(self):
		first = make_demo(commit=False)
		counts = {doctype: frappe.db.count(doctype) for doctype in ("Handling Unit", "Petition Category")}
		self.assertTrue(has_demo_data())
		self.assertGreaterEqual(counts["Handling Unit"], 10)
		self.assertGreaterEqual(counts["Petition Category"], 10)
		self.assertTrue(frappe.get_single("Petition Settings").holidays)
		for role in ("Petition Office", "Petition Unit Handler", "Petition Director"):
			self.assertTrue(
				frappe.get_all(
					"Has Role", filters={"role": role, "parent": ("like", "%@demo.petition.local")}
				),
				role,
			)
		make_demo(commit=False)
		self.assertEqual(
			counts, {doctype: frappe.db.count(doctype) for doctype in ("Handling Unit", "Petition Category")}
		)
		self.assertEqual(set(first.created), {"User", "Handling Unit", "Petition Category"})
		self.assertTrue(frappe.db.get_value("Handling Unit", "住房和城乡建设局", "leader_in_charge"))
		self.assertEqual(
			frappe.db.get_value("Petition Category", "房屋拆迁安置", "default_handling_unit"),
			"住房和城乡建设局",
		)
		self.assertEqual(frappe.db.get_value("Petition Category", "劳动争议", "legal_channel"), "Arbitration")
