"""Cleaning up after the security tests: everything the test users own, their traces and the users, and
the Petition Settings put back as they were."""

import frappe

from petition_management.tests.security.fixtures import ALL_USERS, DOMAIN

TREES = ("Handling Unit", "Petition Category")
TRACES = {
	# doctype: (reference doctype field, reference name field)
	"ToDo": ("reference_type", "reference_name"),
	"Comment": ("reference_doctype", "reference_name"),
	"Communication": ("reference_doctype", "reference_name"),
	"Workflow Action": ("reference_doctype", "reference_name"),
	"Notification Log": ("document_type", "document_name"),
	"Email Queue": ("reference_doctype", "reference_name"),
	"Version": ("ref_doctype", "docname"),
	"File": ("attached_to_doctype", "attached_to_name"),
	"Access Log": ("export_from", "reference_document"),
}


def app_doctypes() -> list[str]:
	"""The app's DocTypes that hold records of their own (no child tables, no Singles)."""
	return frappe.get_all(
		"DocType",
		filters={"module": "Petition Management", "istable": 0, "issingle": 0},
		pluck="name",
		order_by="name",
	)


def delete_rows(doctype: str, names: list[str]):
	"""Delete records and their child rows with SQL: controllers would refuse some (approved ones)."""
	if not names:
		return
	for table in frappe.get_meta(doctype).get_table_fields():
		frappe.db.delete(table.options, {"parent": ("in", names), "parenttype": doctype})
	frappe.db.delete(doctype, {"name": ("in", names)})


def purge():
	"""Delete every record the test users own, their traces, their settings changes and the users."""
	frappe.set_user("Administrator")
	users = [user for user in ALL_USERS if frappe.db.exists("User", user)]
	deleted: dict[str, list[str]] = {}
	for doctype in app_doctypes():
		if doctype in TREES:
			continue
		names = frappe.get_all(doctype, filters={"owner": ("in", list(ALL_USERS))}, pluck="name")
		delete_rows(doctype, names)
		deleted[doctype] = names
	frappe.db.delete("User Permission", {"user": ("in", list(ALL_USERS))})
	for doctype in TREES:
		nodes = frappe.get_all(
			doctype, filters={"owner": ("in", list(ALL_USERS))}, pluck="name", order_by="lft desc"
		)
		for name in nodes:
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True, delete_permanently=True)
		deleted[doctype] = nodes
	for doctype, (type_field, name_field) in TRACES.items():
		for reference_doctype, names in deleted.items():
			if names:
				frappe.db.delete(doctype, {type_field: reference_doctype, name_field: ("in", names)})
		frappe.db.delete(doctype, {"owner": ("in", list(ALL_USERS))})
	# the access code hashes of the purged online petitions (Frappe's password store)
	frappe.db.delete(
		"__Auth", {"doctype": "Online Petition", "name": ("in", deleted.get("Online Petition") or [""])}
	)
	for doctype in ("Deleted Document", "Email Account"):
		frappe.db.delete(doctype, {"owner": ("in", list(ALL_USERS))})
	for user in users:
		frappe.db.delete("Has Role", {"parent": user})
		frappe.db.delete("Sessions", {"user": user})
		frappe.delete_doc("User", user, force=True, ignore_permissions=True, delete_permanently=True)
	# what deleting the users and masters leaves: their change log, share and deletion notes
	frappe.db.delete("Version", {"ref_doctype": "User", "docname": ("like", f"%@{DOMAIN}")})
	frappe.db.delete("Comment", {"reference_doctype": "User", "reference_name": ("like", f"%@{DOMAIN}")})
	for subject, name in ((f"%@{DOMAIN}", f"%@{DOMAIN}"), ("% _T Sec %", "_T Sec %")):
		frappe.db.delete("Comment", {"comment_type": "Deleted", "subject": ("like", subject)})
		frappe.db.delete("Deleted Document", {"deleted_name": ("like", name)})
	frappe.db.commit()
	frappe.clear_cache()


SETTINGS = "Petition Settings"


def settings_rows() -> dict:
	return {
		"singles": frappe.db.sql("select * from `tabSingles` where doctype = %s", SETTINGS, as_dict=True),
		"holidays": frappe.db.sql(
			"select * from `tabPetition Holiday` where parenttype = %s", SETTINGS, as_dict=True
		),
	}


def restore_settings(rows: dict):
	"""Put the Settings back exactly as they were (REST writes and creates of the test change them)."""
	frappe.db.delete("Singles", {"doctype": SETTINGS})
	frappe.db.delete("Petition Holiday", {"parenttype": SETTINGS})
	for table, key in (("Singles", "singles"), ("Petition Holiday", "holidays")):
		for values in rows[key]:
			columns = ", ".join(f"`{column}`" for column in values)
			placeholders = ", ".join(["%s"] * len(values))
			frappe.db.sql(
				f"insert into `tab{table}` ({columns}) values ({placeholders})", tuple(values.values())
			)
	frappe.db.commit()
	frappe.clear_document_cache(SETTINGS, SETTINGS)
