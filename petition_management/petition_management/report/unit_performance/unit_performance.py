# Copyright (c) 2026, Petition Management contributors
# For license information, please see license.txt

"""Live figures per handling unit for a period: the transfers it received (issued in the period) and how
it answered them (replies accepted, replied late, still open, overdue now), and the cases it led (received
in the period): repeat petitions and the petitioners' satisfaction. Every count opens the list of the
transfers or cases behind it; the rates are derived from the counts.

A unit's people see their own units' rows only: the transfers to their units (as lead unit and, counted
apart, as co-handling unit) and the cases their units lead, never a row of another unit with the part
of its work they can see (reports/units.py)."""

import frappe
from frappe import _

from petition_management.reports import figures
from petition_management.reports.grouped import (
	GROUP,
	Dimension,
	Measure,
	bar_chart,
	cells,
	count_by,
	rate,
	row_filters,
	total_row,
)
from petition_management.reports.query import CASE, TRANSFER, Period, Scope, refused_as_message
from petition_management.reports.units import no_unit_message, unit_view
from petition_management.utils.translation import APP_CONTEXT

REPLY_ACCEPTED = "Reply Accepted"


@refused_as_message
def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	period = Period.from_filters(filters)
	transfers, cases = Scope(TRANSFER), Scope(CASE)
	transfer_unit, case_unit = (
		Dimension("unit", _("Handling Unit")),
		Dimension("lead_unit", _("Handling Unit")),
	)
	transfer_base = [period.filter("issued_on"), ("workflow_state", "!=", "Withdrawn")]
	case_base = [period.filter("received_on"), ("lead_unit", "is", "set")]  # handed to a unit
	if filters.unit:
		transfer_base.append(("unit", "=", filters.unit))
		case_base.append(("lead_unit", "=", filters.unit))
	transfer_measures, case_measures = get_transfer_measures(transfers), get_case_measures()
	view = unit_view(transfers)
	if view and not view.units:
		return get_columns(transfer_measures, case_measures), [], no_unit_message()
	if view:  # the unit's own rows only
		transfer_base.extend(view.own_transfers())
		case_base.extend(view.own_cases())
	by_transfer = count_by(transfers, transfer_unit, transfer_base, transfer_measures)
	by_case = count_by(cases, case_unit, case_base, case_measures)

	rows = []
	units = set(by_transfer) | set(by_case)
	for unit in sorted(units, key=lambda u: (-by_transfer.get(u, {}).get("transfers", 0), u)):
		row = {GROUP: unit, "_key": unit}
		cells(
			row,
			TRANSFER,
			by_transfer.get(unit, {}),
			row_filters(transfer_unit, unit, transfer_base, period),
			transfer_measures,
		)
		cells(
			row, CASE, by_case.get(unit, {}), row_filters(case_unit, unit, case_base, period), case_measures
		)
		rows.append(row)
	total = total_row(TRANSFER, transfer_base, transfer_measures, by_transfer)
	case_total = total_row(CASE, case_base, case_measures, by_case)
	total["_drill"].update(case_total.pop("_drill"))
	rows.append({**case_total, **total})
	for row in rows:
		set_rates(row)

	chart = bar_chart(
		rows, ["on_time_rate", "satisfaction_rate"], [_("On-time Rate (%)"), _("Satisfaction Rate (%)")]
	)
	message = view and _(
		"Figures of your unit ({0}): the transfers it received, as lead unit and as co-handling unit, and the cases it leads."
	).format(view.names())
	return get_columns(transfer_measures, case_measures), rows, message or None, chart


def get_transfer_measures(transfers: Scope) -> list[Measure]:
	late = (
		f"{transfers.table}.workflow_state = {frappe.db.escape(REPLY_ACCEPTED)}"
		f" and date({transfers.table}.reply_submitted_on) > {transfers.table}.due_date"
	)
	return [
		Measure("transfers", _("Transfers")),
		Measure("as_lead", _("As Lead Unit"), (("transfer_role", "=", "Lead Unit"),)),
		Measure("as_co", _("As Co-handling Unit"), (("transfer_role", "=", "Co-handling Unit"),)),
		Measure("replies_accepted", _("Replies Accepted"), (("workflow_state", "=", REPLY_ACCEPTED),)),
		Measure("replied_late", _("Replied Late"), sql=late),
		Measure("open", _("Open", context=APP_CONTEXT), tuple(figures.open_transfers())),
		Measure("overdue", _("Overdue Now"), (*figures.open_transfers(), *figures.overdue("due_date"))),
	]


def get_case_measures() -> list[Measure]:
	return [
		Measure("lead_cases", _("Cases Led")),
		Measure("repeat_cases", _("Repeat Petitions"), (("repeat_count", ">=", 1),)),
		Measure("rated", _("Satisfaction Recorded"), (("satisfaction", "is", "set"),)),
		Measure("satisfied", _("Satisfied"), (("satisfaction", "in", figures.SATISFIED),)),
	]


def set_rates(row: dict):
	accepted = row.get("replies_accepted", 0)
	row["on_time_rate"] = rate(accepted - row.get("replied_late", 0), accepted)
	row["satisfaction_rate"] = rate(row.get("satisfied", 0), row.get("rated", 0))
	led = row.get("lead_cases", 0)
	row["no_repeat_rate"] = rate(led - row.get("repeat_cases", 0), led)


def get_columns(transfer_measures: list[Measure], case_measures: list[Measure]) -> list[dict]:
	def percent(fieldname, label):
		return {"fieldname": fieldname, "label": label, "fieldtype": "Percent", "width": 120}

	return [
		{"fieldname": GROUP, "label": _("Handling Unit"), "fieldtype": "Data", "width": 200},
		*(measure.column() for measure in transfer_measures),
		percent("on_time_rate", _("On-time Rate (%)")),
		*(measure.column() for measure in case_measures),
		percent("satisfaction_rate", _("Satisfaction Rate (%)")),
		percent("no_repeat_rate", _("Resolved Without Repeat (%)")),
	]
