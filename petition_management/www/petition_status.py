"""/petition-status: a petitioner follows a petition with its tracking number and access code.

The page shows the form; the look-up is a POST to petition_management.api.portal.petition_status
(rate-limited, one generic answer for a wrong number or code). A logged-in citizen who submitted the
petition opens it from "My Petitions" (?number=...) without the code.
"""

import frappe
from frappe import _

from petition_management.portal import access, pages

no_cache = 1


def get_context(context):
	pages.set_page_language(context)
	context.no_cache = 1
	context.title = _("Petition Status")
	context.number = access.normalize_tracking_number(frappe.form_dict.number)
	owned = pages.owned_petition(context.number)
	context.owned = 1 if owned else 0
	context.result_html = pages.render_status(owned) if owned else ""
	context.pm_messages = pages.portal_messages()
	context.metatags = {
		"title": context.title,
		"description": _("Follow your petition with its tracking number."),
	}
