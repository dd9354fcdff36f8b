# Copyright (c) 2026, Petition Management contributors
# For license information, please see license.txt

"""Petition Appraisal: one unit's appraisal for one period (a year, a half-year or a quarter).

The figures are gathered from the cases and transfers (petition_management/appraisal/figures.py) when
the appraisal is created, by an Appraisal Run, or by "Recompute" while it is a Draft; the client never
sets them. The score follows the scheme (petition_management/rules/appraisal/) and is worked out
again on every save from the stored figures, the manual adjustments and the veto. A rate with no case to
rate (no decision, no case due, none settled, no return visit with a satisfaction) is stored as "no data"
(its `<rate>_no_data` Check: a Percent column of Frappe v15 is NOT NULL and stores 0 for no value) and
is left out of the weighted score, as the pure rules do.

The Workflow "Petition Appraisal" takes it from Draft to Under Review to Approved by the Director. When it
leaves Draft, its figures are gathered once more together with the names of the cases behind each
(`case_lists`, one statement), so that the figures the Director reviews and approves and the cases the
drill-down lists are the same snapshot; sent back to Draft, it drops them and its drill-down is live
again. An approved appraisal is frozen: nothing in it changes any more, whatever later happens to the
cases.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, cstr, flt, get_datetime, getdate, now_datetime, nowdate

from petition_management.appraisal import APPRAISAL, SCHEME, AppraisalState
from petition_management.appraisal.figures import case_lists, gather
from petition_management.petition_management.doctype.appraisal_scheme.appraisal_scheme import default_scheme
from petition_management.rules import RuleError
from petition_management.rules.appraisal import (
	MANUAL,
	Figure,
	PeriodType,
	Rate,
	as_of_date,
	period_dates,
	period_label,
	score,
)
from petition_management.utils.rules import throw_rule_error
from petition_management.utils.translation import label

RATE_FIELDS = Rate.ALL
FIGURE_FIELDS = Figure.ALL
# The Check of each rate that says it has no data (its Percent then holds 0, which means nothing).
NO_DATA_FIELDS = {rate: f"{rate}_no_data" for rate in RATE_FIELDS}
# Set from the cases only (gathering), never by hand.
COMPUTED_FIELDS = (
	*FIGURE_FIELDS,
	*RATE_FIELDS,
	*NO_DATA_FIELDS.values(),
	"figures_as_of",
	"window_days",
	"computed_on",
	"cases_frozen_on",
)
# The cases behind the figures, kept when the appraisal leaves Draft: from the cases only, too.
CASE_LISTS = "case_lists"
COMPUTED_TABLES = {CASE_LISTS: ("figure", "case_count", "cases")}
SCORE_FIELDS = (
	"base_score",
	"items_points",
	"adjustment_points",
	"score",
	"grade",
	"has_data",
	"vetoed",
	"veto_reason",
)
# Everything an approval freezes.
FROZEN_FIELDS = (
	*COMPUTED_FIELDS,
	*SCORE_FIELDS,
	"scheme",
	"manual_veto",
	"manual_veto_reason",
	"unit",
	"from_date",
	"to_date",
)
FROZEN_TABLES = {
	"adjustments": ("item", "points", "reason"),
	"score_lines": ("line_type", "metric", "item", "points", "no_data"),
	**COMPUTED_TABLES,
}


class AppraisalError(frappe.ValidationError):
	pass


class AppraisalFrozenError(AppraisalError):
	pass


class FiguresComputedError(AppraisalError):
	pass


class DuplicateAppraisalError(AppraisalError):
	pass


class VetoReasonError(AppraisalError):
	pass


class AdjustmentReasonError(AppraisalError):
	pass


class PetitionAppraisal(Document):
	# begin: auto-generated types
	# end: auto-generated types

	def validate(self):
		self.set_scheme()
		self.set_period()
		self.validate_frozen()
		self.validate_figures_not_edited()
		self.validate_unique()
		self.validate_manual_veto()
		self.validate_adjustments()
		if self.is_new() and not self.flags.figures_set:
			self.gather_figures()
		self.set_case_lists()
		if not self.is_frozen():
			self.set_score()
		self.record_approval()

	def prepare_new(self):
		"""What `validate` does for a new Draft appraisal whose figures are set and whose unit has none for
		the period (an Appraisal Run checks that in one query): written set-based by
		appraisal/writing.py."""
		self.set_scheme()
		self.set_period()
		self.validate_manual_veto()
		self.validate_adjustments()
		self.set_case_lists()
		self.set_score()

	def on_trash(self):
		# only a System Manager may delete an approved appraisal (the deletion guard keeps the trace)
		if self.workflow_state == AppraisalState.APPROVED and "System Manager" not in frappe.get_roles():
			frappe.throw(
				_("Appraisal {0} is approved and cannot be deleted.").format(frappe.bold(self.name)),
				AppraisalFrozenError,
				title=_("Appraisal Approved"),
			)

	# --- state -----------------------------------------------------------------------------------------

	def state_before_save(self) -> str | None:
		before = self.get_doc_before_save()
		return before.workflow_state if before else None

	def is_frozen(self) -> bool:
		"""Approved before this save: its figures and score are kept as they are."""
		return self.state_before_save() == AppraisalState.APPROVED

	def is_draft(self) -> bool:
		return self.workflow_state in (None, "", AppraisalState.DRAFT)

	def entered(self, state: str) -> bool:
		return self.workflow_state == state and self.state_before_save() != state

	# --- what the appraisal is of ----------------------------------------------------------------------

	def set_scheme(self):
		self.scheme = self.scheme or default_scheme()
		if not self.scheme:
			frappe.throw(
				_("Choose an Appraisal Scheme; there is no default scheme."),
				AppraisalError,
				title=_("Missing Information"),
			)

	def set_period(self):
		if self.period_type == PeriodType.YEAR:
			self.period_number = 0
		try:
			start, end = period_dates(self.period_type, cint(self.year), cint(self.period_number))
			self.period_label = period_label(self.period_type, cint(self.year), cint(self.period_number))
		except RuleError as error:
			throw_rule_error(error, AppraisalError, title=_("Invalid Period"))
		self.from_date, self.to_date = start, end
		self.title = f"{self.unit} {self.period_label}"

	def validate_unique(self):
		other = frappe.db.get_value(
			APPRAISAL,
			{
				"unit": self.unit,
				"from_date": self.from_date,
				"to_date": self.to_date,
				"name": ("!=", self.name),
			},
			"name",
		)
		if other:
			frappe.throw(
				_("Unit {0} already has appraisal {1} for {2}.").format(
					frappe.bold(self.unit), frappe.bold(other), frappe.bold(self.period_label)
				),
				DuplicateAppraisalError,
				title=_("Duplicate Appraisal"),
			)

	# --- freezing and computed fields ------------------------------------------------------------------

	def snapshot(self, doc=None) -> tuple:
		"""The frozen part of the document, in comparable values (the client sends strings)."""
		doc = doc or self
		fields = tuple(comparable(self.meta, f, doc.get(f)) for f in FROZEN_FIELDS)
		return fields, self.table_values(FROZEN_TABLES, doc)

	def table_values(self, tables: dict[str, tuple], doc=None) -> tuple:
		doc = doc or self
		values = []
		for table, columns in tables.items():
			child_meta = frappe.get_meta(self.meta.get_field(table).options)
			rows = doc.get(table) or []
			values.append(
				tuple(tuple(comparable(child_meta, f, row.get(f)) for f in columns) for row in rows)
			)
		return tuple(values)

	def validate_frozen(self):
		if self.is_frozen() and self.snapshot() != self.snapshot(self.get_doc_before_save()):
			frappe.throw(
				_("Appraisal {0} is approved: its figures, adjustments, veto and score are frozen.").format(
					frappe.bold(self.name)
				),
				AppraisalFrozenError,
				title=_("Appraisal Approved"),
			)

	def validate_figures_not_edited(self):
		"""The figures come from the cases (on creation, by a run or by Recompute), never from the form."""
		before = self.get_doc_before_save()
		if not before or self.flags.figures_set:
			return
		changed = [
			f
			for f in COMPUTED_FIELDS
			if comparable(self.meta, f, self.get(f)) != comparable(self.meta, f, before.get(f))
		]
		if self.table_values(COMPUTED_TABLES) != self.table_values(COMPUTED_TABLES, before):
			changed.append(CASE_LISTS)
		if changed:
			frappe.throw(
				_(
					"{0} is computed from the cases and cannot be edited; use Recompute while the appraisal is a Draft."
				).format(frappe.bold(label(self.meta, changed[0]))),
				FiguresComputedError,
				title=_("Computed Figure"),
			)

	def validate_manual_veto(self):
		if self.manual_veto and not (self.manual_veto_reason or "").strip():
			frappe.throw(
				_("Give the reason for the one-vote veto."), VetoReasonError, title=_("Missing Information")
			)

	def validate_adjustments(self):
		for row in self.adjustments:
			if not (row.reason or "").strip():
				frappe.throw(
					_("Row {0} of Adjustments: give the reason for the adjustment.").format(row.idx),
					AdjustmentReasonError,
					title=_("Missing Information"),
				)

	# --- figures ---------------------------------------------------------------------------------------

	def as_of(self):
		return as_of_date(getdate(self.to_date), getdate(nowdate()))

	def window(self) -> int:
		return cint(frappe.get_cached_value(SCHEME, self.scheme, "one_time_window_days"))

	def gather_figures(self):
		as_of, window = self.as_of(), self.window()
		figures = gather([self.unit], getdate(self.from_date), getdate(self.to_date), as_of, window)[
			self.unit
		]
		self.set_figures(figures, as_of, window)

	def set_figures(self, figures: dict[str, int], as_of, window_days: int):
		"""Store gathered figures (used by gather_figures, by Recompute and by an Appraisal Run)."""
		for code in FIGURE_FIELDS:
			self.set(code, cint(figures.get(code)))
		self.figures_as_of = as_of
		self.window_days = window_days
		self.computed_on = now_datetime()
		self.flags.figures_set = True

	def figures(self) -> dict[str, int]:
		return {code: cint(self.get(code)) for code in FIGURE_FIELDS}

	# --- the cases behind the figures ------------------------------------------------------------------

	def set_case_lists(self):
		"""Leaving Draft (or, for an appraisal that left it before lists were kept, at the latest when it is
		approved): gather the figures again with the cases behind each, one snapshot. Back in Draft: drop
		them (the drill-down is live again). An approved appraisal keeps them as they are."""
		if self.is_frozen():
			return
		if self.is_draft():
			self.set(CASE_LISTS, [])
			self.cases_frozen_on = None
			return
		if not self.cases_frozen_on:
			self.keep_case_lists()

	def keep_case_lists(self):
		as_of, window = self.as_of(), self.window()
		lists = case_lists(self.unit, getdate(self.from_date), getdate(self.to_date), as_of, window)
		self.set_figures({code: len(names) for code, names in lists.items()}, as_of, window)
		self.set(
			CASE_LISTS,
			[
				{"figure": Figure.LABELS[code], "case_count": len(names), "cases": "\n".join(names)}
				for code, names in lists.items()
			],
		)
		self.cases_frozen_on = self.computed_on

	def kept_case_names(self, figure: str) -> list[str] | None:
		"""The names kept for a figure when the appraisal left Draft; None when it keeps none (a Draft, or
		an appraisal approved before case lists were kept)."""
		if not self.cases_frozen_on:
			return None
		wanted = Figure.LABELS[figure]
		row = next((row for row in self.get(CASE_LISTS) if row.figure == wanted), None)
		return [name for name in (row.cases or "").split("\n") if name] if row else []

	# --- score -----------------------------------------------------------------------------------------

	def set_score(self):
		scheme_doc = frappe.get_cached_doc(SCHEME, self.scheme)
		try:
			result = score(
				self.figures(),
				scheme_doc.to_rule_scheme(),
				adjustments=[flt(row.points) for row in self.adjustments],
				manual_veto=bool(self.manual_veto),
			)
		except RuleError as error:
			throw_rule_error(error, AppraisalError, title=_("Cannot Score the Appraisal"))
		for code in RATE_FIELDS:
			value = result.rates[code]
			self.set(code, flt(value, 2) if value is not None else 0)
			self.set(NO_DATA_FIELDS[code], int(value is None))
		self.base_score = result.base_score
		self.items_points = result.items_points
		self.adjustment_points = result.adjustment_points
		self.score = result.score
		self.grade = result.grade
		self.has_data = int(result.has_data)
		self.vetoed = int(result.vetoed)
		reasons = [condition.description for condition in result.vetoes_met]
		if self.manual_veto:
			reasons.append(self.manual_veto_reason.strip())
		self.veto_reason = "\n".join(reasons)
		self.set("score_lines", [])
		for line in result.lines:
			self.append(
				"score_lines",
				{
					"line_type": line.kind,
					"metric": Rate.LABELS.get(line.code) if line.kind == "Metric" else None,
					"item": None if line.kind == "Metric" else line.code,
					"value": flt(line.value, 2) if line.value is not None else None,
					"no_data": int(line.value is None),
					"weight": line.weight,
					"points": flt(line.points, 2),
				},
			)

	def manual_items(self) -> list[str]:
		"""The scheme's manual bonus and penalty items, offered for the adjustments."""
		return [
			row.item_name for row in frappe.get_cached_doc(SCHEME, self.scheme).items if row.basis == MANUAL
		]

	# --- approval --------------------------------------------------------------------------------------

	def record_approval(self):
		if self.entered(AppraisalState.APPROVED):
			self.approved_by = frappe.session.user
			self.approved_on = now_datetime()


def comparable(meta, fieldname: str, value):
	"""A field's value in a form that compares equal whether it came from the database or the client."""
	fieldtype = meta.get_field(fieldname).fieldtype
	if fieldtype in ("Int", "Check"):
		return cint(value)
	if fieldtype in ("Float", "Percent", "Currency"):
		return flt(value, 6)
	if not value:
		return None
	if fieldtype == "Date":
		return getdate(value)
	if fieldtype == "Datetime":
		return get_datetime(value).replace(microsecond=0)
	return cstr(value).strip()


def on_doctype_update():
	frappe.db.add_index(APPRAISAL, ["unit", "from_date", "to_date"])
