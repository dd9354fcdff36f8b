"""The zh check: what a Chinese-speaking user sees in the desk is Chinese.

The visible text of a page (text nodes, placeholders) is collected, leaving out what records hold (field
values, record titles, list subjects: data may be in any language) and machine text (e-mail addresses,
record numbers, URLs). Every English phrase left must be on ALLOWED, Frappe's own words that Frappe v15
shows untranslated in zh; anything else fails. ALLOWED is checked against the app's own English strings
(translations/zh.csv, DocType labels and options): an app string can never be allowed. The allowed
phrases seen are reported at the end of the run.
"""

import csv
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "petition_management"

# Frappe v15's own words, shown in English to a zh user (Frappe has no zh translation for them, or the
# desk prints them without __()); each was seen in a run and none is one of the app's strings
ALLOWED = {
	"Search or type a command",  # the navbar: its search placeholder ("... (Ctrl + G)")
	"No new notifications",  # the notifications menu
	"Begin typing for results.",  # a link field's hint to screen readers (Awesomplete)
	"Navigate to main content",  # the skip link for the keyboard and screen readers
	"Build",  # the workspace's sidebar
	"Edit Filters",  # the list view's filter area
	"List View",  # the list view's view switcher
	"ID",  # the list view's name column
	"Guest",  # the user who submitted a portal petition, as the form's sidebar names them
	# the version timeline: "You changed the value of <label> from <old> to <new>" (values left out)
	"You changed the value of",
	"changed the value of",
	"from",
	"to",
	# the print view's warning with Debian's wkhtmltopdf (no patched Qt); the PDF is made all the same
	"Invalid wkhtmltopdf version",
	"PDF generation may not work as expected.",
	"Please contact your system manager to install correct version.",
	"Correct version",
	"wkhtmltopdf 0.",
	"with patched qt",
	"Normal",  # the text editor's toolbar
	"Table",
	"Built on Frappe",
	"PDF",
	"Ctrl+S",
	"Ctrl+B",
	"Ctrl+J",
	"Ctrl+K",
	"Ctrl+G",
	"Shift",
	"Alt",
	"Ctrl",
	"Esc",
	"Tab",
	"Enter",
}

# Frappe's words that vary: the dashboard chart's month labels ("Apr 2026", frappe.utils.dateutils
# .get_period writes English month names whatever the language)
ALLOWED_PATTERNS = (re.compile(r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}"),)

# what records hold, and the record's own title: left out
DATA = ",".join(
	(
		".control-value",
		".static-area",
		".ql-editor",
		".like-disabled-input",
		".title-text",
		".list-subject",
		".list-row-col:not(:has(.indicator-pill))",
		".timeline-content .text-muted a",
		".timeline-content b",
		".avatar",
		".frappe-timestamp",
		".comment-content",
		".ellipsis[title]",
		"script",
		"style",
		"code",
	)
)

COLLECT = """(data) => {
	const seen = [];
	const visible = (e) => e.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
	const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	while (walker.nextNode()) {
		const text = walker.currentNode.nodeValue.trim();
		const parent = walker.currentNode.parentElement;
		if (text && parent && !parent.closest(data) && visible(parent)) seen.push(text);
	}
	document.querySelectorAll("input[placeholder], textarea[placeholder]").forEach((e) => {
		if (e.placeholder && !e.closest(data) && visible(e)) seen.push(e.placeholder);
	});
	return seen;
}"""

MACHINE = re.compile(
	r"[A-Za-z0-9.+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+"  # e-mail addresses
	r"|https?://\S+|/app/\S+"  # addresses
	r"|(?<![A-Za-z0-9])[A-Z]{2,4}-(\d{4}-)?\d{3,}"  # record numbers: PC-2026-00001, PTR-000001
	r"|(?<![A-Za-z0-9])[A-Z]{2}\d{8,}"  # tracking numbers
	r"|\b[A-Z][a-z]+/[A-Z][A-Za-z_]+"  # time zones: Asia/Shanghai
	r"|<img src=x onerror=\"?alert\('pm-markup'\)\"?>|<script>alert\('pm-markup'\)</script>"
	r"|alert\('pm-markup'\)"  # the markup the tests type (test_10_portal, walk_steps): data
)
ENGLISH = re.compile(r"[A-Za-z][A-Za-z'’-]*(?:[ \t]+[A-Za-z0-9][A-Za-z0-9'’-]*)*[.:!?]?")


def english_phrases(texts: list[str]) -> set[str]:
	found = set()
	for text in texts:
		for phrase in ENGLISH.findall(MACHINE.sub(" ", text)):
			phrase = phrase.strip()
			if len(re.sub(r"[^A-Za-z]", "", phrase)) >= 2:
				found.add(phrase)
	return found


def app_strings() -> set[str]:
	"""The app's own English: the sources of its zh translations, its DocTypes' labels and options."""
	strings = set()
	with (APP / "translations" / "zh.csv").open(encoding="utf-8", newline="") as rows:
		strings.update(row[0].strip() for row in csv.reader(rows) if row)
	for path in (APP / "petition_management" / "doctype").glob("*/*.json"):
		meta = json.loads(path.read_text(encoding="utf-8"))
		for field in meta.get("fields", []):
			strings.add(field.get("label") or "")
			if field.get("fieldtype") == "Select":
				strings.update((field.get("options") or "").split("\n"))
	return {s for s in strings if s}


def allowed(phrase: str) -> bool:
	return (
		phrase in ALLOWED
		or phrase.rstrip(".:!?") in ALLOWED
		or any(p.fullmatch(phrase) for p in ALLOWED_PATTERNS)
	)


class ZhCheck:
	"""The English phrases seen per page: those on ALLOWED (reported) and the others (failing)."""

	def __init__(self):
		self.allowed: dict[str, set[str]] = {}
		self.failing: dict[str, set[str]] = {}
		clash = ALLOWED & app_strings()
		assert not clash, f"ALLOWED holds the app's own strings, which must be translated: {sorted(clash)}"

	def collect(self, page, where: str):
		phrases = english_phrases(page.evaluate(COLLECT, DATA))
		for phrase in phrases:
			bucket = self.allowed if allowed(phrase) else self.failing
			bucket.setdefault(phrase, set()).add(where)

	def report(self) -> list[str]:
		return [
			f"{phrase!r} on {len(pages)} pages, e.g. {sorted(pages)[0]}"
			for phrase, pages in sorted(self.allowed.items())
		]

	def assert_chinese(self):
		lines = [
			f"{phrase!r} on {', '.join(sorted(pages))}" for phrase, pages in sorted(self.failing.items())
		]
		assert not lines, "English in the zh desk, not one of Frappe's allowed words:\n  " + "\n  ".join(
			lines
		)
