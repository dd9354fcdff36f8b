"""Records an administrator may edit on the site (workflows, notifications): shipped as JSON files in
`setup/<kind>/`, created when absent and never overwritten, so `bench migrate` keeps the admin's edits."""

import json
from pathlib import Path

import frappe

SETUP_DIR = Path(__file__).parent


def load_definitions(kind: str) -> list[dict]:
	"""The JSON definitions in setup/<kind>/, sorted by file name."""
	return [json.loads(p.read_text(encoding="utf-8")) for p in sorted((SETUP_DIR / kind).glob("*.json"))]


def insert_if_absent(definition: dict) -> bool:
	"""Insert the record unless one with its name exists; True when it was inserted."""
	if frappe.db.exists(definition["doctype"], definition["name"]):
		return False
	doc = frappe.get_doc(definition)
	doc.flags.ignore_permissions = True
	doc.insert(set_name=definition["name"])
	return True


def delete_records(kind: str):
	for definition in load_definitions(kind):
		if frappe.db.exists(definition["doctype"], definition["name"]):
			frappe.delete_doc(definition["doctype"], definition["name"], force=True, ignore_permissions=True)
