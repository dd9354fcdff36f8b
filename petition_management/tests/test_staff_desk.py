"""The desk each petition role lands on (setup/staff_desk.py): the "Petitions" workspace as home and a
sidebar without Frappe's own workspaces, through Frappe's Module Profile and default workspace, with every
permission of the role intact. Real users per role, asking the desk's own sidebar API."""

import json

import frappe
from frappe.desk.desktop import get_desktop_page, get_workspace_sidebar_items
from frappe.permissions import get_doctypes_with_read
from frappe.tests.utils import FrappeTestCase

from petition_management.setup.install import get_app_roles
from petition_management.setup.staff_desk import (
	BLOCKED_MODULES,
	HOME_WORKSPACE,
	MODULE_PROFILE,
	apply_to_existing_users,
	ensure_module_profile,
	remove_staff_desk,
)
from petition_management.tests.factories import acting_as

FRAPPE_WORKSPACES = {"Users", "Build", "Website", "Tools", "Integrations"}


def new_user(roles: list[str], **values) -> str:
	"""A new System User given `roles` the way the desk's User form does (roles added, then saved)."""
	email = f"{frappe.generate_hash(length=8)}@desk.test.local"
	user = frappe.get_doc(
		{
			"doctype": "User",
			"email": email,
			"first_name": "_T desk",
			"send_welcome_email": 0,
			"user_type": "System User",
			**values,
		}
	).insert(ignore_permissions=True)
	user.add_roles(*roles)
	return email


def sidebar(user: str) -> set[str]:
	with acting_as(user):
		return {page.name for page in get_workspace_sidebar_items()["pages"]}


def reach(user: str) -> tuple:
	"""What `user` can open: the DocTypes they read, the links of the Petitions workspace, and its
	number cards and charts they may read (a blocked module hides the cards and charts of its own)."""
	with acting_as(user):
		page = get_desktop_page(json.dumps({"name": HOME_WORKSPACE, "title": HOME_WORKSPACE}))
		links = {link.link_to for card in page["cards"]["items"] for link in card.links}
		cards = [c.number_card_name for c in frappe.get_doc("Workspace", HOME_WORKSPACE).number_cards]
		charts = [c.chart_name for c in frappe.get_doc("Workspace", HOME_WORKSPACE).charts]
		return (
			set(get_doctypes_with_read()),
			links,
			{c for c in cards if frappe.has_permission("Number Card", "read", c)},
			{c for c in charts if frappe.has_permission("Dashboard Chart", "read", c)},
		)


def clear_staff_desk(user: str):
	"""The user as Frappe gives them without the app: no profile, no blocked module, no home."""
	doc = frappe.get_doc("User", user)
	doc.module_profile = None
	doc.default_workspace = None
	doc.set("block_modules", [])
	doc.save(ignore_permissions=True)


class TestStaffDesk(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_module_profile()
		frappe.db.commit()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def test_each_petition_role_lands_on_petitions_with_only_that_workspace(self):
		for role in get_app_roles():
			with self.subTest(role=role):
				user = new_user([role])
				doc = frappe.get_doc("User", user)
				self.assertEqual(
					(doc.module_profile, doc.default_workspace), (MODULE_PROFILE, HOME_WORKSPACE)
				)
				self.assertEqual({row.module for row in doc.block_modules}, set(BLOCKED_MODULES))
				pages = sidebar(user)
				self.assertIn(HOME_WORKSPACE, pages)
				self.assertEqual(pages & FRAPPE_WORKSPACES, set())
				# without the app's desk the same user meets Frappe's workspaces: the check can fail
				clear_staff_desk(user)
				self.assertTrue(FRAPPE_WORKSPACES & sidebar(user))

	def test_blocked_modules_take_no_permission_away(self):
		for role in get_app_roles():
			with self.subTest(role=role):
				user = new_user([role])
				with_profile = reach(user)
				clear_staff_desk(user)
				self.assertEqual(with_profile, reach(user))
				doctypes, workspace_links, cards, charts = with_profile
				self.assertIn("Petition Case", doctypes)
				self.assertIn("File", doctypes)  # a DocType of a blocked module (Core) stays readable
				self.assertIn("Petition Case", workspace_links)
				self.assertEqual(len(cards), 4)
				self.assertEqual(len(charts), 2)

	def test_a_system_manager_keeps_frappes_desk(self):
		user = new_user(["Petition Office", "System Manager"])
		doc = frappe.get_doc("User", user)
		self.assertEqual((doc.module_profile, doc.default_workspace), (None, None))
		self.assertTrue(FRAPPE_WORKSPACES & sidebar(user))

	def test_what_the_administrator_sets_later_stays(self):
		user = new_user(["Petition Unit Handler"])
		clear_staff_desk(user)
		doc = frappe.get_doc("User", user)
		doc.add_roles("Petition Unit Head")  # not the first petition role: nothing is given again
		doc = frappe.get_doc("User", user)
		self.assertEqual((doc.module_profile, doc.default_workspace), (None, None))
		other = new_user(["Petition Leader"], default_workspace="Welcome Workspace")
		self.assertEqual(frappe.db.get_value("User", other, "default_workspace"), "Welcome Workspace")
		self.assertEqual(frappe.db.get_value("User", other, "module_profile"), MODULE_PROFILE)

	def test_the_patch_gives_existing_petition_workers_the_desk(self):
		worker = new_user(["Petition Reception Officer"])
		outsider = new_user(["Blogger"])
		# as a user who got the role before this release: no profile, no home
		frappe.db.set_value("User", worker, {"module_profile": None, "default_workspace": None})
		frappe.db.delete("Block Module", {"parenttype": "User", "parent": worker})
		frappe.clear_cache(user=worker)
		self.assertTrue(FRAPPE_WORKSPACES & sidebar(worker))
		apply_to_existing_users()
		self.assertEqual(
			frappe.db.get_value("User", worker, ["module_profile", "default_workspace"]),
			(MODULE_PROFILE, HOME_WORKSPACE),
		)
		self.assertEqual(sidebar(worker) & FRAPPE_WORKSPACES, set())
		self.assertIsNone(frappe.db.get_value("User", outsider, "module_profile"))

	def test_the_profile_is_created_once_and_removed_on_uninstall(self):
		profile = frappe.get_doc("Module Profile", MODULE_PROFILE)
		profile.append("block_modules", {"module": "Contacts"})
		profile.save(ignore_permissions=True)
		ensure_module_profile()  # an administrator's edit stays
		modules = {row.module for row in frappe.get_doc("Module Profile", MODULE_PROFILE).block_modules}
		self.assertEqual(modules, {*BLOCKED_MODULES, "Contacts"})
		user = new_user(["Petition Supervisor"])
		remove_staff_desk()
		self.assertFalse(frappe.db.exists("Module Profile", MODULE_PROFILE))
		self.assertEqual(
			frappe.db.get_value("User", user, ["module_profile", "default_workspace"]), (None, None)
		)
		self.assertFalse(frappe.db.exists("Block Module", {"parenttype": "User", "parent": user}))
