"""Who sees which Petition Appraisal (hooks: permission_query_conditions and has_permission).

The Petition Office, the Director, supervisors and system managers see every appraisal. Unit heads,
unit handlers and leaders see the appraisals of their own units (`user_units`: the units they head or
lead, and those a User Permission ties them to). The query is set-based SQL; has_permission applies the
same rule to one document and can only deny (False or None, never True).
"""

import frappe

from petition_management.handling.transfers import user_units
from petition_management.utils.scope import scope_rows

UNRESTRICTED_ROLES = frozenset(
	{"System Manager", "Petition Office", "Petition Director", "Petition Supervisor"}
)
DENY_ALL = "1=0"


def is_unrestricted(user: str) -> bool:
	return user == "Administrator" or bool(UNRESTRICTED_ROLES & set(frappe.get_roles(user)))


def appraisal_query(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	if is_unrestricted(user):
		return ""
	units = user_units(user)
	if not units:
		return DENY_ALL
	return f"`tabPetition Appraisal`.unit in ({', '.join(frappe.db.escape(unit) for unit in units)})"


def appraisal_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	"""Decided on the stored unit, and for anything but reading on the incoming unit too (utils/scope.py)."""
	user = user or frappe.session.user
	if is_unrestricted(user):
		return None
	units = user_units(user)
	if all(row.get("unit") in units for row in scope_rows(doc, ("unit",), ptype)):
		return None
	return False
