"""The Number Cards of the Petitions workspace ("Custom" cards): live counts of the cases the user may
see, each with the route and filters of the list behind it, which the card opens when clicked
(number_card_widget.js set_route_for_custom_card)."""

import frappe
from frappe.utils import get_first_day

from petition_management.reports import figures
from petition_management.reports.query import CASE, Filter, Scope, route_options, today


def card(filters: list[Filter]) -> dict:
	frappe.has_permission(CASE, "read", throw=True)
	return {
		"value": Scope(CASE).count(filters),
		"fieldtype": "Int",
		"route": ["List", CASE],
		"route_options": route_options(filters),
	}


@frappe.whitelist()
def open_cases(filters: str | dict | None = None) -> dict:
	"""Cases not yet concluded (not Not Accepted, Closed or Archived)."""
	return card(figures.open_cases())


@frappe.whitelist()
def overdue_cases(filters: str | dict | None = None) -> dict:
	"""Cases whose running clock (acceptance or handling) is past its due date."""
	return card(figures.overdue())


@frappe.whitelist()
def due_soon_cases(filters: str | dict | None = None) -> dict:
	"""Cases due from today to the Settings' warning days (3 by default)."""
	return card(figures.due_soon())


@frappe.whitelist()
def received_this_month(filters: str | dict | None = None) -> dict:
	on = today()
	return card([("received_on", "between", [get_first_day(on), on])])
