"""Refuse oversized texts with a clear message before the database does it with an error."""

import frappe
from frappe import _

# Characters a petition's free text may hold; far more than any letter, far less than a pasted file.
MAX_TEXT_CHARACTERS = {"Small Text": 5000, "Text": 50000, "Text Editor": 50000, "Long Text": 50000}


class TextTooLongError(frappe.ValidationError):
	pass


def validate_text_lengths(doc):
	for df in doc.meta.get("fields", {"fieldtype": ("in", list(MAX_TEXT_CHARACTERS))}):
		value = doc.get(df.fieldname)
		limit = MAX_TEXT_CHARACTERS[df.fieldtype]
		if isinstance(value, str) and len(value) > limit:
			frappe.throw(
				_("{0} is too long: at most {1} characters, not {2}.").format(
					_(df.label or df.fieldname, context=doc.doctype), limit, len(value)
				),
				TextTooLongError,
				title=_("Text Too Long"),
			)
