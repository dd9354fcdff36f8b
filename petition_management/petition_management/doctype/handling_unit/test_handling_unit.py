# Copyright (c) 2026, Petition Management contributors
# See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils.nestedset import NestedSetChildExistsError, get_descendants_of

from petition_management.petition_management.doctype.handling_unit.handling_unit import HandlingUnitError
from petition_management.tests.utils import make_unit, make_user


class TestHandlingUnit(FrappeTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def make_tree(self):
		make_unit("_T Public Security Bureau", is_group=1, unit_type="Department")
		make_unit("_T Traffic Brigade", parent="_T Public Security Bureau", unit_type="Brigade")
		make_unit("_T Legal Office", parent="_T Public Security Bureau", unit_type="Office")

	def test_tree_nests_units(self):
		self.make_tree()
		children = get_descendants_of("Handling Unit", "_T Public Security Bureau")
		self.assertCountEqual(children, ["_T Traffic Brigade", "_T Legal Office"])
		parent = frappe.get_doc("Handling Unit", "_T Public Security Bureau")
		child = frappe.get_doc("Handling Unit", "_T Traffic Brigade")
		self.assertTrue(parent.lft < child.lft < child.rgt < parent.rgt)

	def test_unit_cannot_sit_under_a_leaf(self):
		self.make_tree()
		with self.assertRaises(frappe.ValidationError) as caught:
			make_unit("_T Night Shift", parent="_T Traffic Brigade")
		self.assertIn("not a group", str(caught.exception))
		self.assertFalse(frappe.db.exists("Handling Unit", "_T Night Shift"))

	def test_group_with_children_cannot_be_deleted_or_made_a_leaf(self):
		self.make_tree()
		self.assertRaises(
			NestedSetChildExistsError, frappe.delete_doc, "Handling Unit", "_T Public Security Bureau"
		)
		group = frappe.get_doc("Handling Unit", "_T Public Security Bureau")
		group.is_group = 0
		self.assertRaises(frappe.ValidationError, group.save)

	def test_disabled_user_cannot_be_unit_head(self):
		user = make_user("unit-head-disabled@example.com", ["Petition Unit Head"])
		frappe.db.set_value("User", user, "enabled", 0)
		with self.assertRaises(HandlingUnitError):
			make_unit("_T Water Office", unit_head=user)

	def test_cannot_deactivate_a_group_with_active_units(self):
		self.make_tree()
		group = frappe.get_doc("Handling Unit", "_T Public Security Bureau")
		group.is_active = 0
		self.assertRaises(HandlingUnitError, group.save)
		for child in ("_T Traffic Brigade", "_T Legal Office"):
			frappe.db.set_value("Handling Unit", child, "is_active", 0)
		group.reload()
		group.is_active = 0
		group.save()

	def test_office_creates_units_and_handlers_only_read(self):
		office = make_user("unit-office@example.com", ["Petition Office"])
		handler = make_user("unit-handler@example.com", ["Petition Unit Handler"])
		frappe.set_user(office)
		make_unit("_T Housing Office")
		frappe.set_user(handler)
		self.assertTrue(frappe.has_permission("Handling Unit", "read", "_T Housing Office"))
		self.assertFalse(frappe.has_permission("Handling Unit", "write", "_T Housing Office"))
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc({"doctype": "Handling Unit", "unit_name": "_T Rogue Unit"}).insert()
