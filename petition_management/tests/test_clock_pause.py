"""A case's calendar walked day by day (freeze_time) in working days with a holiday list: the acceptance
and handling clocks, an audited pause (a hearing) and an approved extension moving the case's and its
transfers' due dates.

The calendar of every test here, autumn 2026:
- days off: Thu 1, Fri 2, Mon 5, Tue 6, Wed 7 October (National Day); Sat 10 October is a make-up
  working day (调休); weekends are off otherwise;
- limits: acceptance 15 working days, handling 20 working days.
"""

import datetime

import frappe
from frappe.utils import get_datetime, getdate

from petition_management.petition_management.doctype.petition_case.petition_case import PetitionCaseError
from petition_management.petition_management.doctype.petition_extension.test_petition_extension import (
	CO_UNIT,
	LEAD_UNIT,
	ExtensionTestCase,
)
from petition_management.tests.factories import CO, issue_transfer
from petition_management.tests.test_case_workflow import DIRECTOR, OFFICE, OFFICE_2

HOLIDAYS = (
	("2026-10-01", "Day Off"),
	("2026-10-02", "Day Off"),
	("2026-10-05", "Day Off"),
	("2026-10-06", "Day Off"),
	("2026-10-07", "Day Off"),
	("2026-10-10", "Make-up Working Day"),
)
HEARING = "_T 听证会"


def d(text: str) -> datetime.date:
	return getdate(text)


class TestClockPause(ExtensionTestCase):
	def setUp(self):
		super().setUp()
		self.set_settings(day_basis="Working Days", acceptance_days=15, handling_days=20, holidays=HOLIDAYS)

	def accepted_case(self):
		"""Registered Mon 28 Sep, accepted Fri 9 Oct 2026."""
		with self.freeze_time("2026-09-28 09:00:00"):
			case = self.register()
		with self.freeze_time("2026-10-09 10:00:00"):
			return self.accept(case)

	def add_pauses(self, user, case, *pauses):
		frappe.set_user(user)
		case = frappe.get_doc("Petition Case", case.name)
		for from_date, to_date in pauses:
			case.append("pauses", {"from_date": from_date, "to_date": to_date, "reason": HEARING})
		case.save()
		return case

	def test_walk_a_case_calendar_with_a_pause_and_an_extension(self):
		with self.freeze_time("2026-09-28 09:00:00"):
			case = self.register()
		# 15 working days after Mon 28 Sep: Sep 29, 30, (Oct 1-7 off but for the weekend) Oct 8, 9,
		# Sat 10 (make-up), 12-16, 19-23
		self.assertEqual((getdate(case.acceptance_due), getdate(case.current_due)), (d("2026-10-23"),) * 2)

		with self.freeze_time("2026-10-09 10:00:00"):
			case = self.accept(case)
		self.assertEqual(getdate(case.accepted_on), d("2026-10-09"))
		# 20 working days after Fri 9 Oct: Sat 10, Oct 12-16, 19-23, 26-30, Nov 2-5
		self.assertEqual((getdate(case.handling_due), getdate(case.current_due)), (d("2026-11-05"),) * 2)
		self.assertEqual(case.paused_days, 0)

		with self.freeze_time("2026-10-12 09:00:00"):
			issue_transfer(case, LEAD_UNIT, as_user=OFFICE, due_date="2026-10-30")
			issue_transfer(case, CO_UNIT, CO, as_user=OFFICE, due_date="2026-11-03")
			case = self.act(OFFICE, case, "Start Handling")
		self.assertEqual(case.workflow_state, "In Handling")

		# a hearing Mon 19 - Fri 23 Oct, recorded on Fri 16 Oct: 5 working days off the clock
		with self.freeze_time("2026-10-16 15:30:00"):
			case = self.add_pauses(OFFICE, case, ("2026-10-19", "2026-10-23"))
		self.assertEqual((getdate(case.handling_due), getdate(case.current_due)), (d("2026-11-12"),) * 2)
		self.assertEqual(case.paused_days, 5)  # 5 working days off the clock; the due date moved 7 days
		pause = case.pauses[0]
		self.assertEqual((pause.reason, pause.recorded_by), (HEARING, OFFICE))
		self.assertEqual(get_datetime(pause.recorded_on), get_datetime("2026-10-16 15:30:00"))
		self.assertEqual(self.transfer_dues(case), {LEAD_UNIT: d("2026-10-30"), CO_UNIT: d("2026-11-03")})

		# an extension of 10 working days, asked on Mon 26 Oct and approved on Tue 27 Oct:
		# 30 working days after 9 Oct is Thu 19 Nov, plus the 5 paused days: Thu 26 Nov
		with self.freeze_time("2026-10-26 09:00:00"):
			extension = self.request(OFFICE, case, 10)
		self.assertEqual(
			(getdate(extension.handling_due_before), getdate(extension.handling_due_after)),
			(d("2026-11-12"), d("2026-11-26")),
		)
		with self.freeze_time("2026-10-27 11:00:00"):
			extension = self.decide(DIRECTOR, extension)
		self.assertEqual(get_datetime(extension.approved_on), get_datetime("2026-10-27 11:00:00"))
		case.reload()
		self.assertEqual((case.extension_days, getdate(case.handling_due)), (10, d("2026-11-26")))
		self.assertEqual(getdate(case.current_due), d("2026-11-26"))
		# each transfer moves 10 working days on the same calendar: 30 Oct -> 13 Nov, 3 Nov -> 17 Nov
		self.assertEqual(self.transfer_dues(case), {LEAD_UNIT: d("2026-11-13"), CO_UNIT: d("2026-11-17")})

	def test_overlapping_pauses_count_once(self):
		case = self.accepted_case()
		with self.freeze_time("2026-10-16 09:00:00"):
			case = self.add_pauses(OFFICE, case, ("2026-10-19", "2026-10-23"), ("2026-10-21", "2026-10-27"))
		# 19-27 Oct is 7 working days (not 5 + 5): Nov 5 -> Nov 16
		self.assertEqual((getdate(case.handling_due), case.paused_days), (d("2026-11-16"), 7))
		self.assertEqual(len(case.pauses), 2)

	def test_a_pause_on_days_off_costs_no_working_day(self):
		case = self.accepted_case()
		with self.freeze_time("2026-10-16 09:00:00"):
			case = self.add_pauses(OFFICE, case, ("2026-10-17", "2026-10-18"))
		self.assertEqual((getdate(case.handling_due), case.paused_days), (d("2026-11-05"), 0))

	def test_a_pause_ending_before_it_starts_is_refused_and_nothing_saved(self):
		case = self.accepted_case()
		with self.assertRaises(PetitionCaseError) as caught:
			self.add_pauses(OFFICE, case, ("2026-10-23", "2026-10-19"))
		self.assertIn("the end date is before the start date", str(caught.exception))
		frappe.set_user("Administrator")
		self.assertFalse(frappe.get_all("Petition Clock Pause", filters={"parent": case.name}))
		self.assertEqual(
			getdate(frappe.db.get_value("Petition Case", case.name, "handling_due")), d("2026-11-05")
		)

	def test_who_recorded_a_pause_is_kept_when_someone_else_saves(self):
		case = self.accepted_case()
		with self.freeze_time("2026-10-16 09:00:00"):
			case = self.add_pauses(OFFICE, case, ("2026-10-19", "2026-10-23"))
		with self.freeze_time("2026-10-20 09:00:00"):
			case = self.add_pauses(OFFICE_2, case, ("2026-11-02", "2026-11-02"))
		rows = [
			(getdate(row.from_date), row.recorded_by, get_datetime(row.recorded_on)) for row in case.pauses
		]
		self.assertEqual(
			rows,
			[
				(d("2026-10-19"), OFFICE, get_datetime("2026-10-16 09:00:00")),
				(d("2026-11-02"), OFFICE_2, get_datetime("2026-10-20 09:00:00")),
			],
		)
		# 5 + 1 paused working days: Nov 5 -> Nov 13
		self.assertEqual(getdate(case.handling_due), d("2026-11-13"))
