"""Helpers for the bench tier: real users with real roles, and the app's master records."""

import frappe


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


def make_unit(name: str, parent: str | None = None, is_group: int = 0, **values) -> str:
	if frappe.db.exists("Handling Unit", name):
		return name
	frappe.get_doc(
		{
			"doctype": "Handling Unit",
			"unit_name": name,
			"parent_handling_unit": parent,
			"is_group": is_group,
			**values,
		}
	).insert(ignore_permissions=True)
	return name


def make_category(name: str, parent: str | None = None, is_group: int = 0, **values) -> str:
	if frappe.db.exists("Petition Category", name):
		return name
	frappe.get_doc(
		{
			"doctype": "Petition Category",
			"category_name": name,
			"parent_petition_category": parent,
			"is_group": is_group,
			**values,
		}
	).insert(ignore_permissions=True)
	return name


def make_petitioner(full_name: str, **values) -> str:
	"""A Petitioner with no ID on file unless given (an existing one with that ID is reused)."""
	if values.get("id_number"):
		existing = frappe.db.get_value("Petitioner", {"id_number": values["id_number"]})
		if existing:
			return existing
	doc = frappe.get_doc({"doctype": "Petitioner", "full_name": full_name, "id_type": "None", **values})
	return doc.insert(ignore_permissions=True).name


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
