# Copyright (c) 2026, Petition Management contributors
# For license information, please see license.txt

"""Appraisal Scheme: how units are scored, edited by the Petition Office or the Director. The metrics and
their weights, bonus and penalty items, one-vote veto conditions, grade bands, the one-time resolution
window and the lengths of the lists of units to commend and to watch. The rules behind it are the pure
ones of petition_management/rules/appraisal/; `to_rule_scheme` turns the document into theirs.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, flt

from petition_management.appraisal import CODE_BY_LABEL, OPERATOR_BY_LABEL, RATE_BY_LABEL, SCHEME
from petition_management.rules import RuleError
from petition_management.rules.appraisal import MANUAL, GradeBand, Item, Scheme, VetoCondition, metric_weights
from petition_management.utils.rules import throw_rule_error


class AppraisalSchemeError(frappe.ValidationError):
	pass


class AppraisalScheme(Document):
	# begin: auto-generated types
	# end: auto-generated types

	def validate(self):
		self.validate_rules()

	def on_update(self):
		self.set_only_default()

	def validate_rules(self):
		try:
			self.to_rule_scheme()
		except RuleError as error:
			throw_rule_error(error, AppraisalSchemeError, title=_("Invalid Appraisal Scheme"))

	def set_only_default(self):
		"""At most one default scheme: this one, when it is marked."""
		if self.is_default:
			frappe.db.sql(
				f"update `tab{SCHEME}` set is_default = 0 where is_default = 1 and name != %s", (self.name,)
			)

	def to_rule_scheme(self) -> Scheme:
		return Scheme(
			weights=metric_weights(
				(RATE_BY_LABEL.get(row.metric, row.metric), flt(row.weight)) for row in self.metrics
			),
			grades=tuple(GradeBand((row.grade or "").strip(), flt(row.min_score)) for row in self.grades),
			items=tuple(
				Item(
					row.item_name,
					row.item_type,
					MANUAL if row.basis == MANUAL else CODE_BY_LABEL.get(row.basis, row.basis),
					flt(row.points),
					flt(row.max_points),
				)
				for row in self.items
			),
			vetoes=tuple(
				VetoCondition(
					CODE_BY_LABEL.get(row.figure, row.figure),
					OPERATOR_BY_LABEL.get(row.operator, row.operator),
					flt(row.threshold),
					row.description,
				)
				for row in self.vetoes
			),
			window_days=cint(self.one_time_window_days),
			commend_count=cint(self.commend_count),
			watch_count=cint(self.watch_count),
		).validate()


def default_scheme() -> str | None:
	return frappe.db.get_value(SCHEME, {"is_default": 1}, "name")
