"""Give a site the default outgoing Email Account that Frappe's own tests expect: their notification and
welcome-mail tests look for Email Queue rows, which Frappe writes only when a default outgoing account
exists (Frappe's CI has one from its whole suite's test records). The peer tier gives the test site and
the bare site the same account, so that both run Frappe's modules under the same conditions; it is the
account the app's own tests use (petition_management/tests/utils.py), and nothing is sent: the SMTP
server is a closed local port and the tests never flush the queue.

Run with the bench's Python from the bench's sites folder: python outgoing_account.py SITE
"""

import sys

import frappe

ACCOUNT = {
	"doctype": "Email Account",
	"email_account_name": "_T Petitions Outgoing",
	"email_id": "petitions-outgoing@example.com",
	"enable_outgoing": 1,
	"default_outgoing": 1,
	"smtp_server": "localhost",
	"smtp_port": 2525,
	"no_smtp_authentication": 1,
	"awaiting_password": 0,
}


def ensure_outgoing_account() -> str:
	existing = frappe.db.get_value("Email Account", {"enable_outgoing": 1, "default_outgoing": 1})
	if existing:
		return f"default outgoing Email Account {existing} already there"
	# saved as in a test run (Email Account skips its server checks in tests): nothing listens there
	frappe.flags.in_test = True
	frappe.get_doc(ACCOUNT).insert(ignore_permissions=True)
	frappe.db.commit()
	return f"default outgoing Email Account {ACCOUNT['email_account_name']} created"


if __name__ == "__main__":
	frappe.init(site=sys.argv[1], sites_path=".")
	frappe.connect()
	try:
		print(ensure_outgoing_account())
	finally:
		frappe.destroy()
