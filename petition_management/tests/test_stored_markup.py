"""Stored markup never runs in any rendering (issue #18): what a user types is stored as plain text or as
rich text that is safe printed raw (utils/stored_text.py, hooks.py `doc_events["*"]`).

Each variant is planted, through a real save, into every text field of a record of each DocType that has
a print format or is shown in print, its child rows' included; every print format of the DocType,
Frappe's "Standard" included (which writes Data, Text and Text Editor values unescaped), is then rendered
and parsed as a browser would. Nothing may run or fetch beyond what the same print shows for ordinary
values: no handler, no `javascript:` URL, no CSS url(), no image, SVG, script, frame, object or style."""

from collections import Counter
from html.parser import HTMLParser

import frappe
from frappe.translate import print_language
from frappe.utils import add_days, nowdate

from petition_management.tests.test_portal import MARK, PortalTestCase, Visitor, fresh, server_message
from petition_management.tests.test_print_formats import PrintFormatTestCase
from petition_management.utils.stored_text import EXCLUDED, PLAIN_TYPES, RICH_TYPES, MarkupOnlyError

VARIANTS = (
	"<img src=x onerror=alert(1)>",
	"验收 <img src=x onerror=alert(1)//",
	"<svg/onload=alert(1)>",
	'<a href="javascript:alert(1)">x</a>',
	"<scr<script>ipt>alert(1)</script>",
	"&lt;img src=x onerror=alert(1)&gt;",
	"</div><img src=x onerror=alert(1)><div>",
	'<p onclick="alert(1)" style="background:url(/api/method/logout)">x</p>',
	'<iframe src="javascript:alert(1)"></iframe><object data="x"></object><img src="/api/method/logout">',
	"<!--><img src=x onerror=alert(1)>-->",
)
ENTITY = "&lt;img src=x onerror=alert(1)&gt;"
# elements that run, fetch or restyle the page
LIVE_TAGS = frozenset(
	"img svg math script iframe frame object embed video audio source link meta base style form input".split()
)
# DocTypes printed (the official forms), or shown in print, and a record of each (key of `records`)
PRINTED = {
	"Petition Visit": "visit",
	"Petition Letter": "letter",
	"Petition Case": "case",
	"Petition Transfer": "transfer",
	"Petition Extension": "extension",
	"Petition Review": "review",
	"Petition Return Visit": "return_visit",
}


class LiveMarkup(HTMLParser):
	"""What of a page would run or fetch in a browser, counted."""

	def __init__(self):
		super().__init__(convert_charrefs=True)
		self.found: Counter = Counter()

	def handle_starttag(self, tag, attrs):
		if tag in LIVE_TAGS:
			self.found[f"<{tag}>"] += 1
		for name, value in attrs:
			value = "".join((value or "").split()).lower()
			if name.startswith("on"):
				self.found[f"<{tag} {name}>"] += 1
			if "javascript:" in value:
				self.found[f"<{tag} {name}=javascript:>"] += 1
			if name == "style" and "url(" in value:
				self.found[f"<{tag} style=url()>"] += 1

	handle_startendtag = handle_starttag


def live_markup(html: str) -> Counter:
	parser = LiveMarkup()
	parser.feed(html)
	parser.close()
	return parser.found


def text_fields(doctype: str) -> list[str]:
	"""The fields a user's text can reach, read-only ones included (REST can send them): not the excluded
	hashes and JSON, not fetched copies (the fetch overwrites them), not e-mail addresses and phone
	numbers (Frappe refuses anything else in them)."""
	return [
		df.fieldname
		for df in frappe.get_meta(doctype).fields
		if df.fieldtype in PLAIN_TYPES + RICH_TYPES
		and df.fieldname not in EXCLUDED.get(doctype, ())
		and not df.fetch_from
		and df.options not in ("Email", "Phone")
	]


def plant(doc, value: str) -> None:
	for d in (doc, *doc.get_all_children()):
		d.update(dict.fromkeys(text_fields(d.doctype), value))


def planted(variant: str) -> str:
	"""A variant after some text, so that the field does not hold only markup (refused, tested below)."""
	return f"_T 验收 {variant}"


def print_formats(doctype: str) -> list[str]:
	return [
		*frappe.get_all("Print Format", filters={"doc_type": doctype, "disabled": 0}, pluck="name"),
		"Standard",
	]


def render(doctype: str, name: str, print_format: str, lang: str = "en") -> str:
	frappe.clear_document_cache(doctype, name)
	with print_language(lang):
		return frappe.get_print(doctype, name, print_format)


def closed_case_records(case: str) -> dict[str, str]:
	"""A review asked for and a return visit scheduled on `case`, closed (its reply stored directly)."""
	today = nowdate()
	frappe.db.set_value(
		"Petition Case",
		case,
		{
			"workflow_state": "Closed",
			"replied_on": today,
			"delivered_on": today,
			"delivery_method": "In Person",
			"closed_on": today,
			"review_request_due": add_days(today, 30),
		},
	)
	review = frappe.get_doc(
		{
			"doctype": "Petition Review",
			"petition_case": case,
			"review_type": "Review",
			"requested_on": today,
			"reviewing_body": "_T 市信访局",
			"grounds": "_T 对处理意见不服。",
		}
	).insert()
	return_visit = frappe.get_doc(
		{"doctype": "Petition Return Visit", "petition_case": case, "visit_date": add_days(today, 1)}
	).insert()
	return {"review": review.name, "return_visit": return_visit.name}


class TestStoredMarkup(PrintFormatTestCase):
	def setUp(self):
		super().setUp()
		self.records.update(closed_case_records(self.records["refused"]))

	def save_planted(self, doctype: str, name: str, value: str):
		if doctype == "Petition Extension":
			# an approved request is locked; the print does not care about the state
			frappe.db.set_value(doctype, name, "workflow_state", "Draft")
		doc = frappe.get_doc(doctype, name)
		plant(doc, value)
		doc.flags.ignore_permissions = True
		doc.save()
		return frappe.get_doc(doctype, name)

	def assert_stored_clean(self, doc, value: str):
		for d in (doc, *doc.get_all_children()):
			for fieldname in text_fields(d.doctype):
				stored = d.get(fieldname) or ""
				df = d.meta.get_field(fieldname)
				if df.fieldtype in PLAIN_TYPES:
					self.assertNotRegex(stored, r"<[A-Za-z/!?]", f"{d.doctype}.{fieldname}")
					if ENTITY in value and not df.read_only:  # (read-only ones the controller computes)
						self.assertEqual(stored, value, f"{d.doctype}.{fieldname}: entities stay text")

	def test_the_check_sees_live_markup(self):
		page = '<div><style></style><td>{}</td></div><script src="/assets/x.js"></script>'
		self.assertEqual(
			live_markup(page.format("<img src=x onerror=alert(1)//")) - live_markup(page),
			{
				"<img>": 1,
				"<img onerror>": 1,
			},
		)
		self.assertFalse(live_markup(page.format(ENTITY)) - live_markup(page))

	def test_planted_markup_never_renders_live_in_any_print_format(self):
		for doctype, key in PRINTED.items():
			name = self.records[key]
			self.assertTrue(text_fields(doctype), doctype)
			formats = print_formats(doctype)
			self.assertIn("Standard", formats)
			ordinary = {pf: live_markup(render(doctype, name, pf)) for pf in formats}
			for variant in VARIANTS:
				value = planted(variant)
				doc = self.save_planted(doctype, name, value)
				self.assertTrue(any(doc.get(f) for f in text_fields(doctype)), doctype)
				for pf in formats:
					with self.subTest(doctype=doctype, print_format=pf, variant=variant):
						live = live_markup(render(doctype, name, pf)) - ordinary[pf]
						self.assertEqual(live, Counter())
				with self.subTest(doctype=doctype, variant=variant, stored=True):
					self.assert_stored_clean(doc, value)

	def test_standard_print_in_chinese_too(self):
		doc = self.save_planted("Petition Visit", self.records["visit"], "_T 普通")
		baseline = live_markup(render(doc.doctype, doc.name, "Standard", "zh"))
		doc = self.save_planted(doc.doctype, doc.name, planted("<img src=x onerror=alert(1)>"))
		self.assertEqual(live_markup(render(doc.doctype, doc.name, "Standard", "zh")) - baseline, Counter())

	def test_a_required_field_of_only_markup_says_so(self):
		doc = frappe.get_doc("Petition Visit", self.records["visit"])
		doc.subject = "<img src=x onerror=alert(1)>"
		with self.assertRaises(MarkupOnlyError) as refused:
			doc.save()
		self.assertIn("Subject holds only markup; type the text itself.", str(refused.exception))
		frappe.local.message_log = []
		with print_language("zh"):
			doc = frappe.get_doc("Petition Visit", self.records["visit"])
			doc.subject = "<b></b>"
			with self.assertRaises(MarkupOnlyError) as refused:
				doc.save()
		self.assertIn("只有标记", str(refused.exception))

	def test_a_rich_field_of_only_markup_says_so(self):
		doc = frappe.get_doc("Petition Visit", self.records["visit"])
		doc.content = '<p><img src="x"></p>'
		with self.assertRaises(MarkupOnlyError):
			doc.save()
		doc = frappe.get_doc("Petition Visit", self.records["visit"])
		doc.content = "<p>_T 验收</p><p><br></p>"
		doc.save()
		self.assertEqual(frappe.db.get_value("Petition Visit", doc.name, "content"), doc.content)

	def test_rich_text_keeps_its_formatting_and_this_sites_images(self):
		doc = frappe.get_doc("Petition Letter", self.records["letter"])
		doc.content = (
			'<p class="ql-align-center"><strong>_T 验收</strong> a &lt; 5</p><ol><li data-list="bullet">一</li>'
			'</ol><p><a href="https://example.org/x">链接</a><img src="/files/_t-scan.png"></p>'
		)
		doc.save()
		self.assertEqual(frappe.db.get_value("Petition Letter", doc.name, "content"), doc.content)

	def test_a_child_row_of_only_markup_says_which_row(self):
		doc = frappe.get_doc("Petition Case", self.records["case"])
		doc.append("pauses", {"reason": "<br>"})
		with self.assertRaises(MarkupOnlyError) as refused:
			doc.save()
		self.assertIn(f"Row {len(doc.pauses)}: Reason holds only markup", str(refused.exception))


class TestPortalStoresCleanText(PortalTestCase):
	def test_a_guests_submission_is_stored_clean_and_prints_clean(self):
		unclosed = "<img src=x onerror=alert(1)//"
		response = Visitor().submit(
			full_name="_T Portal 张三 <svg/onload=alert(1)>",
			phone="13800138000",
			address="_T 幸福路 <img src=x onerror=alert(1)>",
			subject=f"{MARK} 验收 {unclosed}",
			content=f"验收 <script>alert(1)</script> {unclosed}",
			request=f'_T 请处理 <a href="javascript:alert(1)">x</a> {ENTITY}',
		)
		self.assertEqual(response.status_code, 200, server_message(response))
		fresh()
		number = frappe.get_all(
			"Online Petition", filters={"subject": ("like", f"{MARK} 验收%")}, pluck="name", limit=1
		)[0]
		petition = frappe.get_doc("Online Petition", number)
		letter = frappe.get_doc("Petition Letter", petition.petition_letter)
		petitioner = frappe.get_doc("Petitioner", letter.petitioner)
		for doc, fieldnames in (
			(petition, ("subject",)),
			(letter, ("subject", "sender_name", "sender_address", "request", "content")),
			(petitioner, ("full_name", "address")),
		):
			for fieldname in fieldnames:
				self.assertNotRegex(doc.get(fieldname) or "", r"<(img|svg|script|a )", fieldname)
		self.assertEqual(letter.subject, f"{MARK} 验收 < img src=x onerror=alert(1)//")
		self.assertIn(ENTITY, letter.request)
		printed = {
			pf: live_markup(render("Petition Letter", letter.name, pf))
			for pf in print_formats(letter.doctype)
		}
		# the same pages with ordinary values: what Frappe's print page and the form show anyway
		frappe.db.set_value(
			letter.doctype, letter.name, dict.fromkeys(text_fields(letter.doctype), "_T 普通")
		)
		for pf, live in printed.items():
			with self.subTest(print_format=pf):
				self.assertEqual(live - live_markup(render(letter.doctype, letter.name, pf)), Counter())

	def test_a_guests_subject_of_only_markup_is_refused_with_a_reason(self):
		response = Visitor().submit(
			full_name="_T Portal 李四",
			phone="13800138000",
			address="_T 幸福路",
			subject="<img src=x onerror=alert(1)>",
			content="验收",
		)
		self.assertNotEqual(response.status_code, 200)
		self.assertIn("holds only markup", server_message(response))
