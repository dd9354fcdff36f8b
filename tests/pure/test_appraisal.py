"""Tests for the unit appraisal formulas (petition_management/rules/appraisal/)."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from petition_management.rules.appraisal import (
	FULL_MARKS,
	ITEM_BASES,
	MANUAL,
	VETO_FIGURES,
	AppraisalError,
	CaseRow,
	Figure,
	GradeBand,
	Item,
	PeriodType,
	RankEntry,
	Rate,
	Scheme,
	SupervisionRow,
	TransferRow,
	VetoCondition,
	as_of_date,
	case_sets,
	commend_and_watch,
	count_figures,
	grade_for,
	is_decided_on_time,
	is_due_for_settlement,
	is_resolved_once,
	is_satisfied,
	is_settled_on_time,
	is_transfer_overdue,
	lowest_grade,
	metric_weights,
	percentage,
	period_dates,
	period_label,
	rank,
	rates,
	score,
	settled_on,
	validate_grades,
	validate_window_days,
	weighted_score,
)

D = date
GRADES = (
	GradeBand("Excellent", 90),
	GradeBand("Good", 80),
	GradeBand("Pass", 60),
	GradeBand("Fail", 0),
)
WEIGHTS = {
	Rate.ACCEPTED_ON_TIME: 20,
	Rate.SETTLED_ON_TIME: 30,
	Rate.ONE_TIME_RESOLUTION: 25,
	Rate.SATISFACTION: 25,
}
SCHEME = Scheme(weights=WEIGHTS, grades=GRADES)


def figures(**values) -> dict[str, int]:
	return {code: values.get(code, 0) for code in Figure.ALL}


# --- periods ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
	("period_type", "number", "start", "end", "label"),
	[
		(PeriodType.YEAR, None, D(2026, 1, 1), D(2026, 12, 31), "2026"),
		(PeriodType.YEAR, 7, D(2026, 1, 1), D(2026, 12, 31), "2026"),
		(PeriodType.HALF_YEAR, 1, D(2026, 1, 1), D(2026, 6, 30), "2026-H1"),
		(PeriodType.HALF_YEAR, 2, D(2026, 7, 1), D(2026, 12, 31), "2026-H2"),
		(PeriodType.QUARTER, 1, D(2026, 1, 1), D(2026, 3, 31), "2026-Q1"),
		(PeriodType.QUARTER, 2, D(2026, 4, 1), D(2026, 6, 30), "2026-Q2"),
		(PeriodType.QUARTER, 3, D(2026, 7, 1), D(2026, 9, 30), "2026-Q3"),
		(PeriodType.QUARTER, 4, D(2026, 10, 1), D(2026, 12, 31), "2026-Q4"),
	],
)
def test_period_dates_and_labels(period_type, number, start, end, label):
	assert period_dates(period_type, 2026, number) == (start, end)
	assert period_label(period_type, 2026, number) == label


def test_february_of_a_leap_year_is_in_the_first_quarter():
	assert period_dates(PeriodType.QUARTER, 2028, 1) == (D(2028, 1, 1), D(2028, 3, 31))


@pytest.mark.parametrize(
	("args", "message"),
	[
		(("Month", 2026, 1), 'Period must be "Year", "Half-year" or "Quarter", not \'Month\''),
		((PeriodType.QUARTER, 2026, 5), "Period number of a Quarter must be from 1 to 4, not 5"),
		((PeriodType.HALF_YEAR, 2026, 0), "Period number of a Half-year must be from 1 to 2, not 0"),
		((PeriodType.HALF_YEAR, 2026, None), "Period number of a Half-year must be from 1 to 2, not None"),
		((PeriodType.YEAR, 1999, None), "Year must be a whole number from 2000 to 2100, not 1999"),
		((PeriodType.YEAR, "2026", None), "Year must be a whole number from 2000 to 2100, not '2026'"),
	],
)
def test_bad_periods_are_refused(args, message):
	with pytest.raises(AppraisalError) as err:
		period_dates(*args)
	assert str(err.value) == message


def test_as_of_is_the_period_end_or_today():
	assert as_of_date(D(2026, 12, 31), D(2026, 5, 4)) == D(2026, 5, 4)
	assert as_of_date(D(2025, 12, 31), D(2026, 5, 4)) == D(2025, 12, 31)


# --- definitions -----------------------------------------------------------------------------------


def test_decided_on_time_includes_the_due_day():
	assert is_decided_on_time(D(2026, 1, 16), D(2026, 1, 16)) is True
	assert is_decided_on_time(D(2026, 1, 17), D(2026, 1, 16)) is False
	assert is_decided_on_time(None, D(2026, 1, 16)) is None
	assert is_decided_on_time(D(2026, 1, 17), None) is None


def test_settled_on_is_the_reply_else_the_closing():
	assert settled_on(D(2026, 3, 1), D(2026, 3, 9)) == D(2026, 3, 1)
	assert settled_on(None, D(2026, 3, 9)) == D(2026, 3, 9)
	assert settled_on(None, None) is None


def test_due_for_settlement_once_settled_or_past_due():
	as_of = D(2026, 6, 30)
	assert is_due_for_settlement(D(2026, 6, 30), D(2026, 9, 1), as_of)  # settled early: judged
	assert not is_due_for_settlement(D(2026, 7, 1), D(2026, 9, 1), as_of)  # settled after as_of, not due
	assert is_due_for_settlement(None, D(2026, 6, 29), as_of)  # open and past due: judged (late)
	assert not is_due_for_settlement(None, D(2026, 6, 30), as_of)  # open, due today: not yet
	assert not is_due_for_settlement(D(2026, 6, 1), None, as_of)  # no time limit: not judged


def test_settled_on_time_includes_the_due_day():
	assert is_settled_on_time(D(2026, 3, 1), D(2026, 3, 1))
	assert not is_settled_on_time(D(2026, 3, 2), D(2026, 3, 1))
	assert not is_settled_on_time(None, D(2026, 3, 1))


def test_one_time_resolution_window_bounds():
	settled = D(2026, 3, 1)
	assert is_resolved_once(settled, [], 30)
	assert is_resolved_once(settled, [settled], 30)  # a repeat before or on the reply day does not count
	assert is_resolved_once(settled, [D(2026, 2, 1)], 30)
	assert not is_resolved_once(settled, [D(2026, 3, 2)], 30)
	assert not is_resolved_once(settled, [settled + timedelta(days=30)], 30)
	assert is_resolved_once(settled, [settled + timedelta(days=31)], 30)


def test_satisfied_counts_basically_satisfied():
	assert is_satisfied("Satisfied") and is_satisfied("Basically Satisfied")
	assert not is_satisfied("Dissatisfied") and not is_satisfied(None) and not is_satisfied("")


def test_transfer_overdue():
	as_of = D(2026, 6, 30)
	assert not is_transfer_overdue(D(2026, 5, 1), D(2026, 5, 1), as_of)  # finished on the due day
	assert is_transfer_overdue(D(2026, 5, 1), D(2026, 5, 2), as_of)  # finished a day late
	assert is_transfer_overdue(D(2026, 5, 1), None, as_of)  # still open, past due
	assert not is_transfer_overdue(D(2026, 6, 30), None, as_of)  # still open, due today
	assert is_transfer_overdue(D(2026, 6, 29), D(2026, 7, 5), as_of)  # open on as_of and past due


def test_window_days_are_checked():
	assert validate_window_days(90) == 90
	for bad in (0, -1, 3661, 1.5, True, None):
		with pytest.raises(AppraisalError):
			validate_window_days(bad)


# --- the reference count ---------------------------------------------------------------------------

START, END, AS_OF = D(2026, 1, 1), D(2026, 6, 30), D(2026, 6, 30)


def seeded_cases() -> list[CaseRow]:
	return [
		# decided on time, settled on time, no repeat, satisfied
		CaseRow(
			"C1",
			"U",
			D(2026, 1, 5),
			D(2026, 1, 20),
			D(2026, 1, 10),
			D(2026, 3, 11),
			D(2026, 3, 1),
			D(2026, 3, 5),
			"Satisfied",
		),
		# decided late, settled late by reply, repeat 10 days after the reply, dissatisfied, cross-level
		CaseRow(
			"C2",
			"U",
			D(2026, 2, 1),
			D(2026, 2, 16),
			D(2026, 2, 20),
			D(2026, 4, 21),
			D(2026, 4, 25),
			None,
			"Dissatisfied",
			True,
			(D(2026, 5, 5),),
		),
		# open, past due on as_of: due for settlement but not settled; repeat in the period
		CaseRow(
			"C3",
			"U",
			D(2026, 3, 1),
			D(2026, 3, 16),
			D(2026, 3, 2),
			D(2026, 5, 1),
			repeat_dates=(D(2026, 4, 1),),
		),
		# open, still within its limit: not judged
		CaseRow("C4", "U", D(2026, 6, 1), D(2026, 6, 16), D(2026, 6, 2), D(2026, 8, 1)),
		# received before the period: only its repeat in the period counts
		CaseRow("C5", "U", D(2025, 12, 1), repeat_dates=(D(2026, 2, 2),)),
		# closed without a written reply, on time; basically satisfied
		CaseRow(
			"C6",
			"U",
			D(2026, 4, 1),
			D(2026, 4, 16),
			D(2026, 4, 10),
			D(2026, 6, 9),
			None,
			D(2026, 6, 9),
			"Basically Satisfied",
		),
		# another unit's case
		CaseRow("C7", "V", D(2026, 1, 5), D(2026, 1, 20), D(2026, 1, 10), D(2026, 3, 11), D(2026, 3, 1)),
	]


def seeded_transfers() -> list[TransferRow]:
	return [
		TransferRow("C1", "U", D(2026, 3, 11), D(2026, 3, 1)),  # on time
		TransferRow("C2", "U", D(2026, 4, 21), D(2026, 4, 25)),  # late
		TransferRow("C3", "U", D(2026, 5, 1)),  # open, past due
		TransferRow("C4", "U", D(2026, 8, 1)),  # due after the period
		TransferRow("C7", "U", D(2026, 3, 11), None, withdrawn=True),  # withdrawn: never counted
		TransferRow("C7", "V", D(2026, 2, 1)),  # co-unit V, open, past due
	]


def seeded_orders() -> list[SupervisionRow]:
	return [
		SupervisionRow("C3", "U", D(2026, 5, 3)),
		SupervisionRow("C3", "U", D(2026, 5, 20)),  # a second order for the same case: one case
		SupervisionRow("C1", "U", D(2025, 12, 31)),  # before the period
		SupervisionRow("C7", "V", D(2026, 2, 3)),
	]


def test_case_sets_by_hand():
	sets = case_sets("U", seeded_cases(), seeded_transfers(), seeded_orders(), START, END, AS_OF, 30)
	assert sets == {
		Figure.RECEIVED: {"C1", "C2", "C3", "C4", "C6"},
		Figure.DECIDED: {"C1", "C2", "C3", "C4", "C6"},
		Figure.ACCEPTED_ON_TIME: {"C1", "C3", "C4", "C6"},
		Figure.SETTLE_DUE: {"C1", "C2", "C3", "C6"},
		Figure.SETTLED_ON_TIME: {"C1", "C6"},
		Figure.SETTLED: {"C1", "C2", "C6"},
		Figure.RESOLVED_ONCE: {"C1", "C6"},
		Figure.SURVEYED: {"C1", "C2", "C6"},
		Figure.SATISFIED: {"C1", "C6"},
		Figure.OVERDUE: {"C2", "C3"},
		Figure.REPEATED: {"C2", "C3", "C5"},
		Figure.SUPERVISED: {"C3"},
		Figure.CROSS_LEVEL: {"C2"},
	}
	other = count_figures("V", seeded_cases(), seeded_transfers(), seeded_orders(), START, END, AS_OF, 30)
	assert other[Figure.RECEIVED] == 1 and other[Figure.OVERDUE] == 1 and other[Figure.SUPERVISED] == 1


def test_a_shorter_window_forgives_a_later_repeat():
	counted = count_figures("U", seeded_cases(), seeded_transfers(), seeded_orders(), START, END, AS_OF, 9)
	assert counted[Figure.RESOLVED_ONCE] == 3  # C2's repeat came 10 days after its reply


def test_case_sets_refuse_a_reversed_period():
	with pytest.raises(AppraisalError) as err:
		case_sets("U", [], [], [], END, START, AS_OF, 30)
	assert str(err.value) == "The period cannot end (2026-01-01) before it starts (2026-06-30)"


# --- rates -----------------------------------------------------------------------------------------


def test_percentage():
	assert percentage(1, 4) == 25.0
	assert percentage(0, 3) == 0.0
	assert percentage(3, 3) == 100.0
	assert percentage(0, 0) is None


@pytest.mark.parametrize(
	("count", "base", "message"),
	[
		(5, 4, "Count (5) cannot be more than Base (4)"),
		(-1, 4, "Count must be a whole number of 0 or more, not -1"),
		(1, 2.5, "Base must be a whole number of 0 or more, not 2.5"),
		(True, 4, "Count must be a whole number of 0 or more, not True"),
	],
)
def test_percentage_refuses_bad_counts(count, base, message):
	with pytest.raises(AppraisalError) as err:
		percentage(count, base)
	assert str(err.value) == message


def test_rates_from_figures():
	values = rates(figures(decided=4, accepted_on_time=3, settle_due=0, settled=2, resolved_once=1))
	assert values == {
		Rate.ACCEPTED_ON_TIME: 75.0,
		Rate.SETTLED_ON_TIME: None,
		Rate.ONE_TIME_RESOLUTION: 50.0,
		Rate.SATISFACTION: None,
	}


def test_rates_name_the_figures_when_a_count_exceeds_its_base():
	with pytest.raises(AppraisalError) as err:
		rates(figures(surveyed=1, satisfied=2))
	assert str(err.value) == "Satisfied (2) cannot be more than Return Visits with Satisfaction (1)"


# --- weighted score --------------------------------------------------------------------------------


def test_weighted_score_leaves_out_rates_without_data():
	values = {Rate.ACCEPTED_ON_TIME: 100.0, Rate.SETTLED_ON_TIME: 50.0, Rate.ONE_TIME_RESOLUTION: None}
	# (100*20 + 50*30) / (20+30) = 70
	assert weighted_score(values, WEIGHTS) == pytest.approx(70.0)
	assert weighted_score({}, WEIGHTS) is None


def test_weighted_score_ignores_zero_weights():
	values = {Rate.ACCEPTED_ON_TIME: 10.0, Rate.SATISFACTION: 90.0}
	assert weighted_score(values, {Rate.ACCEPTED_ON_TIME: 0, Rate.SATISFACTION: 5}) == 90.0
	assert (
		weighted_score({Rate.ACCEPTED_ON_TIME: 10.0}, {Rate.ACCEPTED_ON_TIME: 0, Rate.SATISFACTION: 5})
		is None
	)


@pytest.mark.parametrize(
	("weights", "message"),
	[
		({Rate.SATISFACTION: 0}, "The metric weights must add up to more than 0"),
		({}, "The metric weights must add up to more than 0"),
		({Rate.SATISFACTION: -5, Rate.SETTLED_ON_TIME: 10}, "Satisfaction % must be 0 or more, not -5"),
		({"speed": 10}, "'speed' is not a known metric"),
		({Rate.SATISFACTION: "10"}, "Satisfaction % must be a number, not '10'"),
		({Rate.SATISFACTION: float("nan")}, "Satisfaction % must be a number, not nan"),
	],
)
def test_bad_weights_are_refused(weights, message):
	with pytest.raises(AppraisalError) as err:
		weighted_score({}, weights)
	assert str(err.value) == message


def test_metric_weights_refuse_a_metric_twice():
	assert metric_weights([(Rate.SATISFACTION, 10)]) == {Rate.SATISFACTION: 10.0}
	with pytest.raises(AppraisalError) as err:
		metric_weights([(Rate.SATISFACTION, 10), (Rate.SATISFACTION, 5)])
	assert str(err.value) == "Metric Satisfaction % is listed more than once"


# --- items, vetoes, grades --------------------------------------------------------------------------


def test_penalty_items_are_capped_and_bonus_items_add():
	overdue = Item("Overdue case", "Penalty", Figure.OVERDUE, 2, 5)
	repeat = Item("Repeat", "Penalty", Figure.REPEATED, 1.5)
	bonus = Item("No supervision needed", "Bonus", Figure.SUPERVISED, 1)
	manual = Item("Commended by the city", "Bonus", MANUAL, 3)
	counted = figures(overdue=4, repeated=3, supervised=2)
	assert overdue.points_for(counted) == -5  # 8 capped at 5
	assert repeat.points_for(counted) == -4.5
	assert bonus.points_for(counted) == 2
	assert manual.points_for(counted) == 0


@pytest.mark.parametrize(
	("args", "message"),
	[
		(("", "Penalty", Figure.OVERDUE, 1), "Every bonus or penalty item needs a name"),
		(("X", "Fine", Figure.OVERDUE, 1), "'Fine' is not a known item type"),
		(("X", "Penalty", Figure.CROSS_LEVEL, 1), "'cross_level' is not a known basis"),
		(("X", "Penalty", Figure.OVERDUE, -1), "X must be 0 or more, not -1"),
		(("X", "Penalty", Figure.OVERDUE, 1, -2), "X must be 0 or more, not -2"),
	],
)
def test_bad_items_are_refused(args, message):
	with pytest.raises(AppraisalError) as err:
		Item(*args)
	assert str(err.value) == message


def test_cross_level_petitions_are_never_a_scoring_basis_or_veto():
	assert Figure.CROSS_LEVEL not in ITEM_BASES
	assert Figure.CROSS_LEVEL not in VETO_FIGURES
	with pytest.raises(AppraisalError):
		VetoCondition(Figure.CROSS_LEVEL, ">=", 1)


def test_veto_conditions():
	values = {Rate.SATISFACTION: 55.0, Rate.SETTLED_ON_TIME: None, Figure.OVERDUE: 10}
	assert VetoCondition(Rate.SATISFACTION, "<", 60).is_met(values)
	assert not VetoCondition(Rate.SATISFACTION, "<", 55).is_met(values)
	assert VetoCondition(Rate.SATISFACTION, "<=", 55).is_met(values)
	assert VetoCondition(Figure.OVERDUE, ">=", 10).is_met(values)
	assert not VetoCondition(Figure.OVERDUE, ">", 10).is_met(values)
	assert VetoCondition(Figure.OVERDUE, "=", 10).is_met(values)
	assert not VetoCondition(Rate.SETTLED_ON_TIME, "<", 101).is_met(values)  # no data never vetoes
	with pytest.raises(AppraisalError) as err:
		VetoCondition(Figure.OVERDUE, "!=", 1)
	assert str(err.value) == "'!=' is not a known operator"


def test_grade_bands():
	assert grade_for(90, GRADES) == "Excellent"
	assert grade_for(89.99, GRADES) == "Good"
	assert grade_for(60, GRADES) == "Pass"
	assert grade_for(0, GRADES) == "Fail"
	assert grade_for(100, GRADES, vetoed=True) == "Fail"
	assert grade_for(10, (GradeBand("A", 50), GradeBand("B", 20))) == "B"  # below every band: lowest
	assert lowest_grade(GRADES) == "Fail"
	assert [band.grade for band in validate_grades(list(reversed(GRADES)))] == [
		"Excellent",
		"Good",
		"Pass",
		"Fail",
	]


@pytest.mark.parametrize(
	("bands", "message"),
	[
		((), "Give at least one grade band"),
		((GradeBand("A", 90), GradeBand("A", 80)), "Grade A is listed more than once"),
		((GradeBand("A", 90), GradeBand("B", 90)), "Grades A and B have the same minimum score 90"),
		((GradeBand(" ", 90),), "Every grade needs a name"),
	],
)
def test_bad_grade_bands_are_refused(bands, message):
	with pytest.raises(AppraisalError) as err:
		validate_grades(bands)
	assert str(err.value) == message


# --- score -----------------------------------------------------------------------------------------


def test_score_by_hand():
	scheme = Scheme(
		weights=WEIGHTS,
		grades=GRADES,
		items=(
			Item("Overdue case", "Penalty", Figure.OVERDUE, 2, 10),
			Item("Commended", "Bonus", MANUAL, 3),
		),
		vetoes=(VetoCondition(Rate.SATISFACTION, "<", 50),),
	)
	counted = figures(
		received=10,
		decided=10,
		accepted_on_time=9,
		settle_due=8,
		settled_on_time=6,
		settled=8,
		resolved_once=8,
		surveyed=4,
		satisfied=3,
		overdue=2,
	)
	result = score(counted, scheme, adjustments=[1.5])
	# rates 90, 75, 100, 75 -> (90*20 + 75*30 + 100*25 + 75*25) / 100 = 84.25
	assert result.base_score == 84.25
	assert result.items_points == -4
	assert result.adjustment_points == 1.5
	assert result.score == 81.75
	assert (result.grade, result.vetoed, result.has_data) == ("Good", False, True)
	assert [line.code for line in result.lines] == [*WEIGHTS, "Overdue case"]
	assert sum(line.points for line in result.lines if line.kind == "Metric") == pytest.approx(84.25)

	vetoed = score({**counted, Figure.SATISFIED: 1}, scheme)
	assert vetoed.vetoed and vetoed.grade == "Fail"
	assert vetoed.vetoes_met == scheme.vetoes

	by_hand = score(counted, scheme, manual_veto=True)
	assert by_hand.vetoed and by_hand.grade == "Fail" and by_hand.vetoes_met == ()
	assert by_hand.score == 80.25  # the score stays; only the grade and ranking change


def test_a_unit_without_cases_gets_full_marks_but_no_data():
	result = score(figures(), SCHEME)
	assert (result.base_score, result.score, result.has_data, result.grade) == (
		FULL_MARKS,
		100.0,
		False,
		"Excellent",
	)


def test_the_score_is_never_below_zero():
	scheme = Scheme(weights=WEIGHTS, grades=GRADES, items=(Item("Overdue", "Penalty", Figure.OVERDUE, 50),))
	counted = figures(decided=1, overdue=3)
	assert score(counted, scheme).score == 0.0


def test_score_refuses_bad_figures():
	with pytest.raises(AppraisalError) as err:
		score({**figures(), Figure.OVERDUE: -1}, SCHEME)
	assert str(err.value) == "Overdue Cases must be a whole number of 0 or more, not -1"


# --- ranking ---------------------------------------------------------------------------------------


def test_rank_with_ties_and_vetoes():
	entries = [
		RankEntry("A", 90),
		RankEntry("B", 95),
		RankEntry("C", 90.001),  # equal to A once rounded
		RankEntry("D", 99, vetoed=True),
		RankEntry("E", 70),
		RankEntry("F", 50, vetoed=True),
		RankEntry("N", 100, has_data=False),  # full marks without cases: after the rated units
	]
	assert rank(entries) == {"B": 1, "A": 2, "C": 2, "E": 4, "N": 5, "D": 6, "F": 7}


def test_commend_and_watch():
	entries = [
		RankEntry("A", 90),
		RankEntry("B", 95),
		RankEntry("C", 90),
		RankEntry("D", 99, vetoed=True),
		RankEntry("E", 70),
		RankEntry("G", 60),
		RankEntry("H", 100, has_data=False),  # no cases: never commended, never watched
	]
	commend, watch = commend_and_watch(entries, 2, 1)
	assert commend == ["B", "A", "C"]  # A and C tie for second place
	assert watch == ["G", "D"]  # the bottom one, then the vetoed
	assert commend_and_watch(entries, 0, 0) == ([], ["D"])
	# few units: nobody is both commended and watched
	assert commend_and_watch([RankEntry("A", 80), RankEntry("B", 70)], 3, 3) == (["A", "B"], [])


def test_commend_and_watch_refuse_bad_counts():
	with pytest.raises(AppraisalError) as err:
		commend_and_watch([], -1, 0)
	assert str(err.value) == "Units to Commend must be a whole number of 0 or more, not -1"


# --- properties ------------------------------------------------------------------------------------

counts = st.integers(min_value=0, max_value=500)


@st.composite
def figure_sets(draw):
	"""Counted figures with every count at most its base."""
	values = {code: draw(counts) for code in Figure.ALL}
	for count, base in Rate.PARTS.values():
		values[count] = draw(st.integers(min_value=0, max_value=values[base]))
	return values


# A weight is typed into a Float field of the scheme (two decimals): 0, or 0.01 to 100. Subnormal
# floats such as 5e-324 are no weight anyone can enter, and rate * weight underflows for them.
weight_values = st.one_of(st.just(0.0), st.floats(min_value=0.01, max_value=100, allow_nan=False))
weights_strategy = st.dictionaries(st.sampled_from(Rate.ALL), weight_values, min_size=1).filter(
	lambda w: sum(w.values()) > 0
)


@given(count=counts, extra=counts)
def test_percentage_is_between_0_and_100(count, extra):
	value = percentage(count, count + extra)
	assert value is None if count + extra == 0 else 0 <= value <= 100


@given(values=figure_sets(), weights=weights_strategy)
def test_base_score_lies_between_the_rated_extremes(values, weights):
	rate_values = rates(values)
	base = weighted_score(rate_values, weights)
	rated = [rate_values[r] for r, w in weights.items() if w > 0 and rate_values[r] is not None]
	if not rated:
		assert base is None
	else:
		assert min(rated) - 1e-9 <= base <= max(rated) + 1e-9


@given(values=figure_sets(), adjustment=st.floats(min_value=-200, max_value=200), veto=st.booleans())
def test_score_is_never_negative_and_a_veto_always_gives_the_lowest_grade(values, adjustment, veto):
	scheme = Scheme(
		weights=WEIGHTS, grades=GRADES, items=(Item("Overdue", "Penalty", Figure.OVERDUE, 1, 20),)
	)
	result = score(values, scheme, adjustments=[adjustment], manual_veto=veto)
	assert result.score >= 0
	if veto:
		assert result.vetoed and result.grade == "Fail"


@given(
	scores=st.lists(
		st.tuples(st.floats(min_value=0, max_value=120, allow_nan=False), st.booleans(), st.booleans()),
		max_size=15,
	),
	commend_n=st.integers(min_value=0, max_value=5),
	watch_n=st.integers(min_value=0, max_value=5),
	seed=st.randoms(use_true_random=False),
)
@settings(max_examples=200)
def test_ranking_properties(scores, commend_n, watch_n, seed):
	entries = [RankEntry(f"U{i}", s, vetoed, has_data) for i, (s, vetoed, has_data) in enumerate(scores)]
	ranks = rank(entries)
	shuffled = list(entries)
	seed.shuffle(shuffled)
	assert rank(shuffled) == ranks  # order of input does not matter
	for a in entries:
		for b in entries:
			if a.sort_key < b.sort_key:
				assert ranks[a.key] < ranks[b.key]
			elif a.sort_key == b.sort_key:
				assert ranks[a.key] == ranks[b.key]
	commend, watch = commend_and_watch(entries, commend_n, watch_n)
	assert not set(commend) & set(watch)
	assert all(not e.vetoed and e.has_data for e in entries if e.key in commend)
	assert {e.key for e in entries if e.vetoed} <= set(watch)
	rated = [e for e in entries if not e.vetoed and e.has_data]
	if commend_n and rated:
		best = min(rated, key=lambda e: e.sort_key)
		assert best.key in commend
	assert len(commend) >= min(commend_n, len(rated))


dates = st.dates(min_value=D(2025, 10, 1), max_value=D(2026, 9, 30))
optional_dates = st.none() | dates


@st.composite
def random_cases(draw):
	cases = []
	for i in range(draw(st.integers(min_value=0, max_value=12))):
		cases.append(
			CaseRow(
				f"C{i}",
				draw(st.sampled_from(["U", "V", None])),
				draw(optional_dates),
				draw(optional_dates),
				draw(optional_dates),
				draw(optional_dates),
				draw(optional_dates),
				draw(optional_dates),
				draw(st.sampled_from([None, "Satisfied", "Basically Satisfied", "Dissatisfied"])),
				draw(st.booleans()),
				tuple(draw(st.lists(dates, max_size=3))),
			)
		)
	return cases


@given(cases=random_cases(), window=st.integers(min_value=1, max_value=400), today=dates)
def test_counted_figures_always_give_valid_rates(cases, window, today):
	counted = count_figures("U", cases, [], [], START, END, as_of_date(END, today), window)
	values = rates(counted)  # never raises: every count is within its base
	assert all(v is None or 0 <= v <= 100 for v in values.values())
	assert counted[Figure.RECEIVED] >= max(
		counted[Figure.SETTLED], counted[Figure.DECIDED], counted[Figure.SURVEYED]
	)


def test_full_scheme_validation():
	assert SCHEME.validate() is SCHEME
	with pytest.raises(AppraisalError):
		Scheme(weights=WEIGHTS, grades=GRADES, window_days=0).validate()
	with pytest.raises(AppraisalError):
		Scheme(weights=WEIGHTS, grades=GRADES, commend_count=-1).validate()
