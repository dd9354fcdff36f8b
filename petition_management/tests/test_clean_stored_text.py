"""The clean-up patch (patches/clean_stored_text.py) cleans the values written before the save hook
cleaned them, or past it: a letter's markup planted with `db.set_value` (no hook runs) is cleaned by
the patch as a save would clean it, a clean value and `modified` stay as they are, and a second run
changes nothing."""

import frappe
from frappe.tests.utils import FrappeTestCase

from petition_management.patches import clean_stored_text as patch
from petition_management.tests.factories import make_letter

PLANTED = {
	"subject": "验收 <img src=x onerror=alert(1)//",
	"request": "<b></b>",
	"content": '<p>正文<img src="x" onerror="alert(1)"></p><script>alert(2)</script>',
}


class TestCleanStoredText(FrappeTestCase):
	def setUp(self):
		self.letter = make_letter(ignore_permissions=True, referral_reference="_T clean 甲")
		self.modified = frappe.db.get_value("Petition Letter", self.letter.name, "modified")
		for fieldname, value in PLANTED.items():
			frappe.db.set_value("Petition Letter", self.letter.name, fieldname, value, update_modified=False)

	def tearDown(self):
		frappe.db.rollback()

	def stored(self) -> dict:
		return frappe.db.get_value(
			"Petition Letter", self.letter.name, [*PLANTED, "referral_reference", "modified"], as_dict=True
		)

	def test_planted_values_are_cleaned_and_nothing_else_moves(self):
		self.assertEqual(self.stored().subject, PLANTED["subject"])
		changed = patch.execute()
		stored = self.stored()
		self.assertEqual(stored.subject, "验收 < img src=x onerror=alert(1)//")  # text, no tag
		self.assertEqual(stored.request, "< b>< /b>")
		self.assertEqual(stored.content, "<p>正文</p>")
		self.assertEqual(stored.referral_reference, "_T clean 甲")
		self.assertEqual(stored.modified, self.modified)
		self.assertGreaterEqual(changed.get("Petition Letter.subject", 0), 1)
		self.assertGreaterEqual(changed.get("Petition Letter.content", 0), 1)

	def test_a_second_run_changes_nothing(self):
		patch.execute()
		self.assertEqual(patch.execute(), {})

	def test_a_save_after_the_patch_keeps_the_cleaned_values(self):
		patch.execute()
		cleaned = self.stored()
		doc = frappe.get_doc("Petition Letter", self.letter.name)
		doc.save(ignore_permissions=True)
		self.assertEqual(doc.subject, cleaned.subject)
		self.assertEqual(doc.content, cleaned.content)
