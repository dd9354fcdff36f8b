"""Scratch DocTypes for the baseline of the registration figure: the same columns (fieldtypes, Link
targets, mandatory fields, fetches) as Petition Visit, Petition Case and their Petition Party rows, but no
controller, no hooks, no Workflow: what Frappe itself costs to insert documents of that width.

They are custom DocTypes (never exported to files), created for a run and dropped after it.
"""

import frappe

SCRATCH = {
	"Petition Party": "PM Bench Scratch Party",
	"Petition Visit": "PM Bench Scratch Visit",
	"Petition Case": "PM Bench Scratch Case",
}
SERIES = {"Petition Visit": "PMBV-.YYYY.-", "Petition Case": "PMBC-.YYYY.-"}
COPIED = ("fieldname", "fieldtype", "label", "options", "reqd", "fetch_from", "default", "search_index")
ROLES = ("Petition Reception Officer", "System Manager")


def scratch_fields(doctype: str) -> list[dict]:
	fields = []
	for df in frappe.get_meta(doctype).fields:
		values = {key: df.get(key) for key in COPIED if df.get(key) not in (None, "")}
		if df.fieldtype in ("Table", "Table MultiSelect"):
			if df.options not in SCRATCH:
				continue
			values["options"] = SCRATCH[df.options]
		if df.fieldname == "naming_series":
			values["options"] = values["default"] = SERIES[doctype]
		fields.append(values)
	return fields


def make_scratch_doctypes():
	"""Create the scratch DocTypes when missing (DDL: this commits the transaction)."""
	for real, scratch in SCRATCH.items():
		if frappe.db.exists("DocType", scratch):
			continue
		meta = frappe.get_meta(real)
		frappe.get_doc(
			{
				"doctype": "DocType",
				"name": scratch,
				"module": meta.module,
				"custom": 1,
				"istable": meta.istable,
				"autoname": meta.autoname,
				"fields": scratch_fields(real),
				"permissions": []
				if meta.istable
				else [{"role": role, "read": 1, "write": 1, "create": 1, "delete": 1} for role in ROLES],
			}
		).insert(ignore_permissions=True)


def drop_scratch_doctypes():
	for scratch in reversed(SCRATCH.values()):
		if frappe.db.exists("DocType", scratch):
			frappe.delete_doc("DocType", scratch, ignore_permissions=True, force=True)
		frappe.db.sql_ddl(f"drop table if exists `tab{scratch}`")
