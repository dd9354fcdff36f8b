"""The daily deadline job: mark due-soon and overdue, then send one digest per responsible person.

Set-based: a fixed number of UPDATEs, grouped SELECTs and multi-row INSERTs whatever the number of
cases or of people who get a digest (tracking/digest.py).
"""

import datetime

import frappe
from frappe.utils import getdate, nowdate

from petition_management.petition_management.doctype.petition_settings.petition_settings import get_settings
from petition_management.rules.deadlines import WorkCalendar, add_days
from petition_management.tracking.digest import collect_digests, send_digests
from petition_management.utils.deadlines import get_work_calendar

# Transfers whose clock has stopped.
FINISHED_TRANSFER_STATES = ("Reply Accepted", "Withdrawn")


def due_soon_until(today: datetime.date) -> datetime.date:
	"""The last due date that still counts as "due soon" today (warning days counted in the basis)."""
	calendar = get_work_calendar()
	plain = WorkCalendar(
		calendar.basis, calendar.holidays, calendar.makeup_workdays, roll_past_days_off=False
	)
	return add_days(today, get_settings().due_soon_days, plain)


def mark_statuses(doctype: str, due_field: str, today, soon_until, extra_condition: str = "", values=()):
	"""One UPDATE: the status every open record's due date gives it today, where it changed."""
	status = (
		f"CASE WHEN `{due_field}` < %(today)s THEN 'Overdue' "
		f"WHEN `{due_field}` <= %(soon)s THEN 'Due Soon' ELSE 'On Time' END"
	)
	frappe.db.sql(
		f"""UPDATE `tab{doctype}` SET deadline_status = {status}
		WHERE `{due_field}` IS NOT NULL {extra_condition}
		AND IFNULL(deadline_status, '') != {status}""",
		{"today": today, "soon": soon_until, **dict(values)},
	)


def clear_finished_transfers():
	frappe.db.sql(
		"""UPDATE `tabPetition Transfer` SET deadline_status = NULL
		WHERE workflow_state IN %(finished)s AND deadline_status IS NOT NULL""",
		{"finished": FINISHED_TRANSFER_STATES},
	)


def refresh_deadline_statuses(today: datetime.date):
	"""Every open case's and transfer's deadline status as of `today`; none on finished transfers."""
	soon_until = due_soon_until(today)
	mark_statuses("Petition Case", "current_due", today, soon_until)
	mark_statuses(
		"Petition Transfer",
		"due_date",
		today,
		soon_until,
		"AND workflow_state NOT IN %(finished)s",
		{"finished": FINISHED_TRANSFER_STATES},
	)
	clear_finished_transfers()


def run_daily_deadlines(today: str | datetime.date | None = None):
	"""Scheduler entry (daily). Safe to run again the same day: statuses settle, digests go once."""
	today = getdate(today or nowdate())
	refresh_deadline_statuses(today)
	digests = collect_digests(today)
	send_digests(digests, today)
	return digests
