"""The dates of a petition case's life, checked against each other and against today.

A case is received, decided (accepted or not), replied to, its reply delivered, closed and archived, in
that order; a later step is never dated before an earlier one, and nothing is dated after today. The
delivery date matters most: the petitioner's review window (30 days) runs from it, so a delivery dated
before the reply or in the future would shorten or stretch the window.

Only pairs in which a date changed are reported (`changed`), so an edit is never refused for an old
inconsistency it did not touch. Pure: no Frappe import.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

CASE_ORDER = (
	"received_on",
	"decided_on",
	"accepted_on",
	"replied_on",
	"delivered_on",
	"closed_on",
	"archived_on",
)


@dataclass(frozen=True)
class DateProblem:
	"""`field` is dated after today (`earlier` None), or before the `earlier` step's date."""

	field: str
	earlier: str | None = None


def date_problems(
	dates: Mapping[str, date | None],
	today: date,
	changed: Iterable[str] | None = None,
	order: tuple[str, ...] = CASE_ORDER,
) -> list[DateProblem]:
	"""What is wrong with the `order`ed dates (None = not reached); all of them when `changed` is None."""
	touched = set(order if changed is None else changed)
	problems = []
	for index, field in enumerate(order):
		value = dates.get(field)
		if value is None:
			continue
		if field in touched and value > today:
			problems.append(DateProblem(field))
		for earlier in reversed(order[:index]):
			before = dates.get(earlier)
			if before is None:
				continue
			if value < before and touched & {field, earlier}:
				problems.append(DateProblem(field, earlier))
			break  # the nearest reached step stands for all earlier ones
	return problems
