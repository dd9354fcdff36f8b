"""Dispute screening for the desk: the office's overview of a period and its grassroots share."""

import frappe
from frappe.utils import getdate, nowdate

from petition_management.rules.reception import half_month_period
from petition_management.special.screening import ROUND, grassroots_share, is_unrestricted, scoped_units


@frappe.whitelist()
def screening_overview(period_start: str | None = None, period_end: str | None = None) -> dict:
	"""Totals and the share resolved at the grassroots of the Submitted rounds starting in the period
	(default: the current half month). A unit's people see their own units only."""
	frappe.has_permission(ROUND, "read", throw=True)
	if not period_start:
		period_start, default_end = half_month_period(getdate(nowdate()))
		period_end = period_end or default_end
	start = getdate(period_start)
	end = getdate(period_end or period_start)
	user = frappe.session.user
	units = None if is_unrestricted(user) else scoped_units(user)
	return grassroots_share(start, end, units=units)
