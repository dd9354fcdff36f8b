"""Tests for the small-cell suppression of the public statistics."""

from functools import reduce

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from petition_management.rules import RuleError
from petition_management.rules.disclosure import (
	DIMENSIONS,
	Count,
	Figures,
	countable,
	is_small,
	margins,
	month_figures,
	validate_threshold,
)

CATEGORIES = ("Land", "Wages", "Housing", "Traffic")
UNITS = ("Police", "Labour", "Housing Bureau", "")

cells_strategy = st.dictionaries(
	st.tuples(st.sampled_from(CATEGORIES), st.sampled_from(UNITS)), st.integers(0, 9), max_size=16
)


def on_time_of(settled: dict, draw_fraction: float) -> dict:
	return {key: int(count * draw_fraction) for key, count in settled.items()}


def published_counts_of(figures: Figures):
	"""Every count and rate part the page could show, with where it comes from."""
	rows = [("total", figures.total)]
	for dimension in DIMENSIONS:
		rows += [(f"{dimension} {group!r}", row) for group, row in figures.rows(dimension).items()]
	for where, row in rows:
		yield f"{where} received", row.received.shown
		yield f"{where} closed", row.closed.shown
		yield f"{where} settled", row.rate.settled
		yield f"{where} on time", row.rate.on_time
		yield f"{where} late", row.rate.settled - row.rate.on_time


def test_threshold_is_a_whole_number_of_at_least_one():
	assert validate_threshold(5) == 5
	for bad in (0, -1, 2.5, "5", None, True):
		with pytest.raises(RuleError):
			validate_threshold(bad)


def test_one_unit_with_one_case_is_hidden_and_left_out_of_every_total():
	received = {("Land", "Police"): 6, ("Wages", "Police"): 5, ("Land", "Labour"): 1}
	figures = month_figures(received, {}, {}, {}, 5)
	units = figures.rows("unit")
	assert units["Labour"].received == Count(0, True)
	assert units["Labour"].received.hidden
	assert units["Police"].received == Count(11, True)
	# the Labour case is in no category figure either: Land shows 6, not 7
	assert figures.rows("category")["Land"].received.shown == 6
	assert figures.total.received.shown == 11
	# the total minus the visible rows of each table is 0: nothing to subtract back out
	for dimension in DIMENSIONS:
		assert figures.total.received.shown == sum(r.received.shown for r in figures.rows(dimension).values())


def test_dropping_a_small_unit_can_make_a_category_small():
	# Wages has 5 cases, but one is the only case of its unit: 4 are left, so Wages goes too, and with
	# it the 3 Police cases (Police had no other)
	received = {("Wages", "Police"): 3, ("Wages", "Labour"): 1, ("Wages", "Housing Bureau"): 1}
	received |= {("Land", "Housing Bureau"): 5}
	assert countable(received, 5) == {("Land", "Housing Bureau"): 5}
	assert countable({**received, ("Land", "Police"): 5}, 5) == {
		("Land", "Housing Bureau"): 5,
		("Land", "Police"): 5,
	}


def test_a_rate_with_few_late_or_few_on_time_cases_is_hidden():
	settled = {("Land", "Police"): 10, ("Wages", "Labour"): 10}
	on_time = {("Land", "Police"): 9, ("Wages", "Labour"): 5}
	figures = month_figures({}, {}, settled, on_time, 5)
	land, wages = figures.rows("category")["Land"].rate, figures.rows("category")["Wages"].rate
	assert land.hidden and land.percent is None  # 9 of 10 would give away the one late case
	assert wages.percent == 50.0
	assert figures.total.rate.percent == 70.0  # 14 on time, 6 late
	hidden = month_figures({}, {}, {("Land", "Police"): 10}, {("Land", "Police"): 3}, 5)
	assert hidden.total.rate.hidden  # 3 on time


def test_threshold_one_shows_everything():
	received = {("Land", "Police"): 1, ("Wages", "Labour"): 2}
	figures = month_figures(received, {}, received, {("Land", "Police"): 1}, 1)
	assert figures.total.received.shown == 3
	assert figures.rows("unit")["Police"].received.shown == 1
	assert figures.total.rate.percent == pytest.approx(33.3)


def test_twelve_months_are_the_sum_of_the_months_shown():
	october = month_figures({("Land", "Police"): 2}, {}, {}, {}, 5)
	november = month_figures({("Land", "Police"): 7}, {}, {}, {}, 5)
	year = october + november
	# October's 2 are hidden in October and so left out of the year: 7, not 9
	assert year.rows("unit")["Police"].received == Count(7, True)
	assert year.total.received.shown == 7


@settings(max_examples=300, deadline=None)
@given(
	threshold=st.integers(1, 6),
	months=st.lists(
		st.tuples(cells_strategy, cells_strategy, cells_strategy, st.floats(0, 1)), min_size=1, max_size=4
	),
)
def test_no_published_figure_is_small_and_every_table_adds_up_to_the_total(threshold, months):
	per_month = [
		month_figures(received, closed, settled, on_time_of(settled, fraction), threshold)
		for received, closed, settled, fraction in months
	]
	for figures in [*per_month, reduce(lambda a, b: a + b, per_month)]:
		for where, value in published_counts_of(figures):
			assert not is_small(value, threshold), f"{where}: {value}"
		for dimension in DIMENSIONS:
			rows = figures.rows(dimension).values()
			assert figures.total.received.shown == sum(r.received.shown for r in rows)
			assert figures.total.closed.shown == sum(r.closed.shown for r in rows)


@settings(max_examples=200, deadline=None)
@given(cells=cells_strategy, threshold=st.integers(1, 6))
def test_countable_keeps_whole_crossings_and_no_small_group(cells, threshold):
	kept = countable(cells, threshold)
	assert all(cells[key] == count for key, count in kept.items())
	for dimension in range(2):
		assert not any(is_small(n, threshold) for n in margins(kept, dimension).values())
	# nothing a larger set could have kept is dropped: every dropped crossing belongs to a group that
	# is small in what is left, or was dropped together with one
	assert countable(kept, threshold) == kept
