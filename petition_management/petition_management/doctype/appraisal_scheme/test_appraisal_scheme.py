# Copyright (c) 2026, Petition Management contributors
# See license.txt

"""Appraisal Scheme: the default scheme, the checks on weights, grades and items, one default only."""

import frappe
from frappe.tests.utils import FrappeTestCase

from petition_management.appraisal import SCHEME
from petition_management.petition_management.doctype.appraisal_scheme.appraisal_scheme import (
	AppraisalSchemeError,
	default_scheme,
)
from petition_management.rules.appraisal import MANUAL, Figure, Rate
from petition_management.setup.appraisal_scheme import DEFAULT_SCHEME, ensure_default_scheme
from petition_management.tests.utils import make_user

OFFICE = "apr-office@example.com"
NAME = "_T Scheme Checks"


def scheme_values(**overrides) -> dict:
	return {
		"doctype": SCHEME,
		"scheme_name": NAME,
		"one_time_window_days": 60,
		"metrics": [
			{"metric": "Settled on Time %", "weight": 60},
			{"metric": "Satisfaction %", "weight": 40},
		],
		"grades": [{"grade": "Good", "min_score": 80}, {"grade": "Poor", "min_score": 0}],
		**overrides,
	}


class TestAppraisalScheme(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(OFFICE, ["Petition Office"])
		frappe.db.commit()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def test_default_scheme_is_created_once(self):
		if frappe.db.exists(SCHEME, DEFAULT_SCHEME):
			frappe.delete_doc(SCHEME, DEFAULT_SCHEME, force=True, ignore_permissions=True)
		frappe.db.set_value(SCHEME, {"is_default": 1}, "is_default", 0)
		self.assertEqual(ensure_default_scheme(), DEFAULT_SCHEME)
		self.assertEqual(ensure_default_scheme(), DEFAULT_SCHEME)
		self.assertEqual(frappe.db.count(SCHEME, {"name": DEFAULT_SCHEME}), 1)
		self.assertEqual(default_scheme(), DEFAULT_SCHEME)
		rules = frappe.get_doc(SCHEME, DEFAULT_SCHEME).to_rule_scheme()
		self.assertEqual(sum(rules.weights.values()), 100)
		self.assertEqual(rules.window_days, 90)
		self.assertEqual(
			{(item.basis, item.item_type) for item in rules.items},
			{
				(Figure.OVERDUE, "Penalty"),
				(Figure.REPEATED, "Penalty"),
				(Figure.SUPERVISED, "Penalty"),
				(MANUAL, "Bonus"),
				(MANUAL, "Penalty"),
			},
		)
		self.assertEqual(
			{(v.figure, v.operator, v.threshold) for v in rules.vetoes},
			{(Rate.SATISFACTION, "<", 60), (Figure.OVERDUE, ">=", 10)},
		)

	def test_an_edited_default_scheme_is_kept(self):
		name = ensure_default_scheme()
		frappe.db.set_value(SCHEME, name, "one_time_window_days", 45)
		self.assertEqual(ensure_default_scheme(), name)
		self.assertEqual(frappe.db.get_value(SCHEME, name, "one_time_window_days"), 45)

	def test_the_office_saves_a_scheme(self):
		frappe.set_user(OFFICE)
		doc = frappe.get_doc(scheme_values()).insert()
		self.assertEqual(doc.to_rule_scheme().weights, {Rate.SETTLED_ON_TIME: 60.0, Rate.SATISFACTION: 40.0})

	def test_bad_schemes_are_refused_and_nothing_is_saved(self):
		frappe.set_user(OFFICE)
		bad = {
			"the same metric twice": {
				"metrics": [
					{"metric": "Satisfaction %", "weight": 50},
					{"metric": "Satisfaction %", "weight": 50},
				]
			},
			"no weight": {"metrics": [{"metric": "Satisfaction %", "weight": 0}]},
			"the same grade twice": {
				"grades": [{"grade": "Good", "min_score": 80}, {"grade": "Good", "min_score": 0}]
			},
			"two grades with one minimum": {
				"grades": [{"grade": "Good", "min_score": 80}, {"grade": "Poor", "min_score": 80}]
			},
			"no window": {"one_time_window_days": 0},
		}
		for case, overrides in bad.items():
			with self.subTest(case), self.assertRaises(AppraisalSchemeError):
				frappe.get_doc(scheme_values(**overrides)).insert()
			self.assertFalse(frappe.db.exists(SCHEME, NAME), case)

	def test_only_one_default_scheme(self):
		first = ensure_default_scheme()
		frappe.get_doc(scheme_values(is_default=1)).insert(ignore_permissions=True)
		self.assertEqual(frappe.db.get_value(SCHEME, first, "is_default"), 0)
		self.assertEqual(default_scheme(), NAME)
