"""The appraisal periods: a year, a half-year or a quarter, their labels and the day the figures look
at.
"""

from __future__ import annotations

from datetime import date, timedelta

from petition_management.rules.appraisal.checks import AppraisalError
from petition_management.rules.appraisal.codes import PeriodType


def period_dates(period_type: str, year: int, number: int | None = None) -> tuple[date, date]:
	"""First and last day of a year, a half-year (1-2) or a quarter (1-4); the number of a Year is
	ignored."""
	if period_type not in PeriodType.ALL:
		raise AppraisalError(AppraisalError.BAD_PERIOD_TYPE, repr(period_type))
	if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2100:
		raise AppraisalError(AppraisalError.BAD_YEAR, repr(year))
	parts = PeriodType.PARTS[period_type]
	if parts == 1:
		return date(year, 1, 1), date(year, 12, 31)
	if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= parts:
		raise AppraisalError(AppraisalError.BAD_PERIOD_NUMBER, period_type, parts, repr(number))
	months = 12 // parts
	first_month = (number - 1) * months + 1
	start = date(year, first_month, 1)
	next_start = date(year + 1, 1, 1) if number == parts else date(year, first_month + months, 1)
	return start, next_start - timedelta(days=1)


def period_label(period_type: str, year: int, number: int | None = None) -> str:
	"""A language-neutral label: "2026", "2026-H1", "2026-Q3"."""
	period_dates(period_type, year, number)
	if period_type == PeriodType.YEAR:
		return str(year)
	return f"{year}-{'H' if period_type == PeriodType.HALF_YEAR else 'Q'}{number}"


def as_of_date(end: date, today: date) -> date:
	"""The day the figures look at: the period's last day, or today while the period runs."""
	return min(end, today)
