"""Tests for the statutory deadline calculator."""

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from petition_management.rules import RuleError
from petition_management.rules.deadlines import (
	DayBasis,
	DeadlineError,
	DeadlineStatus,
	WorkCalendar,
	add_days,
	count_working_days,
	days_remaining,
	deadline_status,
	is_overdue,
	is_working_day,
	pause_adjusted_due,
	paused_basis_days,
)

# 2025 official schedule excerpts: Spring Festival and National Day with their 调休 Saturdays/Sundays.
SPRING_FESTIVAL_2025 = frozenset(date(2025, 1, 28) + timedelta(days=i) for i in range(8))  # Jan 28 - Feb 4
NATIONAL_DAY_2025 = frozenset(date(2025, 10, 1) + timedelta(days=i) for i in range(8))  # Oct 1 - Oct 8
MAKEUP_2025 = frozenset({date(2025, 1, 26), date(2025, 2, 8), date(2025, 9, 28), date(2025, 10, 11)})
HOLIDAYS_2025 = SPRING_FESTIVAL_2025 | NATIONAL_DAY_2025 | {date(2026, 1, 1)}

CALENDAR = WorkCalendar()
CALENDAR_NO_ROLL = WorkCalendar(roll_past_days_off=False)
CALENDAR_2025 = WorkCalendar(holidays=HOLIDAYS_2025, makeup_workdays=MAKEUP_2025)
WORKING = WorkCalendar(basis=DayBasis.WORKING)
WORKING_2025 = WorkCalendar(basis=DayBasis.WORKING, holidays=HOLIDAYS_2025, makeup_workdays=MAKEUP_2025)


# --- WorkCalendar and is_working_day -------------------------------------------------------------


def test_day_basis_values_are_the_select_options():
	assert DayBasis.CALENDAR == "Calendar Days"
	assert DayBasis.WORKING == "Working Days"
	assert DayBasis.ALL == ("Calendar Days", "Working Days")


def test_calendar_accepts_any_iterable_and_datetimes():
	cal = WorkCalendar(holidays=[date(2025, 1, 1), datetime(2025, 5, 1, 9, 30)], makeup_workdays=iter(()))
	assert cal.holidays == frozenset({date(2025, 1, 1), date(2025, 5, 1)})
	assert cal.makeup_workdays == frozenset()
	assert hash(cal) == hash(WorkCalendar(holidays={date(2025, 1, 1), date(2025, 5, 1)}))


def test_calendar_rejects_unknown_basis():
	with pytest.raises(DeadlineError) as err:
		WorkCalendar(basis="Business Days")
	assert str(err.value) == 'Day basis must be "Calendar Days" or "Working Days", not \'Business Days\''


def test_calendar_rejects_a_date_in_both_sets():
	with pytest.raises(DeadlineError) as err:
		WorkCalendar(holidays={date(2025, 2, 8)}, makeup_workdays={date(2025, 2, 8)})
	assert err.value.template == DeadlineError.HOLIDAY_AND_WORKDAY
	assert err.value.values == ("2025-02-08",)
	assert str(err.value) == "2025-02-08 cannot be both a holiday and a make-up working day"


@pytest.mark.parametrize("bad", ["2025-01-01", date(2025, 1, 1), 5])
def test_calendar_rejects_non_lists_of_dates(bad):
	with pytest.raises(DeadlineError):
		WorkCalendar(holidays=bad)


def test_calendar_rejects_strings_inside_the_set():
	with pytest.raises(DeadlineError) as err:
		WorkCalendar(holidays=["2025-01-01"])
	assert str(err.value) == "Holiday must be a date, not '2025-01-01'"


def test_is_working_day():
	assert is_working_day(date(2025, 1, 27), CALENDAR_2025)  # Monday
	assert not is_working_day(date(2025, 1, 25), CALENDAR_2025)  # Saturday
	assert not is_working_day(date(2025, 1, 28), CALENDAR_2025)  # Spring Festival Eve, a Tuesday
	assert is_working_day(date(2025, 1, 26), CALENDAR_2025)  # make-up Sunday
	assert is_working_day(date(2025, 2, 8), CALENDAR_2025)  # make-up Saturday
	assert not is_working_day(date(2025, 2, 8))  # default calendar knows no make-up days


def test_errors_are_value_errors_with_template_and_values():
	with pytest.raises(DeadlineError) as err:
		add_days(date(2025, 1, 1), -1)
	assert isinstance(err.value, RuleError)
	assert isinstance(err.value, ValueError)
	assert err.value.template == "Number of days must be a whole number of 0 or more, not {0}"
	assert err.value.values == ("-1",)
	assert err.value.message == str(err.value) == "Number of days must be a whole number of 0 or more, not -1"


# --- add_days: calendar basis ---------------------------------------------------------------------


def test_calendar_days_start_the_day_after():
	assert add_days(date(2025, 3, 3), 15) == date(2025, 3, 18)  # Monday + 15 = Tuesday
	assert add_days(date(2025, 3, 3), 1) == date(2025, 3, 4)


def test_calendar_days_roll_past_a_weekend():
	# Wednesday 2025-03-05 + 60 = Sunday 2025-05-04 ... but May 4 2025 is a Sunday: rolls to Monday.
	assert add_days(date(2025, 3, 5), 60) == date(2025, 5, 5)
	assert add_days(date(2025, 3, 5), 60, CALENDAR_NO_ROLL) == date(2025, 5, 4)


def test_calendar_days_roll_past_a_holiday():
	# Sept 16 + 15 = Oct 1 (National Day); the holiday runs to Oct 8 (a Wednesday), so Oct 9.
	assert add_days(date(2025, 9, 16), 15, CALENDAR_2025) == date(2025, 10, 9)
	assert add_days(date(2025, 9, 16), 15, CALENDAR) == date(2025, 10, 1)


def test_calendar_days_end_on_a_makeup_working_day():
	# Sept 13 + 15 = Sunday Sept 28, a make-up working day: no roll.
	assert add_days(date(2025, 9, 13), 15, CALENDAR_2025) == date(2025, 9, 28)
	assert add_days(date(2025, 9, 13), 15, CALENDAR) == date(2025, 9, 29)


def test_zero_days_returns_start_unchanged():
	saturday = date(2025, 3, 8)
	assert add_days(saturday, 0) == saturday
	assert add_days(saturday, 0, WORKING) == saturday


def test_datetime_start_is_accepted():
	assert add_days(datetime(2025, 3, 3, 17, 45), 15) == date(2025, 3, 18)


# --- add_days: working-days basis -----------------------------------------------------------------


def test_working_days_skip_weekends():
	assert add_days(date(2025, 3, 7), 1, WORKING) == date(2025, 3, 10)  # Friday + 1 = Monday
	assert add_days(date(2025, 3, 3), 15, WORKING) == date(2025, 3, 24)  # three weeks
	assert add_days(date(2025, 3, 8), 1, WORKING) == date(2025, 3, 10)  # from a Saturday


def test_working_days_skip_holidays_and_count_makeup_days():
	# Friday Jan 24 2025: Sun 26 (make-up) is 1, Mon 27 is 2, Jan 28 - Feb 4 off, Wed Feb 5 is 3.
	assert add_days(date(2025, 1, 24), 3, WORKING_2025) == date(2025, 2, 5)
	# Saturday Feb 8 is a make-up working day and is counted.
	assert add_days(date(2025, 2, 7), 1, WORKING_2025) == date(2025, 2, 8)
	assert add_days(date(2025, 2, 7), 1, WORKING) == date(2025, 2, 10)


def test_working_days_across_the_year_end():
	# Saturday 2025-12-20: Dec 22-26 (5), Dec 29-31 (8), Jan 1 off, Jan 2 (9), Jan 5-9 (14), Jan 12 (15).
	assert add_days(date(2025, 12, 20), 15, WORKING_2025) == date(2026, 1, 12)
	assert add_days(date(2025, 12, 20), 10, WORKING_2025) == date(2026, 1, 5)
	assert add_days(date(2025, 12, 20), 10, WORKING) == date(2026, 1, 2)


def test_count_working_days():
	assert count_working_days(date(2025, 12, 20), date(2026, 1, 12), WORKING_2025) == 15
	assert count_working_days(date(2025, 1, 24), date(2025, 2, 8), WORKING_2025) == 6
	assert count_working_days(date(2025, 3, 10), date(2025, 3, 10)) == 0
	assert count_working_days(date(2025, 3, 10), date(2025, 3, 1)) == 0


# --- add_days: bad input --------------------------------------------------------------------------


@pytest.mark.parametrize(
	("n", "message"),
	[
		(-1, "Number of days must be a whole number of 0 or more, not -1"),
		(3.0, "Number of days must be a whole number of 0 or more, not 3.0"),
		(True, "Number of days must be a whole number of 0 or more, not True"),
		("15", "Number of days must be a whole number of 0 or more, not '15'"),
		(None, "Number of days must be a whole number of 0 or more, not None"),
		(36601, "Number of days must be at most 36600, not 36601"),
	],
)
def test_add_days_rejects_bad_day_counts(n, message):
	with pytest.raises(DeadlineError) as err:
		add_days(date(2025, 1, 1), n)
	assert str(err.value) == message


@pytest.mark.parametrize("start", ["2025-01-01", None, 20250101])
def test_add_days_rejects_a_start_that_is_not_a_date(start):
	with pytest.raises(DeadlineError) as err:
		add_days(start, 15)
	assert err.value.template == "{0} must be a date, not {1}"
	assert str(err.value) == f"Start date must be a date, not {start!r}"


def test_calendar_without_working_days_is_refused():
	every_day = frozenset(date(2025, 1, 1) + timedelta(days=i) for i in range(4000))
	cal = WorkCalendar(basis=DayBasis.WORKING, holidays=every_day)
	with pytest.raises(DeadlineError) as err:
		add_days(date(2025, 1, 1), 1, cal)
	assert err.value.template == DeadlineError.NO_WORKING_DAY


def test_date_overflow_is_a_deadline_error():
	with pytest.raises(DeadlineError) as err:
		add_days(date(9999, 12, 30), 5)
	assert str(err.value) == "The deadline falls outside the supported date range"


# --- days_remaining, is_overdue, deadline_status --------------------------------------------------


def test_days_remaining_calendar():
	due = date(2025, 3, 18)
	assert days_remaining(due, date(2025, 3, 3)) == 15
	assert days_remaining(due, due) == 0
	assert days_remaining(due, date(2025, 3, 20)) == -2


def test_days_remaining_working():
	due = date(2025, 3, 24)  # Monday
	assert days_remaining(due, date(2025, 3, 21), WORKING) == 1  # Friday
	assert days_remaining(due, date(2025, 3, 22), WORKING) == 1  # Saturday
	assert days_remaining(due, due, WORKING) == 0
	assert days_remaining(due, date(2025, 3, 25), WORKING) == -1
	assert days_remaining(due, date(2025, 3, 31), WORKING) == -5


def test_days_remaining_working_is_negative_as_soon_as_overdue():
	friday = date(2025, 3, 21)
	assert days_remaining(friday, date(2025, 3, 22), WORKING) == -1  # Saturday, no working day passed
	assert days_remaining(friday, date(2025, 3, 24), WORKING) == -1  # Monday
	assert days_remaining(friday, date(2025, 3, 25), WORKING) == -2


def test_is_overdue():
	due = date(2025, 3, 18)
	assert not is_overdue(due, date(2025, 3, 17))
	assert not is_overdue(due, due)
	assert is_overdue(due, date(2025, 3, 19))
	assert is_overdue(due, datetime(2025, 3, 19, 0, 1))


def test_deadline_status_calendar_boundaries():
	due = date(2025, 3, 18)
	assert deadline_status(due, date(2025, 3, 14), 3) == DeadlineStatus.ON_TIME == "On Time"
	assert deadline_status(due, date(2025, 3, 15), 3) == DeadlineStatus.DUE_SOON == "Due Soon"
	assert deadline_status(due, due, 3) == "Due Soon"
	assert deadline_status(due, due, 0) == "Due Soon"
	assert deadline_status(due, date(2025, 3, 17), 0) == "On Time"
	assert deadline_status(due, date(2025, 3, 19), 3) == DeadlineStatus.OVERDUE == "Overdue"


def test_deadline_status_working_days():
	due = date(2025, 3, 24)  # Monday
	assert deadline_status(due, date(2025, 3, 20), 2, WORKING) == "Due Soon"  # Thursday: Fri + Mon left
	assert deadline_status(due, date(2025, 3, 19), 2, WORKING) == "On Time"
	assert deadline_status(due, date(2025, 3, 25), 2, WORKING) == "Overdue"


@pytest.mark.parametrize("warn", [-1, 1.5, True, "3"])
def test_deadline_status_rejects_bad_warning_days(warn):
	with pytest.raises(DeadlineError) as err:
		deadline_status(date(2025, 3, 18), date(2025, 3, 1), warn)
	assert err.value.template == "Warning days must be a whole number of 0 or more, not {0}"


# --- pause_adjusted_due ---------------------------------------------------------------------------


def test_pause_before_due_moves_it_by_its_length():
	due = date(2025, 3, 20)
	assert pause_adjusted_due(due, [(date(2025, 3, 5), date(2025, 3, 7))], CALENDAR_NO_ROLL) == date(
		2025, 3, 23
	)


def test_pause_after_due_is_ignored_and_no_pauses_change_nothing():
	due = date(2025, 3, 20)
	assert pause_adjusted_due(due, [(date(2025, 3, 21), date(2025, 3, 30))]) == due
	assert pause_adjusted_due(due, []) == due
	assert pause_adjusted_due(due, None) == due


def test_pause_spanning_the_due_date_counts_the_moving_due_date():
	# Clock stops Mar 19-22 with 2 days (19, 20) left; it resumes Mar 23, so the period ends Mar 24.
	due = date(2025, 3, 20)
	pauses = [(date(2025, 3, 19), date(2025, 3, 22))]
	assert pause_adjusted_due(due, pauses, CALENDAR_NO_ROLL) == date(2025, 3, 24)


def test_pause_days_reached_by_the_moving_due_date_count():
	# 3 paused days before due push it to Mar 23, past a second pause on Mar 22-23: two more days.
	due = date(2025, 3, 20)
	pauses = [(date(2025, 3, 1), date(2025, 3, 3)), (date(2025, 3, 22), date(2025, 3, 23))]
	assert pause_adjusted_due(due, pauses, CALENDAR_NO_ROLL) == date(2025, 3, 25)


def test_overlapping_pauses_count_once():
	due = date(2025, 3, 20)
	pauses = [
		(date(2025, 3, 3), date(2025, 3, 6)),
		(date(2025, 3, 5), date(2025, 3, 7)),
		(date(2025, 3, 4), date(2025, 3, 4)),
	]
	assert pause_adjusted_due(due, pauses, CALENDAR_NO_ROLL) == date(2025, 3, 25)


def test_pause_in_working_days_counts_only_working_days():
	due = date(2025, 3, 24)  # Monday
	pauses = [(date(2025, 3, 7), date(2025, 3, 10))]  # Fri, Sat, Sun, Mon: 2 working days
	assert pause_adjusted_due(due, pauses, WORKING) == date(2025, 3, 26)


def test_pause_result_rolls_past_days_off_in_calendar_basis():
	due = date(2025, 3, 20)  # Thursday
	pauses = [(date(2025, 3, 3), date(2025, 3, 4))]  # 2 days: Saturday Mar 22, rolls to Monday
	assert pause_adjusted_due(due, pauses, CALENDAR) == date(2025, 3, 24)
	assert pause_adjusted_due(due, pauses, CALENDAR_NO_ROLL) == date(2025, 3, 22)


@pytest.mark.parametrize(
	("pause", "template"),
	[
		((date(2025, 3, 7), date(2025, 3, 5)), DeadlineError.PAUSE_REVERSED),
		((date(2025, 3, 7),), DeadlineError.BAD_PAUSE),
		(date(2025, 3, 7), DeadlineError.BAD_PAUSE),
		(("2025-03-01", date(2025, 3, 5)), DeadlineError.NOT_A_DATE),
	],
)
def test_bad_pauses_are_refused(pause, template):
	with pytest.raises(DeadlineError) as err:
		pause_adjusted_due(date(2025, 3, 20), [pause])
	assert err.value.template == template


def test_reversed_pause_message():
	with pytest.raises(DeadlineError) as err:
		pause_adjusted_due(date(2025, 3, 20), [(date(2025, 3, 7), date(2025, 3, 5))])
	assert str(err.value) == "A pause cannot end on 2025-03-05 before it starts on 2025-03-07"


# --- paused_basis_days ----------------------------------------------------------------------------


def test_paused_basis_days_counts_days_of_the_basis_once_up_to_the_date():
	pauses = [(date(2025, 3, 7), date(2025, 3, 10)), (date(2025, 3, 9), date(2025, 3, 12))]  # Fri-Wed
	assert paused_basis_days(pauses, date(2025, 3, 31), CALENDAR) == 6
	assert paused_basis_days(pauses, date(2025, 3, 31), WORKING) == 4  # Fri, Mon, Tue, Wed
	assert paused_basis_days(pauses, date(2025, 3, 10), WORKING) == 2  # Fri, Mon
	assert paused_basis_days(pauses, date(2025, 3, 6), CALENDAR) == 0
	assert paused_basis_days([], date(2025, 3, 6)) == 0
	assert paused_basis_days([(date(2025, 3, 8), date(2025, 3, 9))], date(2025, 3, 31), WORKING) == 0


def test_paused_basis_days_refuses_bad_pauses():
	with pytest.raises(DeadlineError) as err:
		paused_basis_days([(date(2025, 3, 7), date(2025, 3, 5))], date(2025, 3, 31))
	assert err.value.template == DeadlineError.PAUSE_REVERSED


# --- properties -----------------------------------------------------------------------------------

START = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))
DAYS = st.integers(min_value=0, max_value=400)
NEAR_DAYS = st.lists(st.integers(min_value=-30, max_value=700), max_size=40)


@st.composite
def calendars(draw, basis=None, roll=None):
	"""A calendar with random holidays and make-up days around the drawn start date."""
	start = draw(START)
	offsets = draw(NEAR_DAYS)
	makeup_offsets = draw(NEAR_DAYS)
	holidays = {start + timedelta(days=i) for i in offsets}
	makeup = {start + timedelta(days=i) for i in makeup_offsets} - holidays
	cal = WorkCalendar(
		basis=draw(st.sampled_from(DayBasis.ALL)) if basis is None else basis,
		holidays=holidays,
		makeup_workdays=makeup,
		roll_past_days_off=draw(st.booleans()) if roll is None else roll,
	)
	return start, cal


@settings(max_examples=150, deadline=None)
@given(calendars(), DAYS)
def test_result_is_never_before_start(start_cal, n):
	start, cal = start_cal
	assert add_days(start, n, cal) >= start


@settings(max_examples=150, deadline=None)
@given(calendars(basis=DayBasis.WORKING), st.integers(min_value=1, max_value=400))
def test_working_result_is_a_working_day(start_cal, n):
	start, cal = start_cal
	assert is_working_day(add_days(start, n, cal), cal)


@settings(max_examples=150, deadline=None)
@given(calendars(basis=DayBasis.CALENDAR, roll=True), st.integers(min_value=1, max_value=400))
def test_rolled_calendar_result_is_a_working_day(start_cal, n):
	start, cal = start_cal
	end = add_days(start, n, cal)
	assert is_working_day(end, cal)
	assert (end - start).days >= n


@settings(max_examples=150, deadline=None)
@given(calendars(), DAYS, DAYS)
def test_add_days_is_monotonic_in_n(start_cal, n, m):
	start, cal = start_cal
	low, high = sorted((n, m))
	assert add_days(start, low, cal) <= add_days(start, high, cal)


@settings(max_examples=150, deadline=None)
@given(calendars(basis=DayBasis.WORKING), DAYS)
def test_working_days_remaining_inverts_add_days(start_cal, n):
	start, cal = start_cal
	assert days_remaining(add_days(start, n, cal), start, cal) == n
	assert count_working_days(start, add_days(start, n, cal), cal) == n


@settings(max_examples=150, deadline=None)
@given(calendars(basis=DayBasis.CALENDAR, roll=False), DAYS)
def test_calendar_without_rolling_adds_exactly_n(start_cal, n):
	start, cal = start_cal
	end = add_days(start, n, cal)
	assert (end - start).days == n
	assert days_remaining(end, start, cal) == n


@settings(max_examples=150, deadline=None)
@given(calendars(), START)
def test_days_remaining_sign_matches_overdue(start_cal, today):
	due, cal = start_cal
	remaining = days_remaining(due, today, cal)
	assert (remaining < 0) == is_overdue(due, today)
	if remaining > 0:
		assert today < due
	status = deadline_status(due, today, 5, cal)
	assert status in DeadlineStatus.ALL
	assert (status == "Overdue") == (today > due)


PAUSES = st.lists(
	st.tuples(st.integers(min_value=-60, max_value=120), st.integers(min_value=0, max_value=40)),
	max_size=6,
)


def _paused(d, pauses):
	return any(first <= d <= last for first, last in pauses)


def paused_due(start_cal, raw_pauses):
	"""(due, calendar, pauses, the due date moved by the pauses): each pause (offset, length) from `due`."""
	due, cal = start_cal
	pauses = [(due + timedelta(days=a), due + timedelta(days=a + length)) for a, length in raw_pauses]
	return due, cal, pauses, pause_adjusted_due(due, pauses, cal)


@settings(max_examples=150, deadline=None)
@given(calendars(basis=DayBasis.CALENDAR, roll=False), PAUSES)
def test_pause_calendar_moves_due_by_paused_days_up_to_result(start_cal, raw_pauses):
	due, _cal, pauses, result = paused_due(start_cal, raw_pauses)
	paused_up_to_result = sum(
		1 for i in range(-60, (result - due).days + 1) if _paused(due + timedelta(days=i), pauses)
	)
	assert (result - due).days == paused_up_to_result
	if result != due:
		assert not _paused(result, pauses)


@settings(max_examples=150, deadline=None)
@given(calendars(basis=DayBasis.WORKING), PAUSES)
def test_pause_working_moves_due_by_paused_working_days(start_cal, raw_pauses):
	due, cal, pauses, result = paused_due(start_cal, raw_pauses)
	days = [due + timedelta(days=i) for i in range(-60, (result - due).days + 1)]
	paused_before = sum(1 for d in days if d <= due and _paused(d, pauses) and is_working_day(d, cal))
	unpaused_after = sum(1 for d in days if d > due and not _paused(d, pauses) and is_working_day(d, cal))
	assert unpaused_after == paused_before
	if result != due:
		assert is_working_day(result, cal)
		assert not _paused(result, pauses)


@settings(max_examples=150, deadline=None)
@given(calendars(basis=DayBasis.CALENDAR, roll=False), PAUSES)
def test_calendar_due_moves_by_the_paused_basis_days(start_cal, raw_pauses):
	due, cal, pauses, result = paused_due(start_cal, raw_pauses)
	assert (result - due).days == paused_basis_days(pauses, result, cal)


@settings(max_examples=150, deadline=None)
@given(calendars(basis=DayBasis.WORKING), PAUSES)
def test_working_due_moves_by_the_paused_basis_days(start_cal, raw_pauses):
	due, cal, pauses, result = paused_due(start_cal, raw_pauses)
	assert count_working_days(due, result, cal) == paused_basis_days(pauses, result, cal)
