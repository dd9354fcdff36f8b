"""The reference count: the cases behind every figure of a unit in a period.

The site gathers the same figures with one grouped SQL query per figure
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
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from petition_management.rules.appraisal.checks import AppraisalError, validate_window_days
from petition_management.rules.appraisal.codes import Figure
from petition_management.rules.appraisal.definitions import (
	is_decided_on_time,
	is_due_for_settlement,
	is_resolved_once,
	is_satisfied,
	is_settled_on_time,
	is_transfer_overdue,
	settled_on,
)


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
