"""Acting as another user for a block of code (demo data, benchmarks), the session user restored after."""

from contextlib import contextmanager

import frappe


@contextmanager
def acting_as(user: str):
	previous = frappe.session.user
	frappe.set_user(user)
	try:
		yield
	finally:
		frappe.set_user(previous)
