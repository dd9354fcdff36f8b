"""The demo creates users with a published password: it runs only on a site made for it.

`scripts/run.sh` sets `petition_demo_site` in the site config of the demo site it creates; any other site
needs `bench --site SITE petition-demo --force`, so that a demo can never land on a production site by a
slip of `--site`."""

import frappe
from frappe import _

DEMO_SITE_FLAG = "petition_demo_site"


class NotADemoSiteError(frappe.ValidationError):
	pass


def is_demo_site() -> bool:
	return bool(frappe.conf.get(DEMO_SITE_FLAG))


def ensure_demo_site(force: bool = False):
	"""Refuse to load demo data on a site whose config does not mark it as a demo site."""
	if force or is_demo_site():
		return
	frappe.throw(
		_(
			"{0} is not a demo site: the demo creates users with a known password. Mark it with "
			"'bench --site {0} set-config petition_demo_site 1' or run the command with --force."
		).format(frappe.local.site),
		NotADemoSiteError,
		title=_("Not a demo site"),
	)
