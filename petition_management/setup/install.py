"""Install and migrate hooks.

Roles and Settings defaults are created when absent and never overwritten. Workflows, Notifications,
the Letter Head and the default Appraisal Scheme are versioned records an administrator owns on the
site (setup/shipped.py): upgraded by migrate only where the site never changed them. DocTypes, reports,
print formats and the workspace are synced by Frappe from the module folder; the DocTypes' indexes are
made on every migrate.
"""

import json
from pathlib import Path

import frappe

SETUP_DIR = Path(__file__).parent


def after_install():
	ensure_roles()
	ensure_settings_defaults()
	ensure_indexes()
	sync_shipped_records()
	ensure_staff_desk()


def after_migrate():
	ensure_roles()
	ensure_settings_defaults()
	ensure_indexes()
	sync_shipped_records()
	ensure_staff_desk()


def ensure_staff_desk():
	"""The Module Profile "Petition Staff", created when absent (setup/staff_desk.py)."""
	from petition_management.setup.staff_desk import ensure_module_profile

	ensure_module_profile()


def sync_shipped_records():
	"""Workflows, Notifications, the Letter Head and the default Appraisal Scheme: installed when absent,
	upgraded when the site never changed them, kept and reported when an administrator did
	(setup/shipped.py)."""
	from petition_management.setup.shipped import sync_shipped_records as sync

	sync()


def ensure_indexes():
	"""Every index the app's DocTypes declare (their `on_doctype_update`), on every migrate: Frappe calls
	`on_doctype_update` only when a DocType's JSON changed, so a release that adds an index to a DocType
	whose JSON stays the same would never reach an installed site. `add_index` skips existing indexes."""
	for doctype in frappe.get_all(
		"DocType", filters={"module": "Petition Management", "custom": 0}, pluck="name"
	):
		module = frappe.get_module(
			f"petition_management.petition_management.doctype.{frappe.scrub(doctype)}.{frappe.scrub(doctype)}"
		)
		if hasattr(module, "on_doctype_update"):
			module.on_doctype_update()


def before_tests():
	"""Frappe's test runner calls this before any tests of any app on the site, Frappe's own included, so
	it changes nothing global: no mail flags (muted mail with no default outgoing account makes Frappe's
	welcome mail crash in `formataddr`), no System Settings. The app's test classes that queue mail mute
	it themselves."""
	ensure_roles()


def load_role_definitions() -> list[dict]:
	return json.loads((SETUP_DIR / "roles.json").read_text(encoding="utf-8"))


def get_app_roles() -> list[str]:
	return [row["role_name"] for row in load_role_definitions()]


def ensure_roles():
	"""Create the app's roles when absent; leave existing ones exactly as the administrator set them."""
	for row in load_role_definitions():
		if frappe.db.exists("Role", row["role_name"]):
			continue
		frappe.get_doc(
			{"doctype": "Role", "role_name": row["role_name"], "desk_access": row.get("desk_access", 1)}
		).insert(ignore_permissions=True)


def ensure_settings_defaults():
	"""Fill empty Settings with their statutory defaults (after install, and for fields a new version
	adds); a value the administrator set is never touched."""
	settings = frappe.get_single("Petition Settings")
	if not settings.set_missing_defaults():
		return
	settings.flags.ignore_permissions = True
	settings.save()
