"""Tests for the order of a case's lifecycle dates."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from petition_management.rules.lifecycle_dates import CASE_ORDER, DateProblem, date_problems

TODAY = date(2026, 12, 7)


def case(**days_ago):
	return {field: TODAY - timedelta(days=n) for field, n in days_ago.items()}


def test_a_case_in_order_has_no_problem():
	dates = case(received_on=40, decided_on=30, accepted_on=30, replied_on=10, delivered_on=8, closed_on=5)
	assert date_problems(dates, TODAY) == []


def test_delivery_before_the_reply_and_in_the_future_are_refused():
	# the cases the issue found: delivered before the reply, and three weeks ahead
	assert date_problems(case(replied_on=0, delivered_on=33), TODAY) == [
		DateProblem("delivered_on", "replied_on")
	]
	assert date_problems(case(replied_on=0, delivered_on=-20), TODAY) == [DateProblem("delivered_on")]


def test_steps_not_reached_are_skipped_and_the_nearest_reached_one_counts():
	# closed on the spot: no decision and no reply; the close compares with the receipt
	assert date_problems(case(received_on=3, closed_on=1), TODAY) == []
	assert date_problems(case(received_on=3, closed_on=5), TODAY) == [DateProblem("closed_on", "received_on")]


def test_only_pairs_with_a_changed_date_are_reported():
	dates = case(received_on=10, decided_on=12, replied_on=2)  # an old inconsistency: decided before receipt
	assert date_problems(dates, TODAY, changed=["replied_on"]) == []
	assert date_problems(dates, TODAY, changed=["received_on"]) == [DateProblem("decided_on", "received_on")]
	assert date_problems(dates, TODAY, changed=[]) == []


@given(st.lists(st.integers(-5, 60), min_size=len(CASE_ORDER), max_size=len(CASE_ORDER)))
def test_dates_not_after_today_in_order_never_have_a_problem_and_a_reversal_always_does(offsets):
	ordered = sorted((max(n, 0) for n in offsets), reverse=True)  # days ago, oldest first
	dates = dict(zip(CASE_ORDER, (TODAY - timedelta(days=n) for n in ordered), strict=True))
	assert date_problems(dates, TODAY) == []
	first, last = CASE_ORDER[0], CASE_ORDER[-1]
	if dates[first] < dates[last]:
		swapped = {**dates, first: dates[last], last: dates[first]}
		assert date_problems(swapped, TODAY)
	future = {**dates, last: TODAY + timedelta(days=1 + abs(offsets[0]))}
	assert DateProblem(last) in date_problems(future, TODAY)
