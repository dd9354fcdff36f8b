"""Rendering shared by the portal's pages and endpoints (templates/portal/, autoescaped)."""

import frappe
from frappe import _
from frappe.utils import format_date
from frappe.utils.password import get_decrypted_password

from petition_management.portal import access, status

STATUS_TEMPLATE = "templates/portal/status_result.html"
NOT_FOUND_TEMPLATE = "templates/portal/status_not_found.html"


def apply_visitor_language() -> None:
	"""Give a visitor the portal in their language: the preferred_language cookie (the pages' language
	switch), else the browser's Accept-Language, else the site's language.

	Frappe v15 picks the request's language before the guest session exists, so for a visitor it takes
	the site's language and never reads the cookie or the header; pick again now that the session is
	known. `?_lang=` is honoured by Frappe itself."""
	if frappe.request and frappe.session.user == "Guest" and not frappe.form_dict.get("_lang"):
		frappe.local.lang = frappe.translate.get_language()


def set_page_language(context) -> None:
	"""A portal page in the visitor's language (the page's `<html lang>` too)."""
	apply_visitor_language()
	context.lang = frappe.local.lang
	if context.get("boot"):
		context.boot["lang"] = frappe.local.lang


def status_context(name: str) -> dict:
	view = status.petition_view(name)
	for row in view.dates:
		row["text"] = format_date(row["date"])
	for review in view.reviews:
		for key in ("requested_on", "opinion_due", "decided_on"):
			review[f"{key}_text"] = format_date(review[key]) if review[key] else ""
	if view.actions.review:
		view.actions.review.until_text = format_date(view.actions.review.until)
	return {
		"view": view,
		"satisfaction_options": [(value, _(value)) for value in status.SATISFACTION],
		"max_grounds": status.MAX_GROUNDS,
	}


def render_status(name: str) -> str:
	return frappe.render_template(STATUS_TEMPLATE, status_context(name))


def render_not_found() -> str:
	return frappe.render_template(NOT_FOUND_TEMPLATE, {})


def owned_petition(tracking_number: str | None) -> str | None:
	"""The Online Petition of this number when the logged-in website account submitted it."""
	number = access.normalize_tracking_number(tracking_number)
	if not number or frappe.session.user == "Guest":
		return None
	return frappe.db.get_value("Online Petition", {"name": number, "owner": frappe.session.user})


def authorized_petition(tracking_number: str | None, access_code: str | None) -> str | None:
	"""The Online Petition the visitor may see: the number and code match, or (without a code) the
	logged-in account submitted it. An unknown number costs the same work as a wrong code."""
	number = access.normalize_tracking_number(tracking_number)
	row = frappe.db.get_value("Online Petition", number, ["name", "owner"], as_dict=True) if number else None
	if access_code:
		stored = access_code_hash(row.name) if row else None
		matches = access.verify_access_code(access_code, stored)
		return row.name if row and matches else None
	if row and frappe.session.user != "Guest" and row.owner == frappe.session.user:
		return row.name
	access.verify_access_code("", None)
	return None


def access_code_hash(name: str) -> str | None:
	"""The stored hash of a petition's access code (Frappe's password store, `__Auth`)."""
	return get_decrypted_password("Online Petition", name, "access_code_hash", raise_exception=False)


def portal_messages() -> dict:
	"""Texts the pages' scripts show, in the visitor's language."""
	return {
		"too_many_requests": _("Too many attempts from your address. Wait a few minutes and try again."),
		"failed": _("Something went wrong. Please try again."),
		"working": _("Please wait…"),
	}
