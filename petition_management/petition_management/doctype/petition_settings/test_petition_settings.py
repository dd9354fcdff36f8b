# Copyright (c) 2026, Petition Management contributors
# See license.txt

import datetime

import frappe
from frappe.tests.utils import FrappeTestCase

from petition_management.petition_management.doctype.petition_settings.petition_settings import (
	PetitionSettingsError,
	get_settings,
)
from petition_management.tests.utils import make_user

STATUTORY_DEFAULTS = {
	"acceptance_days": 15,
	"handling_days": 60,
	"max_extension_days": 30,
	"review_request_days": 30,
	"review_opinion_days": 30,
	"group_visit_threshold": 5,
	"max_representatives": 5,
	"due_soon_days": 3,
}


class TestPetitionSettings(FrappeTestCase):
	def setUp(self):
		self.settings = frappe.get_single("Petition Settings")
		self.original = self.settings.as_dict()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		frappe.clear_document_cache("Petition Settings", "Petition Settings")

	def test_statutory_defaults_after_install(self):
		for fieldname, expected in STATUTORY_DEFAULTS.items():
			self.assertEqual(self.settings.get(fieldname), expected, fieldname)
		self.assertEqual(self.settings.day_basis, "Calendar Days")

	def test_limits_must_be_positive_whole_numbers(self):
		for bad in (0, -1, "abc", 3.5, "3.5", "", None, 100000):
			with self.subTest(value=bad):
				settings = frappe.get_single("Petition Settings")
				settings.handling_days = bad
				with self.assertRaises(PetitionSettingsError) as caught:
					settings.save()
				self.assertIn("Handling", str(caught.exception))

	def test_whole_number_given_as_text_is_accepted(self):
		self.settings.acceptance_days = "20"
		self.settings.save()
		self.assertEqual(frappe.db.get_single_value("Petition Settings", "acceptance_days"), 20)

	def test_duplicate_holiday_dates_are_refused(self):
		self.settings.append("holidays", {"holiday_date": "2026-10-01", "day_type": "Day Off"})
		self.settings.append("holidays", {"holiday_date": "2026-10-01", "day_type": "Make-up Working Day"})
		with self.assertRaises(PetitionSettingsError) as caught:
			self.settings.save()
		self.assertIn("row 1", str(caught.exception))

	def test_refused_save_changes_nothing(self):
		self.settings.acceptance_days = 20
		self.settings.handling_days = -5
		self.assertRaises(PetitionSettingsError, self.settings.save)
		self.assertEqual(frappe.db.get_single_value("Petition Settings", "acceptance_days"), 15)

	def test_work_calendar_follows_settings(self):
		self.settings.day_basis = "Working Days"
		self.settings.append("holidays", {"holiday_date": "2026-10-01", "day_type": "Day Off"})
		self.settings.append("holidays", {"holiday_date": "2026-10-10", "day_type": "Make-up Working Day"})
		self.settings.save()
		calendar = get_settings().get_work_calendar()
		self.assertEqual(calendar.basis, "Working Days")
		self.assertIn(datetime.date(2026, 10, 1), calendar.holidays)
		self.assertIn(datetime.date(2026, 10, 10), calendar.makeup_workdays)

	def test_cached_settings_follow_a_save(self):
		self.assertEqual(get_settings().acceptance_days, 15)
		self.settings.acceptance_days = 10
		self.settings.save()
		self.assertEqual(get_settings().acceptance_days, 10)

	def test_only_office_and_director_may_change_settings(self):
		clerk = make_user("settings-reception@example.com", ["Petition Reception Officer"])
		director = make_user("settings-director@example.com", ["Petition Director"])
		frappe.set_user(clerk)
		self.assertTrue(frappe.has_permission("Petition Settings", "read"))
		self.assertFalse(frappe.has_permission("Petition Settings", "write"))
		frappe.set_user(director)
		self.assertTrue(frappe.has_permission("Petition Settings", "write"))
