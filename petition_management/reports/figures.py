"""The case figures the reports and the number cards share, as list filters on Petition Case.

Live: overdue and due soon are computed from the due date of the running clock (`current_due`) and
today's date, not from the status the daily job last wrote.
"""

import datetime

from petition_management.reports.query import Filter, today
from petition_management.tracking.daily import due_soon_until

CONCLUDED_STATES = ("Not Accepted", "Closed", "Archived")
CLOSED_STATES = ("Closed", "Archived")
# Transfer states whose clock has stopped (tracking/daily.py)
FINISHED_TRANSFER_STATES = ("Reply Accepted", "Withdrawn")
SATISFIED = ("Satisfied", "Basically Satisfied")


def open_cases() -> list[Filter]:
	return [("workflow_state", "not in", CONCLUDED_STATES)]


def concluded() -> list[Filter]:
	return [("workflow_state", "in", CONCLUDED_STATES)]


def accepted() -> list[Filter]:
	return [("accepted_on", "is", "set")]


def not_accepted() -> list[Filter]:
	return [("decided_on", "is", "set"), ("accepted_on", "is", "not set")]


def answered_on_the_spot() -> list[Filter]:
	"""Closed straight from registration: no acceptance decision was needed."""
	return [("workflow_state", "in", CLOSED_STATES), ("decided_on", "is", "not set")]


def overdue(field: str = "current_due", on: datetime.date | None = None) -> list[Filter]:
	return [(field, "is", "set"), (field, "<", on or today())]


def due_soon(field: str = "current_due", on: datetime.date | None = None) -> list[Filter]:
	"""Due from today up to the Settings' warning days (3 by default), as the daily job counts them."""
	on = on or today()
	return [(field, "between", [on, due_soon_until(on)])]


def open_transfers() -> list[Filter]:
	return [("workflow_state", "not in", FINISHED_TRANSFER_STATES)]
