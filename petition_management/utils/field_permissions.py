"""Field-level read permissions that hold on every list query (Frappe v15 `DatabaseQuery`).

Frappe strips the fields a user cannot read (permlevel) in
`DatabaseQuery.apply_fieldlevel_read_permissions`, used by `frappe.get_list`, `/api/resource`, the
desk's list and report views and `frappe.client.get_value`. In Frappe v15 that method walks
`self.fields` while removing from it, so the field after each removed one is never checked
(frappe/frappe#37950; fixed in develop by frappe/frappe#32192, not in version-15):
`fields=["id_number", "phone"]` returned the phone, and `fields=["id_number", "*"]` returned every
column. A field holding a `*` inside a function (`"max(phone)*1 as x"`) is never checked either.

`apply()` wraps the method, for every DocType, so that Frappe's own check runs until it removes
nothing more. For this app's DocTypes it also drops any selected expression that names a field the
user cannot read, and refuses filters, sorting and grouping on such a field: a LIKE filter or an
ORDER BY on a phone number would otherwise reveal it digit by digit.

Two whitelisted methods of Frappe v15 bypass field-level permissions altogether; for this app's
DocTypes they are overridden (`override_whitelisted_methods`):
- `frappe.client.get_count` counts with `frappe.db.count`, without any permission check, so any user
  could count Petitioners whose phone is LIKE '138%' and so recover it;
- `frappe.desk.search.search_link` / `search_widget` with `ignore_user_permissions=1` query with
  `ignore_permissions`, so `searchfield`, `filter_fields` and `filters` return or test any column.

Frappe's change log has the same gap: a Version keeps the old and new values of every changed field
(and whole added or removed child rows), and the form's timeline (`frappe.desk.form.load` docinfo) shows
the versions to everyone who reads the record, whatever their permission level. `apply()` also masks,
in the Versions of this app's DocTypes, the values of fields above level 0 (a controller with its own
`save_version`, like the Petitioner's, masks its own).

`apply()` is installed once per process by the `before_request` and `before_job` hooks.
"""

import json
import re

import frappe
import frappe.client
import frappe.desk.search
from frappe import _
from frappe.core.doctype.version.version import Version
from frappe.model.db_query import DatabaseQuery
from frappe.model.document import Document

APP_MODULES = ("Petition Management",)
_MARK = "_petition_management_guard"
_STRING_LITERAL = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
HIDDEN = "***"


class FieldNotPermittedError(frappe.PermissionError):
	"""A query filters, sorts or groups by a field the user may not read."""


def apply():
	"""Install the guard on DatabaseQuery (idempotent)."""
	original = DatabaseQuery.apply_fieldlevel_read_permissions
	if getattr(original, _MARK, False):
		return

	def apply_fieldlevel_read_permissions(self):
		if self.flags.ignore_permissions:
			return original(self)
		refuse_hidden_conditions(self)
		for _attempt in range(len(self.fields) + 2):
			before = list(self.fields)
			original(self)
			# as_list queries blank removed fields in place, so nothing is skipped there
			if self.as_list or self.fields == before:
				break
		drop_hidden_expressions(self)

	setattr(apply_fieldlevel_read_permissions, _MARK, True)
	apply_fieldlevel_read_permissions.__doc__ = original.__doc__
	DatabaseQuery.apply_fieldlevel_read_permissions = apply_fieldlevel_read_permissions
	guard_version_log()


def guard_version_log():
	"""Mask protected values in the Versions of app DocTypes (idempotent)."""
	original = Version.set_diff
	if getattr(original, _MARK, False):
		return

	def set_diff(self, old, new):
		changed = original(self, old, new)
		if changed and new.meta.module in APP_MODULES and type(new).save_version is Document.save_version:
			self.data = redact_diff(new.meta, self.data)
		return changed

	setattr(set_diff, _MARK, True)
	set_diff.__doc__ = original.__doc__
	Version.set_diff = set_diff


def protected_fieldnames(meta, permissions) -> set[str]:
	"""Fields above level 0 that some role reading the record may not read (`permissions`: the rows of
	the DocType, or of the parent of a child table)."""
	readers: dict[int, set[str]] = {}
	for row in permissions:
		if row.read:
			readers.setdefault(row.permlevel or 0, set()).add(row.role)
	everyone = readers.get(0, set())
	return {
		df.fieldname for df in meta.fields if df.permlevel and everyone - readers.get(df.permlevel, set())
	}


def hide(value):
	return value if value in (None, "") else HIDDEN


def redact_diff(meta, data: str | None) -> str | None:
	"""A Version's JSON diff with the values of protected fields (own or in a child row) hidden."""
	own = protected_fieldnames(meta, meta.permissions)
	tables = {
		df.fieldname: protected_fieldnames(frappe.get_meta(df.options), meta.permissions)
		for df in meta.get_table_fields()
	}
	tables = {table: fields for table, fields in tables.items() if fields}
	if not data or not (own or tables):
		return data
	diff = json.loads(data)
	for change in diff.get("changed") or []:
		if change[0] in own:
			change[1:3] = [hide(change[1]), hide(change[2])]
	for key in ("added", "removed"):
		for table, row in diff.get(key) or []:
			for fieldname in tables.get(table, ()):
				if fieldname in row:
					row[fieldname] = hide(row[fieldname])
	for table, _idx, _name, changes in diff.get("row_changed") or []:
		for change in changes:
			if change[0] in tables.get(table, ()):
				change[1:3] = [hide(change[1]), hide(change[2])]
	return frappe.as_json(diff, indent=None, separators=(",", ":"))


def hidden_fields(query: DatabaseQuery, doctype: str) -> dict[str, str]:
	"""{fieldname: label} of the fields of an app DocType that the query's user may not read."""
	meta = frappe.get_meta(doctype)
	if meta.module not in APP_MODULES:
		return {}
	parenttype = query.doctype if meta.istable and doctype != query.doctype else query.parent_doctype
	access = meta.get_permlevel_access("read", parenttype=parenttype, user=query.user)
	return {df.fieldname: df.label for df in meta.fields if df.permlevel and df.permlevel not in access}


def identifiers(expression: str) -> set[str]:
	"""The bare names in a SQL expression, string literals left out."""
	return set(_IDENTIFIER.findall(_STRING_LITERAL.sub("", expression or "")))


def drop_hidden_expressions(query: DatabaseQuery):
	hidden = hidden_fields(query, query.doctype)
	if not hidden:
		return
	for index in reversed(range(len(query.fields))):
		field = query.fields[index]
		if isinstance(field, str) and identifiers(field) & set(hidden):
			query.remove_field(index)


def filter_fieldnames(query: DatabaseQuery, condition) -> list[tuple[str, str]]:
	"""(doctype, fieldname) pairs that one filter condition refers to."""
	if isinstance(condition, dict):
		return [(query.doctype, key) for key in condition]
	if isinstance(condition, list | tuple):
		if len(condition) >= 4:
			return [(condition[0] or query.doctype, str(condition[1]))]
		if condition:
			return [(query.doctype, str(condition[0]))]
		return []
	return [(query.doctype, name) for name in identifiers(str(condition))]


def refuse_hidden_conditions(query: DatabaseQuery):
	"""Filtering, sorting or grouping by a hidden field would reveal it: refuse it."""
	checked: dict[str, dict[str, str]] = {}

	def refuse_if_hidden(doctype: str, fieldname: str):
		if doctype not in checked:
			known = doctype == query.doctype or frappe.db.exists("DocType", doctype, cache=True)
			checked[doctype] = hidden_fields(query, doctype) if known else {}
		fieldname = fieldname.replace("`", "").rsplit(".", 1)[-1]
		if fieldname in checked[doctype]:
			throw_not_permitted(doctype, checked[doctype][fieldname])

	for filters in (query.filters, query.or_filters):
		for condition in [filters] if isinstance(filters, dict) else filters or []:
			for doctype, fieldname in filter_fieldnames(query, condition):
				refuse_if_hidden(doctype, fieldname)
	for clause in (query.order_by, query.group_by):
		for name in identifiers(clause if isinstance(clause, str) else ""):
			refuse_if_hidden(query.doctype, name)


def hidden_fields_for_session(doctype: str) -> dict[str, str]:
	"""{fieldname: label} of an app DocType's fields that the session user may not read."""
	if not isinstance(doctype, str) or not frappe.db.exists("DocType", doctype, cache=True):
		return {}
	meta = frappe.get_meta(doctype)
	if meta.module not in APP_MODULES:
		return {}
	access = meta.get_permlevel_access("read")
	return {df.fieldname: df.label for df in meta.fields if df.permlevel and df.permlevel not in access}


def refuse_hidden_names(doctype: str, names):
	hidden = hidden_fields_for_session(doctype)
	for name in names:
		fieldname = name.replace("`", "").rsplit(".", 1)[-1] if isinstance(name, str) else None
		if fieldname in hidden:
			throw_not_permitted(doctype, hidden[fieldname])


def throw_not_permitted(doctype: str, label: str):
	frappe.throw(
		_("You are not permitted to filter, sort or group {0} by {1}.").format(
			_(doctype), _(label, context=doctype)
		),
		FieldNotPermittedError,
	)


def filter_names(doctype: str, filters) -> list[str]:
	"""The fieldnames that filters (JSON, dict or list) refer to."""
	if isinstance(filters, str):
		try:
			filters = json.loads(filters)
		except ValueError:
			return [filters]
	if isinstance(filters, dict):
		return list(filters)
	names = []
	for condition in filters or []:
		if isinstance(condition, dict):
			names.extend(condition)
		elif isinstance(condition, list | tuple) and condition:
			names.append(str(condition[1] if len(condition) >= 4 else condition[0]))
	return names


@frappe.whitelist()
def get_count(doctype: str, filters=None, debug: bool = False, cache: bool = False) -> int:
	"""`frappe.client.get_count`, through `frappe.get_list` (permissions applied) for app DocTypes."""
	if frappe.get_meta(doctype).module not in APP_MODULES:
		return frappe.client.get_count(doctype, filters=filters, debug=debug, cache=cache)
	rows = frappe.get_list(doctype, filters=filters, fields=["count(*) as count"], limit_page_length=1)
	return rows[0].count if rows else 0


@frappe.whitelist()
def search_link(
	doctype: str,
	txt: str,
	query: str | None = None,
	filters: str | dict | list | None = None,
	page_length: int = 10,
	searchfield: str | None = None,
	reference_doctype: str | None = None,
	ignore_user_permissions: bool = False,
):
	"""`frappe.desk.search.search_link`, refusing hidden fields of app DocTypes."""
	refuse_hidden_names(doctype, [searchfield, *filter_names(doctype, filters)])
	return frappe.desk.search.search_link(
		doctype,
		txt,
		query=query,
		filters=filters,
		page_length=page_length,
		searchfield=searchfield,
		reference_doctype=reference_doctype,
		ignore_user_permissions=ignore_user_permissions,
	)


@frappe.whitelist()
def search_widget(
	doctype: str,
	txt: str,
	query: str | None = None,
	searchfield: str | None = None,
	start: int = 0,
	page_length: int = 10,
	filters: str | dict | list | None = None,
	filter_fields=None,
	as_dict: bool = False,
	reference_doctype: str | None = None,
	ignore_user_permissions: bool = False,
):
	"""`frappe.desk.search.search_widget`, refusing hidden fields of app DocTypes."""
	extra = json.loads(filter_fields) if isinstance(filter_fields, str) else filter_fields or []
	refuse_hidden_names(doctype, [searchfield, *extra, *filter_names(doctype, filters)])
	return frappe.desk.search.search_widget(
		doctype,
		txt,
		query=query,
		searchfield=searchfield,
		start=start,
		page_length=page_length,
		filters=filters,
		filter_fields=filter_fields,
		as_dict=as_dict,
		reference_doctype=reference_doctype,
		ignore_user_permissions=ignore_user_permissions,
	)
