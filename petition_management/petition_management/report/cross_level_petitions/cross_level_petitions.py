# Copyright (c) 2026, Petition Management contributors
# For license information, please see license.txt

"""Cross-level petitions and the "two decreases" work objective: petitions received and cross-level
petitions in a period against a comparison period, by month, category, lead unit, channel or higher
level. The comparison is the same period a year earlier (the work objective is year on year), or the
previous period of the same length ("Compare With"); the report says which, with its dates. A statistic,
never a control: cross-level petitions are counted, not blocked. Every figure opens the list of the
cases behind it. A unit's people see the cases their units lead and, apart, those they co-handle
(reports/units.py)."""

from dataclasses import dataclass

import frappe
from frappe import _
from frappe.utils import add_years, getdate

from petition_management.reports.grouped import (
	GROUP,
	Measure,
	bar_chart,
	case_dimension,
	case_filters,
	cells,
	change,
	count_by,
	ordered_keys,
	row_filters,
	total_row,
)
from petition_management.reports.query import (
	CASE,
	SAME_PERIOD_LAST_YEAR,
	Filter,
	Period,
	ReportFilterError,
	Scope,
	Shift,
	refused_as_message,
)
from petition_management.reports.units import PART, Part, no_unit_message, own_rows, part_column, unit_view

LAST_YEAR = "_last_year"
PREVIOUS_PERIOD = "_previous_period"


class CompareWith:
	"""The options of the "Compare With" filter."""

	SAME_PERIOD_LAST_YEAR = "Same Period Last Year"
	PREVIOUS_PERIOD = "Previous Period"


@dataclass(frozen=True)
class Comparison:
	"""The period the report compares with, how far back it lies and the suffix of its columns."""

	year_on_year: bool
	period: Period
	shift: Shift
	suffix: str

	@classmethod
	def of(cls, compare_with: str | None, period: Period) -> "Comparison":
		if compare_with == CompareWith.PREVIOUS_PERIOD:
			shift = period.shift_to_previous()
			return cls(False, period.shifted_back(shift), shift, PREVIOUS_PERIOD)
		validate_period(period)
		return cls(True, period.previous_year(), SAME_PERIOD_LAST_YEAR, LAST_YEAR)

	def label(self, fieldname: str) -> str:
		labels = {
			("received", True): _("Received Last Year"),
			("cross_level", True): _("Cross-level Last Year"),
			("received", False): _("Received in the Previous Period"),
			("cross_level", False): _("Cross-level in the Previous Period"),
		}
		return labels[(fieldname, self.year_on_year)]

	def dates(self) -> str:
		return _("{0} to {1}").format(
			frappe.format(self.period.start, "Date"), frappe.format(self.period.end, "Date")
		)

	def message(self) -> str:
		if self.year_on_year:
			return _("Compared with the same period a year earlier: {0}.").format(self.dates())
		return _("Compared with the previous period of the same length: {0}.").format(self.dates())


@refused_as_message
def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	period = Period.from_filters(filters)
	comparison = Comparison.of(filters.compare_with, period)
	dimension = case_dimension(filters.group_by)
	measures = get_measures()
	scope = Scope(CASE)
	view = unit_view(scope)
	columns = get_columns(dimension, comparison)
	if view and not view.units:
		return columns, [], no_unit_message()
	now_base = [period.filter("received_on"), *case_filters(filters)]
	then_base = [comparison.period.filter("received_on"), *case_filters(filters)]
	if view is None:
		rows = compared_rows(scope, dimension, period, comparison, now_base, then_base, measures)
		message = comparison.message()
	else:
		own = view.own_cases()
		rows = compared_rows(
			scope, dimension, period, comparison, [*now_base, *own], [*then_base, *own], measures
		)
		for row in rows:
			row[PART] = Part.lead()
		rows += co_handled_rows(scope, view, dimension, period, comparison, now_base, then_base, measures)
		columns.insert(1, part_column())
		message = f"{comparison.message()} {view.message()}"
	for row in rows:
		row.pop("_filled", None)
		for measure in measures:
			row[measure.fieldname + "_change"] = change(
				row[measure.fieldname], row[measure.fieldname + comparison.suffix]
			)

	suffix = comparison.suffix
	chart = bar_chart(
		own_rows(rows),
		["received", "received" + suffix, "cross_level", "cross_level" + suffix],
		[_("Received"), comparison.label("received"), _("Cross-level"), comparison.label("cross_level")],
	)
	own_total = next(row for row in rows if row.get("_total"))
	return columns, rows, message, chart, get_summary(own_total, comparison)


def compared_rows(
	scope: Scope,
	dimension,
	period: Period,
	comparison: Comparison,
	now_base: list[Filter],
	then_base: list[Filter],
	measures: list[Measure],
	condition: str | None = None,
) -> list[dict]:
	"""One row per key with the period's and the comparison period's counts, then their total."""
	now = count_by(scope, dimension, now_base, measures, condition=condition)
	then = count_by(scope, dimension, then_base, measures, comparison.shift, condition)
	rows = []
	for key in ordered_keys(dimension, {**then, **now}, period, measures):
		row = {GROUP: dimension.display(key), "_key": key}
		cells(row, CASE, now.get(key, {}), row_filters(dimension, key, now_base, period), measures)
		cells(
			row,
			CASE,
			then.get(key, {}),
			row_filters(dimension, key, then_base, comparison.period, comparison.shift),
			measures,
			comparison.suffix,
		)
		row["_filled"] = key in now or key in then
		rows.append(row)
	total = total_row(CASE, now_base, measures, now)
	comparison_total = total_row(CASE, then_base, measures, then, comparison.suffix)
	total["_drill"].update(comparison_total.pop("_drill"))
	rows.append({**comparison_total, **total, "_filled": bool(now or then)})
	return rows


def co_handled_rows(
	scope: Scope,
	view,
	dimension,
	period: Period,
	comparison: Comparison,
	now_base: list[Filter],
	then_base: list[Filter],
	measures: list[Measure],
) -> list[dict]:
	"""The cases the units co-handle, in both periods: only the groups that have some and their total;
	grouped by lead unit, only their total. Each count drills down to the names of its cases."""
	named = [measure.named(scope) for measure in measures]
	rows = compared_rows(
		scope, dimension, period, comparison, now_base, then_base, named, view.co_handled(scope.table)
	)
	if not rows[-1]["_filled"]:
		return []
	if dimension.fieldname == "lead_unit":
		rows = rows[-1:]
	rows = [row for row in rows if row["_filled"]]
	for row in rows:
		row[PART] = Part.co()
	return rows


def validate_period(period: Period):
	earliest = getdate(add_years(period.end, -1))
	if period.start <= earliest:
		frappe.throw(
			_("A year-on-year comparison covers one year at most: choose a From Date after {0}.").format(
				frappe.format(earliest, "Date")
			),
			ReportFilterError,
			title=_("Invalid Period"),
		)


def get_measures() -> list[Measure]:
	return [
		Measure("received", _("Received")),
		Measure("cross_level", _("Cross-level"), (("cross_level", "=", 1),)),
	]


def get_columns(dimension, comparison: Comparison) -> list[dict]:
	def figure(fieldname, label, fieldtype="Int"):
		return {"fieldname": fieldname, "label": label, "fieldtype": fieldtype, "width": 120}

	suffix = comparison.suffix
	return [
		dimension.column(),
		figure("received", _("Received")),
		figure("received" + suffix, comparison.label("received")),
		figure("received_change", _("Change (%)"), "Percent"),
		figure("cross_level", _("Cross-level")),
		figure("cross_level" + suffix, comparison.label("cross_level")),
		figure("cross_level_change", _("Cross-level Change (%)"), "Percent"),
	]


def two_decreases(total: dict) -> bool:
	"""Both the petitions received and the cross-level petitions fell year on year."""
	return all(total[fieldname] < total[fieldname + LAST_YEAR] for fieldname in ("received", "cross_level"))


def get_summary(total: dict, comparison: Comparison) -> list[dict]:
	suffix = comparison.suffix
	summary = [
		{"value": total["received"], "label": _("Received"), "datatype": "Int"},
		{"value": total["received" + suffix], "label": comparison.label("received"), "datatype": "Int"},
		{"value": total["cross_level"], "label": _("Cross-level"), "datatype": "Int"},
		{"value": total["cross_level" + suffix], "label": comparison.label("cross_level"), "datatype": "Int"},
		{"value": comparison.dates(), "label": _("Compared With"), "datatype": "Data"},
	]
	if comparison.year_on_year:  # the work objective is year on year
		achieved = two_decreases(total)
		summary.append(
			{
				"value": _("Achieved") if achieved else _("Not Achieved"),
				"label": _("Two Decreases"),
				"indicator": "Green" if achieved else "Red",
				"datatype": "Data",
			}
		)
	return summary
