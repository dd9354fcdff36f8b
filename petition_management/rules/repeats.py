"""Find earlier cases that a new petition repeats.

A repeat petition is one by the same person (same ID number or phone) on the same
matter (same category, or similar content). It is noted on and linked to the
original case rather than opened as a new one.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from petition_management.rules import RuleError
from petition_management.rules.resident_id import normalize_phone

MIDDLE_DOTS = frozenset("·•・‧⋅∙")

WEIGHT_ID_NUMBER = 0.35
WEIGHT_PHONE = 0.15
WEIGHT_CATEGORY = 0.20
WEIGHT_SIMILARITY = 0.30


class Reason:
	"""Stable codes explaining a match."""

	SAME_ID_NUMBER = "same_id_number"
	SAME_PHONE = "same_phone"
	SAME_CATEGORY = "same_category"
	SIMILAR_CONTENT = "similar_content"
	OPEN_CASE = "open_case"
	FINAL_MATTER = "final_matter"


class RepeatMatchError(RuleError):
	"""Bad settings for repeat matching."""

	BAD_THRESHOLD = "Similarity threshold must be a number from 0 to 1, not {0}"
	BAD_LIMIT = "Number of matches must be a whole number of 0 or more, not {0}"


def _frozen(values: Iterable[str] | None) -> frozenset[str]:
	"""A frozenset of the non-empty strings in ``values`` (a single string counts as one)."""
	if values is None:
		return frozenset()
	if isinstance(values, str):
		values = (values,)
	return frozenset(value for value in values if value)


@dataclass(frozen=True)
class Incoming:
	"""The new petition being registered."""

	id_numbers: frozenset[str]
	phones: frozenset[str]
	category: str | None
	content: str
	received_on: date

	def __post_init__(self) -> None:
		object.__setattr__(self, "id_numbers", _frozen(self.id_numbers))
		object.__setattr__(self, "phones", _frozen(self.phones))


@dataclass(frozen=True)
class Candidate:
	"""An earlier case that the new petition may repeat."""

	case_name: str
	id_numbers: frozenset[str]
	phones: frozenset[str]
	category: str | None
	content: str
	received_on: date
	is_open: bool
	is_final: bool

	def __post_init__(self) -> None:
		object.__setattr__(self, "id_numbers", _frozen(self.id_numbers))
		object.__setattr__(self, "phones", _frozen(self.phones))


@dataclass(frozen=True)
class Match:
	"""A candidate judged to be the same matter, with its score and reason codes."""

	case_name: str
	same_person: bool
	same_category: bool
	similarity: float
	score: float
	reasons: tuple[str, ...]


def normalize_name(s: str | None) -> str:
	"""NFKC, no whitespace or middle dots (as in 阿依古丽·买买提), case-folded."""
	if not s:
		return ""
	text = unicodedata.normalize("NFKC", s).strip()
	return "".join(ch for ch in text if not ch.isspace() and ch not in MIDDLE_DOTS).casefold()


def _comparable_text(s: str | None) -> str:
	"""NFKC, case-folded, without whitespace, punctuation or control characters."""
	if not s:
		return ""
	text = unicodedata.normalize("NFKC", s).casefold()
	return "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch)[0] not in "PZC")


def _bigrams(text: str) -> Counter[str]:
	"""Character bigrams; a one-character text is its own single token."""
	if len(text) < 2:
		return Counter([text])
	return Counter(text[i : i + 2] for i in range(len(text) - 1))


def text_similarity(a: str | None, b: str | None) -> float:
	"""Dice coefficient of character bigrams, from 0.0 to 1.0.

	Whitespace and punctuation are ignored, so it works for Chinese without word
	segmentation. Identical non-blank texts give 1.0; a blank text gives 0.0.
	"""
	left, right = _comparable_text(a), _comparable_text(b)
	if not left or not right:
		return 0.0
	if left == right:
		return 1.0
	left_grams, right_grams = _bigrams(left), _bigrams(right)
	shared = sum((left_grams & right_grams).values())
	return 2 * shared / (left_grams.total() + right_grams.total())


def _normalize_id_number(value: str) -> str:
	return "".join(unicodedata.normalize("NFKC", value).split()).upper()


def _normalized(values: frozenset[str], normalize) -> frozenset[str]:
	return frozenset(n for n in (normalize(v) for v in values) if n)


def _same_category(a: str | None, b: str | None) -> bool:
	left, right = (a or "").strip(), (b or "").strip()
	return bool(left) and left == right


def _check_threshold(value: float) -> float:
	if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
		raise RepeatMatchError(RepeatMatchError.BAD_THRESHOLD, repr(value))
	return value


def score_candidate(
	incoming: Incoming, candidate: Candidate, *, similarity_threshold: float = 0.5
) -> Match | None:
	"""A Match when the candidate is the same person on the same matter, else None.

	Same person: a shared ID number or phone (after normalization). Same matter: the
	same category, or content similarity at or above ``similarity_threshold``.
	Score = 0.35 (same ID number) + 0.15 (same phone) + 0.20 (same category)
	+ 0.30 x similarity, rounded to 4 places; it lies in [0, 1].
	"""
	threshold = _check_threshold(similarity_threshold)
	same_id = bool(
		_normalized(incoming.id_numbers, _normalize_id_number)
		& _normalized(candidate.id_numbers, _normalize_id_number)
	)
	same_phone = bool(
		_normalized(incoming.phones, normalize_phone) & _normalized(candidate.phones, normalize_phone)
	)
	same_category = _same_category(incoming.category, candidate.category)
	similarity = text_similarity(incoming.content, candidate.content)
	similar = similarity >= threshold
	if not (same_id or same_phone) or not (same_category or similar):
		return None
	flags = (
		(same_id, Reason.SAME_ID_NUMBER),
		(same_phone, Reason.SAME_PHONE),
		(same_category, Reason.SAME_CATEGORY),
		(similar, Reason.SIMILAR_CONTENT),
		(candidate.is_open, Reason.OPEN_CASE),
		(candidate.is_final, Reason.FINAL_MATTER),
	)
	score = (
		WEIGHT_ID_NUMBER * same_id
		+ WEIGHT_PHONE * same_phone
		+ WEIGHT_CATEGORY * same_category
		+ WEIGHT_SIMILARITY * similarity
	)
	return Match(
		case_name=candidate.case_name,
		same_person=True,
		same_category=same_category,
		similarity=similarity,
		score=min(1.0, round(score, 4)),
		reasons=tuple(code for flag, code in flags if flag),
	)


def rank_candidates(
	incoming: Incoming,
	candidates: Iterable[Candidate],
	*,
	limit: int = 5,
	similarity_threshold: float = 0.5,
) -> list[Match]:
	"""The matching candidates, best score first, ties by case name; at most ``limit``."""
	if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
		raise RepeatMatchError(RepeatMatchError.BAD_LIMIT, repr(limit))
	_check_threshold(similarity_threshold)
	matches = [
		match
		for match in (
			score_candidate(incoming, candidate, similarity_threshold=similarity_threshold)
			for candidate in candidates
		)
		if match is not None
	]
	matches.sort(key=lambda match: (-match.score, match.case_name))
	return matches[:limit]
