"""No silent deletion of the records that are the bureau's file.

Closed and archived cases, signed replies (a Petition Transfer signed by the unit head, or any later
step) and approved appraisals can be deleted by a System Manager only, whatever the DocType's role
permissions say and even when code deletes with `ignore_permissions`. Frappe keeps a Deleted Document
(the full record as JSON, who deleted it and when) for every deletion made through `frappe.delete_doc`,
so a System Manager's deletion stays on record and can be restored.

Registered in hooks.py `doc_events` ("on_trash") for Petition Case, Petition Transfer and Petition
Appraisal.
"""

import frappe
from frappe import _

DELETING_ROLE = "System Manager"

CLOSED_CASE_STATES = frozenset({"Closed", "Archived"})
# "Returned" comes after the leader's signature: the signed reply was sent back, and is still on file.
SIGNED_TRANSFER_STATES = frozenset({"Signed by Unit Head", "Signed by Leader", "Returned", "Reply Accepted"})
APPROVED_APPRAISAL_STATES = frozenset({"Approved"})


class ProtectedRecordError(frappe.ValidationError):
	"""A closed or archived case, a signed reply or an approved appraisal, deleted by someone who may not."""


def is_protected(doc) -> bool:
	"""Whether the record, as stored, is part of the file that only a System Manager may delete."""
	state = doc.get("workflow_state")
	if doc.doctype == "Petition Case":
		return state in CLOSED_CASE_STATES
	if doc.doctype == "Petition Transfer":
		return state in SIGNED_TRANSFER_STATES or bool(
			doc.get("head_signed_by") or doc.get("leader_signed_by")
		)
	if doc.doctype == "Petition Appraisal":
		return state in APPROVED_APPRAISAL_STATES
	return False


def may_delete_protected(user: str | None = None) -> bool:
	return DELETING_ROLE in frappe.get_roles(user or frappe.session.user)


def prevent_deletion(doc, method=None):
	"""doc_events on_trash: refuse unless the user is a System Manager."""
	if not is_protected(doc) or may_delete_protected():
		return
	frappe.throw(
		_(
			"{0} {1} ({2}) is part of the petition file: only a System Manager can delete a closed or archived case, a signed reply or an approved appraisal."
		).format(_(doc.doctype), frappe.bold(doc.name), _(doc.get("workflow_state") or "")),
		ProtectedRecordError,
		title=_("Cannot Delete"),
	)
