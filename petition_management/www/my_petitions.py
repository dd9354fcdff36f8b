"""/my-petitions: a citizen's own online petitions (portal menu "My Petitions"); nothing else."""

import frappe
from frappe import _
from frappe.utils import format_date

from petition_management.portal import status

no_cache = 1


def get_context(context):
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/login?redirect-to=/my-petitions"
		raise frappe.Redirect
	context.no_cache = 1
	context.show_sidebar = True
	context.title = _("My Petitions")
	context.lang = frappe.local.lang
	context.petitions = status.my_petitions(frappe.session.user)
	for row in context.petitions:
		row.submitted_text = format_date(row.submitted_on) if row.submitted_on else ""
