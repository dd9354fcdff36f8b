"""The app's bench-tier tests (run by `bench run-tests --app petition_management`).

Importing this package, which every app test module does (through `tests.utils`), prepares mail for the
app's tests, and only for them:
- mail is queued and never sent: Frappe's SendMailContext commits while it sends, which would keep a
  test's records after the test;
- muted mail needs a default outgoing Email Account, or Frappe's stand-in account crashes in `formataddr`.

This is not done in the `before_tests` hook: Frappe runs that hook before the tests of every app,
Frappe's own included, and muting mail there changes how Frappe's tests behave."""

import frappe

# only inside a test run on a connected site (frappe.local is unbound when merely imported)
_flags = getattr(frappe.local, "flags", None)
if _flags and _flags.in_test and getattr(frappe.local, "db", None):
	from petition_management.tests.utils import prepare_test_mail

	prepare_test_mail()
