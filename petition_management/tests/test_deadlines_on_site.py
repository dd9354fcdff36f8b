"""The deadline calculator as the site uses it: fed with Petition Settings, errors translated."""

import datetime

import frappe
from frappe.tests.utils import FrappeTestCase

from petition_management.utils.deadlines import due_date, limit_due_date, status_of


class TestDeadlinesOnSite(FrappeTestCase):
	def tearDown(self):
		frappe.db.rollback()
		frappe.clear_document_cache("Petition Settings", "Petition Settings")

	def set_settings(self, **values):
		settings = frappe.get_single("Petition Settings")
		holidays = values.pop("holidays", [])
		settings.update(values)
		for day, kind in holidays:
			settings.append("holidays", {"holiday_date": day, "day_type": kind})
		settings.save()

	def test_acceptance_due_in_calendar_days_by_default(self):
		self.assertEqual(limit_due_date("2026-03-02", "acceptance_days"), datetime.date(2026, 3, 17))

	def test_working_days_skip_weekends_holidays_and_count_makeup_days(self):
		self.set_settings(
			day_basis="Working Days",
			holidays=[
				("2026-10-01", "Day Off"),
				("2026-10-02", "Day Off"),
				("2026-10-10", "Make-up Working Day"),
			],
		)
		# Tue 29 Sep + 5 working days: Wed 30, (Thu 1, Fri 2 off), Mon 5, Tue 6, Wed 7, Thu 8
		self.assertEqual(due_date("2026-09-29", 5), datetime.date(2026, 10, 8))
		# Fri 9 Oct + 1 working day: Sat 10 is a make-up working day
		self.assertEqual(due_date("2026-10-09", 1), datetime.date(2026, 10, 10))

	def test_a_change_in_settings_moves_the_due_date(self):
		self.set_settings(acceptance_days=10)
		self.assertEqual(limit_due_date("2026-03-02", "acceptance_days"), datetime.date(2026, 3, 12))

	def test_bad_input_gets_a_translated_error(self):
		with self.assertRaises(frappe.ValidationError) as caught:
			due_date("2026-03-02", -1)
		self.assertIn("whole number of 0 or more", str(caught.exception))
		frappe.local.lang = "zh"
		try:
			with self.assertRaises(frappe.ValidationError) as caught:
				due_date("2026-03-02", -1)
			self.assertIn("天数必须是0或以上的整数", str(caught.exception))
		finally:
			frappe.local.lang = "en"

	def test_status_uses_the_warning_days(self):
		self.assertEqual(status_of("2026-03-10", "2026-03-01"), "On Time")
		self.assertEqual(status_of("2026-03-04", "2026-03-01"), "Due Soon")
		self.assertEqual(status_of("2026-02-28", "2026-03-01"), "Overdue")
