# Copyright (c) 2026, Petition Management contributors
# For license information, please see license.txt

"""Repeat petitions: cases received in a period that came back once, twice, or three times or more
(`repeat_count`, the repeat notes on the original case), by month, category, lead unit or channel. Every
figure opens the list of the cases behind it. A unit's people see the cases their units lead and, apart,
those they co-handle (reports/units.py)."""

import frappe
from frappe import _

from petition_management.reports.grouped import (
	Measure,
	case_dimension,
	case_filters,
	count_by,
	grouped_rows,
	rate,
)
from petition_management.reports.query import CASE, Period, Scope, refused_as_message
from petition_management.reports.units import no_unit_message, part_column, unit_grouped_rows, unit_view


@refused_as_message
def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	period = Period.from_filters(filters)
	dimension = case_dimension(filters.group_by or "Category")
	measures = get_measures()
	scope = Scope(CASE)
	view = unit_view(scope)
	base = [period.filter("received_on"), *case_filters(filters)]
	columns = [
		dimension.column(),
		*(measure.column() for measure in measures),
		{"fieldname": "repeat_rate", "label": _("Repeat Rate (%)"), "fieldtype": "Percent", "width": 120},
	]
	if view is None:
		rows = grouped_rows(
			scope, dimension, base, measures, period, count_by(scope, dimension, base, measures)
		)
	elif view.units:
		rows = unit_grouped_rows(scope, view, dimension, base, measures, period)
		columns.insert(1, part_column())
	else:
		return columns, [], no_unit_message()
	for row in rows:
		row["repeat_rate"] = rate(row["repeated"], row["received"])
	own_total = next(row for row in rows if row.get("_total"))
	return columns, rows, view and view.message(), get_chart(own_total)


def get_measures() -> list[Measure]:
	return [
		Measure("received", _("Received")),
		Measure("repeated", _("Repeat Petitions"), (("repeat_count", ">=", 1),)),
		Measure("once", _("Repeated Once"), (("repeat_count", "=", 1),)),
		Measure("twice", _("Repeated Twice"), (("repeat_count", "=", 2),)),
		Measure("three_or_more", _("Repeated 3 Times or More"), (("repeat_count", ">=", 3),)),
	]


def get_chart(total: dict) -> dict | None:
	"""How often the cases came back, over all the groups."""
	if not total.get("repeated"):
		return None
	return {
		"data": {
			"labels": [_("Repeated Once"), _("Repeated Twice"), _("Repeated 3 Times or More")],
			"datasets": [
				{"name": _("Cases"), "values": [total["once"], total["twice"], total["three_or_more"]]}
			],
		},
		"type": "bar",
	}
