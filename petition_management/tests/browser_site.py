"""What the browser tier (tests/browser, scripts/browser.sh) needs on the served test site, made by the tier
itself: the CI test site is new and holds none of it.

`bench --site SITE execute petition_management.tests.browser_site.prepare` (with PM_BROWSER_PASSWORD in
the environment) finishes the setup wizard and makes the demo's staff (one per role, language zh), units,
categories, Settings and handler ties, through the demo's own steps, so the walk runs as the people of
the demo. Every user gets the password of this run instead of the demo's published one. Run again, it
adds nothing twice and only resets the passwords.
"""

import os

import frappe
from frappe.utils.password import update_password

from petition_management.demo import DemoContext, masters, transfers, users

PASSWORD_VARIABLE = "PM_BROWSER_PASSWORD"


def prepare() -> list[str]:
	password = os.environ.get(PASSWORD_VARIABLE)
	if not password:
		raise SystemExit(f"{PASSWORD_VARIABLE} is not set")
	context = DemoContext()
	for step in (
		masters.complete_setup,
		users.make_users,
		masters.make_settings,
		masters.make_units,
		masters.make_categories,
	):
		step(context)
	# the walk's signatures are the demo's heads and leaders, also on a unit an earlier test left behind
	for unit, _type, _parent, head, leader in masters.UNITS:
		if head or leader:
			frappe.db.set_value(
				"Handling Unit",
				unit,
				{
					"unit_head": users.demo_email(head) if head else None,
					"leader_in_charge": users.demo_email(leader) if leader else None,
				},
			)
	transfers.tie_handlers_to_units()
	logins = []
	for login, role in users.STAFF:
		user = users.demo_email(login)
		frappe.db.set_value("User", user, {"enabled": 1, "language": "zh"})
		frappe.get_doc("User", user).add_roles(role)
		update_password(user, password)
		logins.append(user)
	frappe.db.commit()
	print(f"browser tier: {len(logins)} staff users ready")
	return logins
