"""Link searches in the user's words (api/link_queries.py, hooks' standard_queries), through Frappe's own
search endpoint as a zh user: a unit's type is shown and found translated, a print format is found by its
translated name and keeps its name as the value."""

import frappe
from frappe.desk.search import search_link
from frappe.tests.utils import FrappeTestCase

from petition_management.tests.factories import acting_as
from petition_management.tests.utils import make_unit, make_user

BRIGADE = "_T Link Brigade"
OFFICE = "link-office@desk.test.local"


class TestLinkQueries(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_unit(BRIGADE, unit_type="Brigade")
		make_user(OFFICE, ["Petition Office"])
		frappe.db.commit()

	def setUp(self):
		self.lang = frappe.local.lang
		frappe.local.lang = "zh"

	def tearDown(self):
		frappe.local.lang = self.lang
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def search(self, doctype: str, txt: str, **filters) -> dict[str, str]:
		with acting_as(OFFICE):
			return {
				row["value"]: row.get("description") for row in search_link(doctype, txt, filters=filters)
			}

	def test_a_unit_type_is_shown_and_found_in_the_users_words(self):
		brigade = frappe._("Brigade", context="Handling Unit")
		self.assertNotEqual(brigade, "Brigade")
		found = self.search("Handling Unit", "_T Link")
		self.assertEqual(found[BRIGADE], brigade)
		self.assertIn(BRIGADE, self.search("Handling Unit", brigade))
		self.assertIn(BRIGADE, self.search("Handling Unit", "Brigade"))
		self.assertNotIn(BRIGADE, self.search("Handling Unit", brigade, is_group=1))

	def test_a_print_format_is_found_by_its_translated_name(self):
		name = "Case Acceptance Registration Form"
		found = self.search("Print Format", "受理", doc_type="Petition Case")
		self.assertEqual(found[name], frappe._(name))
		self.assertIn("Notice of Acceptance", found)
		self.assertNotIn("Reply Letter", found)
		self.assertIn(name, self.search("Print Format", "Registration", doc_type="Petition Case"))
		self.assertEqual(self.search("Print Format", "受理", doc_type="Petition Transfer"), {})
