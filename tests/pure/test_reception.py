"""Tests for leaders' reception days from a rota, and the half-month screening periods."""

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from petition_management.rules import RuleError
from petition_management.rules.deadlines import WorkCalendar, is_working_day
from petition_management.rules.reception import (
	MAX_PERIOD_DAYS,
	WEEKDAYS,
	PlannedDay,
	ReceptionError,
	RotaEntry,
	grassroots_share,
	half_month_period,
	is_half_month_start,
	plan_reception_days,
	validate_rota,
	weekday_number,
)

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
# October 2025: National Day holiday Oct 1-8 (Wed-Wed), make-up working days Sep 28 (Sun) and Oct 11 (Sat).
NATIONAL_DAY = frozenset(date(2025, 10, 1) + timedelta(days=i) for i in range(8))
CAL_2025 = WorkCalendar(holidays=NATIONAL_DAY, makeup_workdays={date(2025, 9, 28), date(2025, 10, 11)})


def test_a_month_with_a_holiday_postpones_that_day_to_the_next_working_day():
	# June 2026: Mondays are the 1st, 8th, 15th, 22nd, 29th; the 15th is a holiday.
	cal = WorkCalendar(holidays={date(2026, 6, 15)})
	days = plan_reception_days(
		[RotaEntry("leader1", MON, "Bureau")], date(2026, 6, 1), date(2026, 6, 30), cal
	)
	assert days == [
		PlannedDay("leader1", date(2026, 6, 1), "Bureau"),
		PlannedDay("leader1", date(2026, 6, 8), "Bureau"),
		PlannedDay("leader1", date(2026, 6, 16), "Bureau", original_date=date(2026, 6, 15)),
		PlannedDay("leader1", date(2026, 6, 22), "Bureau"),
		PlannedDay("leader1", date(2026, 6, 29), "Bureau"),
	]
	assert days[2].rota_date == date(2026, 6, 15)
	assert days[0].rota_date == date(2026, 6, 1)


def test_a_long_holiday_moves_the_day_past_the_holiday_and_uses_a_makeup_workday():
	# Wednesday Oct 1 and Wednesday Oct 8 fall in the holiday: the next working day after each is Oct 9.
	# Oct 1 goes to Oct 9 (Thursday), Oct 8 finds Oct 9 taken and goes to Oct 10 (Friday).
	days = plan_reception_days(
		[RotaEntry("l", WED, "Bureau")], date(2025, 10, 1), date(2025, 10, 15), CAL_2025
	)
	assert [(d.reception_date, d.original_date) for d in days] == [
		(date(2025, 10, 9), date(2025, 10, 1)),
		(date(2025, 10, 10), date(2025, 10, 8)),
		(date(2025, 10, 15), None),
	]


def test_a_postponed_day_never_doubles_a_leaders_regular_day():
	# Thursday Jan 1 2026 is a holiday; the next working day, Friday Jan 2, is already the leader's day.
	cal = WorkCalendar(holidays={date(2026, 1, 1)})
	rota = [RotaEntry("l", THU, "Bureau"), RotaEntry("l", FRI, "Letters and Calls Bureau")]
	days = plan_reception_days(rota, date(2026, 1, 1), date(2026, 1, 2), cal)
	assert days == [
		PlannedDay("l", date(2026, 1, 2), "Letters and Calls Bureau"),
		PlannedDay("l", date(2026, 1, 5), "Bureau", original_date=date(2026, 1, 1)),
	]


def test_another_leaders_day_does_not_block_the_postponed_one():
	cal = WorkCalendar(holidays={date(2026, 1, 1)})
	rota = [RotaEntry("a", THU, "Bureau"), RotaEntry("b", FRI, "Bureau")]
	days = plan_reception_days(rota, date(2026, 1, 1), date(2026, 1, 2), cal)
	assert {(d.leader, d.reception_date) for d in days} == {("a", date(2026, 1, 2)), ("b", date(2026, 1, 2))}


def test_a_weekend_rota_day_is_kept_and_a_makeup_workday_is_an_ordinary_day():
	days = plan_reception_days(
		[RotaEntry("l", SAT, "Square")], date(2025, 10, 4), date(2025, 10, 18), CAL_2025
	)
	# Oct 4 (holiday Saturday) is postponed to Oct 9; Oct 11 (make-up workday) and Oct 18 are kept.
	assert [(d.reception_date, d.original_date) for d in days] == [
		(date(2025, 10, 9), date(2025, 10, 4)),
		(date(2025, 10, 11), None),
		(date(2025, 10, 18), None),
	]


def test_without_a_calendar_nothing_is_postponed():
	days = plan_reception_days([RotaEntry("l", MON, "Bureau")], date(2026, 6, 1), date(2026, 6, 7))
	assert days == [PlannedDay("l", date(2026, 6, 1), "Bureau")]


def test_days_are_sorted_by_date_then_leader():
	rota = [RotaEntry("b", MON, "Bureau"), RotaEntry("a", MON, "Bureau"), RotaEntry("a", TUE, "Bureau")]
	days = plan_reception_days(rota, date(2026, 6, 1), date(2026, 6, 2))
	assert [(d.reception_date.day, d.leader) for d in days] == [(1, "a"), (1, "b"), (2, "a")]


def test_datetimes_are_taken_as_dates():
	days = plan_reception_days([RotaEntry("l", MON, "B")], datetime(2026, 6, 1, 9), datetime(2026, 6, 1, 18))
	assert days == [PlannedDay("l", date(2026, 6, 1), "B")]


@pytest.mark.parametrize(
	("rota", "template"),
	[
		([RotaEntry("", MON, "B")], ReceptionError.NO_LEADER),
		([RotaEntry("l", 7, "B")], ReceptionError.BAD_WEEKDAY),
		([RotaEntry("l", -1, "B")], ReceptionError.BAD_WEEKDAY),
		([RotaEntry("l", True, "B")], ReceptionError.BAD_WEEKDAY),
		([RotaEntry("l", MON, " ")], ReceptionError.NO_PLACE),
		([RotaEntry("l", MON, "B"), RotaEntry("l", MON, "C")], ReceptionError.DUPLICATE_ENTRY),
	],
)
def test_bad_rota_is_refused(rota, template):
	with pytest.raises(ReceptionError) as info:
		validate_rota(rota)
	assert info.value.template == template
	assert isinstance(info.value, RuleError)


def test_duplicate_names_both_rows():
	with pytest.raises(ReceptionError) as info:
		validate_rota([RotaEntry("l", MON, "B"), RotaEntry("m", MON, "B"), RotaEntry("l", MON, "C")])
	assert info.value.values == (3, "l", "Monday", 1)


@pytest.mark.parametrize(
	("start", "end", "template"),
	[
		(date(2026, 6, 2), date(2026, 6, 1), ReceptionError.PERIOD_REVERSED),
		(
			date(2026, 1, 1),
			date(2026, 1, 1) + timedelta(days=MAX_PERIOD_DAYS),
			ReceptionError.PERIOD_TOO_LONG,
		),
		("2026-06-01", date(2026, 6, 30), ReceptionError.NOT_A_DATE),
		(date(2026, 6, 1), None, ReceptionError.NOT_A_DATE),
	],
)
def test_bad_period_is_refused(start, end, template):
	with pytest.raises(ReceptionError) as info:
		plan_reception_days([RotaEntry("l", MON, "B")], start, end)
	assert info.value.template == template


def test_weekday_numbers_follow_the_select_options():
	assert [weekday_number(name) for name in WEEKDAYS] == list(range(7))
	assert date(2026, 6, 1).weekday() == weekday_number("Monday")
	with pytest.raises(ReceptionError):
		weekday_number("Funday")


@settings(max_examples=200, deadline=None)
@given(
	start=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)),
	length=st.integers(min_value=0, max_value=90),
	weekdays=st.sets(st.integers(min_value=0, max_value=6), min_size=1),
	holiday_offsets=st.sets(st.integers(min_value=0, max_value=100), max_size=25),
)
def test_every_rota_date_yields_one_day_on_a_working_day_or_its_own_date(
	start, length, weekdays, holiday_offsets
):
	end = start + timedelta(days=length)
	cal = WorkCalendar(holidays={start + timedelta(days=i) for i in holiday_offsets})
	rota = [RotaEntry("l", w, "B") for w in sorted(weekdays)]
	days = plan_reception_days(rota, start, end, cal)
	expected = {start + timedelta(days=i) for i in range(length + 1)}
	expected = {d for d in expected if d.weekday() in weekdays}
	# one planned day per rota date, and never two on one date for the leader
	assert sorted(d.rota_date for d in days) == sorted(expected)
	assert len({d.reception_date for d in days}) == len(days)
	for d in days:
		if d.original_date is None:
			assert d.reception_date not in cal.holidays
			assert start <= d.reception_date <= end
		else:
			assert d.original_date in cal.holidays
			assert d.reception_date > d.original_date
			assert is_working_day(d.reception_date, cal)


# --- half-month periods and the grassroots share ----------------------------------------------------


@pytest.mark.parametrize(
	("day", "period"),
	[
		(date(2026, 2, 1), (date(2026, 2, 1), date(2026, 2, 15))),
		(date(2026, 2, 15), (date(2026, 2, 1), date(2026, 2, 15))),
		(date(2026, 2, 16), (date(2026, 2, 16), date(2026, 2, 28))),
		(date(2028, 2, 29), (date(2028, 2, 16), date(2028, 2, 29))),
		(date(2026, 12, 31), (date(2026, 12, 16), date(2026, 12, 31))),
		(datetime(2026, 4, 30, 23, 59), (date(2026, 4, 16), date(2026, 4, 30))),
	],
)
def test_half_month_period(day, period):
	assert half_month_period(day) == period


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_half_months_tile_the_calendar(day):
	start, end = half_month_period(day)
	assert start <= day <= end
	assert is_half_month_start(start)
	assert half_month_period(end + timedelta(days=1))[0] == end + timedelta(days=1)
	assert not any(is_half_month_start(start + timedelta(days=i)) for i in range(1, (end - start).days + 1))


def test_half_month_refuses_a_string():
	with pytest.raises(ReceptionError):
		half_month_period("2026-01-01")


def test_grassroots_share():
	assert grassroots_share(19, 20) == 0.95
	assert grassroots_share(0, 3) == 0
	assert grassroots_share(0, 0) is None
	for bad in ((-1, 2), (3, 2), (1.0, 2), (True, 2)):
		with pytest.raises(ValueError):
			grassroots_share(*bad)
