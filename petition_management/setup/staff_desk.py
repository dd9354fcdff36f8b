"""The desk a petition worker meets: the "Petitions" workspace as home, and a sidebar without Frappe's
own workspaces (Users, Build, Website, Tools, Integrations), which staff see only because they can read
a DocType of those modules (a File, a ToDo).

Frappe v15's own means, nothing patched: a Module Profile "Petition Staff" (created when absent, then the
administrator's) whose blocked modules Frappe copies to each user it is set on (User.validate_allowed_
modules), and the User's `default_workspace`, where the desk and the login answer send the user
(frappe/auth.py, router.js). In v15 a blocked module hides its workspaces from the sidebar
(desk/desktop.py get_workspace_sidebar_items) and its number cards, charts and dashboards
(config.get_modules_from_all_apps_for_user); it never touches DocType permissions, so every DocType a
role works with stays readable (tests/test_staff_desk.py checks both).

Both are given once, when a user first gets a petition role (a `before_validate` hook on User, so that
Frappe copies the profile's modules in the same save), and to existing users by a patch; a value an
administrator set, or cleared later, is never overwritten. System Managers keep Frappe's desk.
"""

import json
from pathlib import Path

import frappe

DEFINITION = json.loads((Path(__file__).parent / "staff_desk.json").read_text(encoding="utf-8"))
MODULE_PROFILE = DEFINITION["module_profile"]
BLOCKED_MODULES = tuple(DEFINITION["block_modules"])
HOME_WORKSPACE = DEFINITION["default_workspace"]
KEEPS_FRAPPE_DESK = "System Manager"


def petition_roles() -> set[str]:
	from petition_management.setup.install import get_app_roles

	return set(get_app_roles())


def ensure_module_profile():
	"""The Module Profile, created when absent; an existing one is left exactly as the administrator set
	it. A module the site does not have (an app removed) is skipped."""
	if frappe.db.exists("Module Profile", MODULE_PROFILE):
		return
	modules = [m for m in BLOCKED_MODULES if frappe.db.exists("Module Def", m)]
	frappe.get_doc(
		{
			"doctype": "Module Profile",
			"module_profile_name": MODULE_PROFILE,
			"block_modules": [{"module": m} for m in modules],
		}
	).insert(ignore_permissions=True)


def roles_of(user) -> set[str]:
	"""The roles a User document will have once saved: its rows and its Role Profile's (which Frappe
	copies in `validate`, after this hook)."""
	roles = {row.role for row in user.get("roles") or []}
	if user.get("role_profile_name"):
		roles |= set(
			frappe.get_all(
				"Has Role",
				filters={"parenttype": "Role Profile", "parent": user.role_profile_name},
				pluck="role",
			)
		)
	return roles


def is_petition_staff(roles: set[str]) -> bool:
	return bool(roles & petition_roles()) and KEEPS_FRAPPE_DESK not in roles


def give_staff_desk(user):
	"""The profile and the home workspace on a User document where each is empty (nothing saved)."""
	if not user.get("module_profile") and frappe.db.exists("Module Profile", MODULE_PROFILE):
		user.module_profile = MODULE_PROFILE
	if not user.get("default_workspace") and frappe.db.exists("Workspace", HOME_WORKSPACE):
		user.default_workspace = HOME_WORKSPACE


def on_user_before_validate(doc, method=None):
	"""hooks.py doc_events User.before_validate: a user who gets their first petition role now."""
	if doc.name in ("Administrator", "Guest") or not is_petition_staff(roles_of(doc)):
		return
	before = None if doc.is_new() else doc.get_doc_before_save()
	if before and roles_of(before) & petition_roles():
		return  # not the first petition role: what the administrator set since stays
	give_staff_desk(doc)


def apply_to_existing_users():
	"""Every enabled petition worker who is not a System Manager and has no profile or home yet (the
	patch, for users who got their roles before this release)."""
	ensure_module_profile()
	users = frappe.get_all(
		"Has Role",
		filters={"parenttype": "User", "role": ("in", sorted(petition_roles()))},
		pluck="parent",
		distinct=True,
	)
	for name in sorted(set(users) - {"Administrator", "Guest"}):
		user = frappe.get_doc("User", name)
		if not user.enabled or not is_petition_staff(roles_of(user)):
			continue
		if user.module_profile and user.default_workspace:
			continue
		give_staff_desk(user)
		user.flags.ignore_permissions = True
		user.save()


def remove_staff_desk():
	"""Uninstall: users leave the profile (and the modules it blocked) and the app's workspace, which
	Frappe deletes with the module (a home pointing at it would break the user's desk); then the profile
	goes."""
	for name in frappe.get_all("User", filters={"module_profile": MODULE_PROFILE}, pluck="name"):
		frappe.db.delete("Block Module", {"parenttype": "User", "parent": name})
		frappe.db.set_value("User", name, "module_profile", None, update_modified=False)
	frappe.db.set_value(
		"User", {"default_workspace": HOME_WORKSPACE}, "default_workspace", None, update_modified=False
	)
	if frappe.db.exists("Module Profile", MODULE_PROFILE):
		frappe.delete_doc("Module Profile", MODULE_PROFILE, force=True, ignore_permissions=True)
	frappe.clear_cache()
