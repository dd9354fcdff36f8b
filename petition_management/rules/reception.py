"""Leaders' reception days (领导接访日) from a weekly rota, and the half-month screening periods.

A rota lists, for each leader, the weekday and the place of their reception day. For a period
(``start`` .. ``end``, inclusive) every date whose weekday matches an entry becomes a planned day. A
planned date that is an official day off (a holiday of the work calendar) is postponed to the next
working day; if the same leader already receives on that day, it moves on to the following working day,
so that a leader never has two reception days on one date. A rota date on an ordinary weekend is kept:
a Saturday reception day is a choice, not an accident. Postponed days keep their ``original_date``.

Standard library only (plus the pure deadline calculator); nothing here imports Frappe.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from petition_management.rules import RuleError
from petition_management.rules.deadlines import WorkCalendar, is_working_day

MAX_PERIOD_DAYS = 366
"""Longest period a schedule generates days for (one year)."""

MAX_POSTPONE_DAYS = 366
"""Give up looking for a free working day after this many days."""

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
"""The weekday names, Monday first: the options of the rota's Select field."""


class ReceptionError(RuleError):
	"""Bad rota or period."""

	NOT_A_DATE = "{0} must be a date, not {1}"
	PERIOD_REVERSED = "The period cannot end on {1} before it starts on {0}"
	PERIOD_TOO_LONG = "The period can be at most {0} days long, not {1}"
	NO_LEADER = "Row {0}: enter the leader"
	BAD_WEEKDAY = "Row {0}: the weekday must be one of Monday to Sunday, not {1}"
	NO_PLACE = "Row {0}: enter the place"
	DUPLICATE_ENTRY = "Row {0}: {1} already receives on {2} in row {3}"
	NO_FREE_DAY = "No free working day found within {0} days after {1}; please check the holiday list"


@dataclass(frozen=True)
class RotaEntry:
	"""One row of the rota: a leader receives on this weekday (0 = Monday .. 6 = Sunday) at this place."""

	leader: str
	weekday: int
	place: str


@dataclass(frozen=True)
class PlannedDay:
	"""A dated reception day; ``original_date`` is the rota date when it was postponed, else None."""

	leader: str
	reception_date: date
	place: str
	original_date: date | None = None

	@property
	def rota_date(self) -> date:
		"""The date the rota gave (the key that identifies a day across regenerations)."""
		return self.original_date or self.reception_date


def weekday_number(name: str) -> int:
	"""0 for "Monday" .. 6 for "Sunday"; a RuleError for anything else."""
	if name not in WEEKDAYS:
		raise ReceptionError(ReceptionError.BAD_WEEKDAY, 1, repr(name))
	return WEEKDAYS.index(name)


def _as_date(value: object, label: str) -> date:
	if isinstance(value, date):
		return value.date() if hasattr(value, "hour") else value
	raise ReceptionError(ReceptionError.NOT_A_DATE, label, repr(value))


def validate_period(start: date, end: date) -> tuple[date, date]:
	start = _as_date(start, "Start date")
	end = _as_date(end, "End date")
	if end < start:
		raise ReceptionError(ReceptionError.PERIOD_REVERSED, start.isoformat(), end.isoformat())
	length = (end - start).days + 1
	if length > MAX_PERIOD_DAYS:
		raise ReceptionError(ReceptionError.PERIOD_TOO_LONG, MAX_PERIOD_DAYS, length)
	return start, end


def validate_rota(entries: Iterable[RotaEntry]) -> list[RotaEntry]:
	"""The entries, checked: a leader, a weekday 0..6 and a place each; no leader twice on a weekday."""
	checked: list[RotaEntry] = []
	seen: dict[tuple[str, int], int] = {}
	for row, entry in enumerate(entries, start=1):
		if not (entry.leader or "").strip():
			raise ReceptionError(ReceptionError.NO_LEADER, row)
		if (
			isinstance(entry.weekday, bool)
			or not isinstance(entry.weekday, int)
			or not 0 <= entry.weekday <= 6
		):
			raise ReceptionError(ReceptionError.BAD_WEEKDAY, row, repr(entry.weekday))
		if not (entry.place or "").strip():
			raise ReceptionError(ReceptionError.NO_PLACE, row)
		key = (entry.leader, entry.weekday)
		if key in seen:
			raise ReceptionError(
				ReceptionError.DUPLICATE_ENTRY, row, entry.leader, WEEKDAYS[entry.weekday], seen[key]
			)
		seen[key] = row
		checked.append(entry)
	return checked


def _free_working_day(after: date, taken: set[date], cal: WorkCalendar) -> date:
	"""The first working day strictly after ``after`` that is not in ``taken``."""
	current = after
	for _ in range(MAX_POSTPONE_DAYS):
		current += timedelta(days=1)
		if is_working_day(current, cal) and current not in taken:
			return current
	raise ReceptionError(ReceptionError.NO_FREE_DAY, MAX_POSTPONE_DAYS, after.isoformat())


def plan_reception_days(
	entries: Iterable[RotaEntry], start: date, end: date, cal: WorkCalendar | None = None
) -> list[PlannedDay]:
	"""The dated reception days of the rota over ``start`` .. ``end``, sorted by date then leader.

	A date that is a holiday of ``cal`` is postponed to the leader's next free working day (which may
	fall after ``end``: the day still belongs to this period's rota).
	"""
	start, end = validate_period(start, end)
	entries = validate_rota(entries)
	cal = cal or WorkCalendar()
	regular: list[PlannedDay] = []
	postponed: list[tuple[date, RotaEntry]] = []
	day = start
	while day <= end:
		for entry in entries:
			if entry.weekday != day.weekday():
				continue
			if day in cal.holidays:
				postponed.append((day, entry))
			else:
				regular.append(PlannedDay(entry.leader, day, entry.place))
		day += timedelta(days=1)
	taken: dict[str, set[date]] = {}
	for planned in regular:
		taken.setdefault(planned.leader, set()).add(planned.reception_date)
	days = list(regular)
	for original, entry in postponed:
		leader_days = taken.setdefault(entry.leader, set())
		moved = _free_working_day(original, leader_days, cal)
		leader_days.add(moved)
		days.append(PlannedDay(entry.leader, moved, entry.place, original))
	return sorted(days, key=lambda d: (d.reception_date, d.leader, d.place))


# --- half-month screening periods -------------------------------------------------------------------


def half_month_period(day: date) -> tuple[date, date]:
	"""The half month that contains ``day``: the 1st to the 15th, or the 16th to the month's last day."""
	day = _as_date(day, "Date")
	if day.day <= 15:
		return day.replace(day=1), day.replace(day=15)
	last = calendar.monthrange(day.year, day.month)[1]
	return day.replace(day=16), day.replace(day=last)


def is_half_month_start(day: date) -> bool:
	return _as_date(day, "Date").day in (1, 16)


def grassroots_share(resolved_at_grassroots: int, total: int) -> float | None:
	"""The share of disputes resolved at the grassroots level, 0..1; None when there were none."""
	for value in (resolved_at_grassroots, total):
		if isinstance(value, bool) or not isinstance(value, int) or value < 0:
			raise ValueError(f"counts must be whole numbers of 0 or more, not {value!r}")
	if resolved_at_grassroots > total:
		raise ValueError("more disputes resolved than listed")
	return resolved_at_grassroots / total if total else None
