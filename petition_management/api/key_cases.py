"""Key cases for the desk: a leader's "my key cases", and logging a leader's visit on a key case.

The desk list of a leader's key cases is `/app/petition-case?is_key_case=1&key_leader=<user>`.
"""

import frappe
from frappe import _
from frappe.utils import nowdate

from petition_management.special.key_cases import (
	LEADER_ROLE,
	key_case_route,
	key_cases_of,
	key_people,
)

OVERSEEING_ROLES = frozenset(
	{"System Manager", "Petition Office", "Petition Director", "Petition Supervisor"}
)


@frappe.whitelist()
def my_key_cases(leader: str | None = None) -> list[dict]:
	"""The key cases the session user leads or is on the team of; the office, director and supervisors
	may ask for another leader's."""
	frappe.has_permission("Petition Case", "read", throw=True)
	user = frappe.session.user
	if leader and leader != user:
		if user != "Administrator" and not OVERSEEING_ROLES & set(frappe.get_roles(user)):
			frappe.throw(_("You can only list your own key cases."), frappe.PermissionError)
		user = leader
	return key_cases_of(user)


@frappe.whitelist()
def my_key_cases_route() -> str:
	frappe.has_permission("Petition Case", "read", throw=True)
	return key_case_route(frappe.session.user)


@frappe.whitelist(methods=["POST"])
def log_leader_visit(case: str, visit_note: str, visit_date: str | None = None) -> dict:
	"""Log the session user's visit on a key case. A leader has no write permission on cases, so the
	key leader and the team's leaders log their visits here; the case's own checks still apply."""
	doc = frappe.get_doc("Petition Case", case)
	user = frappe.session.user
	in_key_team = user in key_people(doc) and LEADER_ROLE in frappe.get_roles(user)
	if not in_key_team:
		doc.check_permission("write")
	if not (visit_note or "").strip():
		frappe.throw(_("Say what was done on the visit."), frappe.ValidationError)
	row = doc.append(
		"leader_visits", {"visit_date": visit_date or nowdate(), "leader": user, "visit_note": visit_note}
	)
	doc.save(ignore_permissions=in_key_team)
	return {"case": doc.name, "row": row.name, "visit_date": str(row.visit_date), "leader": row.leader}
