"""The default Appraisal Scheme, created when absent and never overwritten (the Petition Office or the
Director edit it on the site).

Weights follow the seed's emphasis on settling cases on time; overdue cases, repeat petitions and
supervision orders cost points; a satisfaction rate under 60% or ten overdue cases veto the appraisal.
Cross-level petitions are reported, never scored (see petition_management/rules/appraisal/reference.py).
"""

import frappe

from petition_management.appraisal import SCHEME

DEFAULT_SCHEME = "Standard Scheme"
DEFAULT_SCHEME_VALUES = {
	"one_time_window_days": 90,
	"commend_count": 3,
	"watch_count": 3,
	"metrics": [
		{"metric": "Accepted on Time %", "weight": 20},
		{"metric": "Settled on Time %", "weight": 30},
		{"metric": "One-time Resolution %", "weight": 25},
		{"metric": "Satisfaction %", "weight": 25},
	],
	"items": [
		{
			"item_name": "Overdue case",
			"item_type": "Penalty",
			"basis": "Overdue Cases",
			"points": 2,
			"max_points": 10,
		},
		{
			"item_name": "Repeat petition",
			"item_type": "Penalty",
			"basis": "Cases with Repeat Petitions",
			"points": 1,
			"max_points": 10,
		},
		{
			"item_name": "Supervision order",
			"item_type": "Penalty",
			"basis": "Cases with Supervision Orders",
			"points": 1,
			"max_points": 5,
		},
		{
			"item_name": "Commended by a higher authority",
			"item_type": "Bonus",
			"basis": "Manual",
			"points": 3,
		},
		{
			"item_name": "Criticised by a higher authority",
			"item_type": "Penalty",
			"basis": "Manual",
			"points": 3,
		},
	],
	"vetoes": [
		{
			"figure": "Satisfaction %",
			"operator": "Less Than",
			"threshold": 60,
			"description": "Satisfaction below 60%",
		},
		{
			"figure": "Overdue Cases",
			"operator": "At Least",
			"threshold": 10,
			"description": "Ten or more overdue cases",
		},
	],
	"grades": [
		{"grade": "Excellent", "min_score": 90},
		{"grade": "Good", "min_score": 80},
		{"grade": "Pass", "min_score": 60},
		{"grade": "Fail", "min_score": 0},
	],
}


def ensure_default_scheme() -> str:
	"""The name of the default scheme, creating "Standard Scheme" when the site has no scheme marked
	default and no scheme of that name."""
	default = frappe.db.get_value(SCHEME, {"is_default": 1}, "name")
	if default:
		return default
	if frappe.db.exists(SCHEME, DEFAULT_SCHEME):
		return DEFAULT_SCHEME
	doc = frappe.get_doc(
		{"doctype": SCHEME, "scheme_name": DEFAULT_SCHEME, "is_default": 1, **DEFAULT_SCHEME_VALUES}
	)
	doc.insert(ignore_permissions=True)
	return doc.name
