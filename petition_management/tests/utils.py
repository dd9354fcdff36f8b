"""Helpers for the bench tier: real users with real roles, the app's master records (units, categories),
the mail a test queued and the SQL a call runs. The builders of petition records (petitioners, cases,
transfers, visits, letters) are in factories.py; make_petitioner is imported from there too."""

import frappe

from petition_management.handling.assignment import add_handler_to_unit
from petition_management.tests.factories import make_petitioner as make_petitioner  # re-exported


def make_user(email: str, roles: list[str] | tuple[str, ...] = (), first_name: str | None = None) -> str:
	"""A real, enabled System User with exactly these roles (created once, roles reset each call)."""
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": first_name or email.split("@")[0],
				"send_welcome_email": 0,
				"user_type": "System User",
			}
		).insert(ignore_permissions=True)
	user = frappe.get_doc("User", email)
	user.remove_roles(*[r.role for r in user.roles if r.role not in roles])
	user.add_roles(*roles)
	return email


def make_users(roles_by_user: dict) -> list[str]:
	"""make_user for each user: {email: roles}."""
	return [make_user(email, roles) for email, roles in roles_by_user.items()]


def make_unit(name: str, parent: str | None = None, is_group: int = 0, **values) -> str:
	return make_tree_node("Handling Unit", "unit_name", name, parent, is_group, values)


def make_category(name: str, parent: str | None = None, is_group: int = 0, **values) -> str:
	return make_tree_node("Petition Category", "category_name", name, parent, is_group, values)


def make_tree_node(
	doctype: str, title_field: str, name: str, parent: str | None, is_group: int, values: dict
) -> str:
	"""A node of a tree master (named by its title), created once: an existing one is left as it is."""
	if frappe.db.exists(doctype, name):
		return name
	parent_field = "parent_" + frappe.scrub(doctype)
	frappe.get_doc(
		{"doctype": doctype, title_field: name, parent_field: parent, "is_group": is_group, **values}
	).insert(ignore_permissions=True)
	return name


def tie_to_unit(user: str, unit: str):
	"""A handler belongs to a unit through a User Permission (handling/assignment.py); created once."""
	add_handler_to_unit(user, unit)


def make_staffed_unit(
	unit: str,
	head: str | None = None,
	leader: str | None = None,
	handlers=(),
	parent: str | None = None,
	is_group: int = 0,
) -> str:
	"""A unit (created once) with its head and leader in charge set, and its handlers tied to it."""
	make_unit(unit, parent=parent, is_group=is_group)
	frappe.db.set_value("Handling Unit", unit, {"unit_head": head, "leader_in_charge": leader})
	for handler in handlers:
		tie_to_unit(handler, unit)
	return unit


def make_outgoing_email_account(email: str = "petitions-outgoing@example.com") -> str:
	"""A default outgoing account so that Frappe queues mail (nothing is sent from a test)."""
	name = frappe.db.get_value("Email Account", {"email_id": email})
	if name:
		return name
	account = frappe.get_doc(
		{
			"doctype": "Email Account",
			"email_account_name": "_T Petitions Outgoing",
			"email_id": email,
			"enable_outgoing": 1,
			"default_outgoing": 1,
			"smtp_server": "localhost",
			"smtp_port": 2525,
			"no_smtp_authentication": 1,
			"awaiting_password": 0,
		}
	)
	return account.insert(ignore_permissions=True).name


def prepare_test_mail():
	"""Mail in the app's tests is queued, never sent, through a default outgoing account (see
	tests/__init__.py). The account is committed so that the test server's requests queue mail too."""
	frappe.flags.mute_emails = True
	if not frappe.db.exists("Email Account", {"enable_outgoing": 1, "default_outgoing": 1}):
		make_outgoing_email_account()
		frappe.db.commit()
	frappe.local.outgoing_email_account = {}


def queued_mail_recipients(doctype: str, name: str) -> list[list[str]]:
	"""The recipients of each e-mail queued about the record (one list per Email Queue entry)."""
	queued = frappe.get_all(
		"Email Queue", filters={"reference_doctype": doctype, "reference_name": name}, pluck="name"
	)
	return [
		frappe.get_all("Email Queue Recipient", filters={"parent": entry}, pluck="recipient")
		for entry in queued
	]


def count_queries(function, *args) -> int:
	"""How many SQL statements `function(*args)` runs."""
	queries = []
	original = frappe.db.__class__.sql

	def counting(*a, **kw):
		queries.append(a[1] if len(a) > 1 else None)
		return original(*a, **kw)

	frappe.db.__class__.sql = counting
	try:
		function(*args)
	finally:
		frappe.db.__class__.sql = original
	return len(queries)


def load_demo_until_cases(context) -> None:
	"""The demo's steps up to its cases (users, settings, units, categories, petitioners, letters, visits,
	cases), without the set-up wizard and the portal: what a later demo step builds on."""
	from petition_management.demo import STEPS, cases, masters, portal

	for step in STEPS[: STEPS.index(cases.make_cases) + 1]:
		if step not in (masters.complete_setup, portal.make_online_petitions):
			step(context)
