"""Deadlines on the site: the pure calculator, fed with the Petition Settings' calendar."""

import datetime

from frappe.utils import getdate, nowdate

from petition_management.petition_management.doctype.petition_settings.petition_settings import get_settings
from petition_management.rules.deadlines import DeadlineError, WorkCalendar, add_days, deadline_status
from petition_management.utils.rules import throw_rule_error


def get_work_calendar() -> WorkCalendar:
	return get_settings().get_work_calendar()


def due_date(start, days: int) -> datetime.date:
	"""`days` after `start`, counted as the Settings say (calendar or working days, holidays)."""
	try:
		return add_days(getdate(start), days, get_work_calendar())
	except DeadlineError as error:
		throw_rule_error(error)


def limit_due_date(start, limit_field: str) -> datetime.date:
	"""The due date of a statutory limit named by its Settings field, e.g. "acceptance_days"."""
	return due_date(start, get_settings().get(limit_field))


def status_of(due, today=None) -> str:
	""" "On Time", "Due Soon" or "Overdue" for a due date, with the Settings' warning days."""
	settings = get_settings()
	try:
		return deadline_status(
			getdate(due), getdate(today or nowdate()), settings.due_soon_days, get_work_calendar()
		)
	except DeadlineError as error:
		throw_rule_error(error)
