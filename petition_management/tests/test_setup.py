"""Install and migrate: the app's roles and workspace exist, and an administrator's edits survive."""

import frappe
from frappe.model.sync import sync_for
from frappe.modules.import_file import import_file_by_path
from frappe.tests.utils import FrappeTestCase

from petition_management.setup.install import after_migrate, get_app_roles

SEVEN_ROLES = {
	"Petition Reception Officer",
	"Petition Office",
	"Petition Unit Handler",
	"Petition Unit Head",
	"Petition Leader",
	"Petition Director",
	"Petition Supervisor",
}


def run_migrate_steps():
	"""What `bench migrate` does for this app: sync its files, then run its after_migrate hook.

	Frappe's sync commits, so the tests that call this restore what they changed and commit again.
	"""
	sync_for("petition_management")
	after_migrate()


def reimport_shipped_workspace():
	"""Put the shipped workspace back, with its own timestamp, so later migrates keep importing it."""
	path = frappe.get_app_path(
		"petition_management", "petition_management", "workspace", "petitions", "petitions.json"
	)
	import_file_by_path(path, force=True)
	frappe.db.commit()


class TestSetup(FrappeTestCase):
	def tearDown(self):
		frappe.db.rollback()

	def test_the_seven_roles_exist(self):
		self.assertEqual(set(get_app_roles()), SEVEN_ROLES)
		for role in SEVEN_ROLES:
			self.assertTrue(frappe.db.exists("Role", role), role)
			self.assertEqual(frappe.db.get_value("Role", role, "desk_access"), 1)

	def test_migrate_keeps_an_admins_change_to_a_role(self):
		role = frappe.get_doc("Role", "Petition Supervisor")
		before = (role.home_page, role.two_factor_auth)
		role.home_page = "/app/petitions"
		role.two_factor_auth = 1
		role.save()
		try:
			run_migrate_steps()
			role.reload()
			self.assertEqual(role.home_page, "/app/petitions")
			self.assertEqual(role.two_factor_auth, 1)
		finally:
			role.reload()
			role.home_page, role.two_factor_auth = before
			role.save()
			frappe.db.commit()

	def test_after_migrate_recreates_a_missing_role(self):
		frappe.delete_doc("Role", "Petition Leader", force=True)
		after_migrate()
		self.assertTrue(frappe.db.exists("Role", "Petition Leader"))

	def test_workspace_is_installed(self):
		workspace = frappe.get_doc("Workspace", "Petitions")
		self.assertEqual(workspace.module, "Petition Management")
		linked = {link.link_to for link in workspace.links if link.type == "Link"}
		self.assertTrue({"Petition Settings", "Handling Unit", "Petition Category"} <= linked)

	def test_migrate_keeps_an_admins_change_to_the_workspace(self):
		workspace = frappe.get_doc("Workspace", "Petitions")
		workspace.append("shortcuts", {"type": "DocType", "link_to": "ToDo", "label": "Bureau To Do"})
		workspace.save()
		try:
			run_migrate_steps()
			workspace.reload()
			self.assertIn("Bureau To Do", [s.label for s in workspace.shortcuts])
		finally:
			reimport_shipped_workspace()

	def test_settings_doctype_is_single_and_units_are_trees(self):
		self.assertTrue(frappe.get_meta("Petition Settings").issingle)
		self.assertTrue(frappe.get_meta("Handling Unit").is_tree)
		self.assertTrue(frappe.get_meta("Petition Category").is_tree)
