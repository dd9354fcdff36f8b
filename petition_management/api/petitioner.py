"""Likely-duplicate look-up for the Petitioner form."""

import frappe
from frappe import _

from petition_management.petition_management.doctype.petitioner.petitioner import find_duplicates


@frappe.whitelist()
def find_likely_duplicates(
	full_name: str,
	region: str | None = None,
	phone: str | None = None,
	exclude: str | None = None,
) -> list[dict]:
	"""Petitioners who may be the same person (same phone; same or similar name in the same region).

	Returns names, regions, masked identifiers and reason codes: never a full ID number or phone."""
	if not (frappe.has_permission("Petitioner", "create") or frappe.has_permission("Petitioner", "write")):
		frappe.throw(_("You are not permitted to register or edit Petitioners."), frappe.PermissionError)
	if not can_read_identity():
		# a phone match would tell whose phone it is; only users who may read phones look up by one
		phone = None
	return find_duplicates(full_name, region=region, phone=phone, exclude=exclude)


def can_read_identity() -> bool:
	return bool(frappe.has_permission("Petitioner Identity", "read"))
