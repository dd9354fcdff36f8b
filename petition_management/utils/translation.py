"""The app's wording of words that Frappe translates too.

Frappe merges the translations of every installed app into one dictionary per language, so a row of the
app's translations/zh.csv for a common source string ("Post", "Open", "Subject") would change the wording
of Frappe's (and ERPNext's) own screens site-wide. Where the app words such a string differently, its row
carries a context (the third column): the DocType for that DocType's field labels and Select options,
which is the context the desk passes (`__(df.label, null, df.parent)`, `__(option, null, doctype)`), and
APP_CONTEXT for the app's own messages. A row without a context only ever repeats Frappe's wording.
petition_management/tests/test_translation_coexistence.py checks both."""

from frappe import _

APP_CONTEXT = "Petition Management"


def option(doctype: str, value: str | None) -> str:
	"""A Select option of `doctype` in the words the desk shows it."""
	return _(value, context=doctype) if value else ""


def label(meta, fieldname: str) -> str:
	"""A field's label (Customize Form labels win) in the words the desk shows it."""
	return _(meta.get_label(fieldname), context=meta.name)
