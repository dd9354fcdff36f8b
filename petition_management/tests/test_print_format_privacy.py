"""The forms a unit gets never show a petitioner's ID number, phone or address; the masked identifiers print
only for the users allowed to read them."""

import frappe

from petition_management.rules.resident_id import mask_id_number, mask_phone
from petition_management.tests.test_print_formats import (
	ADDRESS,
	ID_NUMBER,
	PHONE,
	UNIT_FACING,
	PrintFormatTestCase,
	pdf_pattern,
	pdf_text,
	render,
	u,
)


class TestPrintFormatPrivacy(PrintFormatTestCase):
	def test_unit_facing_forms_never_show_the_petitioners_id_or_phone(self):
		identifiers = [ID_NUMBER, mask_id_number(ID_NUMBER), PHONE, mask_phone(PHONE), ADDRESS]
		transfer = self.records["transfer"]
		for name in UNIT_FACING:
			english, chinese = render(name, transfer), render(name, transfer, "zh")
			self.assertIn("_T 张伟", english)
			for html, labels in (
				(english, ["ID Number", "Phone", "Address"]),
				(chinese, ["证件号码", "联系电话", "地址"]),
			):
				for value in identifiers + labels:
					self.assertNotIn(value, html, f"{name}: {value!r} printed")
			text = pdf_text(render(name, transfer, "zh", as_pdf=True))
			self.assertRegex(text, pdf_pattern("张伟"))
			for value in ("证件号码", "联系电话", "北京市朝阳区幸福路8号"):
				self.assertNotRegex(text, pdf_pattern(value), f"{name} (PDF): {value!r} printed")
		# the registration form, printed by the petition office, does carry the masked identifiers
		html = render("Case Acceptance Registration Form", self.records["case"])
		self.assertIn(mask_id_number(ID_NUMBER), html)
		self.assertNotIn(ID_NUMBER, html)

	def test_masked_identifiers_print_only_for_users_allowed_to_read_them(self):
		masked = mask_id_number(ID_NUMBER)
		frappe.set_user(u("reception"))
		self.assertIn(masked, render("Visit Work Record", self.records["visit"]))
		frappe.set_user(u("supervisor"))
		html = render("Visit Work Record", self.records["visit"])
		self.assertIn("_T 张伟", html)
		self.assertNotIn(masked, html)
		self.assertNotIn(mask_phone(PHONE), html)
