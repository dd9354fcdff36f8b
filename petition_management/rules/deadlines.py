"""Statutory deadline calculator for petition time limits.

Periods are counted the Chinese statutory way: the day on which a period starts
(receipt, acceptance, request) is not counted; counting begins the next day.
Under the calendar basis a period whose last day is a day off ends on the first
working day after it; under the working-days basis only working days are counted.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from petition_management.rules import RuleError

MAX_DAYS = 36600
"""Largest accepted number of days for one period (about 100 years)."""

MAX_DAYS_OFF_IN_A_ROW = 3660
"""Give up looking for a working day after this many consecutive days off."""

ONE_DAY = timedelta(days=1)


class DayBasis:
	"""How days are counted; the values are the options of a Frappe Select field."""

	CALENDAR = "Calendar Days"
	WORKING = "Working Days"
	ALL = (CALENDAR, WORKING)


class DeadlineStatus:
	"""Results of ``deadline_status``."""

	OVERDUE = "Overdue"
	DUE_SOON = "Due Soon"
	ON_TIME = "On Time"
	ALL = (OVERDUE, DUE_SOON, ON_TIME)


class DeadlineError(RuleError):
	"""Bad input to a deadline calculation, or a calendar that cannot produce one."""

	NOT_A_DATE = "{0} must be a date, not {1}"
	NOT_DATES = "{0} must be a list of dates, not {1}"
	BAD_DAYS = "Number of days must be a whole number of 0 or more, not {0}"
	TOO_MANY_DAYS = "Number of days must be at most {0}, not {1}"
	BAD_WARN_DAYS = "Warning days must be a whole number of 0 or more, not {0}"
	BAD_BASIS = 'Day basis must be "Calendar Days" or "Working Days", not {0}'
	HOLIDAY_AND_WORKDAY = "{0} cannot be both a holiday and a make-up working day"
	NO_WORKING_DAY = "No working day found within {0} days after {1}; please check the holiday list"
	OUT_OF_RANGE = "The deadline falls outside the supported date range"
	BAD_PAUSE = "A pause must be a pair of dates (from, to), not {0}"
	PAUSE_REVERSED = "A pause cannot end on {1} before it starts on {0}"
	PAUSE_TOO_LONG = "Paused days must be at most {0} in total, not {1}"


@dataclass(frozen=True)
class WorkCalendar:
	"""The day basis plus the official days off and make-up working days (调休)."""

	basis: str = DayBasis.CALENDAR
	holidays: frozenset[date] = frozenset()
	makeup_workdays: frozenset[date] = frozenset()
	roll_past_days_off: bool = True

	def __post_init__(self) -> None:
		if self.basis not in DayBasis.ALL:
			raise DeadlineError(DeadlineError.BAD_BASIS, repr(self.basis))
		holidays = _date_set(self.holidays, "Holidays", "Holiday")
		makeup = _date_set(self.makeup_workdays, "Make-up working days", "Make-up working day")
		clash = holidays & makeup
		if clash:
			raise DeadlineError(DeadlineError.HOLIDAY_AND_WORKDAY, min(clash).isoformat())
		object.__setattr__(self, "holidays", holidays)
		object.__setattr__(self, "makeup_workdays", makeup)
		object.__setattr__(self, "roll_past_days_off", bool(self.roll_past_days_off))


def _date_set(values: Iterable[date] | None, label: str, item_label: str) -> frozenset[date]:
	"""Convert an iterable of dates (datetimes allowed) into a frozenset of dates."""
	if values is None:
		return frozenset()
	if isinstance(values, str | bytes | date) or not isinstance(values, Iterable):
		raise DeadlineError(DeadlineError.NOT_DATES, label, repr(values))
	return frozenset(_as_date(value, item_label) for value in values)


def _as_date(value: object, label: str) -> date:
	"""Return ``value`` as a date; a datetime gives its date, anything else is refused."""
	if isinstance(value, datetime):
		return value.date()
	if isinstance(value, date):
		return value
	raise DeadlineError(DeadlineError.NOT_A_DATE, label, repr(value))


def _check_days(n: object) -> int:
	"""Return ``n`` if it is a usable number of days (an int, not a bool)."""
	if isinstance(n, bool) or not isinstance(n, int) or n < 0:
		raise DeadlineError(DeadlineError.BAD_DAYS, repr(n))
	if n > MAX_DAYS:
		raise DeadlineError(DeadlineError.TOO_MANY_DAYS, MAX_DAYS, n)
	return n


def _shift(d: date, days: int) -> date:
	"""``d`` plus ``days``, as a DeadlineError when it leaves the date range."""
	try:
		return d + timedelta(days=days)
	except OverflowError:
		raise DeadlineError(DeadlineError.OUT_OF_RANGE) from None


def _is_working(d: date, cal: WorkCalendar) -> bool:
	if d in cal.makeup_workdays:
		return True
	if d in cal.holidays:
		return False
	return d.weekday() < 5


def _next_working_day(d: date, cal: WorkCalendar) -> date:
	"""The first working day strictly after ``d``."""
	current = d
	for _ in range(MAX_DAYS_OFF_IN_A_ROW):
		current = _shift(current, 1)
		if _is_working(current, cal):
			return current
	raise DeadlineError(DeadlineError.NO_WORKING_DAY, MAX_DAYS_OFF_IN_A_ROW, d.isoformat())


def _working_days_in(first: date, last: date, cal: WorkCalendar) -> int:
	"""Number of working days in the inclusive range ``first`` .. ``last``."""
	total = (last - first).days + 1
	if total <= 0:
		return 0
	weeks, rest = divmod(total, 7)
	start = first.weekday()
	count = weeks * 5 + sum(1 for i in range(rest) if (start + i) % 7 < 5)
	count -= sum(1 for h in cal.holidays if first <= h <= last and h.weekday() < 5)
	count += sum(1 for m in cal.makeup_workdays if first <= m <= last and m.weekday() >= 5)
	return count


CALENDAR_DAYS = WorkCalendar()
"""The default calendar: calendar days, weekends off, no holidays."""


def _cal(cal: WorkCalendar | None) -> WorkCalendar:
	return CALENDAR_DAYS if cal is None else cal


def is_working_day(d: date, cal: WorkCalendar | None = None) -> bool:
	"""True for make-up working days and for Monday-Friday unless a holiday."""
	return _is_working(_as_date(d, "Date"), _cal(cal))


def count_working_days(after: date, until: date, cal: WorkCalendar | None = None) -> int:
	"""Number of working days ``d`` with ``after < d <= until`` (0 if ``until <= after``)."""
	after = _as_date(after, "Start date")
	until = _as_date(until, "End date")
	if until <= after:
		return 0
	return _working_days_in(after + ONE_DAY, until, _cal(cal))


def add_days(start: date, n: int, cal: WorkCalendar | None = None) -> date:
	"""The last day of an ``n``-day period that starts the day after ``start``.

	Calendar basis: ``start + n`` days, moved to the next working day when it is a
	day off and ``cal.roll_past_days_off`` is set. Working basis: the ``n``-th working
	day after ``start``. ``n == 0`` returns ``start`` unchanged.
	"""
	start = _as_date(start, "Start date")
	n = _check_days(n)
	cal = _cal(cal)
	if n == 0:
		return start
	if cal.basis == DayBasis.WORKING:
		end = start
		for _ in range(n):
			end = _next_working_day(end, cal)
		return end
	end = _shift(start, n)
	if cal.roll_past_days_off and not _is_working(end, cal):
		end = _next_working_day(end, cal)
	return end


def days_remaining(due: date, today: date, cal: WorkCalendar | None = None) -> int:
	"""Days left until ``due`` (positive), 0 on the due date, days overdue (negative).

	Calendar basis: ``(due - today).days``. Working basis: the working days after
	``today`` up to and including ``due``; when overdue, minus the working days after
	``due`` up to and including ``today``, but at least -1, so that a negative result
	always means overdue. Guarantee (working basis, and calendar basis without
	rolling): ``days_remaining(add_days(s, n, cal), s, cal) == n``.
	"""
	due = _as_date(due, "Due date")
	today = _as_date(today, "Today")
	cal = _cal(cal)
	if cal.basis == DayBasis.CALENDAR:
		return (due - today).days
	if today <= due:
		return count_working_days(today, due, cal)
	return -max(1, count_working_days(due, today, cal))


def is_overdue(due: date, today: date) -> bool:
	"""True once ``today`` is after the due date."""
	return _as_date(today, "Today") > _as_date(due, "Due date")


def deadline_status(due: date, today: date, warn_days: int = 3, cal: WorkCalendar | None = None) -> str:
	"""Return "Overdue", "Due Soon" (0 to ``warn_days`` days remaining) or "On Time"."""
	if isinstance(warn_days, bool) or not isinstance(warn_days, int) or warn_days < 0:
		raise DeadlineError(DeadlineError.BAD_WARN_DAYS, repr(warn_days))
	if is_overdue(due, today):
		return DeadlineStatus.OVERDUE
	if days_remaining(due, today, cal) <= warn_days:
		return DeadlineStatus.DUE_SOON
	return DeadlineStatus.ON_TIME


def _merge_pauses(pauses: Iterable[tuple[date, date]] | None) -> list[tuple[date, date]]:
	"""Validate inclusive (from, to) ranges and merge overlapping or adjacent ones."""
	spans = []
	for pause in pauses or ():
		try:
			first, last = pause
		except (TypeError, ValueError):
			raise DeadlineError(DeadlineError.BAD_PAUSE, repr(pause)) from None
		first = _as_date(first, "Pause start")
		last = _as_date(last, "Pause end")
		if last < first:
			raise DeadlineError(DeadlineError.PAUSE_REVERSED, first.isoformat(), last.isoformat())
		spans.append((first, last))
	merged: list[tuple[date, date]] = []
	for first, last in sorted(spans):
		if merged and (first - merged[-1][1]).days <= 1:
			merged[-1] = (merged[-1][0], max(merged[-1][1], last))
		else:
			merged.append((first, last))
	return merged


def _counted_days_in(first: date, last: date, cal: WorkCalendar) -> int:
	"""Days of the basis in the inclusive range ``first`` .. ``last``."""
	if cal.basis == DayBasis.WORKING:
		return _working_days_in(first, last, cal)
	return max(0, (last - first).days + 1)


def _pause_end(spans: list[tuple[date, date]], starts: list[date], d: date) -> date | None:
	"""The last day of the pause covering ``d``, or None when ``d`` is not paused."""
	i = bisect_right(starts, d) - 1
	if i >= 0 and spans[i][1] >= d:
		return spans[i][1]
	return None


def pause_adjusted_due(
	due: date, pauses: Iterable[tuple[date, date]] | None, cal: WorkCalendar | None = None
) -> date:
	"""Move ``due`` later by the paused days (in the basis) on or before the moved due date.

	``pauses`` are inclusive (from, to) ranges; overlaps count once. The result is the
	first date ``D`` with as many unpaused basis days in ``due+1 .. D`` as there are
	paused basis days up to ``due``, so the days paused after ``due`` but on or before
	``D`` also count. Under the calendar basis with rolling, a result on a day off (or a
	paused day) moves to the next unpaused working day. ``due`` is taken as given: if it
	was already rolled past days off, those days are not given back.
	"""
	due = _as_date(due, "Due date")
	cal = _cal(cal)
	spans = _merge_pauses(pauses)
	starts = [first for first, _ in spans]
	owed = sum(_counted_days_in(first, min(last, due), cal) for first, last in spans if first <= due)
	if owed == 0:
		return due
	if owed > MAX_DAYS:
		raise DeadlineError(DeadlineError.PAUSE_TOO_LONG, MAX_DAYS, owed)
	end = due
	idle = 0
	while owed:
		end = _shift(end, 1)
		pause_end = _pause_end(spans, starts, end)
		if pause_end is not None:
			end = pause_end
		elif cal.basis == DayBasis.CALENDAR or _is_working(end, cal):
			owed -= 1
			idle = 0
		else:
			idle += 1
			if idle > MAX_DAYS_OFF_IN_A_ROW:
				raise DeadlineError(DeadlineError.NO_WORKING_DAY, MAX_DAYS_OFF_IN_A_ROW, due.isoformat())
	if cal.basis == DayBasis.CALENDAR and cal.roll_past_days_off:
		end = _roll_to_unpaused_working_day(end, cal, spans, starts)
	return end


def paused_basis_days(
	pauses: Iterable[tuple[date, date]] | None, until: date, cal: WorkCalendar | None = None
) -> int:
	"""Days of the basis (calendar or working days) in the pauses, on or before ``until``; overlaps
	count once. With ``until`` the adjusted due date, these are the days taken off the clock."""
	until = _as_date(until, "Until")
	cal = _cal(cal)
	return sum(_counted_days_in(first, min(last, until), cal) for first, last in _merge_pauses(pauses))


def _roll_to_unpaused_working_day(
	d: date, cal: WorkCalendar, spans: list[tuple[date, date]], starts: list[date]
) -> date:
	"""``d`` itself when it is an unpaused working day, else the next such day."""
	current = d
	for _ in range(MAX_DAYS_OFF_IN_A_ROW):
		pause_end = _pause_end(spans, starts, current)
		if pause_end is None and _is_working(current, cal):
			return current
		current = _shift(pause_end or current, 1)
	raise DeadlineError(DeadlineError.NO_WORKING_DAY, MAX_DAYS_OFF_IN_A_ROW, d.isoformat())
