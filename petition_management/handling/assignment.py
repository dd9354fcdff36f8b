"""Assign a Petition Transfer to its unit's handlers (Frappe's assign_to / ToDo) and close the ToDos
when the unit's reply is accepted or the transfer is withdrawn.

A handler belongs to a unit through a User Permission (allow "Handling Unit", for_value the unit,
apply_to_all_doctypes 0, applicable_for "Petition Transfer") and has the role Petition Unit Handler.
When a unit has no such handler, its unit head gets the assignment.
"""

import frappe
from frappe import _
from frappe.desk.form import assign_to

HANDLER_ROLE = "Petition Unit Handler"


def unit_handlers(unit: str) -> list[str]:
	"""Enabled users tied to the unit by a User Permission who have the Unit Handler role."""
	rows = frappe.db.sql(
		"""
		select distinct perm.user
		from `tabUser Permission` perm
		join `tabUser` usr on usr.name = perm.user and usr.enabled = 1
		join `tabHas Role` has_role
			on has_role.parent = perm.user and has_role.parenttype = 'User' and has_role.role = %(role)s
		where perm.allow = 'Handling Unit' and perm.for_value = %(unit)s
		order by perm.user
		""",
		{"unit": unit, "role": HANDLER_ROLE},
	)
	return [row[0] for row in rows]


def add_handler_to_unit(user: str, unit: str):
	"""Make `user` a handler of `unit`: the User Permission described above, created once."""
	permission = {"user": user, "allow": "Handling Unit", "for_value": unit}
	if not frappe.db.exists("User Permission", permission):
		values = {"apply_to_all_doctypes": 0, "applicable_for": "Petition Transfer"}
		frappe.get_doc({"doctype": "User Permission", **permission, **values}).insert(ignore_permissions=True)


def assignees_for(unit: str) -> list[str]:
	handlers = unit_handlers(unit)
	if handlers:
		return handlers
	head = frappe.db.get_value("Handling Unit", unit, "unit_head")
	if head and frappe.db.get_value("User", head, "enabled"):
		return [head]
	return []


def assign_transfer(doc):
	"""Give the unit's handlers (or, failing them, its head) a ToDo for the transfer."""
	assign_to_unit(
		doc,
		doc.unit,
		doc.due_date,
		_("Petition transfer {0}: reply to case {1} by {2}.").format(
			doc.name, doc.petition_case, frappe.format(doc.due_date, "Date")
		),
		no_one=_("Unit {0} has no handler and no unit head: assign transfer {1} by hand.").format(
			frappe.bold(doc.unit), doc.name
		),
	)


def assign_to_unit(doc, unit: str, due_on, description: str, no_one: str):
	"""A ToDo on `doc` for the unit's handlers (or, failing them, its head), due on `due_on`;
	without either, the `no_one` alert tells the user to act by hand."""
	users = assignees_for(unit)
	if not users:
		frappe.msgprint(no_one, alert=True)
		return
	assign_to.add(
		{
			"assign_to": users,
			"doctype": doc.doctype,
			"name": doc.name,
			"date": due_on,
			"description": description,
		},
		ignore_permissions=True,
	)


def close_transfer_assignments(doc, status: str = "Closed"):
	"""Close (reply accepted) or cancel (withdrawn) the transfer's open ToDos."""
	open_todos = frappe.get_all(
		"ToDo",
		filters={"reference_type": doc.doctype, "reference_name": doc.name, "status": "Open"},
		fields=["name", "allocated_to"],
	)
	for todo in open_todos:
		assign_to.set_status(
			doc.doctype,
			doc.name,
			todo=todo.name,
			assign_to=todo.allocated_to,
			status=status,
			ignore_permissions=True,
		)
