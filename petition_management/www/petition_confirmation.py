"""/petition-confirmation?key=...: the one and only display of a new petition's access code."""

import frappe
from frappe import _

from petition_management.portal import confirmation, pages

no_cache = 1


def get_context(context):
	pages.set_page_language(context)
	context.no_cache = 1
	context.title = _("Petition Submitted")
	context.details = confirmation.take(frappe.form_dict.key)
	context.metatags = {"title": context.title}
