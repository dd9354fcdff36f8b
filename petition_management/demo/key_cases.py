"""Demo key cases: two for leader1, with a team and a visit log (set on the case rows directly: the case
controller belongs to the intake and handling steps).
"""

import datetime

import frappe
from frappe.utils import getdate, nowdate

from petition_management.demo.reception_days import leader
from petition_management.demo.users import demo_email

KEY_CASE_VISITS = (
	(-6, "leader1", "约见信访人代表，听取诉求，要求住建局十日内拿出方案。"),
	(-2, "leader1", "召开协调会，住建、街道和施工单位参加，明确交付时间表。"),
)


def make_key_cases(context):
	"""Mark two open demo cases key, on the case fields and rows directly."""
	key_leader = leader("leader1")
	if not key_leader or frappe.db.exists("Petition Case", {"is_key_case": 1}):
		return
	cases = frappe.get_all(
		"Petition Case",
		filters={"workflow_state": ("in", ("Accepted", "In Handling", "Pending Acceptance", "Registered"))},
		fields=["name", "received_on"],
		order_by="received_on asc, name asc",
		limit=2,
	)
	team = [
		user
		for user in (leader("leader2"), demo_email("head-housing"), demo_email("handler-housing"))
		if user
	]
	for case in cases:
		frappe.db.set_value("Petition Case", case.name, {"is_key_case": 1, "key_leader": key_leader})
		for idx, user in enumerate(team, start=1):
			if frappe.db.exists("User", user):
				add_case_row(case.name, "key_team", "Petition Key Team Member", idx, {"user": user})
		for idx, (days, login, note) in enumerate(KEY_CASE_VISITS, start=1):
			visit_date = max(
				getdate(case.received_on or nowdate()), getdate(nowdate()) + datetime.timedelta(days)
			)
			add_case_row(
				case.name,
				"leader_visits",
				"Petition Leader Visit",
				idx,
				{"visit_date": visit_date, "leader": leader(login), "visit_note": note},
			)
		context.add("Petition Case (key)", case.name)


def add_case_row(case: str, parentfield: str, doctype: str, idx: int, values: dict):
	row = frappe.get_doc(
		{
			"doctype": doctype,
			"parent": case,
			"parenttype": "Petition Case",
			"parentfield": parentfield,
			"idx": idx,
			**values,
		}
	)
	row.db_insert()
