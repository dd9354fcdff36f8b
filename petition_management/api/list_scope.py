"""Three whitelisted methods of Frappe v15 that can widen what a user sees of this app's DocTypes,
overridden for them in hooks' `override_whitelisted_methods` (one endpoint each; nothing of Frappe is
patched). Every other DocType goes to Frappe's own method unchanged.

- `frappe.client.get_count` counts with `frappe.db.count`, without any permission check (Frappe v15
  `frappe/client.py`; the same gap is named in frappe/helpdesk#2827, "get_count does not apply
  permissions"): here it counts through `frappe.get_list`, so DocType permissions,
  `permission_query_conditions` and User Permissions apply.
- `frappe.desk.search.search_link` / `search_widget` turn the caller's `ignore_user_permissions=1` into
  `ignore_permissions` for `frappe.get_list`, which drops every `permission_query_conditions`: a unit's
  handler searching Petition Case with it saw every unit's cases. For this app's DocTypes the flag is
  ignored: the unit rule holds in search as it does in the list (no Frappe issue found for it; the
  reproduction is `tests/security/test_scope_reads.py`).
"""

import frappe
import frappe.client
import frappe.desk.search

APP_MODULE = "Petition Management"


def is_app_doctype(doctype) -> bool:
	if not isinstance(doctype, str) or not frappe.db.exists("DocType", doctype, cache=True):
		return False
	return frappe.get_meta(doctype).module == APP_MODULE


@frappe.whitelist()
def get_count(doctype: str, filters=None, debug: bool = False, cache: bool = False) -> int:
	"""`frappe.client.get_count`, through `frappe.get_list` (permissions applied) for app DocTypes."""
	if not is_app_doctype(doctype):
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
	"""`frappe.desk.search.search_link`; `ignore_user_permissions` never widens an app DocType."""
	return frappe.desk.search.search_link(
		doctype,
		txt,
		query=query,
		filters=filters,
		page_length=page_length,
		searchfield=searchfield,
		reference_doctype=reference_doctype,
		ignore_user_permissions=False if is_app_doctype(doctype) else ignore_user_permissions,
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
	"""`frappe.desk.search.search_widget`; `ignore_user_permissions` never widens an app DocType."""
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
		ignore_user_permissions=False if is_app_doctype(doctype) else ignore_user_permissions,
	)
