"""Translations that coexist with Frappe (and ERPNext): Frappe merges every installed app's translations
into one dictionary per language, so a row of the app's zh.csv for a source string that Frappe translates
would change Frappe's own screens site-wide. No row of zh.csv gives such a string (with the same context)
another target than Frappe's; the app's own wording of common words ("Post" 邮寄, "Open" 待处理) lives in
rows with a context: a DocType of the app for its labels and Select options, or APP_CONTEXT
(petition_management/utils/translation.py)."""

import os
import tempfile

import frappe
from babel.messages.pofile import read_po
from frappe.gettext.translate import get_mo_path, get_po_path
from frappe.tests.utils import FrappeTestCase
from frappe.translate import (
	clear_cache,
	get_all_translations,
	get_translations_from_apps,
	get_user_translations,
	read_csv_file,
)
from frappe.utils import strip

from petition_management.utils.translation import APP_CONTEXT

APP = "petition_management"
LANG = "zh"


# Frappe's zh wording of strings the desk shows on the app's screens that is wrong or not a translation,
# corrected site-wide on purpose (Frappe's JS and Jinja ask for them without a context): the short relative
# times of lists and timelines (frappe.datetime.prettyDate, "28米" for 28 minutes, "3 d") and the row
# number header of the Standard print ("Sr", 锶 "strontium"), and "No". Each entry is Frappe's wording: should Frappe
# change it, the app's row is a clash again and is reviewed.
FRAPPE_WORDING_CORRECTED = {
	"{0} m": "{0}米",
	"{0} d": "{0} d",
	"{0} w": "{0} w",
	"{0} M": "{0} M",
	"{0} y": "{0} y",
	"Sr": "锶",
	# a Check field's "No" (filters, Link filter descriptions, confirmation dialogs) is left in English
	"No": "No",
}


def corrected(key: str, theirs: str) -> bool:
	return FRAPPE_WORDING_CORRECTED.get(key) == theirs


def key_of(source: str, context: str | None) -> str:
	"""The key of a translation in Frappe's dictionaries."""
	return f"{source}:{context}" if context else source


def po_translations(app: str, lang: str) -> dict[str, str]:
	"""The translated, non-fuzzy messages of an app's locale PO file: what its compiled MO holds."""
	path = get_po_path(app, lang.replace("-", "_"))
	if not path.exists():
		return {}
	with open(path, "rb") as f:
		catalog = read_po(f)
	return {
		key_of(m.id, m.context): m.string
		for m in catalog
		if m.id and isinstance(m.id, str) and isinstance(m.string, str) and m.string and not m.fuzzy
	}


def frappe_translations(lang: str = LANG) -> dict[str, str]:
	"""Frappe's own translations, loaded as Frappe loads them for the frappe app: its translations/<lang>.csv,
	then its compiled locale MO. A bench whose MO is not compiled yet (`bench build` compiles it) shows
	only the CSV; the PO is read then, so that the comparison never misses what the MO will hold."""
	found = get_translations_from_apps(lang, apps=["frappe"])
	if not os.path.exists(get_mo_path("frappe", lang.replace("-", "_"))):
		found.update(po_translations("frappe", lang))
	return found


def app_rows(path: str | None = None) -> list[tuple[int, str, str, str | None]]:
	"""(row number, source, target, context) of the app's zh.csv, read as Frappe reads it
	(`get_translation_dict_from_file`: a third column is the context, the target is stripped)."""
	path = path or frappe.get_app_path(APP, "translations", f"{LANG}.csv")
	return [
		(number, item[0], strip(item[1]), item[2] if len(item) == 3 and item[2] else None)
		for number, item in enumerate(read_csv_file(path), start=1)
		if len(item) in (2, 3)
	]


def find_clashes(rows, frappe_zh: dict[str, str]) -> list[str]:
	"""The rows giving a source string that Frappe translates (with the same context) another target."""
	found = []
	for number, source, target, context in rows:
		theirs = frappe_zh.get(key_of(source, context))
		if theirs and theirs != target and not corrected(key_of(source, context), theirs):
			found.append(f"row {number}: {key_of(source, context)!r} is {target!r}, Frappe's is {theirs!r}")
	return found


class TestTranslationCoexistence(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.frappe_zh = frappe_translations()
		cls.rows = app_rows()

	def test_frappe_translations_are_loaded_from_csv_and_locale(self):
		self.assertGreater(len(self.frappe_zh), 1000)
		self.assertTrue(self.frappe_zh.get("Save"))  # translations/zh.csv
		# a translation with a context exists only in the locale files (zh.po, compiled into frappe.mo)
		self.assertTrue(self.frappe_zh.get("Add:Primary action in list view"))

	def test_no_app_row_gives_a_frappe_source_string_another_wording(self):
		clashes = find_clashes(self.rows, self.frappe_zh)
		self.assertEqual(
			clashes,
			[],
			f"{len(clashes)} rows of {APP}/translations/{LANG}.csv change Frappe's wording site-wide; give "
			"them a context (the DocType for labels and options, APP_CONTEXT for messages):\n"
			+ "\n".join(clashes),
		)

	def test_the_comparison_finds_a_crafted_clash(self):
		frappe_post = self.frappe_zh["Post"]
		crafted = [
			(1, "Post", frappe_post + "（另译）", None),  # clashes
			(2, "Post", frappe_post, None),  # Frappe's own wording
			(3, "Post", "邮寄", APP_CONTEXT),  # a context Frappe does not use
			(4, "_T a string Frappe does not translate", "另译", None),
		]
		self.assertEqual([c.split(":")[0] for c in find_clashes(crafted, self.frappe_zh)], ["row 1"])
		# the same context as one of Frappe's translations is the same key
		self.assertEqual(
			len(find_clashes([(1, "Add", "增加", "Primary action in list view")], self.frappe_zh)), 1
		)

	def test_the_csv_is_read_with_its_context_column(self):
		with tempfile.NamedTemporaryFile("w", suffix=".csv", encoding="utf-8", delete=False) as f:
			f.write('Post,邮寄,Petition Letter\n"Open, now", 待处理 \nOpen,开\n')
		try:
			rows = app_rows(f.name)
		finally:
			os.unlink(f.name)
		self.assertEqual(
			rows,
			[
				(1, "Post", "邮寄", "Petition Letter"),
				(2, "Open, now", "待处理", None),
				(3, "Open", "开", None),
			],
		)
		self.assertEqual(len(find_clashes(rows, {"Post": "发送", "Open": "开"})), 0)
		self.assertEqual(len(find_clashes(rows, {"Post:Petition Letter": "发送"})), 1)

	def test_only_the_listed_frappe_wording_is_corrected(self):
		"""A correction holds for Frappe's wording named in FRAPPE_WORDING_CORRECTED only, and the app's rows
		give the site the corrected wording."""
		rows = [(1, "Sr", "序号", None), (2, "{0} m", "{0}分钟", None)]
		self.assertEqual(find_clashes(rows, {"Sr": "锶", "{0} m": "{0}米"}), [])
		self.assertEqual(len(find_clashes(rows, {"Sr": "编号", "{0} m": "{0}分"})), 2)
		clear_cache()
		self.assertEqual(frappe._("Sr", lang=LANG), "序号")
		self.assertEqual(frappe._("{0} m", lang=LANG), "{0}分钟")

	def test_the_site_keeps_frappe_wording(self):
		"""What the site shows for each string Frappe translates is Frappe's wording, as far as the app goes
		(other apps and the site's own Translation records may change it; the app may not)."""
		clear_cache()
		site = get_all_translations(LANG)
		own = get_translations_from_apps(LANG, apps=[APP])
		user = get_user_translations(LANG)
		changed = [
			f"{key!r}: the site shows {site.get(key)!r}, Frappe's is {theirs!r}"
			for key, theirs in self.frappe_zh.items()
			if theirs
			and key in own
			and key not in user
			and site.get(key) != theirs
			and not corrected(key, theirs)
		]
		self.assertEqual(changed, [], "\n".join(changed))
		self.assertEqual(frappe._("Post", lang=LANG), self.frappe_zh["Post"])

	def test_the_app_screens_keep_the_app_wording(self):
		"""With its context (the DocType the desk passes, or APP_CONTEXT) each row gives the app's wording."""
		wrong = [
			f"row {number}: {key_of(source, context)!r} shows {frappe._(source, LANG, context)!r}"
			for number, source, target, context in self.rows
			if context and frappe._(source, LANG, context) != target
		]
		self.assertEqual(wrong, [], "\n".join(wrong))
		self.assertEqual(frappe._("Post", lang=LANG, context="Petition Letter"), "邮寄")

	def test_every_context_is_the_app_context_or_a_field_of_an_app_doctype(self):
		"""The desk passes a DocType as the context of its fields' labels and options only: a row with a
		DocType context must match a label, description or Select option of that DocType of the app."""
		modules = set(frappe.get_module_list(APP))
		wrong = []
		for number, source, _target, context in self.rows:
			if not context or context == APP_CONTEXT:
				continue
			if not frappe.db.exists("DocType", context) or frappe.get_meta(context).module not in modules:
				wrong.append(f"row {number}: {context!r} is neither {APP_CONTEXT!r} nor a DocType of the app")
			elif source not in doctype_strings(context):
				wrong.append(f"row {number}: {context!r} has no label, description or option {source!r}")
		self.assertEqual(wrong, [], "\n".join(wrong))


def doctype_strings(doctype: str) -> set[str]:
	strings = set()
	for df in frappe.get_meta(doctype).fields:
		strings.update(s for s in (df.label, df.description) if s)
		if df.fieldtype == "Select" and df.options:
			strings.update(o for o in df.options.split("\n") if o)
	return strings
