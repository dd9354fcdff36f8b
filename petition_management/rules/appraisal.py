"""Unit appraisal (绩效考评): the figures of a unit's work in a period, the score a scheme gives them, the
one-vote veto, grades, ranking and the lists of units to commend and to watch.

Standard library only. The site gathers the same figures with one grouped SQL query per figure
(petition_management/appraisal/figures.py); ``count_figures`` below is the reference definition that
those queries follow, and the bench tests check that both agree.

Definitions, for a unit U and a period from ``start`` to ``end`` (both included), looked at on
``as_of = min(end, the day of computation)``:

- **The period's cases of U**: cases whose lead unit is U and whose ``received_on`` falls in the period.
- **Cases Received** (``received``): the period's cases.
- **Acceptance Decisions** (``decided``): the period's cases with both ``decided_on`` and
  ``acceptance_due``. **Decided on Time** (``accepted_on_time``): of those, ``decided_on <= acceptance_due``.
- **Settled on** (a case's settlement day): ``replied_on``, or ``closed_on`` when there is no written reply.
- **Cases Due for Settlement** (``settle_due``): the period's cases with a ``handling_due`` that were
  settled by ``as_of`` or whose ``handling_due`` passed before ``as_of`` (a case still within its time
  limit on ``as_of`` is not judged yet). **Settled on Time** (``settled_on_time``): of those, settled on or
  before ``handling_due``.
- **Cases Settled** (``settled``): the period's cases settled by ``as_of``. **Resolved at the First
  Attempt** (``resolved_once``): of those, the cases with no repeat petition in the ``window_days`` after
  the settlement day (a repeat on a day ``d`` with ``settled_on < d <= settled_on + window_days``).
- **Return Visits with Satisfaction** (``surveyed``): the period's cases whose return visit recorded a
  satisfaction. **Satisfied** (``satisfied``): of those, "Satisfied" or "Basically Satisfied".
- **Overdue Cases** (``overdue``): the cases with a transfer to U (lead or co-handling, not Withdrawn)
  due in the period that U did not finish on time: its reply was accepted after the due date, or it
  was not accepted by ``as_of`` although the due date had passed. The transfer counts whatever day the
  case was received, and co-handling units answer for their own transfers.
- **Cases with Repeat Petitions** (``repeated``): cases led by U with at least one repeat petition dated
  in the period.
- **Cases with Supervision Orders** (``supervised``): cases for which a supervision order to U was
  issued in the period.
- **Cross-level Petitions** (``cross_level``): the period's cases marked as cross-level. Reported as a
  statistic only: it is neither a scoring basis nor a veto figure, so that no unit gains anything by
  keeping a petitioner from a higher level.

Every count is a number of distinct cases, so each one is exactly the list of cases behind it.

Rates are percentages (0-100) of a count over its base; a rate whose base is 0 is ``None`` (no data),
never 0 or 100. The base score is the weighted mean of the rates that have data (the weights of the
others are left out); a unit with no rated figure gets ``FULL_MARKS``, ranks after the units that have
rated cases and is neither commended nor watched (unless vetoed). Bonus and penalty items add or subtract points per case of their basis figure, up to their cap; manual
adjustments add their points; the final score is never below 0. A one-vote veto (a scheme condition
met, or set by hand with a reason) forces the lowest grade and puts the unit below every unit that is
not vetoed.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from petition_management.rules import RuleError

FULL_MARKS = 100.0
SCORE_DIGITS = 2
"""Scores are compared and stored rounded to this many decimals (ties are equal rounded scores)."""

SATISFIED_VALUES = frozenset({"Satisfied", "Basically Satisfied"})
MAX_WINDOW_DAYS = 3660


class Figure:
	"""Codes of the counted figures (also the field names on Petition Appraisal), with their labels."""

	RECEIVED = "received"
	DECIDED = "decided"
	ACCEPTED_ON_TIME = "accepted_on_time"
	SETTLE_DUE = "settle_due"
	SETTLED_ON_TIME = "settled_on_time"
	SETTLED = "settled"
	RESOLVED_ONCE = "resolved_once"
	SURVEYED = "surveyed"
	SATISFIED = "satisfied"
	OVERDUE = "overdue"
	REPEATED = "repeated"
	SUPERVISED = "supervised"
	CROSS_LEVEL = "cross_level"

	LABELS = {
		RECEIVED: "Cases Received",
		DECIDED: "Acceptance Decisions",
		ACCEPTED_ON_TIME: "Decided on Time",
		SETTLE_DUE: "Cases Due for Settlement",
		SETTLED_ON_TIME: "Settled on Time",
		SETTLED: "Cases Settled",
		RESOLVED_ONCE: "Resolved at the First Attempt",
		SURVEYED: "Return Visits with Satisfaction",
		SATISFIED: "Satisfied",
		OVERDUE: "Overdue Cases",
		REPEATED: "Cases with Repeat Petitions",
		SUPERVISED: "Cases with Supervision Orders",
		CROSS_LEVEL: "Cross-level Petitions",
	}
	ALL = tuple(LABELS)


class Rate:
	"""Codes of the rates (field names on Petition Appraisal), their labels and (count, base) figures."""

	ACCEPTED_ON_TIME = "accepted_on_time_rate"
	SETTLED_ON_TIME = "settled_on_time_rate"
	ONE_TIME_RESOLUTION = "one_time_resolution_rate"
	SATISFACTION = "satisfaction_rate"

	LABELS = {
		ACCEPTED_ON_TIME: "Accepted on Time %",
		SETTLED_ON_TIME: "Settled on Time %",
		ONE_TIME_RESOLUTION: "One-time Resolution %",
		SATISFACTION: "Satisfaction %",
	}
	PARTS = {
		ACCEPTED_ON_TIME: (Figure.ACCEPTED_ON_TIME, Figure.DECIDED),
		SETTLED_ON_TIME: (Figure.SETTLED_ON_TIME, Figure.SETTLE_DUE),
		ONE_TIME_RESOLUTION: (Figure.RESOLVED_ONCE, Figure.SETTLED),
		SATISFACTION: (Figure.SATISFIED, Figure.SURVEYED),
	}
	ALL = tuple(LABELS)


# Figures a bonus or penalty item may count, and figures a veto condition may test. Cross-level
# petitions are deliberately absent (see the module docstring).
ITEM_BASES = (Figure.OVERDUE, Figure.REPEATED, Figure.SUPERVISED)
VETO_FIGURES = (*Rate.ALL, Figure.OVERDUE, Figure.REPEATED, Figure.SUPERVISED)
MANUAL = "Manual"


class ItemType:
	BONUS = "Bonus"
	PENALTY = "Penalty"
	ALL = (BONUS, PENALTY)


class PeriodType:
	"""The appraisal periods; the values are the options of a Frappe Select field."""

	YEAR = "Year"
	HALF_YEAR = "Half-year"
	QUARTER = "Quarter"
	ALL = (YEAR, HALF_YEAR, QUARTER)
	PARTS = {YEAR: 1, HALF_YEAR: 2, QUARTER: 4}


OPERATORS = {
	">=": lambda value, threshold: value >= threshold,
	">": lambda value, threshold: value > threshold,
	"<=": lambda value, threshold: value <= threshold,
	"<": lambda value, threshold: value < threshold,
	"=": lambda value, threshold: math.isclose(value, threshold, abs_tol=1e-9),
}


class AppraisalError(RuleError):
	"""Bad figures or a bad appraisal scheme."""

	BAD_COUNT = "{0} must be a whole number of 0 or more, not {1}"
	COUNT_OVER_BASE = "{0} ({1}) cannot be more than {2} ({3})"
	BAD_NUMBER = "{0} must be a number, not {1}"
	NEGATIVE_NUMBER = "{0} must be 0 or more, not {1}"
	UNKNOWN_CODE = "{0} is not a known {1}"
	DUPLICATE_METRIC = "Metric {0} is listed more than once"
	NO_WEIGHT = "The metric weights must add up to more than 0"
	NO_GRADES = "Give at least one grade band"
	DUPLICATE_GRADE = "Grade {0} is listed more than once"
	SAME_MIN_SCORE = "Grades {0} and {1} have the same minimum score {2}"
	EMPTY_NAME = "Every {0} needs a name"
	BAD_YEAR = "Year must be a whole number from 2000 to 2100, not {0}"
	BAD_PERIOD_TYPE = 'Period must be "Year", "Half-year" or "Quarter", not {0}'
	BAD_PERIOD_NUMBER = "Period number of a {0} must be from 1 to {1}, not {2}"
	BAD_WINDOW = "One-time resolution window must be a whole number of days from 1 to {0}, not {1}"
	DATES_REVERSED = "The period cannot end ({0}) before it starts ({1})"


# --- checks ----------------------------------------------------------------------------------------


def _count(value: object, label: str) -> int:
	if isinstance(value, bool) or not isinstance(value, int) or value < 0:
		raise AppraisalError(AppraisalError.BAD_COUNT, label, repr(value))
	return value


def _number(value: object, label: str, minimum: float | None = None) -> float:
	if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
		raise AppraisalError(AppraisalError.BAD_NUMBER, label, repr(value))
	if minimum is not None and value < minimum:
		raise AppraisalError(AppraisalError.NEGATIVE_NUMBER, label, repr(value))
	return float(value)


def _known(code: str, allowed: Iterable[str], kind: str) -> str:
	if code not in allowed:
		raise AppraisalError(AppraisalError.UNKNOWN_CODE, repr(code), kind)
	return code


def validate_window_days(days: object) -> int:
	if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_WINDOW_DAYS:
		raise AppraisalError(AppraisalError.BAD_WINDOW, MAX_WINDOW_DAYS, repr(days))
	return days


# --- periods ---------------------------------------------------------------------------------------


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


# --- the definitions, one case or transfer at a time ----------------------------------------------


def is_decided_on_time(decided_on: date | None, acceptance_due: date | None) -> bool | None:
	"""None when the case has no decision or no acceptance due date (it is not counted)."""
	if decided_on is None or acceptance_due is None:
		return None
	return decided_on <= acceptance_due


def settled_on(replied_on: date | None, closed_on: date | None) -> date | None:
	"""The written reply's day, or the closing day when there is no written reply."""
	return replied_on or closed_on


def is_due_for_settlement(settled: date | None, handling_due: date | None, as_of: date) -> bool:
	"""Settled by ``as_of``, or past its handling due date on ``as_of``."""
	if handling_due is None:
		return False
	return (settled is not None and settled <= as_of) or handling_due < as_of


def is_settled_on_time(settled: date | None, handling_due: date | None) -> bool:
	return settled is not None and handling_due is not None and settled <= handling_due


def is_resolved_once(settled: date, repeat_dates: Iterable[date], window_days: int) -> bool:
	"""No repeat petition in the ``window_days`` after the settlement day."""
	last = settled + timedelta(days=window_days)
	return not any(settled < day <= last for day in repeat_dates)


def is_satisfied(satisfaction: str | None) -> bool:
	return satisfaction in SATISFIED_VALUES


def is_transfer_overdue(due_date: date, finished_on: date | None, as_of: date) -> bool:
	"""A transfer is overdue when it was finished (reply accepted) after its due date, or was not
	finished by ``as_of`` although its due date had passed."""
	looked_at = as_of if finished_on is None else min(finished_on, as_of)
	return due_date < looked_at


# --- the reference count ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseRow:
	name: str
	lead_unit: str | None
	received_on: date | None
	acceptance_due: date | None = None
	decided_on: date | None = None
	handling_due: date | None = None
	replied_on: date | None = None
	closed_on: date | None = None
	satisfaction: str | None = None
	cross_level: bool = False
	repeat_dates: tuple[date, ...] = ()


@dataclass(frozen=True)
class TransferRow:
	petition_case: str
	unit: str
	due_date: date | None
	finished_on: date | None = None
	"""The day the office accepted the unit's reply (None while not accepted)."""
	withdrawn: bool = False


@dataclass(frozen=True)
class SupervisionRow:
	petition_case: str
	unit: str
	ordered_on: date | None


def case_sets(
	unit: str,
	cases: Iterable[CaseRow],
	transfers: Iterable[TransferRow],
	supervisions: Iterable[SupervisionRow],
	start: date,
	end: date,
	as_of: date,
	window_days: int,
) -> dict[str, set[str]]:
	"""The names of the cases behind every figure of ``unit`` (see the module docstring)."""
	if end < start:
		raise AppraisalError(AppraisalError.DATES_REVERSED, end.isoformat(), start.isoformat())
	validate_window_days(window_days)
	sets: dict[str, set[str]] = {code: set() for code in Figure.ALL}
	for case in cases:
		if case.lead_unit != unit:
			continue
		if any(start <= day <= end for day in case.repeat_dates):
			sets[Figure.REPEATED].add(case.name)
		if case.received_on is None or not start <= case.received_on <= end:
			continue
		sets[Figure.RECEIVED].add(case.name)
		on_time = is_decided_on_time(case.decided_on, case.acceptance_due)
		if on_time is not None:
			sets[Figure.DECIDED].add(case.name)
			if on_time:
				sets[Figure.ACCEPTED_ON_TIME].add(case.name)
		settled = settled_on(case.replied_on, case.closed_on)
		if is_due_for_settlement(settled, case.handling_due, as_of):
			sets[Figure.SETTLE_DUE].add(case.name)
			if is_settled_on_time(settled, case.handling_due):
				sets[Figure.SETTLED_ON_TIME].add(case.name)
		if settled is not None and settled <= as_of:
			sets[Figure.SETTLED].add(case.name)
			if is_resolved_once(settled, case.repeat_dates, window_days):
				sets[Figure.RESOLVED_ONCE].add(case.name)
		if case.satisfaction:
			sets[Figure.SURVEYED].add(case.name)
			if is_satisfied(case.satisfaction):
				sets[Figure.SATISFIED].add(case.name)
		if case.cross_level:
			sets[Figure.CROSS_LEVEL].add(case.name)
	for transfer in transfers:
		if (
			transfer.unit == unit
			and not transfer.withdrawn
			and transfer.due_date is not None
			and start <= transfer.due_date <= end
			and is_transfer_overdue(transfer.due_date, transfer.finished_on, as_of)
		):
			sets[Figure.OVERDUE].add(transfer.petition_case)
	for order in supervisions:
		if order.unit == unit and order.ordered_on is not None and start <= order.ordered_on <= end:
			sets[Figure.SUPERVISED].add(order.petition_case)
	return sets


def count_figures(*args, **kwargs) -> dict[str, int]:
	"""The figures of a unit: ``len`` of each of ``case_sets(...)``."""
	return {code: len(names) for code, names in case_sets(*args, **kwargs).items()}


# --- rates and scores ------------------------------------------------------------------------------


def percentage(count: int, base: int, count_label: str = "Count", base_label: str = "Base") -> float | None:
	"""``count`` as a percentage of ``base``; None when ``base`` is 0 (no data)."""
	_count(count, count_label)
	_count(base, base_label)
	if count > base:
		raise AppraisalError(AppraisalError.COUNT_OVER_BASE, count_label, count, base_label, base)
	if base == 0:
		return None
	return 100.0 * count / base


def rates(figures: Mapping[str, int]) -> dict[str, float | None]:
	"""Every rate of ``Rate.ALL`` from the counted figures."""
	result = {}
	for rate, (count, base) in Rate.PARTS.items():
		result[rate] = percentage(
			figures.get(count, 0), figures.get(base, 0), Figure.LABELS[count], Figure.LABELS[base]
		)
	return result


def validate_weights(weights: Mapping[str, float]) -> dict[str, float]:
	clean = {}
	for rate, weight in weights.items():
		_known(rate, Rate.ALL, "metric")
		clean[rate] = _number(weight, Rate.LABELS[rate], minimum=0)
	if sum(clean.values()) <= 0:
		raise AppraisalError(AppraisalError.NO_WEIGHT)
	return clean


def weighted_score(rate_values: Mapping[str, float | None], weights: Mapping[str, float]) -> float | None:
	"""The weighted mean of the rates that have data; None when no weighted rate has data."""
	weights = validate_weights(weights)
	rated = {
		rate: weight for rate, weight in weights.items() if weight > 0 and rate_values.get(rate) is not None
	}
	total = sum(rated.values())
	if not total:
		return None
	return sum(rate_values[rate] * weight for rate, weight in rated.items()) / total


@dataclass(frozen=True)
class Item:
	"""A bonus or penalty: ``points`` per case of its ``basis`` figure, at most ``max_points`` in all (0:
	no cap). A Manual item is only a suggestion for the adjustments entered by hand."""

	name: str
	item_type: str
	basis: str
	points: float
	max_points: float = 0

	def __post_init__(self):
		if not (self.name or "").strip():
			raise AppraisalError(AppraisalError.EMPTY_NAME, "bonus or penalty item")
		_known(self.item_type, ItemType.ALL, "item type")
		_known(self.basis, (*ITEM_BASES, MANUAL), "basis")
		_number(self.points, self.name, minimum=0)
		_number(self.max_points, self.name, minimum=0)

	@property
	def sign(self) -> int:
		return 1 if self.item_type == ItemType.BONUS else -1

	def points_for(self, figures: Mapping[str, int]) -> float:
		if self.basis == MANUAL:
			return 0.0
		points = self.points * _count(figures.get(self.basis, 0), Figure.LABELS[self.basis])
		if self.max_points:
			points = min(points, self.max_points)
		return self.sign * points


@dataclass(frozen=True)
class VetoCondition:
	"""A one-vote veto: met when the figure compares to the threshold with the operator. A rate with no
	data never meets a condition."""

	figure: str
	operator: str
	threshold: float
	description: str = ""

	def __post_init__(self):
		_known(self.figure, VETO_FIGURES, "veto figure")
		_known(self.operator, OPERATORS, "operator")
		_number(self.threshold, "Threshold")

	def is_met(self, values: Mapping[str, float | int | None]) -> bool:
		value = values.get(self.figure)
		return value is not None and OPERATORS[self.operator](value, self.threshold)


@dataclass(frozen=True)
class GradeBand:
	grade: str
	min_score: float


def validate_grades(bands: Sequence[GradeBand]) -> list[GradeBand]:
	"""The bands, highest minimum first; names and minimum scores must be unique."""
	if not bands:
		raise AppraisalError(AppraisalError.NO_GRADES)
	seen_names: set[str] = set()
	by_min: dict[float, str] = {}
	for band in bands:
		if not (band.grade or "").strip():
			raise AppraisalError(AppraisalError.EMPTY_NAME, "grade")
		if band.grade in seen_names:
			raise AppraisalError(AppraisalError.DUPLICATE_GRADE, band.grade)
		seen_names.add(band.grade)
		minimum = _number(band.min_score, band.grade)
		if minimum in by_min:
			raise AppraisalError(AppraisalError.SAME_MIN_SCORE, by_min[minimum], band.grade, band.min_score)
		by_min[minimum] = band.grade
	return sorted(bands, key=lambda band: band.min_score, reverse=True)


def lowest_grade(bands: Sequence[GradeBand]) -> str:
	return validate_grades(bands)[-1].grade


def grade_for(score: float, bands: Sequence[GradeBand], vetoed: bool = False) -> str:
	"""The band of the highest minimum the score reaches; the lowest band when vetoed or below all."""
	ordered = validate_grades(bands)
	if vetoed:
		return ordered[-1].grade
	return next((band.grade for band in ordered if score >= band.min_score), ordered[-1].grade)


@dataclass(frozen=True)
class Scheme:
	weights: Mapping[str, float]
	grades: Sequence[GradeBand]
	items: Sequence[Item] = ()
	vetoes: Sequence[VetoCondition] = ()
	window_days: int = 90
	commend_count: int = 3
	watch_count: int = 3

	def validate(self) -> Scheme:
		validate_weights(self.weights)
		validate_grades(self.grades)
		validate_window_days(self.window_days)
		_count(self.commend_count, "Units to Commend")
		_count(self.watch_count, "Units to Watch")
		return self


def metric_weights(rows: Iterable[tuple[str, float]]) -> dict[str, float]:
	"""Weights from (metric, weight) rows, refusing a metric listed twice."""
	weights: dict[str, float] = {}
	for rate, weight in rows:
		_known(rate, Rate.ALL, "metric")
		if rate in weights:
			raise AppraisalError(AppraisalError.DUPLICATE_METRIC, Rate.LABELS[rate])
		weights[rate] = weight
	return validate_weights(weights)


@dataclass(frozen=True)
class ScoreLine:
	kind: str
	""""Metric", "Bonus", "Penalty" or "Adjustment"."""
	code: str
	value: float | None
	weight: float
	points: float


@dataclass(frozen=True)
class ScoreResult:
	rates: dict[str, float | None]
	has_data: bool
	base_score: float
	items_points: float
	adjustment_points: float
	score: float
	vetoed: bool
	vetoes_met: tuple[VetoCondition, ...]
	grade: str
	lines: tuple[ScoreLine, ...] = field(default=())


def score(
	figures: Mapping[str, int],
	scheme: Scheme,
	adjustments: Iterable[float] = (),
	manual_veto: bool = False,
) -> ScoreResult:
	"""Score one unit's figures with the scheme (see the module docstring)."""
	scheme.validate()
	for code in Figure.ALL:
		_count(figures.get(code, 0), Figure.LABELS[code])
	rate_values = rates(figures)
	base = weighted_score(rate_values, scheme.weights)
	has_data = base is not None
	base = FULL_MARKS if base is None else base
	rated_weight = sum(w for r, w in scheme.weights.items() if w > 0 and rate_values[r] is not None)
	lines = [
		ScoreLine(
			"Metric",
			rate,
			rate_values[rate],
			float(weight),
			0.0
			if rate_values[rate] is None or not rated_weight
			else rate_values[rate] * weight / rated_weight,
		)
		for rate, weight in scheme.weights.items()
	]
	items_points = 0.0
	for item in scheme.items:
		points = item.points_for(figures)
		if item.basis != MANUAL:
			lines.append(ScoreLine(item.item_type, item.name, float(figures.get(item.basis, 0)), 0.0, points))
			items_points += points
	adjustment_points = 0.0
	for points in adjustments:
		adjustment_points += _number(points, "Adjustment")
	values = {**rate_values, **{code: figures.get(code, 0) for code in Figure.ALL}}
	vetoes_met = tuple(condition for condition in scheme.vetoes if condition.is_met(values))
	vetoed = bool(manual_veto or vetoes_met)
	final = max(0.0, round(base + items_points + adjustment_points, SCORE_DIGITS))
	return ScoreResult(
		rates=rate_values,
		has_data=has_data,
		base_score=round(base, SCORE_DIGITS),
		items_points=round(items_points, SCORE_DIGITS),
		adjustment_points=round(adjustment_points, SCORE_DIGITS),
		score=final,
		vetoed=vetoed,
		vetoes_met=vetoes_met,
		grade=grade_for(final, scheme.grades, vetoed),
		lines=tuple(lines),
	)


# --- ranking ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RankEntry:
	key: str
	score: float
	vetoed: bool = False
	has_data: bool = True

	@property
	def sort_key(self) -> tuple[bool, bool, float]:
		"""Smaller is better: not vetoed before vetoed, units with rated cases before units without, then
		the higher rounded score."""
		return (self.vetoed, not self.has_data, -round(self.score, SCORE_DIGITS))


def rank(entries: Sequence[RankEntry]) -> dict[str, int]:
	"""Competition ranking ("1224"): equal rounded scores share a rank, the next rank skips; every vetoed
	unit ranks below every unit that is not vetoed, and a unit without rated cases (full marks by
	default) below every unit with them."""
	keys = sorted(entry.sort_key for entry in entries)
	return {entry.key: 1 + bisect_left(keys, entry.sort_key) for entry in entries}


def commend_and_watch(
	entries: Sequence[RankEntry], commend_count: int, watch_count: int
) -> tuple[list, list]:
	"""The units to commend and the units to watch, best first.

	Commend: the top ``commend_count`` of the units that are not vetoed and have data (all units tied at
	the boundary are included). Watch: every vetoed unit, and the bottom ``watch_count`` of the units
	that are not vetoed and have data (ties at the boundary included), unless already commended."""
	_count(commend_count, "Units to Commend")
	_count(watch_count, "Units to Watch")
	rated = [entry for entry in entries if not entry.vetoed and entry.has_data]
	scores = sorted(round(entry.score, SCORE_DIGITS) for entry in rated)
	commend, watch = [], []
	for entry in rated:
		mine = round(entry.score, SCORE_DIGITS)
		better = len(scores) - bisect_right(scores, mine)
		worse = bisect_left(scores, mine)
		if better < commend_count:
			commend.append(entry.key)
		elif worse < watch_count:
			watch.append(entry.key)
	watch.extend(entry.key for entry in entries if entry.vetoed)
	order = rank(entries)
	return sorted(commend, key=order.get), sorted(watch, key=order.get)
