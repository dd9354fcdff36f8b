"""An appraisal scheme and its parts: the metric weights, the bonus and penalty items, the one-vote veto
conditions and the grade bands.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from petition_management.rules.appraisal.checks import (
	AppraisalError,
	_count,
	_known,
	_number,
	validate_window_days,
)
from petition_management.rules.appraisal.codes import (
	ITEM_BASES,
	MANUAL,
	OPERATORS,
	VETO_FIGURES,
	Figure,
	ItemType,
	Rate,
)


def validate_weights(weights: Mapping[str, float]) -> dict[str, float]:
	clean = {}
	for rate, weight in weights.items():
		_known(rate, Rate.ALL, "metric")
		clean[rate] = _number(weight, Rate.LABELS[rate], minimum=0)
	if sum(clean.values()) <= 0:
		raise AppraisalError(AppraisalError.NO_WEIGHT)
	return clean


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
