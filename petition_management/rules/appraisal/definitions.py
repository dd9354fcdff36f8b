"""The definitions of the figures, one case or transfer at a time (the docstring of reference.py gives
them in full).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from petition_management.rules.appraisal.codes import SATISFIED_VALUES


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
