"""After `uninstall-app petition_management`, nothing of the app may remain on the site.

Run with the bench's Python from the bench's sites folder: python check_uninstalled.py SITE
"""

import json
import sys
from pathlib import Path

import frappe

MODULE = "Petition Management"
ROLES = [
	r["role_name"]
	for r in json.loads((Path(__file__).parents[2] / "petition_management/setup/roles.json").read_text())
]


def leftovers() -> list[str]:
	found = []
	if "petition_management" in frappe.get_installed_apps():
		found.append("the app is still listed as installed")
	if frappe.db.exists("Module Def", MODULE):
		found.append(f"Module Def {MODULE}")
	for doctype in ("DocType", "Workspace", "Report", "Print Format", "Web Form", "Notification", "Page"):
		names = frappe.get_all(doctype, filters={"module": MODULE}, pluck="name")
		found += [f"{doctype} {name}" for name in names]
	found += [f"Role {role}" for role in ROLES if frappe.db.exists("Role", role)]
	found += [
		f"Workflow {w}"
		for w in frappe.get_all("Workflow", filters={"name": ("like", "Petition%")}, pluck="name")
	]
	tables = frappe.db.sql_list("show tables like 'tabPetition%%'") + frappe.db.sql_list(
		"show tables like 'tabHandling Unit%%'"
	)
	found += [f"table {t}" for t in tables]
	return found


def main(site: str) -> int:
	frappe.init(site=site)
	frappe.connect()
	try:
		found = leftovers()
	finally:
		frappe.destroy()
	if found:
		print("uninstall left behind: " + "; ".join(found))
		return 1
	print(f"uninstall-app left nothing behind on {site}")
	return 0


if __name__ == "__main__":
	sys.exit(main(sys.argv[1]))
