"""Row scope (unit, case, round) is decided from the STORED record, never from the incoming one.

Frappe v15 checks the permission of a save (`Document.check_permission("write")`) on the document as the
client sent it, before `validate`: a has_permission hook reading `doc.unit` would let a unit's handler
move another unit's record into their own unit by sending `{"unit": "<my unit>"}`. The permission hooks
of the app therefore ask `scope_rows(doc, fields, ptype)` which versions of the record the user must be
in scope of:

- a new record (or one not in the database): the incoming values, there are no others;
- an existing record, read-type ptype: the stored values only (one `frappe.db.get_value` by name);
- an existing record, any other ptype: the stored values and the incoming ones, both.

A change of a scope field is refused by `validate_scope_change` unless the user's scope is unrestricted
(the office, the director, supervisors, system managers), checked against the stored record.
"""

import frappe
from frappe import _

from petition_management.utils.translation import label

READ_PTYPES = frozenset({"read", "select", "print", "email", "report", "export"})


class ScopeChangeError(frappe.PermissionError):
	"""A scope field (unit, case, round) changed by a user whose scope is restricted."""


def is_read(ptype: str | None) -> bool:
	return (ptype or "read") in READ_PTYPES


def stored_values(doc, fieldnames: tuple[str, ...]) -> frappe._dict | None:
	"""The scope fields as the database holds them; None for a new record or one not in the database."""
	if doc.is_new() or not doc.get("name"):
		return None
	return frappe.db.get_value(doc.doctype, doc.name, list(fieldnames), as_dict=True)


def scope_rows(doc, fieldnames: tuple[str, ...], ptype: str | None) -> list:
	"""The versions of the record whose scope the user must be in (see the module's docstring): each has
	`.get(fieldname)`; the stored one first."""
	stored = stored_values(doc, fieldnames)
	if stored is None:
		return [doc]
	if is_read(ptype):
		return [stored]
	return [stored, doc]


def changed_scope_fields(doc, fieldnames: tuple[str, ...]) -> list[str]:
	"""The scope fields whose incoming value differs from the stored one (none for a new record)."""
	before = doc.get_doc_before_save()
	if not before:
		return []
	return [field for field in fieldnames if (before.get(field) or None) != (doc.get(field) or None)]


def validate_scope_change(doc, fieldnames: tuple[str, ...], unrestricted: bool):
	"""Only a user with unrestricted scope moves a record to another unit, case or round; code saving with
	ignore_permissions (the system) is not a user."""
	if doc.flags.ignore_permissions or unrestricted:
		return
	changed = changed_scope_fields(doc, fieldnames)
	if changed:
		frappe.throw(
			_(
				"A unit cannot change {0} of {1}: moving a record to another unit, case or round is for the Petition Office."
			).format(frappe.bold(label(doc.meta, changed[0])), doc.name),
			ScopeChangeError,
			title=_("Not Your Decision"),
		)
