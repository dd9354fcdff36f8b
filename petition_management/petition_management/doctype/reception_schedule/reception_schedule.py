# Copyright (c) 2026, Petition Management contributors
# For license information, please see license.txt

"""Reception Schedule (领导接访日安排): a rota of leaders, weekdays and places over a period. Saving it
makes its dated Reception Days (special/reception.py): a day falling on a holiday of the Petition
Settings moves to the leader's next working day."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, nowdate

from petition_management.special.reception import (
	RECEPTION_DAY,
	ReceptionScheduleError,
	generate_days,
	is_enabled_leader,
	planned_days,
)


class ReceptionLeaderError(ReceptionScheduleError):
	pass


class OverlappingScheduleError(ReceptionScheduleError):
	pass


class ReceptionSchedule(Document):
	# begin: auto-generated types
	# end: auto-generated types

	def validate(self):
		self.validate_leaders()
		self.validate_plan()
		self.validate_no_overlap()

	def on_update(self):
		self.db_set("days_generated", generate_days(self), update_modified=False)

	def on_trash(self):
		"""Days still to come go with the schedule; days already held stay, without the link."""
		today = getdate(nowdate())
		for row in frappe.get_all(RECEPTION_DAY, {"schedule": self.name}, ["name", "reception_date"]):
			if getdate(row.reception_date) >= today:
				frappe.delete_doc(RECEPTION_DAY, row.name, ignore_permissions=True)
			else:
				frappe.db.set_value(RECEPTION_DAY, row.name, "schedule", None, update_modified=False)

	def validate_leaders(self):
		for row in self.rota:
			if row.leader and not is_enabled_leader(row.leader):
				frappe.throw(
					_("Row {0}: {1} is not an enabled user with the role Petition Leader.").format(
						row.idx, frappe.bold(row.leader)
					),
					ReceptionLeaderError,
					title=_("Not a Leader"),
				)

	def validate_plan(self):
		"""The rota and the period pass the rota rule (dates in order, no leader twice on a weekday)."""
		planned_days(self)

	def validate_no_overlap(self):
		"""A leader is on one schedule at a time, so that two schedules never give them the same day."""
		leaders = sorted({row.leader for row in self.rota if row.leader})
		if not leaders:
			return
		clash = frappe.db.sql(
			"""SELECT schedule.name, entry.leader FROM `tabReception Schedule` schedule
			JOIN `tabReception Rota Entry` entry ON entry.parent = schedule.name
				AND entry.parenttype = 'Reception Schedule'
			WHERE schedule.name != %(name)s AND entry.leader IN %(leaders)s
				AND schedule.from_date <= %(to_date)s AND schedule.to_date >= %(from_date)s
			LIMIT 1""",
			{
				"name": self.name or "",
				"leaders": leaders,
				"from_date": self.from_date,
				"to_date": self.to_date,
			},
			as_dict=True,
		)
		if clash:
			frappe.throw(
				_("{0} is already on reception schedule {1} for an overlapping period.").format(
					frappe.bold(clash[0].leader), clash[0].name
				),
				OverlappingScheduleError,
				title=_("Overlapping Schedules"),
			)
