"""Every answer of the citizens' portal in the visitor's language, and never with a traceback.

`before_request` (a hook) runs for each request once Frappe knows the session. For a request of the
portal (its pages, its endpoints, and Frappe's web form endpoints called for its web form) it:
- picks the visitor's language again (portal/pages.py explains why Frappe v15 cannot for a guest), so
  that Frappe's own answers too (the rate limit's 429, "Not Found", "Not Permitted") are in it;
- sets `frappe.flags.disable_traceback` for a guest or a website user, as Frappe does itself before
  refusing a CSRF token: Frappe then leaves the traceback out of a JSON error answer (`exc`,
  `exception`) and out of its "Server Error" page, even with System Settings' "Show Full Error" on.
  Desk users keep Frappe's behaviour; the Error Log keeps the traceback for the administrator.
"""

import frappe

from petition_management.portal.pages import apply_visitor_language

WEB_FORM = "online-petition"
ROUTES = (
	"online-petition",
	"petition-status",
	"petition-confirmation",
	"petition-statistics",
	"my-petitions",
)
API_PREFIX = "/api/method/"
PORTAL_METHODS = "petition_management.api.portal."
WEB_FORM_METHODS = "frappe.website.doctype.web_form.web_form."


def is_portal_request() -> bool:
	request = frappe.request
	if not request:
		return False
	path = (request.path or "").rstrip("/")
	if path.startswith(API_PREFIX):
		method = path[len(API_PREFIX) :]
		if method.startswith(PORTAL_METHODS):
			return True
		return method.startswith(WEB_FORM_METHODS) and frappe.form_dict.get("web_form") == WEB_FORM
	route = path.lstrip("/").split("/", 1)[0]
	return route in ROUTES


def is_outsider() -> bool:
	"""A guest, or a website account (a citizen), not a desk user."""
	user = frappe.session.user if frappe.session else "Guest"
	return user == "Guest" or frappe.get_cached_value("User", user, "user_type") != "System User"


def before_request() -> None:
	if not is_portal_request():
		return
	apply_visitor_language()
	if is_outsider():
		frappe.flags.disable_traceback = True
