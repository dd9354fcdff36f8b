"""Checks shared by the app's tree DocTypes (Handling Unit, Petition Category)."""

import frappe
from frappe import _


def validate_parent_is_group(doc, parent_field: str):
	"""A node can only sit under a group; say so before anything is written."""
	parent = doc.get(parent_field)
	if not parent:
		return
	if parent == doc.name:
		frappe.throw(_("{0} cannot be its own parent.").format(frappe.bold(doc.name)))
	if not frappe.db.get_value(doc.doctype, parent, "is_group"):
		frappe.throw(
			_("{0} is not a group, so {1} cannot be placed under it. Tick Is Group on {0} first.").format(
				frappe.bold(parent), frappe.bold(doc.get_title() or doc.name)
			),
			title=_("Parent Is Not a Group"),
		)


def validate_group_keeps_children(doc, parent_field: str):
	"""A group that still holds children cannot be turned into a leaf."""
	if doc.is_new() or doc.is_group:
		return
	if frappe.db.exists(doc.doctype, {parent_field: doc.name}):
		frappe.throw(
			_("{0} holds other records, so it must stay a group.").format(frappe.bold(doc.name)),
			title=_("Group Has Children"),
		)
