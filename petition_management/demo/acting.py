"""Demo staff at work: a step is taken by a demo user through the Workflow, as in the desk, so every
permission, workflow condition and controller rule applies."""

import frappe
from frappe.model.workflow import apply_workflow

from petition_management.demo.users import demo_email
from petition_management.utils.session import acting_as


def staff(login: str) -> str:
	"""The demo user of that login, or Administrator on a site without demo users."""
	user = demo_email(login)
	return user if frappe.db.exists("User", user) else "Administrator"


def act(user: str, doctype: str, name: str, action: str, values: dict | None = None):
	"""As `user`: save `values` on the record (as the form would), then take the workflow `action`."""
	with acting_as(user):
		doc = frappe.get_doc(doctype, name)
		if values:
			doc.update(values)
			doc.save()
		return apply_workflow(doc, action)


def save_as(user: str, doctype: str, name: str, values: dict):
	with acting_as(user):
		doc = frappe.get_doc(doctype, name)
		doc.update(values)
		return doc.save()
