"""The default Appraisal Scheme, created when absent (setup/shipped.py): the Petition Office or the
Director edit it on the site, and `bench migrate` keeps their edits.

Weights follow the seed's emphasis on settling cases on time; overdue cases, repeat petitions and
supervision orders cost points; a satisfaction rate under 60% or ten overdue cases veto the appraisal.
Cross-level petitions are reported, never scored (see petition_management/rules/appraisal/reference.py).
"""

import frappe

from petition_management.appraisal import SCHEME
from petition_management.setup.shipped import Shipped, sync_shipped_records

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


VERSION = 1
"""Raise it when DEFAULT_SCHEME_VALUES change: sites that never changed the scheme get the new values."""


def no_default_scheme() -> bool:
	return not frappe.db.get_value(SCHEME, {"is_default": 1}, "name")


def shipped_scheme() -> Shipped:
	""" "Standard Scheme", created only on a site with no default scheme (is_default is the site's choice,
	so it is not a shipped field)."""
	return Shipped(
		SCHEME,
		DEFAULT_SCHEME,
		VERSION,
		{"scheme_name": DEFAULT_SCHEME, **DEFAULT_SCHEME_VALUES},
		after_write=mark_default_when_none,
		may_create=no_default_scheme,
	)


def mark_default_when_none(doc):
	if no_default_scheme():
		doc.db_set("is_default", 1)


def ensure_default_scheme() -> str:
	"""The name of the default scheme, creating "Standard Scheme" when the site has no scheme marked
	default and no scheme of that name."""
	default = frappe.db.get_value(SCHEME, {"is_default": 1}, "name")
	if default:
		return default
	if frappe.db.exists(SCHEME, DEFAULT_SCHEME):
		return DEFAULT_SCHEME
	sync_shipped_records([shipped_scheme()], echo=False)
	return DEFAULT_SCHEME
