"""/petition-statistics: public monthly figures of petition cases, by category and by unit.

Aggregates only (petition_management/portal/statistics.py): counts and rates, never a case, a text
or a person. Rate-limited per address (statistics.check_rate_limit).
"""

import frappe
from frappe import _

from petition_management.portal import pages, statistics

no_cache = 1


def get_context(context):
	pages.set_page_language(context)
	statistics.check_rate_limit()
	context.no_cache = 1
	context.title = _("Petition Statistics")
	month = (frappe.form_dict.month or "").strip()[:7] or None
	context.stats = statistics.public_statistics(month)
	context.month_choices = list(reversed(statistics.period(None)[2]))
	context.metatags = {
		"title": context.title,
		"description": _("Petitions received, closed and answered on time, by month, category and unit."),
	}
