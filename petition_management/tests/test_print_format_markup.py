"""Markup a user typed never runs in the app's print formats: every text field of each form's record
(rich, plain and short) is planted with the variants that slip past Frappe v15's save-time sanitizer or
were stored another way, and the rendered form, parsed as a browser would, carries no event handler, no
script, no SVG, no `javascript:` URL and no planted image, in English and in Chinese."""

from html.parser import HTMLParser

import frappe

from petition_management.tests.test_print_formats import FORMATS, PrintFormatTestCase, render

TEXT_TYPES = ("Text Editor", "HTML Editor", "Small Text", "Text", "Long Text", "Data")
PLANTED = (
	"验收 <img src=x onerror=alert(1)//",  # unclosed: Frappe's sanitize_html keeps it as typed
	"<p>验收</p><img src=x onerror=alert(2)>",
	'<svg onload=alert(3)></svg><a href="javascript:alert(4)">验收</a>',
	"<script>alert(5)</script>验收<style>p{display:none}</style>",
	'<p onclick="alert(6)" style="background:url(javascript:alert(7))">验收</p>',
	'<iframe src="javascript:alert(8)"></iframe><object data="x"></object>',
)
FORBIDDEN_TAGS = {"script", "svg", "iframe", "object", "embed"}


class LiveMarkup(HTMLParser):
	"""What of the form (the `pm-form` block, not Frappe's print page around it) would run or fetch in a
	browser: handlers, scripts, javascript: URLs, planted images and styles."""

	def __init__(self):
		super().__init__(convert_charrefs=True)
		self.found: list[str] = []
		self.depth = 0  # of div elements, counted from the form's own
		self.styles_seen = 0

	def handle_starttag(self, tag, attrs):
		if tag == "div" and (self.depth or "pm-form" in (dict(attrs).get("class") or "").split()):
			self.depth += 1
		if not self.depth:
			return
		if tag in FORBIDDEN_TAGS:
			self.found.append(f"<{tag}>")
		for name, value in attrs:
			if name.startswith("on"):
				self.found.append(f"<{tag} {name}>")
			if value and "javascript:" in value.replace(" ", "").lower():
				self.found.append(f"<{tag} {name}={value}>")
			if tag == "img" and name == "src" and value == "x":
				self.found.append("<img src=x>")
		if tag == "style":
			# the form's own style block comes first (form_macros.form_style); any other is planted
			if self.styles_seen:
				self.found.append("<style>")
			self.styles_seen += 1

	def handle_endtag(self, tag):
		if tag == "div" and self.depth:
			self.depth -= 1


def live_markup(html: str) -> list[str]:
	parser = LiveMarkup()
	parser.feed(html)
	parser.close()
	return parser.found


def text_fields(doctype: str) -> list[str]:
	"""The parent's own text fields a user fills in (no naming, no unique number, no fetched or
	read-only copies)."""
	return [
		df.fieldname
		for df in frappe.get_meta(doctype).fields
		if df.fieldtype in TEXT_TYPES
		and not df.read_only
		and not df.fetch_from
		and not df.unique
		and df.fieldname != "naming_series"
	]


class TestPrintFormatMarkup(PrintFormatTestCase):
	def test_the_check_sees_live_markup(self):
		form = '<div class="pm-form"><style></style><td>{}</td></div><script>frappe_print()</script>'
		self.assertCountEqual(
			live_markup(form.format("<img src=x onerror=alert(1)//")), ["<img onerror>", "<img src=x>"]
		)
		self.assertEqual(live_markup(form.format("&lt;img src=x onerror=alert(1)&gt;")), [])
		self.assertEqual(
			live_markup(form.format("<style>p{}</style><script></script>")), ["<style>", "<script>"]
		)

	def test_planted_markup_never_renders_live_in_any_form(self):
		for print_format, (doctype, key, *_rest) in FORMATS.items():
			name = self.records[key]
			fields = text_fields(doctype)
			self.assertTrue(fields, doctype)
			for planted in PLANTED:
				# stored as it is in the database today, past every save-time check
				frappe.db.set_value(doctype, name, dict.fromkeys(fields, planted), update_modified=False)
				frappe.clear_document_cache(doctype, name)
				for lang in ("en", "zh"):
					with self.subTest(print_format=print_format, planted=planted, lang=lang):
						self.assertEqual(live_markup(render(print_format, name, lang)), [])
