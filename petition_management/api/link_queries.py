"""Link searches in the user's words, as hooks' `standard_queries` (Frappe's search_widget calls a
DocType's standard query when the field names none of its own; nothing of Frappe is patched).

Frappe v15 shows a Link result's description (the search fields) as stored and matches the typed text
against stored values only, unless the target DocType is a "translated" one, which the print view cannot
take (its print format picker reads the input's text, which would then be the translation). So:

- Handling Unit: the unit type in the description is the app's wording of the option (a zh user read
  "Brigade" and "Department"), and typing a unit type in the user's words ("部门") finds those units.
- Print Format: a format whose name the site translates shows the translation as its description, and
  typing part of the translation ("受理") finds it. The value stays the format's name, which is what the
  print view and every Link field store. Every DocType's formats are searched so (ERPNext's too): where
  no translation differs, the result is Frappe's own, a name match.

Both read through `frappe.get_list`, so the user's permissions apply as in Frappe's search.
"""

import frappe
from frappe import _
from frappe.model import default_fields
from frappe.utils import cint
from frappe.utils.data import make_filter_tuple

UNIT = "Handling Unit"


def as_list(doctype: str, filters) -> list:
	"""A search's filters (a dict or a list, as the Link field sends them) as a list of conditions."""
	if isinstance(filters, dict):
		filters = [make_filter_tuple(doctype, key, value) for key, value in filters.items()]
	filters = list(filters or [])
	meta = frappe.get_meta(doctype)
	for condition in filters:
		if not (
			isinstance(condition, list | tuple)
			and len(condition) in (3, 4)
			and all(isinstance(part, str) for part in condition[:-1])
			and is_field(meta, condition[1] if len(condition) == 4 else condition[0])
		):
			frappe.throw(_("The search filters are not valid."), frappe.ValidationError)
	return filters


def is_field(meta, fieldname: str) -> bool:
	return bool(meta.has_field(fieldname)) or fieldname in (*default_fields, "lft", "rgt")


def page_of(start, page_len) -> tuple[int, int]:
	"""The first row and the number of rows of a search page, within bounds."""
	return max(cint(start), 0), min(max(cint(page_len) or 10, 1), 100)


def matches(txt: str, *texts: str) -> bool:
	needle = (txt or "").casefold()
	return any(needle in (text or "").casefold() for text in texts)


def ranked(rows: list, txt: str, key) -> list:
	"""Names starting with the typed text first, then in the given order (Frappe's relevance)."""
	needle = (txt or "").casefold()
	return sorted(rows, key=lambda row: not key(row).casefold().startswith(needle)) if needle else rows


@frappe.whitelist()
def search_units(
	doctype: str,
	txt: str,
	searchfield: str | None = None,
	start: int = 0,
	page_len: int = 10,
	filters: dict | list | None = None,
	**kwargs,
) -> list[tuple]:
	"""Handling Unit for a Link field: by name, leader or the unit type in the user's words."""
	meta = frappe.get_meta(UNIT)
	options = [o for o in (meta.get_field("unit_type").options or "").split("\n") if o]
	types = [o for o in options if matches(txt, o, _(o, context=UNIT))]
	first, size = page_of(start, page_len)
	like = f"%{txt or ''}%"
	or_filters = [[UNIT, "name", "like", like], [UNIT, "leader_in_charge", "like", like]]
	if types:
		or_filters.append([UNIT, "unit_type", "in", types])
	rows = frappe.get_list(
		UNIT,
		filters=as_list(UNIT, filters),
		or_filters=or_filters if txt else None,
		fields=["name", "unit_type", "leader_in_charge"],
		order_by="lft asc",
		limit_start=first,
		limit_page_length=size,
	)
	return [
		(row.name, _(row.unit_type, context=UNIT) if row.unit_type else None, row.leader_in_charge)
		for row in ranked(rows, txt, lambda row: row.name)
	]


@frappe.whitelist()
def search_print_formats(
	doctype: str,
	txt: str,
	searchfield: str | None = None,
	start: int = 0,
	page_len: int = 10,
	filters: dict | list | None = None,
	**kwargs,
) -> list[tuple]:
	"""Print Format for a Link field (the print view's picker): by name or by its translation."""
	conditions = [*as_list("Print Format", filters), ["Print Format", "disabled", "!=", 1]]
	names = frappe.get_list("Print Format", filters=conditions, pluck="name", order_by="name asc")
	found = [name for name in names if matches(txt, name, _(name))]
	first, size = page_of(start, page_len)
	page = ranked(found, txt, lambda name: name)[first : first + size]
	return [(name, _(name)) if _(name) != name else (name,) for name in page]
