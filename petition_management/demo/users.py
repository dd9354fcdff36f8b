"""Demo staff: one or more users per role of the brief, with a shared demo password."""

import frappe

from petition_management.setup.staff_desk import give_staff_desk

DEMO_PASSWORD = "Demo-Petition-2026"
DEMO_DOMAIN = "demo.petition.local"

# (login, role); unit people are assigned to units in masters.py
STAFF = (
	("reception", "Petition Reception Officer"),
	("office", "Petition Office"),
	("director", "Petition Director"),
	("supervisor", "Petition Supervisor"),
	("leader1", "Petition Leader"),
	("leader2", "Petition Leader"),
	("head-housing", "Petition Unit Head"),
	("head-police", "Petition Unit Head"),
	("head-labour", "Petition Unit Head"),
	("head-land", "Petition Unit Head"),
	("head-market", "Petition Unit Head"),
	("head-street", "Petition Unit Head"),
	("handler-housing", "Petition Unit Handler"),
	("handler-police", "Petition Unit Handler"),
	("handler-labour", "Petition Unit Handler"),
	("handler-land", "Petition Unit Handler"),
	("handler-market", "Petition Unit Handler"),
	("handler-street", "Petition Unit Handler"),
)


def demo_email(login: str) -> str:
	return f"{login}@{DEMO_DOMAIN}"


def make_users(context):
	for login, role in STAFF:
		email = demo_email(login)
		if not frappe.db.exists("User", email):
			first_name = context.zh.name()
			user = frappe.get_doc(
				{
					"doctype": "User",
					"email": email,
					"first_name": first_name,
					"language": "zh",
					"send_welcome_email": 0,
					"user_type": "System User",
					"new_password": DEMO_PASSWORD,
				}
			)
			# the "Petitions" workspace as home, without Frappe's own workspaces (setup/staff_desk.py)
			give_staff_desk(user)
			user.insert(ignore_permissions=True)
			user.add_roles(role)
		context.add("User", email)
