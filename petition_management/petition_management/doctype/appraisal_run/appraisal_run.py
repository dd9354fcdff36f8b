# Copyright (c) 2026, Petition Management contributors
# For license information, please see license.txt

"""Appraisal Run: the appraisal of every active unit for one period. "Run" (api/appraisal.py, or
`petition_management.appraisal.runs.execute_run`) creates or recomputes the units' appraisals, ranks
them and lists the units to commend and to watch. One run per period (and group of units).
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint

from petition_management.appraisal import RUN
from petition_management.petition_management.doctype.appraisal_scheme.appraisal_scheme import default_scheme
from petition_management.rules import RuleError
from petition_management.rules.appraisal import PeriodType, period_dates, period_label
from petition_management.utils.rules import throw_rule_error


class AppraisalRunError(frappe.ValidationError):
	pass


class DuplicateRunError(AppraisalRunError):
	pass


class AppraisalRun(Document):
	# begin: auto-generated types
	# end: auto-generated types

	def validate(self):
		self.set_scheme()
		self.set_period()
		self.validate_unique()

	def set_scheme(self):
		self.scheme = self.scheme or default_scheme()
		if not self.scheme:
			frappe.throw(
				_("Choose an Appraisal Scheme; there is no default scheme."),
				AppraisalRunError,
				title=_("Missing Information"),
			)

	def set_period(self):
		if self.period_type == PeriodType.YEAR:
			self.period_number = 0
		try:
			self.from_date, self.to_date = period_dates(
				self.period_type, cint(self.year), cint(self.period_number)
			)
			self.period_label = period_label(self.period_type, cint(self.year), cint(self.period_number))
		except RuleError as error:
			throw_rule_error(error, AppraisalRunError, title=_("Invalid Period"))
		self.title = self.period_label

	def validate_unique(self):
		other = frappe.db.get_value(
			RUN,
			{
				"from_date": self.from_date,
				"to_date": self.to_date,
				"parent_unit": self.parent_unit or ("is", "not set"),
				"name": ("!=", self.name),
			},
			"name",
		)
		if other:
			frappe.throw(
				_("Appraisal Run {0} already covers {1}.").format(
					frappe.bold(other), frappe.bold(self.period_label)
				),
				DuplicateRunError,
				title=_("Duplicate Appraisal Run"),
			)
