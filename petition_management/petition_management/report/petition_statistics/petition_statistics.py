# Copyright (c) 2026, Petition Management contributors
# For license information, please see license.txt

"""Petition cases received in a period, by month, channel, category, lead unit or source: received,
answered on the spot, accepted, not accepted, open, overdue and concluded. Every figure opens the list of
the cases behind it."""

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


@refused_as_message
def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	period = Period.from_filters(filters)
	dimension = case_dimension(filters.group_by)
	measures = get_measures()
	scope = Scope(CASE)
	base = [period.filter("received_on"), *case_filters(filters)]
	counts = count_by(scope, dimension, base, measures)
	rows = grouped_rows(scope, dimension, base, measures, period, counts)
	columns = [dimension.column(), *(measure.column() for measure in measures)]
	chart = bar_chart(rows, ["received", "concluded"], [_("Received"), _("Concluded")])
	return columns, rows, None, chart


def get_measures() -> list[Measure]:
	return [
		Measure("received", _("Received")),
		Measure("answered_on_the_spot", _("Answered on the Spot"), tuple(figures.answered_on_the_spot())),
		Measure("accepted", _("Accepted"), tuple(figures.accepted())),
		Measure("not_accepted", _("Not Accepted"), tuple(figures.not_accepted())),
		Measure("open", _("Open"), tuple(figures.open_cases())),
		Measure("overdue", _("Overdue"), tuple(figures.overdue())),
		Measure("concluded", _("Concluded"), tuple(figures.concluded())),
	]
