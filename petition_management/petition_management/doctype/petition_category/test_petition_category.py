# Copyright (c) 2026, Petition Management contributors
# See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from petition_management.petition_management.doctype.petition_category.petition_category import (
	PetitionCategoryError,
	get_suggested_unit,
)
from petition_management.tests.utils import make_category, make_unit


class TestPetitionCategory(FrappeTestCase):
	def tearDown(self):
		frappe.db.rollback()

	def test_tree_and_inherited_default_unit(self):
		make_unit("_T Land Office")
		make_category("_T Land and Housing", is_group=1, default_handling_unit="_T Land Office")
		make_category("_T Land Expropriation", parent="_T Land and Housing")
		self.assertEqual(get_suggested_unit("_T Land Expropriation"), "_T Land Office")
		self.assertEqual(get_suggested_unit("_T Land and Housing"), "_T Land Office")
		self.assertIsNone(get_suggested_unit(None))

	def test_own_default_unit_wins_over_the_parents(self):
		make_unit("_T Land Office")
		make_unit("_T Compensation Office")
		make_category("_T Land and Housing", is_group=1, default_handling_unit="_T Land Office")
		make_category(
			"_T Compensation", parent="_T Land and Housing", default_handling_unit="_T Compensation Office"
		)
		self.assertEqual(get_suggested_unit("_T Compensation"), "_T Compensation Office")

	def test_legal_channel_required_when_flagged(self):
		with self.assertRaises(PetitionCategoryError):
			make_category("_T Contract Dispute", other_legal_channel=1)
		self.assertFalse(frappe.db.exists("Petition Category", "_T Contract Dispute"))
		make_category("_T Contract Dispute", other_legal_channel=1, legal_channel="Arbitration")
		self.assertEqual(
			frappe.db.get_value("Petition Category", "_T Contract Dispute", "legal_channel"), "Arbitration"
		)

	def test_legal_channel_cleared_when_not_flagged(self):
		make_category("_T Pensions", legal_channel="Litigation")
		self.assertFalse(frappe.db.get_value("Petition Category", "_T Pensions", "legal_channel"))

	def test_default_unit_must_be_an_active_leaf(self):
		make_unit("_T Closed Office", is_active=0)
		make_unit("_T Bureau Group", is_group=1)
		self.assertRaises(
			PetitionCategoryError, make_category, "_T Roads", default_handling_unit="_T Closed Office"
		)
		self.assertRaises(
			PetitionCategoryError, make_category, "_T Roads", default_handling_unit="_T Bureau Group"
		)
