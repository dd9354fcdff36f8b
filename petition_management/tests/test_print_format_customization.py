"""An administrator's own forms: a copy made with Duplicate, the letter head, and a Custom Field and a
relabelled field (Customize Form) that break no form."""

import frappe
from frappe.custom.doctype.property_setter.property_setter import make_property_setter
from frappe.tests.utils import FrappeTestCase

from petition_management.setup.letter_head import LETTER_HEAD, ensure_letter_head
from petition_management.tests.test_print_formats import (
	FORMATS,
	PrintFormatTestCase,
	make_print_users,
	make_records,
	render,
)


class TestPrintFormatCustomization(PrintFormatTestCase):
	def test_a_copy_made_with_duplicate_renders_the_same_form(self):
		"""An administrator customises a form by duplicating it: the copy's HTML includes the standard one."""
		standard = frappe.get_doc("Print Format", "Reply Receipt")
		copy = frappe.copy_doc(standard)
		copy.update({"name": "_T Our Reply Receipt", "standard": "No", "module": None})
		copy.insert()
		html = frappe.get_print("Petition Transfer", self.records["transfer"], copy.name)
		self.assertIn("Form PM-07", html)
		self.assertIn("经现场核查", html)

	def test_letter_head_is_created_once_and_an_admins_edit_is_printed_and_kept(self):
		frappe.db.set_value("Letter Head", LETTER_HEAD, "content", "<div>_T 某县信访局</div>")
		self.assertEqual(ensure_letter_head(), LETTER_HEAD)
		self.assertEqual(frappe.db.count("Letter Head", {"name": LETTER_HEAD}), 1)
		html = frappe.get_print(
			"Petition Case", self.records["case"], "Notice of Acceptance", letterhead=LETTER_HEAD
		)
		self.assertIn("_T 某县信访局", html)
		self.assertNotIn("Letters and Calls Bureau", html)
		without = frappe.get_print(
			"Petition Case", self.records["case"], "Notice of Acceptance", no_letterhead=1
		)
		self.assertNotIn("_T 某县信访局", without)
		self.assertIn("Notice of Acceptance", without)


class TestPrintFormatsWithCustomizedDocTypes(FrappeTestCase):
	"""An administrator's Custom Field and relabelled field (Customize Form) break no form."""

	DOCTYPES = (
		"Petition Visit",
		"Petition Letter",
		"Petition Case",
		"Petition Transfer",
		"Petition Extension",
	)
	FIELDNAME = "custom_print_test_note"

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		make_print_users()
		# Custom Fields change tables (DDL commits): add them before any test record exists
		for doctype in cls.doctypes():
			frappe.get_doc(
				{
					"doctype": "Custom Field",
					"dt": doctype,
					"fieldname": cls.FIELDNAME,
					"label": "_T Print Test Note",
					"fieldtype": "Data",
					"insert_after": "naming_series",
					"reqd": 0,
				}
			).insert(ignore_permissions=True)
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		for doctype in cls.doctypes():
			name = frappe.db.get_value("Custom Field", {"dt": doctype, "fieldname": cls.FIELDNAME})
			if name:
				frappe.delete_doc("Custom Field", name, ignore_permissions=True)
		frappe.db.commit()
		super().tearDownClass()

	@classmethod
	def doctypes(cls):
		return [dt for dt in cls.DOCTYPES if frappe.db.exists("DocType", dt)]

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		for doctype in self.doctypes():
			frappe.clear_cache(doctype=doctype)

	def test_forms_render_with_a_custom_field_and_a_relabelled_field(self):
		make_property_setter("Petition Case", "subject", "label", "_T Matter Complained Of", "Data")
		make_property_setter("Petition Transfer", "case_subject", "label", "_T Matter Transferred", "Data")
		records = make_records()
		for doctype, name in (("Petition Case", records["case"]), ("Petition Transfer", records["transfer"])):
			frappe.db.set_value(doctype, name, self.FIELDNAME, "_T custom value")
		for name, (_doctype, key, title, zh_title, _no) in FORMATS.items():
			html = render(name, records[key])
			self.assertIn(title, html, name)
			self.assertIn(records[key], html, name)
			self.assertIn(zh_title, render(name, records[key], "zh"), name)
		self.assertIn("_T Matter Complained Of", render("Case Acceptance Registration Form", records["case"]))
		self.assertIn("_T Matter Transferred", render("Case Transfer Notice", records["transfer"]))
		pdf = render("Reply Receipt", records["transfer"], "zh", as_pdf=True)
		self.assertTrue(pdf.startswith(b"%PDF"))
