"""Clean the text values stored before every save cleaned them (utils/stored_text.py), and those written
past the save hooks (`db_set`, `db.set_value`, SQL): the same rules, applied to the rows of every DocType
of the module, child tables included.

Candidates are found set-based, one query per text column (`like '%<%'`); only the rows whose value the
rules change are written, without touching `modified`. A plain value that held only markup becomes the
text a browser would show (`< b>`), so a required field is never left empty. Running it again changes
nothing.
"""

import frappe

from petition_management.rules.stored_text import neutralize, plain_text
from petition_management.utils.stored_text import EXCLUDED, MODULE, PLAIN_TYPES, RICH_TYPES, rich_text


def execute() -> dict[str, int]:
	changed = {}
	for doctype in frappe.get_all("DocType", filters={"module": MODULE, "is_virtual": 0}, pluck="name"):
		if frappe.get_meta(doctype).issingle:
			continue
		for fieldname, fieldtype in text_columns(doctype):
			count = clean_column(doctype, fieldname, fieldtype)
			if count:
				changed[f"{doctype}.{fieldname}"] = count
	if changed:
		print(f"clean_stored_text: {sum(changed.values())} value(s) cleaned: {changed}")
	return changed


def text_columns(doctype: str) -> list[tuple[str, str]]:
	excluded = EXCLUDED.get(doctype, ())
	return [
		(df.fieldname, df.fieldtype)
		for df in frappe.get_meta(doctype).fields
		if df.fieldtype in (*PLAIN_TYPES, *RICH_TYPES)
		and df.fieldname not in excluded
		and frappe.db.has_column(doctype, df.fieldname)
	]


def clean_column(doctype: str, fieldname: str, fieldtype: str) -> int:
	rows = frappe.db.sql(
		f"select name, `{fieldname}` from `tab{doctype}` where `{fieldname}` like %s",  # nosemgrep
		("%<%",),
	)
	count = 0
	for name, value in rows:
		cleaned = cleaned_value(value, fieldtype)
		if cleaned != value:
			frappe.db.set_value(doctype, name, fieldname, cleaned, update_modified=False)
			count += 1
	return count


def cleaned_value(value: str, fieldtype: str) -> str:
	if fieldtype in RICH_TYPES:
		return rich_text(value)
	cleaned = plain_text(value)
	return cleaned if cleaned.strip() else neutralize(value)
