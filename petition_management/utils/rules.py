"""Turn a pure rule's error into a translated `frappe.throw`."""

import frappe
from frappe import _

from petition_management.rules import RuleError


def throw_rule_error(error: RuleError, exc=frappe.ValidationError, title: str | None = None):
	"""Translate the rule's English template and its text values, then throw."""
	values = [_(value) if isinstance(value, str) else value for value in error.values]
	frappe.throw(_(error.template).format(*values), exc, title=title)
