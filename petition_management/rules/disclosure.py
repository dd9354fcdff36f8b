"""Which figures of a public statistics table may be shown without singling anyone out (pure).

The base cells are one month's cases of one measure (received, closed, settled with a deadline),
crossed by category and unit: ``{(category, unit): count}``. Two tables (by category, by unit) and
the month's total are published from them, so hiding a small cell is not enough: the total minus
the visible rows of either table would give the hidden cell back, and the two tables share that
total. So a month's figures are counted over one set of *countable* cases, the same for every table:

- ``countable`` drops every case whose category or unit has fewer than ``threshold`` cases, and
  repeats until no category and no unit left has fewer (dropping cases of a small unit can make a
  category small). Every published count is then 0 or at least the threshold; the month's total,
  the category rows and the unit rows all add up to the same number of countable cases, so a total
  minus the visible rows is 0, never a hidden cell.
- A row that had cases but none countable is shown as hidden ("<5"); it is never listed among the
  figures by its true size.
- An on-time rate is shown only when its countable settled cases, its on-time ones and its late
  ones are each 0 or at least the threshold: a rate of 4 out of 5 would give away the one late case.
- Longer periods (the last twelve months) are sums of the months' published figures only
  (``Figures.__add__``): a month's hidden cell is never in a longer period's figure, so the twelve
  months minus the visible months is not a hidden month either.

Crossings of category and unit are not published; from margins that are all 0 or at least the
threshold, a crossing is only ever pinned down to a value of at least the threshold.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field

from petition_management.rules import RuleError

Key = tuple[Hashable, ...]
DIMENSIONS = ("category", "unit")


def validate_threshold(threshold: object) -> int:
	"""The threshold as an int; a whole number of at least 1, or a RuleError."""
	if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < 1:
		raise RuleError("The threshold must be a whole number of at least 1, not {0}.", threshold)
	return threshold


def is_small(count: int, threshold: int) -> bool:
	"""A count that would single people out: at least one case and fewer than the threshold."""
	return 0 < count < threshold


def margins(cells: Mapping[Key, int], dimension: int | None) -> dict[Hashable, int]:
	"""Counts by the key's `dimension` (its position); None gives the total under the key ()."""
	totals: dict[Hashable, int] = {}
	for key, count in cells.items():
		group = () if dimension is None else key[dimension]
		totals[group] = totals.get(group, 0) + count
	return totals


def countable(cells: Mapping[Key, int], threshold: int) -> dict[Key, int]:
	"""The crossings whose cases may be counted: no group of any dimension keeps a small count."""
	threshold = validate_threshold(threshold)
	kept = {key: count for key, count in cells.items() if count > 0}
	dimensions = range(len(next(iter(kept))) if kept else 0)
	while True:
		small = set()
		for dimension in dimensions:
			by_group = margins(kept, dimension)
			small |= {key for key in kept if is_small(by_group[key[dimension]], threshold)}
		if not small:
			return kept
		for key in small:
			del kept[key]


@dataclass(frozen=True)
class Count:
	"""A published count: `shown` countable cases; `present` when the true count was not 0."""

	shown: int = 0
	present: bool = False

	def __add__(self, other: Count) -> Count:
		return Count(self.shown + other.shown, self.present or other.present)

	@property
	def hidden(self) -> bool:
		return self.present and not self.shown


@dataclass(frozen=True)
class Rate:
	"""A published on-time rate: the on-time and settled counts of the cells it may be shown for."""

	on_time: int = 0
	settled: int = 0
	present: bool = False

	def __add__(self, other: Rate) -> Rate:
		return Rate(self.on_time + other.on_time, self.settled + other.settled, self.present or other.present)

	@property
	def hidden(self) -> bool:
		return self.present and not self.settled

	@property
	def percent(self) -> float | None:
		return round(100.0 * self.on_time / self.settled, 1) if self.settled else None


@dataclass(frozen=True)
class Row:
	"""One row of a table: received, closed and the on-time rate."""

	received: Count = Count()
	closed: Count = Count()
	rate: Rate = Rate()

	def __add__(self, other: Row) -> Row:
		return Row(self.received + other.received, self.closed + other.closed, self.rate + other.rate)


@dataclass(frozen=True)
class Figures:
	"""What may be published of one period: the total row and the rows by category and by unit."""

	total: Row = Row()
	by_dimension: dict[str, dict[Hashable, Row]] = field(default_factory=dict)

	def rows(self, dimension: str) -> dict[Hashable, Row]:
		return self.by_dimension.get(dimension, {})

	def __add__(self, other: Figures) -> Figures:
		by_dimension = {}
		for dimension in set(self.by_dimension) | set(other.by_dimension):
			mine, theirs = self.rows(dimension), other.rows(dimension)
			by_dimension[dimension] = {
				group: mine.get(group, Row()) + theirs.get(group, Row()) for group in set(mine) | set(theirs)
			}
		return Figures(self.total + other.total, by_dimension)


def published_counts(cells: Mapping[Key, int], threshold: int) -> dict:
	"""{dimension: {group: Count}} with the total under (None, ()) from one measure's crossings."""
	kept = countable(cells, threshold)
	counts = {}
	for index, dimension in ((None, None), *enumerate(DIMENSIONS)):
		true, shown = margins(cells, index), margins(kept, index)
		counts[dimension] = {
			group: Count(shown.get(group, 0), True) for group, count in true.items() if count > 0
		}
	return counts


def published_rates(settled: Mapping[Key, int], on_time: Mapping[Key, int], threshold: int) -> dict:
	"""{dimension: {group: Rate}} with the total under (None, ()): settled cases with a deadline and
	those settled on time, by crossing."""
	kept = countable(settled, threshold)
	kept_on_time = {key: min(on_time.get(key, 0), count) for key, count in kept.items()}
	rates = {}
	for index, dimension in ((None, None), *enumerate(DIMENSIONS)):
		true, shown, shown_on_time = (
			margins(settled, index),
			margins(kept, index),
			margins(kept_on_time, index),
		)
		rates[dimension] = {}
		for group, count in true.items():
			if count <= 0:
				continue
			settled_count, on_time_count = shown.get(group, 0), shown_on_time.get(group, 0)
			late = settled_count - on_time_count
			if is_small(on_time_count, threshold) or is_small(late, threshold):
				settled_count = on_time_count = 0
			rates[dimension][group] = Rate(on_time_count, settled_count, True)
	return rates


def month_figures(
	received: Mapping[Key, int],
	closed: Mapping[Key, int],
	settled: Mapping[Key, int],
	on_time: Mapping[Key, int],
	threshold: int,
) -> Figures:
	"""The publishable figures of one month from its crossings (category, unit) of each measure."""
	received_counts = published_counts(received, threshold)
	closed_counts = published_counts(closed, threshold)
	rates = published_rates(settled, on_time, threshold)

	def row(dimension, group) -> Row:
		return Row(
			received_counts[dimension].get(group, Count()),
			closed_counts[dimension].get(group, Count()),
			rates[dimension].get(group, Rate()),
		)

	by_dimension = {}
	for dimension in DIMENSIONS:
		groups = set(received_counts[dimension]) | set(closed_counts[dimension]) | set(rates[dimension])
		by_dimension[dimension] = {group: row(dimension, group) for group in groups}
	return Figures(row(None, ()), by_dimension)
