"""What the permission matrix's checks share: the statuses of a refusal, a fresh look at the database, and
the record of every cell checked (test_permission_matrix)."""

import frappe

from petition_management.tests.security.http import exc_type, message

SINGLE = "Petition Settings"
REFUSED_STATUS = 403
# Refusals that are a workflow's or a controller's rather than a role permission's.
RULE_REFUSALS = (403, 417)


def single_values(doctype: str) -> tuple:
	"""Every stored value of a Single, to tell whether anything changed."""
	return tuple(
		frappe.db.sql(
			"select field, value from `tabSingles` where doctype = %s order by field, value", doctype
		)
	)


def fresh():
	"""A new transaction: see what the server committed since."""
	frappe.db.rollback()


class Outcomes:
	"""Every cell checked, and the failures."""

	def __init__(self):
		self.checked: set[tuple[str, str, str]] = set()
		self.failures: list[str] = []
		self.count = 0

	def record(self, doctype, action, role, ok: bool, detail: str):
		self.checked.add((doctype, action, role))
		self.count += 1
		if not ok:
			self.failures.append(f"{doctype} | {action} | {role}: {detail}")


def describe(response) -> str:
	return f"HTTP {response.status_code} {exc_type(response)} {message(response)[:200]}".strip()
