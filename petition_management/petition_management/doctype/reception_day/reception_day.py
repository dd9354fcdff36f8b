# Copyright (c) 2026, Petition Management contributors
# For license information, please see license.txt

"""Reception Day (领导接访日): one leader's reception on one date at one place, usually made by a
Reception Schedule. What it received is the set of visits of type "Leader's Reception Day" with this
leader as receiving leader on this date; the form shows them, with the counts received and answered on
the spot (refreshed on load and daily)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from petition_management.special.reception import (
	ReceptionScheduleError,
	is_enabled_leader,
	received_visits,
	refresh_reception_day_counts,
)


class ReceptionDayError(ReceptionScheduleError):
	pass


class ReceptionDay(Document):
	# begin: auto-generated types
	# end: auto-generated types

	def onload(self):
		if self.is_new():
			return
		refresh_reception_day_counts([self.name])
		self.received_count, self.answered_count = frappe.db.get_value(
			self.doctype, self.name, ["received_count", "answered_count"]
		)
		self.set_onload("visits", received_visits(self.leader, self.reception_date))

	def validate(self):
		self.validate_leader()
		self.validate_dates()
		self.validate_one_day_per_leader_and_date()
		self.set_title()

	def validate_leader(self):
		if (self.is_new() or self.has_value_changed("leader")) and not is_enabled_leader(self.leader):
			frappe.throw(
				_("{0} is not an enabled user with the role Petition Leader.").format(
					frappe.bold(self.leader)
				),
				ReceptionDayError,
				title=_("Not a Leader"),
			)

	def validate_dates(self):
		if self.original_date and getdate(self.original_date) >= getdate(self.reception_date):
			frappe.throw(
				_("A postponed reception day must come after the date it was postponed from ({0}).").format(
					frappe.format(self.original_date, "Date")
				),
				ReceptionDayError,
			)

	def validate_one_day_per_leader_and_date(self):
		other = frappe.db.get_value(
			self.doctype,
			{"leader": self.leader, "reception_date": self.reception_date, "name": ("!=", self.name or "")},
		)
		if other:
			frappe.throw(
				_("{0} already has reception day {1} on {2}.").format(
					frappe.bold(self.leader), other, frappe.format(self.reception_date, "Date")
				),
				ReceptionDayError,
				title=_("Duplicate Reception Day"),
			)

	def set_title(self):
		name = self.leader_name or frappe.db.get_value("User", self.leader, "full_name") or self.leader
		self.title = f"{name} · {self.place}"
