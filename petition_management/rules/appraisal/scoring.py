"""Rates and scores: the rates of a unit's figures and the score, veto and grade a scheme gives them.

Rates are percentages (0-100) of a count over its base; a rate whose base is 0 is ``None`` (no data),
never 0 or 100. The base score is the weighted mean of the rates that have data (the weights of the
others are left out); a unit with no rated figure gets ``FULL_MARKS``, ranks after the units that have
rated cases and is neither commended nor watched (unless vetoed). Bonus and penalty items add or
subtract points per case of their basis figure, up to their cap; manual adjustments add their points;
the final score is never below 0. A one-vote veto (a scheme condition met, or set by hand with a reason)
forces the lowest grade and puts the unit below every unit that is not vetoed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from petition_management.rules.appraisal.checks import AppraisalError, _count, _number
from petition_management.rules.appraisal.codes import FULL_MARKS, MANUAL, SCORE_DIGITS, Figure, Rate
from petition_management.rules.appraisal.scheme import Scheme, VetoCondition, grade_for, validate_weights


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
