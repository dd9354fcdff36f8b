"""The codes and constants of unit appraisal: the counted figures, the rates, the kinds of bonus and
penalty items, the periods, the veto operators, full marks and the rounding of scores.
"""

from __future__ import annotations

import math

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
# petitions are deliberately absent (see the docstring of reference.py).
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
