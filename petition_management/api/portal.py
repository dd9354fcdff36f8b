"""The citizens' portal endpoints: the only petition methods a guest may call.

Each is POST only, rate-limited per address (frappe.rate_limiter, 429 beyond the limit) and checks
its input. There is no document permission to check for a guest: the status and action methods act
only after `authorized_petition` has verified the tracking number and the access code (or the
website account that submitted the petition), and then act as the system on the petitioner's
behalf. A wrong number and a wrong code get the same answer, with the same status.
"""

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit

from petition_management.portal import pages, status, uploads

NOT_FOUND_STATUS = 404


def not_found() -> dict:
	frappe.local.response["http_status_code"] = NOT_FOUND_STATUS
	return {"found": 0, "html": pages.render_not_found()}


def found(name: str) -> dict:
	return {"found": 1, "html": pages.render_status(name)}


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=10, seconds=60)
def petition_status(tracking_number: str, access_code: str | None = None) -> dict:
	"""The status of the petition with this tracking number and access code, as HTML for the page."""
	pages.apply_visitor_language()
	name = pages.authorized_petition(tracking_number, access_code)
	return found(name) if name else not_found()


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=10, seconds=600)
def request_review(tracking_number: str, grounds: str, access_code: str | None = None) -> dict:
	"""Ask for a review (or re-review) of the reply, within its time limit."""
	pages.apply_visitor_language()
	name = pages.authorized_petition(tracking_number, access_code)
	if not name:
		return not_found()
	status.request_review(name, grounds)
	return found(name)


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=10, seconds=600)
def rate_satisfaction(tracking_number: str, satisfaction: str, access_code: str | None = None) -> dict:
	"""Tell the office how satisfied the petitioner is, for the case's return visit."""
	pages.apply_visitor_language()
	name = pages.authorized_petition(tracking_number, access_code)
	if not name:
		return not_found()
	status.rate(name, satisfaction)
	return found(name)


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=20, seconds=600)
def upload_attachment() -> dict:
	"""Check one attachment of a petition being written and keep it until the petition is submitted."""
	pages.apply_visitor_language()
	file = frappe.request.files.get("file") if frappe.request else None
	if not file:
		frappe.throw(_("Choose a file to attach."), uploads.AttachmentError)
	# the request itself is capped by Frappe (max_file_size, 25 MB by default); the file's own limit,
	# type and content are checked by store_pending_upload
	return uploads.store_pending_upload(file.filename, file.stream.read())
