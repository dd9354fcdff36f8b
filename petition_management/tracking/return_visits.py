"""Return visits (回访): scheduled when a case is closed, done by the Petition Office.

The case controller calls `schedule_return_visit` when the case enters Closed. Once per case, it creates
a Scheduled Petition Return Visit dated the closing date plus the Settings' return-visit days, records
that date on the case and gives every enabled Petition Office user a ToDo for it. Completing the visit
(Petition Return Visit controller) records the petitioner's satisfaction on the case and closes the ToDos.
"""

import frappe
from frappe import _
from frappe.desk.form import assign_to
from frappe.utils import nowdate

from petition_management.handling.assignment import close_transfer_assignments
from petition_management.petition_management.doctype.petition_settings.petition_settings import get_settings
from petition_management.utils.deadlines import due_date

RETURN_VISIT = "Petition Return Visit"
OFFICE_ROLE = "Petition Office"


def office_users() -> list[str]:
	"""Enabled desk users with the Petition Office role, in one query."""
	return frappe.db.sql_list(
		"""SELECT DISTINCT has_role.parent
		FROM `tabHas Role` has_role
		JOIN `tabUser` usr ON usr.name = has_role.parent AND usr.enabled = 1 AND usr.user_type = 'System User'
		WHERE has_role.parenttype = 'User' AND has_role.role = %(role)s
		ORDER BY has_role.parent""",
		{"role": OFFICE_ROLE},
	)


def schedule_return_visit(case) -> str | None:
	"""The case's return visit, once: returns the new visit's name, or None when it already has one."""
	if frappe.db.exists(RETURN_VISIT, {"petition_case": case.name}):
		return None
	visit_date = due_date(case.closed_on or nowdate(), get_settings().return_visit_days)
	visit = frappe.get_doc(
		{"doctype": RETURN_VISIT, "petition_case": case.name, "status": "Scheduled", "visit_date": visit_date}
	).insert(ignore_permissions=True)
	frappe.db.set_value("Petition Case", case.name, "return_visit_due", visit_date, update_modified=False)
	case.return_visit_due = visit_date
	assign_to_office(visit)
	return visit.name


def assign_to_office(visit):
	users = office_users()
	if not users:
		frappe.msgprint(
			_("No enabled user has the role {0}: assign return visit {1} by hand.").format(
				frappe.bold(_(OFFICE_ROLE)), visit.name
			),
			alert=True,
		)
		return
	assign_to.add(
		{
			"assign_to": users,
			"doctype": RETURN_VISIT,
			"name": visit.name,
			"date": visit.visit_date,
			"description": _("Return visit on case {0} ({1}) by {2}.").format(
				visit.petition_case, visit.case_subject or "", frappe.format(visit.visit_date, "Date")
			),
		},
		ignore_permissions=True,
	)


def complete_return_visit(visit):
	"""Record the satisfaction on the case (a system effect) and close the visit's ToDos."""
	frappe.db.set_value(
		"Petition Case", visit.petition_case, "satisfaction", visit.satisfaction, update_modified=False
	)
	close_transfer_assignments(visit)
