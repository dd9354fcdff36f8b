"""Install and migrate hooks.

Records an administrator may change on the site (roles today; workflows and notifications as later
features land) are created when absent and never overwritten, so that `bench migrate` keeps the
administrator's edits. DocTypes, reports, print formats and the workspace are synced by Frappe from
the module folder.
"""

import json
from pathlib import Path

import frappe

SETUP_DIR = Path(__file__).parent


def after_install():
	ensure_roles()
	ensure_settings_defaults()
	ensure_site_records()


def after_migrate():
	ensure_roles()
	ensure_settings_defaults()
	ensure_site_records()


def ensure_site_records():
	"""Workflows and notifications: created when absent, never overwritten (admins edit them)."""
	from petition_management.setup.appraisal_scheme import ensure_default_scheme
	from petition_management.setup.letter_head import ensure_letter_head
	from petition_management.setup.notifications import ensure_notifications
	from petition_management.setup.workflows import ensure_workflows

	ensure_workflows()
	ensure_default_scheme()
	ensure_notifications()
	ensure_letter_head()


def before_tests():
	"""Frappe's test runner calls this before any tests of any app on the site, Frappe's own included, so
	it changes nothing global: no mail flags (muted mail with no default outgoing account makes Frappe's
	welcome mail crash in `formataddr`), no System Settings. The app's test classes that queue mail mute
	it themselves."""
	from petition_management.utils.field_permissions import apply as apply_field_permissions

	apply_field_permissions()
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
