"""What a text typed by a user may hold once it is stored: pure string rules, no Frappe.

Frappe's standard print (and other places) writes a stored value into HTML as it is. A browser starts a
tag, a comment or a declaration wherever `<` is followed by an ASCII letter, `/`, `!` or `?`, and an
unclosed one (`<img src=x onerror=alert(1)//`) takes the template's own next `>` to close it. So:

- `plain_text` (Data, Small Text, Text, Long Text): complete tags, comments, declarations and
  processing instructions are removed (repeatedly, so that `<scr<script>ipt>` cannot re-form one), and
  every `<` that would still open one gets a space after it (`< img`), which a browser and
  `html.parser` show as the text it is. Text such as "a < 5" or "a<5" is left as typed, and so are
  character references (`&lt;img&gt;` stays text).
- `drop_unclosed_tag` (rich text, before the HTML sanitizer): a tag opened at the end of the value and
  never closed is removed with what follows it, as a browser drops a tag cut off by the end of a page.
"""

from __future__ import annotations

import re

# a complete tag, comment, declaration or processing instruction as a browser reads one
_MARKUP = re.compile(r"<[!?][^<>]*>|</?[A-Za-z][^<>]*>")
# where a browser would start markup
_OPENS_MARKUP = re.compile(r"<(?=[A-Za-z/!?])")
# each pass removes the innermost tags; past this many passes the rest is neutralized instead
_MAX_PASSES = 8


def plain_text(value: str) -> str:
	"""`value` with no markup a browser would read as a tag; text without `<` comes back unchanged."""
	if "<" not in value:
		return value
	for _pass in range(_MAX_PASSES):
		removed = _MARKUP.sub("", value)
		if removed == value:
			break
		value = removed
	return _OPENS_MARKUP.sub("< ", value)


def neutralize(value: str) -> str:
	"""`value` with every `<` that would open markup followed by a space: all of it shows as text."""
	return _OPENS_MARKUP.sub("< ", value)


def drop_unclosed_tag(html: str) -> str:
	"""`html` without markup that opens and is never closed (it would take the next `>` of the page)."""
	match = _OPENS_MARKUP.search(html, html.rfind(">") + 1)
	return html[: match.start()] if match else html


def holds_only_markup(value: str | None, cleaned: str | None) -> bool:
	"""True when `value` had something in it and `cleaned` (its plain text) has nothing left."""
	return bool((value or "").strip()) and not (cleaned or "").strip()
