"""Ranking the units of an appraisal run, and the units to commend and to watch."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from petition_management.rules.appraisal.checks import _count
from petition_management.rules.appraisal.codes import SCORE_DIGITS


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
