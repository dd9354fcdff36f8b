"""Remove what the benchmark seeded: every seeded name carries MARK (see rows.py), masters included."""

import frappe
from frappe.utils.nestedset import rebuild_tree

from petition_management.benchmark import MARK

PREFIXES = {
	"Petitioner": f"PTR{MARK}-",
	"Petitioner Identity": f"PTR{MARK}-",
	"Petition Case": f"PC{MARK}-",
	"Petition Party": f"PP{MARK}",
	"Petition Repeat Note": f"RN{MARK}",
	"Petition Transfer": f"PT{MARK}-",
	"Petition Return Visit": f"PRV{MARK}-",
}
BATCH = 50_000


def seeded_condition(doctype: str, alias: str | None = None) -> str:
	column = f"{alias}.name" if alias else "name"
	return f"{column} like {frappe.db.escape(PREFIXES[doctype] + '%')}"


def delete_seeded(commit: bool) -> dict[str, int]:
	"""Delete the seeded records (in batches, committed each, when `commit`); return how many went."""
	deleted = {}
	for doctype in PREFIXES:
		deleted[doctype] = 0
		while True:
			limit = f" limit {BATCH}" if commit else ""
			frappe.db.sql(f"delete from `tab{doctype}` where {seeded_condition(doctype)}{limit}")
			count = frappe.db._cursor.rowcount
			deleted[doctype] += count
			if commit:
				frappe.db.commit()
			if not commit or count < BATCH:
				break
	return deleted


def delete_masters():
	"""The benchmark's units, categories and users (and the handler's User Permission)."""
	from petition_management.benchmark.masters import USER_DOMAIN

	users = frappe.get_all("User", filters={"name": ("like", f"%@{USER_DOMAIN}")}, pluck="name")
	frappe.db.delete("User Permission", {"user": ("in", users or [""])})
	for user in users:
		if frappe.db.exists("User", user):
			frappe.delete_doc("User", user, ignore_permissions=True, force=True)
	for doctype in ("Petition Category", "Handling Unit"):
		frappe.db.sql(f"delete from `tab{doctype}` where name like {frappe.db.escape(MARK + '%')}")
		rebuild_tree(doctype)
