"""``AppraisalError`` and the checks of the appraisal's input: counts, numbers, codes and the one-time
resolution window.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from petition_management.rules import RuleError
from petition_management.rules.appraisal.codes import MAX_WINDOW_DAYS


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
