# Copyright (c) 2026, Petition Management contributors
# For license information, please see license.txt

"""Dispute Screening Round (矛盾纠纷排查): one unit's disputes for one half month. The half-monthly job
opens a Draft round per active unit (special/screening.py); the unit lists its disputes (parties by type
only), then submits the round, after which it no longer changes. The office sees every round and the
share resolved at the grassroots."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, now_datetime, nowdate

from petition_management.rules.reception import half_month_period, is_half_month_start
from petition_management.special.screening import (
	DisputeStatus,
	RoundStatus,
	ScreeningError,
	refuse_personal_numbers,
	validate_unit_permission,
)
from petition_management.utils.system_fields import keep_system_fields, save_as_system

SYSTEM_FIELDS = ("status", "submitted_by", "submitted_on")


class RoundPeriodError(ScreeningError):
	pass


class RoundSubmittedError(ScreeningError):
	pass


class DisputeRowError(ScreeningError):
	pass


class DisputeScreeningRound(Document):
	# begin: auto-generated types
	# end: auto-generated types

	def validate(self):
		keep_system_fields(self, SYSTEM_FIELDS, RoundStatus.DRAFT)
		validate_unit_permission(self)
		self.validate_not_submitted()
		self.validate_unit()
		self.set_period()
		self.validate_one_round_per_period()
		self.validate_disputes()
		self.set_counts()

	def validate_not_submitted(self):
		before = self.get_doc_before_save()
		if before and before.status == RoundStatus.SUBMITTED:
			frappe.throw(
				_("Screening round {0} has been submitted and can no longer be changed.").format(self.name),
				RoundSubmittedError,
				title=_("Round Submitted"),
			)

	def validate_unit(self):
		if not self.is_new():
			return
		active, is_group = frappe.db.get_value("Handling Unit", self.unit, ["is_active", "is_group"]) or (
			0,
			0,
		)
		if not active or is_group:
			frappe.throw(
				_(
					"Unit {0} is inactive or a group of units; screening rounds are kept by active units."
				).format(frappe.bold(self.unit)),
				ScreeningError,
			)

	def set_period(self):
		start = getdate(self.period_start)
		if not is_half_month_start(start):
			frappe.throw(
				_("A screening round starts on the 1st or the 16th of a month, not on {0}.").format(
					frappe.format(start, "Date")
				),
				RoundPeriodError,
				title=_("Not a Half Month"),
			)
		self.period_start, self.period_end = half_month_period(start)

	def validate_one_round_per_period(self):
		other = frappe.db.get_value(
			self.doctype,
			{"unit": self.unit, "period_start": self.period_start, "name": ("!=", self.name or "")},
		)
		if other:
			frappe.throw(
				_("Unit {0} already has screening round {1} for the half month from {2}.").format(
					frappe.bold(self.unit), other, frappe.format(self.period_start, "Date")
				),
				ScreeningError,
				title=_("Round Exists"),
			)

	def validate_disputes(self):
		today = getdate(nowdate())
		for row in self.disputes:
			refuse_personal_numbers(row.description, _("Row {0}: Dispute").format(row.idx))
			refuse_personal_numbers(row.measures, _("Row {0}: Measures").format(row.idx))
			if row.responsible_person and not frappe.db.get_value(
				"User", {"name": row.responsible_person, "enabled": 1}
			):
				frappe.throw(
					_("Row {0}: the responsible person {1} is not an enabled user.").format(
						row.idx, frappe.bold(row.responsible_person)
					),
					DisputeRowError,
				)
			if row.status != DisputeStatus.RESOLVED:
				row.resolved_on = None
				row.resolved_at_grassroots = 0
				continue
			if not row.resolved_on:
				frappe.throw(
					_("Row {0}: enter the date the dispute was resolved.").format(row.idx), DisputeRowError
				)
			if getdate(row.resolved_on) > today:
				frappe.throw(
					_("Row {0}: the resolution date {1} is in the future.").format(
						row.idx, frappe.format(row.resolved_on, "Date")
					),
					DisputeRowError,
				)

	def validate_ready_to_submit(self):
		for row in self.disputes:
			if (
				row.status == DisputeStatus.OPEN
				and row.risk_level == "High"
				and not ((row.measures or "").strip() and row.responsible_person)
			):
				frappe.throw(
					_(
						"Row {0}: a high-risk open dispute needs its measures and a responsible person."
					).format(row.idx),
					DisputeRowError,
					title=_("High Risk"),
				)

	def set_counts(self):
		self.dispute_count = len(self.disputes)
		self.resolved_count = sum(1 for row in self.disputes if row.status == DisputeStatus.RESOLVED)
		self.grassroots_count = sum(1 for row in self.disputes if row.resolved_at_grassroots)
		self.high_risk_count = sum(
			1 for row in self.disputes if row.status == DisputeStatus.OPEN and row.risk_level == "High"
		)

	@frappe.whitelist()
	def submit_round(self):
		"""The unit hands in its round; it is then kept as it is."""
		self.check_permission("write")
		validate_unit_permission(self)
		if self.status == RoundStatus.SUBMITTED:
			return
		self.validate_ready_to_submit()
		self.status = RoundStatus.SUBMITTED
		self.submitted_by = frappe.session.user
		self.submitted_on = now_datetime()
		save_as_system(self)


def on_doctype_update():
	frappe.db.add_unique("Dispute Screening Round", ["unit", "period_start"], "unique_unit_period")
