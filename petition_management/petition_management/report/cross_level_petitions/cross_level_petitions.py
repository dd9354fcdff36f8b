# Copyright (c) 2026, Petition Management contributors
# For license information, please see license.txt

"""Cross-level petitions and the "two decreases" work objective: petitions received and cross-level
petitions in a period against the same period a year earlier, by month, category, lead unit, channel or
higher level. A statistic, never a control: cross-level petitions are counted, not blocked. Every figure
opens the list of the cases behind it."""

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
from petition_management.reports.query import CASE, Period, ReportFilterError, Scope, refused_as_message

LAST_YEAR = "_last_year"


@refused_as_message
def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	period = Period.from_filters(filters)
	validate_period(period)
	previous = period.previous_year()
	dimension = case_dimension(filters.group_by)
	measures = get_measures()
	scope = Scope(CASE)
	now_base = [period.filter("received_on"), *case_filters(filters)]
	then_base = [previous.filter("received_on"), *case_filters(filters)]
	now = count_by(scope, dimension, now_base, measures)
	then = count_by(scope, dimension, then_base, measures, shift_years=1)

	rows = []
	for key in ordered_keys(dimension, {**then, **now}, period, measures):
		row = {GROUP: dimension.display(key), "_key": key}
		cells(row, CASE, now.get(key, {}), row_filters(dimension, key, now_base, period), measures)
		cells(
			row,
			CASE,
			then.get(key, {}),
			row_filters(dimension, key, then_base, previous, 1),
			measures,
			LAST_YEAR,
		)
		rows.append(row)
	total = total_row(CASE, now_base, measures, now)
	last_year_total = total_row(CASE, then_base, measures, then, LAST_YEAR)
	total["_drill"].update(last_year_total.pop("_drill"))
	rows.append({**last_year_total, **total})
	for row in rows:
		for measure in measures:
			row[measure.fieldname + "_change"] = change(
				row[measure.fieldname], row[measure.fieldname + LAST_YEAR]
			)

	chart = bar_chart(
		rows,
		["received", "received" + LAST_YEAR, "cross_level", "cross_level" + LAST_YEAR],
		[_("Received"), _("Received Last Year"), _("Cross-level"), _("Cross-level Last Year")],
	)
	return get_columns(dimension), rows, None, chart, get_summary(rows[-1])


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


def get_columns(dimension) -> list[dict]:
	def figure(fieldname, label, fieldtype="Int"):
		return {"fieldname": fieldname, "label": label, "fieldtype": fieldtype, "width": 120}

	return [
		dimension.column(),
		figure("received", _("Received")),
		figure("received" + LAST_YEAR, _("Received Last Year")),
		figure("received_change", _("Change (%)"), "Percent"),
		figure("cross_level", _("Cross-level")),
		figure("cross_level" + LAST_YEAR, _("Cross-level Last Year")),
		figure("cross_level_change", _("Cross-level Change (%)"), "Percent"),
	]


def two_decreases(total: dict) -> bool:
	"""Both the petitions received and the cross-level petitions fell year on year."""
	return all(total[fieldname] < total[fieldname + LAST_YEAR] for fieldname in ("received", "cross_level"))


def get_summary(total: dict) -> list[dict]:
	achieved = two_decreases(total)
	return [
		{"value": total["received"], "label": _("Received"), "datatype": "Int"},
		{"value": total["received" + LAST_YEAR], "label": _("Received Last Year"), "datatype": "Int"},
		{"value": total["cross_level"], "label": _("Cross-level"), "datatype": "Int"},
		{"value": total["cross_level" + LAST_YEAR], "label": _("Cross-level Last Year"), "datatype": "Int"},
		{
			"value": _("Achieved") if achieved else _("Not Achieved"),
			"label": _("Two Decreases"),
			"indicator": "Green" if achieved else "Red",
			"datatype": "Data",
		},
	]
