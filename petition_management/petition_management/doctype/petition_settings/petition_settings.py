# Copyright (c) 2026, Petition Management contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from petition_management.rules.deadlines import WorkCalendar
from petition_management.utils.numbers import is_whole_number
from petition_management.utils.translation import label

# Every time limit is a whole number of days within this range.
MAX_LIMIT_DAYS = 3650
LIMIT_FIELDS = (
	"acceptance_days",
	"handling_days",
	"max_extension_days",
	"review_request_days",
	"review_opinion_days",
	"group_visit_threshold",
	"max_representatives",
	"due_soon_days",
	"repeat_window_days",
	"return_visit_days",
	"supervision_response_days",
	"objection_days",
)
# The public statistics show no figure below this number (portal/statistics.py).
MAX_STATISTICS_THRESHOLD = 1000
# Fields a new version adds get their declared default on migrate (setup/install.py).
DEFAULTED_FIELDS = (*LIMIT_FIELDS, "day_basis", "statistics_threshold", "notice_language")


class PetitionSettingsError(frappe.ValidationError):
	pass


class PetitionSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from petition_management.petition_management.doctype.petition_holiday.petition_holiday import (
			PetitionHoliday,
		)

		acceptance_days: DF.Int
		day_basis: DF.Literal["Calendar Days", "Working Days"]
		due_soon_days: DF.Int
		group_visit_threshold: DF.Int
		handling_days: DF.Int
		holidays: DF.Table[PetitionHoliday]
		max_extension_days: DF.Int
		max_representatives: DF.Int
		notice_language: DF.Link
		review_opinion_days: DF.Int
		review_request_days: DF.Int
		roll_past_days_off: DF.Check
		statistics_threshold: DF.Int
	# end: auto-generated types

	def validate(self):
		self.validate_limits()
		self.validate_statistics_threshold()
		self.validate_holidays()

	def validate_limits(self):
		for fieldname in LIMIT_FIELDS:
			value = self.get(fieldname)
			if not is_whole_number(value) or not 1 <= int(float(value)) <= MAX_LIMIT_DAYS:
				frappe.throw(
					_("{0} must be a whole number from 1 to {1}, not {2}.").format(
						label(self.meta, fieldname), MAX_LIMIT_DAYS, frappe.bold(value)
					),
					PetitionSettingsError,
					title=_("Invalid Time Limit"),
				)
			self.set(fieldname, int(float(value)))

	def validate_statistics_threshold(self):
		value = self.statistics_threshold
		if not is_whole_number(value) or not 1 <= int(float(value)) <= MAX_STATISTICS_THRESHOLD:
			frappe.throw(
				_("{0} must be a whole number from 1 to {1}, not {2}.").format(
					label(self.meta, "statistics_threshold"), MAX_STATISTICS_THRESHOLD, frappe.bold(value)
				),
				PetitionSettingsError,
				title=_("Invalid Threshold"),
			)
		self.statistics_threshold = int(float(value))

	def validate_holidays(self):
		seen = {}
		for row in self.holidays:
			if not row.holiday_date:
				frappe.throw(_("Row {0}: enter the date.").format(row.idx), PetitionSettingsError)
			try:
				day = getdate(row.holiday_date)
			except Exception:
				frappe.throw(
					_("Row {0}: {1} is not a date.").format(row.idx, frappe.bold(row.holiday_date)),
					PetitionSettingsError,
				)
			if day in seen:
				frappe.throw(
					_("Row {0}: the date {1} is already listed in row {2}.").format(
						row.idx, frappe.format(day, "Date"), seen[day]
					),
					PetitionSettingsError,
					title=_("Duplicate Date"),
				)
			seen[day] = row.idx

	def set_missing_defaults(self) -> bool:
		"""Fill empty limits with the statutory defaults declared on the fields; True if any was empty."""
		changed = False
		for fieldname in DEFAULTED_FIELDS:
			if not self.get(fieldname):
				self.set(fieldname, self.meta.get_field(fieldname).default)
				changed = True
		if self.get("roll_past_days_off") is None:
			self.roll_past_days_off = 1
			changed = True
		return changed

	def get_work_calendar(self) -> WorkCalendar:
		holidays = {getdate(r.holiday_date) for r in self.holidays if r.day_type == "Day Off"}
		makeup = {getdate(r.holiday_date) for r in self.holidays if r.day_type == "Make-up Working Day"}
		return WorkCalendar(
			basis=self.day_basis or "Calendar Days",
			holidays=frozenset(holidays),
			makeup_workdays=frozenset(makeup),
			roll_past_days_off=bool(self.roll_past_days_off),
		)


def get_settings() -> PetitionSettings:
	"""The cached Settings; Frappe clears the cache whenever they are saved."""
	return frappe.get_cached_doc("Petition Settings")
