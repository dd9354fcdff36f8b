"""Tests for repeat-petition matching."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from petition_management.rules.repeats import (
	Candidate,
	Incoming,
	Match,
	Reason,
	RepeatMatchError,
	normalize_name,
	rank_candidates,
	score_candidate,
	text_similarity,
)

ID_NUMBER = "11010519491231002X"
PHONE = "13800138000"
CONTENT = "小区门口道路长期积水，雨天无法通行，请求尽快修缮排水设施。"


def _incoming(**changes):
	fields = {
		"id_numbers": {ID_NUMBER},
		"phones": {PHONE},
		"category": "Urban Construction",
		"content": CONTENT,
		"received_on": date(2025, 6, 1),
	}
	fields.update(changes)
	return Incoming(**fields)


def _candidate(case_name, **changes):
	fields = {
		"case_name": case_name,
		"id_numbers": frozenset(),
		"phones": frozenset(),
		"category": None,
		"content": "",
		"received_on": date(2025, 5, 1),
		"is_open": True,
		"is_final": False,
	}
	fields.update(changes)
	return Candidate(**fields)


# --- normalize_name -------------------------------------------------------------------------------


@pytest.mark.parametrize(
	("raw", "normalized"),
	[
		(" 张 三 ", "张三"),
		("阿依古丽·买买提", "阿依古丽买买提"),
		("阿依古丽•买买提", "阿依古丽买买提"),
		("阿依古丽・买买提", "阿依古丽买买提"),
		("阿依古丽･买买提", "阿依古丽买买提"),
		("Zhang\u3000San", "zhangsan"),
		("ＺＨＡＮＧ San", "zhangsan"),
		("Straße", "strasse"),
		("", ""),
		(None, ""),
	],
)
def test_normalize_name(raw, normalized):
	assert normalize_name(raw) == normalized


# --- text_similarity ------------------------------------------------------------------------------


def test_identical_texts_are_fully_similar():
	assert text_similarity(CONTENT, CONTENT) == 1.0
	assert text_similarity("房", "房") == 1.0


def test_punctuation_whitespace_and_width_are_ignored():
	assert text_similarity("请求修缮道路，谢谢！", "请求 修缮道路。谢谢") == 1.0
	assert text_similarity("【投诉】噪音扰民（夜间）", "投诉噪音扰民夜间") == 1.0
	assert text_similarity("Road   flooding!", "ROAD FLOODING") == 1.0
	assert text_similarity("ＡＢＣ，", "abc") == 1.0


def test_chinese_similarity_examples():
	repeated = "小区门口道路积水严重，下雨天无法通行，请求修缮排水设施"
	unrelated = "对征地补偿标准有异议，要求重新核定补偿款"
	assert text_similarity(CONTENT, repeated) > 0.6
	assert text_similarity(CONTENT, unrelated) < 0.1
	assert text_similarity(CONTENT, repeated) > text_similarity(CONTENT, unrelated)


def test_english_similarity_examples():
	a = "The road outside the estate floods whenever it rains"
	b = "Road outside our estate floods when it rains"
	c = "Objection to the land compensation standard"
	assert text_similarity(a, b) > 0.7
	assert text_similarity(a, c) < 0.3


def test_exact_dice_value():
	# "abcd" bigrams ab bc cd; "abce" bigrams ab bc ce: 2 * 2 / 6.
	assert text_similarity("abcd", "abce") == pytest.approx(2 / 3)
	assert text_similarity("ab", "ba") == 0.0


def test_blank_texts_are_not_similar():
	assert text_similarity("", "abc") == 0.0
	assert text_similarity("abc", None) == 0.0
	assert text_similarity("", "") == 0.0
	assert text_similarity("，。！", "，。！") == 0.0


TEXTS = st.text(alphabet=st.sampled_from(list("道路积水请求修缮补偿abcAB ，。！?x1")), max_size=30) | st.text(
	max_size=30
)


@settings(max_examples=300, deadline=None)
@given(TEXTS, TEXTS)
def test_similarity_is_symmetric_and_in_range(a, b):
	value = text_similarity(a, b)
	assert 0.0 <= value <= 1.0
	assert value == text_similarity(b, a)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_similarity_with_itself_is_one_unless_blank(a):
	value = text_similarity(a, a)
	assert value in (0.0, 1.0)
	if value == 0.0:
		assert text_similarity(a, "道路积水 road") == 0.0


# --- score_candidate ------------------------------------------------------------------------------


def test_same_id_and_category_matches():
	match = score_candidate(
		_incoming(), _candidate("CASE-0001", id_numbers={"11010519491231002x"}, category="Urban Construction")
	)
	assert match == Match(
		case_name="CASE-0001",
		same_person=True,
		same_category=True,
		similarity=0.0,
		score=0.55,
		reasons=(Reason.SAME_ID_NUMBER, Reason.SAME_CATEGORY, Reason.OPEN_CASE),
	)
	assert match.reasons == ("same_id_number", "same_category", "open_case")


def test_same_phone_and_similar_content_matches():
	match = score_candidate(
		_incoming(category=None),
		_candidate("CASE-0002", phones={"+86 138-0013-8000"}, content=CONTENT, is_open=False, is_final=True),
	)
	assert match is not None
	assert match.similarity == 1.0
	assert match.score == 0.45
	assert match.reasons == ("same_phone", "similar_content", "final_matter")


def test_everything_shared_scores_one():
	match = score_candidate(
		_incoming(),
		_candidate(
			"CASE-0003",
			id_numbers={ID_NUMBER},
			phones={PHONE},
			category="Urban Construction",
			content=CONTENT,
		),
	)
	assert match.score == 1.0


def test_different_person_does_not_match():
	candidate = _candidate(
		"CASE-0004",
		id_numbers={"44030519900101123X"},
		phones={"13900139000"},
		category="Urban Construction",
		content=CONTENT,
	)
	assert score_candidate(_incoming(), candidate) is None


def test_same_person_on_another_matter_does_not_match():
	candidate = _candidate(
		"CASE-0005", id_numbers={ID_NUMBER}, category="Land", content="对征地补偿标准有异议"
	)
	assert score_candidate(_incoming(), candidate) is None


def test_blank_identifiers_never_make_the_same_person():
	incoming = _incoming(id_numbers={"", " "}, phones={""})
	candidate = _candidate("CASE-0006", id_numbers={" "}, phones={"", "--"}, category="Urban Construction")
	assert score_candidate(incoming, candidate) is None


def test_blank_categories_are_not_the_same_category():
	incoming = _incoming(category="")
	candidate = _candidate("CASE-0007", id_numbers={ID_NUMBER}, category="")
	assert score_candidate(incoming, candidate) is None


def test_similarity_threshold_is_respected():
	candidate = _candidate("CASE-0008", id_numbers={ID_NUMBER}, content="小区门口道路积水")
	similarity = text_similarity(CONTENT, "小区门口道路积水")
	assert score_candidate(_incoming(category=None), candidate, similarity_threshold=similarity) is not None
	assert (
		score_candidate(_incoming(category=None), candidate, similarity_threshold=similarity + 0.01) is None
	)


@pytest.mark.parametrize("threshold", [-0.1, 1.5, "0.5", True, float("nan")])
def test_bad_threshold_is_refused(threshold):
	with pytest.raises(RepeatMatchError) as err:
		score_candidate(_incoming(), _candidate("CASE-0009"), similarity_threshold=threshold)
	assert err.value.template == "Similarity threshold must be a number from 0 to 1, not {0}"


# --- rank_candidates ------------------------------------------------------------------------------


def test_ranking_best_first_with_name_tiebreak():
	candidates = [
		_candidate("CASE-0010", phones={PHONE}, category="Urban Construction"),  # 0.35
		_candidate("CASE-0011", id_numbers={ID_NUMBER}, phones={PHONE}, content=CONTENT),  # 0.8
		_candidate("CASE-0012", id_numbers={ID_NUMBER}, category="Urban Construction"),  # 0.55
		_candidate("CASE-0013", id_numbers={"44030519900101123X"}, content=CONTENT),  # other person
		_candidate("CASE-0009", phones={PHONE}, category="Urban Construction"),  # 0.35, sorts first
	]
	ranked = rank_candidates(_incoming(), candidates)
	assert [m.case_name for m in ranked] == ["CASE-0011", "CASE-0012", "CASE-0009", "CASE-0010"]
	assert [m.score for m in ranked] == [0.8, 0.55, 0.35, 0.35]
	assert [m.case_name for m in rank_candidates(_incoming(), candidates, limit=2)] == [
		"CASE-0011",
		"CASE-0012",
	]
	assert rank_candidates(_incoming(), candidates, limit=0) == []
	assert rank_candidates(_incoming(), []) == []


@pytest.mark.parametrize("limit", [-1, 2.0, None])
def test_bad_limit_is_refused(limit):
	with pytest.raises(RepeatMatchError) as err:
		rank_candidates(_incoming(), [], limit=limit)
	assert err.value.template == RepeatMatchError.BAD_LIMIT


CANDIDATES = st.lists(
	st.builds(
		_candidate,
		st.sampled_from(["A", "B", "C", "D", "E", "F"]),
		id_numbers=st.sets(st.sampled_from([ID_NUMBER, "44030519900101123X"]), max_size=2),
		phones=st.sets(st.sampled_from([PHONE, "13900139000"]), max_size=2),
		category=st.sampled_from([None, "Urban Construction", "Land"]),
		content=st.sampled_from(["", CONTENT, "道路积水", "征地补偿"]),
	),
	max_size=8,
	unique_by=lambda candidate: candidate.case_name,
)


@settings(max_examples=150, deadline=None)
@given(CANDIDATES, st.integers(min_value=0, max_value=10))
def test_ranking_is_sorted_limited_and_scores_in_range(candidates, limit):
	ranked = rank_candidates(_incoming(), candidates, limit=limit)
	assert len(ranked) <= limit
	assert all(0.0 <= m.score <= 1.0 and m.same_person for m in ranked)
	keys = [(-m.score, m.case_name) for m in ranked]
	assert keys == sorted(keys)
	assert ranked == rank_candidates(_incoming(), list(reversed(candidates)), limit=limit)
