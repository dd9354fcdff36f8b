# Copyright (c) 2026, Petition Management contributors
# For license information, please see license.txt

"""Cases (the clock now running: acceptance or handling) or unit transfers (the unit's reply) that are
overdue or due within the Settings' warning days, as of today. Live: the status comes from the due date
and today's date, not from the status the daily job last wrote."""

from collections import Counter

import frappe
from frappe import _

from petition_management.reports import figures
from petition_management.reports.grouped import case_filters
from petition_management.reports.query import CASE, TRANSFER, Scope, refused_as_message, today
from petition_management.rules.deadlines import days_remaining
from petition_management.tracking.daily import due_soon_until
from petition_management.utils.deadlines import get_work_calendar
from petition_management.utils.translation import APP_CONTEXT

OVERDUE = "Overdue"
DUE_SOON = "Due Soon"


@refused_as_message
def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	on = today()
	if filters.based_on == "Transfer":
		columns, rows, unit_field = transfer_columns(), get_transfer_rows(filters, on), "unit"
	else:
		columns, rows, unit_field = case_columns(), get_case_rows(filters, on), "lead_unit"
	set_status(rows, on)
	return columns, rows, None, get_chart(rows, unit_field), get_summary(rows)


def due_filters(field: str, status: str | None, on) -> list:
	"""Due today or earlier (overdue) or within the warning days (due soon)."""
	if status == OVERDUE:
		return figures.overdue(field, on)
	if status == DUE_SOON:
		return figures.due_soon(field, on)
	return [(field, "is", "set"), (field, "<=", due_soon_until(on))]


def get_case_rows(filters: dict, on) -> list[dict]:
	scope = Scope(CASE)
	conditions = [*due_filters("current_due", filters.status, on), *case_filters(filters)]
	if filters.unit:
		conditions.append(("lead_unit", "=", filters.unit))
	return frappe.db.sql(
		f"""select name, subject, petitioner_names, category, lead_unit, workflow_state, is_key_case,
			current_due as due_date, if(accepted_on is null, 'Acceptance', 'Handling') as clock
		from {scope.table} where {scope.where(conditions)}
		order by current_due, name""",
		as_dict=True,
	)


def get_transfer_rows(filters: dict, on) -> list[dict]:
	if not frappe.has_permission(TRANSFER, "read"):
		frappe.throw(_("You are not permitted to read Petition Transfers."), frappe.PermissionError)
	scope = Scope(TRANSFER)
	conditions = [*figures.open_transfers(), *due_filters("due_date", filters.status, on)]
	if filters.unit:
		conditions.append(("unit", "=", filters.unit))
	return frappe.db.sql(
		f"""select name, petition_case, case_subject, unit, transfer_role, workflow_state, due_date
		from {scope.table} where {scope.where(conditions)}
		order by due_date, name""",
		as_dict=True,
	)


def set_status(rows: list[dict], on):
	calendar = get_work_calendar()
	for row in rows:
		row.days_remaining = days_remaining(row.due_date, on, calendar)
		row.status = _(OVERDUE) if row.due_date < on else _(DUE_SOON)
		row.is_overdue = row.due_date < on
		for fieldname in ("workflow_state", "transfer_role", "clock"):
			if row.get(fieldname):
				row[fieldname] = _(row[fieldname])


def column(fieldname, label, fieldtype="Data", options=None, width=120) -> dict:
	return {
		"fieldname": fieldname,
		"label": label,
		"fieldtype": fieldtype,
		"options": options,
		"width": width,
	}


def status_columns() -> list[dict]:
	return [
		column("due_date", _("Due Date"), "Date", width=100),
		column("days_remaining", _("Days Remaining"), "Int", width=100),
		column("status", _("Deadline Status"), width=110),
	]


def case_columns() -> list[dict]:
	return [
		column("name", _("Petition Case"), "Link", CASE, 150),
		column("subject", _("Subject", context=APP_CONTEXT), width=200),
		column("petitioner_names", _("Petitioners"), width=150),
		column("category", _("Category"), "Link", "Petition Category", 140),
		column("lead_unit", _("Lead Unit"), "Link", "Handling Unit", 140),
		column("workflow_state", _("State", context=APP_CONTEXT), width=120),
		column("clock", _("Time Limit"), width=100),
		*status_columns(),
		column("is_key_case", _("Key Case"), "Check", width=80),
	]


def transfer_columns() -> list[dict]:
	return [
		column("name", _("Petition Transfer"), "Link", TRANSFER, 150),
		column("petition_case", _("Petition Case"), "Link", CASE, 150),
		column("case_subject", _("Subject", context=APP_CONTEXT), width=200),
		column("unit", _("Handling Unit"), "Link", "Handling Unit", 140),
		column("transfer_role", _("Role of the Unit"), width=120),
		column("workflow_state", _("State", context=APP_CONTEXT), width=120),
		*status_columns(),
	]


def get_summary(rows: list[dict]) -> list[dict]:
	overdue = sum(1 for row in rows if row.is_overdue)
	return [
		{"value": overdue, "label": _("Overdue"), "indicator": "Red", "datatype": "Int"},
		{"value": len(rows) - overdue, "label": _("Due Soon"), "indicator": "Orange", "datatype": "Int"},
	]


def get_chart(rows: list[dict], unit_field: str, limit: int = 20) -> dict | None:
	"""Overdue and due soon per unit, the units with the most first."""
	overdue, due_soon = Counter(), Counter()
	for row in rows:
		unit = row.get(unit_field) or _("Not Set", context=APP_CONTEXT)
		(overdue if row.is_overdue else due_soon)[unit] += 1
	units = [unit for unit, _count in (overdue + due_soon).most_common(limit)]
	if not units:
		return None
	return {
		"data": {
			"labels": units,
			"datasets": [
				{"name": _("Overdue"), "values": [overdue[unit] for unit in units]},
				{"name": _("Due Soon"), "values": [due_soon[unit] for unit in units]},
			],
		},
		"type": "bar",
		"barOptions": {"stacked": 1},
		"colors": ["#e24c4c", "#f8814f"],
	}
