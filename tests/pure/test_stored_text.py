"""Tests for the stored-text rules: plain text printed raw inside HTML never forms markup."""

import re
from html.parser import HTMLParser

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from petition_management.rules.stored_text import (
	drop_unclosed_tag,
	holds_only_markup,
	neutralize,
	plain_text,
)

VARIANTS = (
	"<img src=x onerror=alert(1)>",
	"验收 <img src=x onerror=alert(1)//",
	"<svg/onload=alert(1)>",
	'<a href="javascript:alert(1)">x</a>',
	"<scr<script>ipt>alert(1)</script>",
	"<<img src=x onerror=alert(1)>img src=x onerror=alert(1)>",
	"<!-- x --><!DOCTYPE html><?xml version='1.0'?><![CDATA[x]]>",
	"</p><p onclick=alert(1)>x",
	"<!--",
	"</",
	"<?",
	"<a",
)


class Markup(HTMLParser):
	"""Everything html.parser reads as markup rather than text."""

	def __init__(self):
		super().__init__(convert_charrefs=True)
		self.found: list[str] = []

	def handle_starttag(self, tag, attrs):
		self.found.append(f"<{tag}>")

	def handle_startendtag(self, tag, attrs):
		self.found.append(f"<{tag}/>")

	def handle_endtag(self, tag):
		self.found.append(f"</{tag}>")

	def handle_comment(self, data):
		self.found.append("<!--")

	def handle_decl(self, decl):
		self.found.append("<!")

	def unknown_decl(self, data):
		self.found.append("<![")

	def handle_pi(self, data):
		self.found.append("<?")


def markup_in(html: str) -> list[str]:
	parser = Markup()
	parser.feed(html)
	parser.close()
	return parser.found


def printed_raw(value: str) -> list[str]:
	"""The markup of `value` written unescaped between a template's own tags (the wrapper taken out)."""
	found = markup_in(f"<div>{value}</div>")
	return [m for m in found if m not in ("<div>", "</div>")] + (
		[] if found.count("<div>") == 1 and found.count("</div>") == 1 else ["wrapper broken"]
	)


markupish = st.text(alphabet=st.sampled_from(list("<>/!?-=\"' abcimgsvpt验收x()&;:\n")), max_size=60)
anything = st.one_of(st.text(max_size=80), markupish)


@pytest.mark.parametrize("value", VARIANTS)
def test_known_variants_leave_no_markup(value):
	assert printed_raw(plain_text(value)) == []


@settings(max_examples=600)
@given(anything)
@example("<scr<script>ipt>")
@example("a<b and c>d")
def test_plain_text_printed_raw_is_never_markup(value):
	assert printed_raw(plain_text(value)) == []


@settings(max_examples=300)
@given(anything)
def test_plain_text_is_idempotent(value):
	once = plain_text(value)
	assert plain_text(once) == once


@given(st.text().filter(lambda text: "<" not in text))
def test_text_without_a_lt_sign_is_unchanged(value):
	assert plain_text(value) == value


@pytest.mark.parametrize(
	"value",
	("a < 5", "a<5", "x <= y", "1 <> 2", "<<", "&lt;img src=x onerror=alert(1)&gt;", "<信访条例>", "<3"),
)
def test_ordinary_text_stays_as_typed(value):
	assert plain_text(value) == value


def test_tags_go_and_their_text_stays():
	assert plain_text("<b>加急</b> 请尽快<br>处理") == "加急 请尽快处理"
	assert plain_text("验收 <img src=x onerror=alert(1)//") == "验收 < img src=x onerror=alert(1)//"
	assert plain_text("<scr<script>ipt>alert(1)</script>") == "alert(1)"


def test_very_long_nested_markup_is_quick():
	value = "<a" * 20000 + ">" * 20000
	assert printed_raw(plain_text(value)) == []


def test_unclosed_tag_is_dropped_from_rich_text():
	assert drop_unclosed_tag("<p>验收</p> <img src=x onerror=alert(1)//") == "<p>验收</p> "
	assert drop_unclosed_tag("<p>a < b</p>") == "<p>a < b</p>"
	assert drop_unclosed_tag("a <b c <img x") == "a "
	assert drop_unclosed_tag("<p>x</p>") == "<p>x</p>"


@given(anything)
def test_after_dropping_no_markup_is_left_open(value):
	dropped = drop_unclosed_tag(value)
	assert drop_unclosed_tag(dropped) == dropped
	assert re.search(r"<[A-Za-z/!?][^>]*\Z", dropped) is None


def test_only_markup():
	assert holds_only_markup("<img src=x onerror=alert(1)>", "")
	assert holds_only_markup("<b> </b>", " ")
	assert not holds_only_markup("", "")
	assert not holds_only_markup("  ", "")
	assert not holds_only_markup("<b>x</b>", "x")


@settings(max_examples=300)
@given(anything)
def test_neutralized_text_printed_raw_is_never_markup(value):
	"""What the clean-up patch keeps of a required value made only of markup shows as text."""
	assert printed_raw(neutralize(value)) == []
	assert neutralize(value).replace("< ", "<") == value.replace("< ", "<")


def test_neutralize_keeps_every_character():
	assert neutralize("<b>x</b>") == "< b>x< /b>"
	assert neutralize("a < 5") == "a < 5"
