"""Demo emergency incidents: one from the largest demo group visit, escalated and closed with its
summary, and an open one from a visit with special circumstances.

Opening and escalating them alerts the Petition Office, the leader in charge and the director, as in
real use: a desk notification each, in their language (the demo staff read Chinese), and an e-mail when
the site has an outgoing e-mail account (without one, the incident says so in a comment).
"""

import frappe
from frappe.utils import add_to_date, get_datetime

from petition_management.demo.users import demo_email
from petition_management.special.incidents import close, escalate

# Where the demo incidents happen (the group visit's, then the special visit's).
SQUARE, HALL = "县信访局门前广场", "县信访局接待大厅"


def make_incidents(context):
	group = frappe.get_all(
		"Petition Visit",
		filters={"is_group_visit": 1},
		fields=["name", "visit_datetime"],
		order_by="number_of_visitors desc, visit_datetime desc",
		limit=1,
	)
	if group and not frappe.db.exists("Emergency Incident", {"source_visit": group[0].name}):
		make_escalated_incident(context, group[0])
	special = frappe.get_all(
		"Petition Visit",
		filters={"has_special_circumstances": 1, "is_group_visit": 0},
		fields=["name"],
		order_by="visit_datetime desc",
		limit=1,
	)
	if special and not frappe.db.exists("Emergency Incident", {"source_visit": special[0].name}):
		incident = frappe.get_doc(
			{
				"doctype": "Emergency Incident",
				"source_visit": special[0].name,
				"place": HALL,
				"situation": "来访人在接待大厅情绪激动，大声喊叫，影响其他来访群众。",
				"response_log": [
					{
						"action": "接待人员将来访人引导至单独接待室，倒水安抚。",
						"by_user": demo_email("reception"),
					},
				],
			}
		).insert(ignore_permissions=True)
		context.add("Emergency Incident", incident.name)


def make_escalated_incident(context, visit):
	start = get_datetime(visit.visit_datetime)
	office, reception = demo_email("office"), demo_email("reception")
	incident = frappe.get_doc(
		{
			"doctype": "Emergency Incident",
			"source_visit": visit.name,
			"place": SQUARE,
			"situation": "集体来访群众在门前广场聚集，部分人员情绪激动，要求立即见主要领导。",
			"response_log": [
				{
					"response_time": add_to_date(start, minutes=5),
					"action": "接待人员引导群众推选代表进入接待室。",
					"by_user": reception,
				},
				{
					"response_time": add_to_date(start, minutes=20),
					"action": "通知属地单位和主管部门派员到场。",
					"by_user": office,
				},
			],
		}
	).insert(ignore_permissions=True)
	if incident.leader_in_charge:
		incident.flags.ignore_permissions = True
		escalate(incident, "属地单位到场后仍无法劝导群众离开广场。", police_assistance_requested=1)
		incident.reload()
		incident.append(
			"response_log",
			{"action": "包案领导到场与代表座谈，承诺三日内答复。", "by_user": office},
		)
		incident.after_action_summary = (
			"群众代表与包案领导座谈后有序离开。经验：提前掌握集体访动向，属地单位及时到场；"
			"改进：接待大厅增设集体访分流通道。"
		)
		incident.save(ignore_permissions=True)
		close(incident)
	context.add("Emergency Incident", incident.name)
