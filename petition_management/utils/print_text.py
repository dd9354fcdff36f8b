"""Rich text (Text Editor fields) as the app's print formats show it.

Frappe sanitizes a Text Editor value when it is saved, but v15's `sanitize_html` returns a value with
no complete tag unchanged, so an unclosed `<img src=x onerror=...` is stored as typed, and data that
reached the database another way (an import, an older version) was never cleaned at all. The official
forms therefore clean every rich value again when they print it, with Frappe's strictest cleaner
(`clean_html`: paragraphs, line breaks, lists, tables and bold/italic/underline survive; every other tag,
attribute, script and style is removed and stray `<` `>` are escaped)."""

from frappe.utils.html_utils import clean_html


def pm_rich_text(value) -> str:
	"""The Jinja filter `pm_rich_text` (hooks.py `jinja`): safe HTML of a rich text value, "" for none."""
	if value is None or value == "":
		return ""
	return clean_html(str(value))
