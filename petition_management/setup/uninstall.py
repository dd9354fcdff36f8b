"""Remove what the app created outside its own DocTypes, so that uninstall-app leaves a clean site."""

import frappe

from petition_management.setup.install import get_app_roles


def before_uninstall():
	from petition_management.setup.notifications import delete_notifications
	from petition_management.setup.staff_desk import remove_staff_desk
	from petition_management.setup.workflows import delete_workflows

	delete_workflows()
	delete_notifications()
	remove_staff_desk()
	delete_roles()
	delete_access_code_hashes()


def delete_roles():
	for role in get_app_roles():
		if not frappe.db.exists("Role", role):
			continue
		frappe.db.delete("Has Role", {"role": role})
		frappe.db.delete("Custom DocPerm", {"role": role})
		frappe.delete_doc("Role", role, force=True, ignore_permissions=True)


def delete_access_code_hashes():
	"""The Online Petitions' access code hashes live in Frappe's password store, not in the app's tables."""
	frappe.db.delete("__Auth", {"doctype": "Online Petition"})
