# Copyright (c) 2026, Petition Management contributors
# For license information, please see license.txt

"""Petition cases received in a period, by month, channel, category, lead unit or source: received,
answered on the spot, accepted, not accepted, open, overdue and concluded. Every figure opens the list of
the cases behind it.

A unit's people see their units' own work: the cases their units lead, and apart, "Handled As"
Co-handling Unit, the cases they co-handle (reports/units.py); never another unit's figures."""

import frappe
from frappe import _

from petition_management.reports import figures
from petition_management.reports.grouped import (
	Measure,
	bar_chart,
	case_dimension,
	case_filters,
	count_by,
	grouped_rows,
)
from petition_management.reports.query import CASE, Period, Scope, refused_as_message
from petition_management.reports.units import (
	no_unit_message,
	own_rows,
	part_column,
	unit_grouped_rows,
	unit_view,
)
from petition_management.utils.translation import APP_CONTEXT


@refused_as_message
def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	period = Period.from_filters(filters)
	dimension = case_dimension(filters.group_by)
	measures = get_measures()
	scope = Scope(CASE)
	view = unit_view(scope)
	base = [period.filter("received_on"), *case_filters(filters)]
	columns = [dimension.column(), *(measure.column() for measure in measures)]
	if view is None:
		rows = grouped_rows(
			scope, dimension, base, measures, period, count_by(scope, dimension, base, measures)
		)
		message = None
	elif view.units:
		rows = unit_grouped_rows(scope, view, dimension, base, measures, period)
		columns.insert(1, part_column())
		message = view.message()
	else:
		return columns, [], no_unit_message()
	chart = bar_chart(own_rows(rows), ["received", "concluded"], [_("Received"), _("Concluded")])
	return columns, rows, message, chart


def get_measures() -> list[Measure]:
	return [
		Measure("received", _("Received")),
		Measure("answered_on_the_spot", _("Answered on the Spot"), tuple(figures.answered_on_the_spot())),
		Measure("accepted", _("Accepted"), tuple(figures.accepted())),
		Measure("not_accepted", _("Not Accepted"), tuple(figures.not_accepted())),
		Measure("open", _("Open", context=APP_CONTEXT), tuple(figures.open_cases())),
		Measure("overdue", _("Overdue"), tuple(figures.overdue())),
		Measure("concluded", _("Concluded"), tuple(figures.concluded())),
	]
