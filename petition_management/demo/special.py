"""Demo leaders' reception days, key cases, emergency incidents, dispute screening and mediation.

- A reception schedule for this month (leader1 on Mondays at the bureau, leader2 on Thursdays at the
  city's letters and calls bureau), plus a reception day for each past demo visit received on a
  leader's reception day, so that the days show what they received.
- Two key cases for leader1, with a team and a visit log (set on the case rows directly: the case
  controller belongs to the intake and handling steps).
- An emergency incident from the largest demo group visit, escalated and closed with its summary, and
  an open one from a visit with special circumstances.
- Screening rounds for the last two half months (submitted) and this one (draft), with disputes
  described by type of parties only; two mediation cases.
Running it again adds nothing twice.
"""

import datetime

import frappe
from frappe.utils import add_to_date, get_datetime, get_first_day, get_last_day, getdate, nowdate

from petition_management.demo.users import demo_email
from petition_management.rules.reception import half_month_period
from petition_management.special.incidents import close, escalate
from petition_management.special.reception import refresh_reception_day_counts
from petition_management.special.screening import open_screening_rounds

SCHEDULE_NAME = "{0}年{1}月领导接访日"
ROTA = (
	("leader1", "Monday", "县信访局接待大厅"),
	("leader2", "Thursday", "市信访局来信来电办公室"),
)
LEADER_DAY = "Leader's Reception Day"
KEY_CASE_VISITS = (
	(-6, "leader1", "约见信访人代表，听取诉求，要求住建局十日内拿出方案。"),
	(-2, "leader1", "召开协调会，住建、街道和施工单位参加，明确交付时间表。"),
)

# (kind, parties' type, description, risk, measures)
DISPUTES = (
	(
		"Neighbourhood",
		"Neighbours",
		"两户因院墙界址发生争执，多次口角。",
		"Low",
		"村调委会现场丈量，组织双方协商。",
	),
	(
		"Labour and Wages",
		"Employer and Workers",
		"装修公司拖欠六名工人工资约四万元。",
		"High",
		"劳动监察介入，约谈企业负责人。",
	),
	(
		"Property Management",
		"Residents and Property Management",
		"小区物业费上涨引发业主不满。",
		"Medium",
		"街道组织业主代表与物业座谈。",
	),
	(
		"Land and Resettlement",
		"Villagers and Village Committee",
		"部分村民对征地补偿款分配方案有异议。",
		"Medium",
		"镇村两级干部入户解释政策。",
	),
	(
		"Marriage and Family",
		"Family Members",
		"兄弟间因赡养老人费用分摊产生矛盾。",
		"Low",
		"社区调解员上门调解。",
	),
	(
		"Consumer",
		"Business and Consumers",
		"预付卡健身房停业，会员要求退费。",
		"Medium",
		"市场监管部门登记债权，督促退费。",
	),
)


def make_special(context):
	make_reception(context)
	make_key_cases(context)
	make_incidents(context)
	make_screening(context)
	make_mediation(context)


def leader(login: str) -> str | None:
	user = demo_email(login)
	return user if frappe.db.exists("User", user) else None


# --- reception days --------------------------------------------------------------------------------------


def make_reception(context):
	today = getdate(nowdate())
	title = SCHEDULE_NAME.format(today.year, today.month)
	rota = [(leader(login), weekday, place) for login, weekday, place in ROTA if leader(login)]
	if not rota:
		return
	name = frappe.db.get_value("Reception Schedule", {"schedule_name": title})
	if not name:
		schedule = frappe.get_doc(
			{
				"doctype": "Reception Schedule",
				"schedule_name": title,
				"from_date": get_first_day(today),
				"to_date": get_last_day(today),
				"notes": "每周固定接访日；遇法定节假日顺延至下一个工作日。",
				"rota": [
					{"leader": user, "weekday": weekday, "place": place} for user, weekday, place in rota
				],
			}
		).insert(ignore_permissions=True)
		name = schedule.name
	context.add("Reception Schedule", name)
	# a day for each demo visit received on a leader's reception day
	visits = frappe.get_all(
		"Petition Visit",
		filters={"reception_type": LEADER_DAY, "receiving_leader": ("is", "set")},
		fields=["receiving_leader", "visit_datetime"],
	)
	places = {user: place for user, _weekday, place in rota}
	for visit in visits:
		day = getdate(visit.visit_datetime)
		if frappe.db.exists("Reception Day", {"leader": visit.receiving_leader, "reception_date": day}):
			continue
		if "Petition Leader" not in frappe.get_roles(visit.receiving_leader):
			continue
		doc = frappe.get_doc(
			{
				"doctype": "Reception Day",
				"leader": visit.receiving_leader,
				"reception_date": day,
				"place": places.get(visit.receiving_leader, ROTA[0][2]),
				"notes": "领导要求相关单位对当天反映的问题逐件落实，按期答复。",
			}
		).insert(ignore_permissions=True)
		context.add("Reception Day", doc.name)
	refresh_reception_day_counts()


# --- key cases --------------------------------------------------------------------------------------------


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


# --- emergency incidents ------------------------------------------------------------------------------------


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
				"place": "县信访局接待大厅",
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
			"place": "县信访局门前广场",
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


# --- dispute screening and mediation ----------------------------------------------------------------------


def screening_periods(today: datetime.date) -> list[tuple[datetime.date, datetime.date]]:
	"""The last two half months and this one, oldest first."""
	current = half_month_period(today)
	previous = half_month_period(current[0] - datetime.timedelta(days=1))
	before = half_month_period(previous[0] - datetime.timedelta(days=1))
	return [before, previous, current]


def make_screening(context):
	today = getdate(nowdate())
	for number, (start, end) in enumerate(screening_periods(today)):
		open_screening_rounds(start)
		is_past = end < today
		rounds = frappe.get_all(
			"Dispute Screening Round",
			filters={"period_start": start, "status": "Draft"},
			pluck="name",
			order_by="unit asc",
		)
		for index, name in enumerate(rounds):
			doc = frappe.get_doc("Dispute Screening Round", name)
			if not any(not row.carried_from for row in doc.disputes):
				fill_round(doc, number, index, start, min(end, today), is_past)
			if is_past:
				doc.flags.ignore_permissions = True
				doc.submit_round()
			context.add("Dispute Screening Round", name)


def fill_round(doc, number: int, index: int, start: datetime.date, last: datetime.date, is_past: bool):
	"""Two new disputes per unit; in the past rounds nearly all are resolved at the grassroots."""
	for k in range(2):
		kind, parties, description, risk, measures = DISPUTES[(index + number + k) % len(DISPUTES)]
		row = {
			"description": description,
			"parties_type": parties,
			"kind": kind,
			"risk_level": risk,
			"measures": measures,
			"responsible_person": doc_unit_head(doc.unit),
			"status": "Open",
		}
		serial = index * 2 + k
		if is_past and serial % 7 != 6:
			row.update(
				{"status": "Resolved", "resolved_on": last, "resolved_at_grassroots": int(serial % 11 != 10)}
			)
		elif is_past:
			row["status"] = "Referred"
		doc.append("disputes", row)
	for row in doc.disputes:  # carried-over disputes resolved in a past round
		if row.carried_from and is_past and row.status == "Open":
			row.update({"status": "Resolved", "resolved_on": last, "resolved_at_grassroots": 1})
	doc.save(ignore_permissions=True)


def doc_unit_head(unit: str) -> str | None:
	head, in_charge = frappe.db.get_value("Handling Unit", unit, ["unit_head", "leader_in_charge"]) or (
		None,
		None,
	)
	return head or in_charge


def make_mediation(context):
	source = frappe.db.sql(
		"""SELECT r.name AS round, r.unit, d.idx, d.kind FROM `tabDispute Screening Round` r
		JOIN `tabScreened Dispute` d ON d.parent = r.name AND d.parenttype = 'Dispute Screening Round'
		WHERE r.status = 'Submitted' AND d.kind = 'Neighbourhood'
		ORDER BY r.period_start, r.unit, d.idx LIMIT 1""",
		as_dict=True,
	)
	if source and not frappe.db.exists("Mediation Case", {"subject": "院墙界址纠纷调解"}):
		row = source[0]
		mediator = doc_unit_head(row.unit) or demo_email("office")
		opened = getdate(nowdate()) - datetime.timedelta(days=20)
		doc = frappe.get_doc(
			{
				"doctype": "Mediation Case",
				"subject": "院墙界址纠纷调解",
				"screening_round": row.round,
				"dispute_row_no": row.idx,
				"mediator": mediator,
				"opened_on": opened,
				"parties": [
					{"party_role": "Applicant", "party_type": "Household", "description": "东侧住户"},
					{"party_role": "Respondent", "party_type": "Household", "description": "西侧住户"},
				],
				"sessions": [
					{
						"session_date": opened + datetime.timedelta(days=2),
						"summary": "分别听取双方意见，查阅宅基地审批资料。",
						"next_step": "现场丈量",
					},
					{
						"session_date": opened + datetime.timedelta(days=9),
						"summary": "会同国土所现场丈量，双方确认界址。",
						"next_step": "签订协议",
					},
				],
				"agreement_reached": 1,
				"agreement_terms": "西侧住户院墙退后十厘米，费用由双方各半承担。",
				"outcome": "Agreement Performed",
				"outcome_note": "协议已履行，双方表示满意。",
			}
		).insert(ignore_permissions=True)
		doc.flags.ignore_permissions = True
		doc.close_case()
		context.add("Mediation Case", doc.name)
	unit = frappe.db.get_value(
		"Handling Unit", {"is_group": 0, "is_active": 1, "unit_type": "Township or Street"}
	)
	if unit and not frappe.db.exists("Mediation Case", {"subject": "预付卡退费纠纷调解"}):
		doc = frappe.get_doc(
			{
				"doctype": "Mediation Case",
				"subject": "预付卡退费纠纷调解",
				"unit": unit,
				"mediator": doc_unit_head(unit) or demo_email("office"),
				"opened_on": nowdate(),
				"dispute_description": "健身房停业后，会员要求按剩余课时退费，经营者只同意转卡。",
				"kind": "Consumer",
				"parties_type": "Business and Consumers",
				"parties": [
					{"party_role": "Applicant", "party_type": "Group", "description": "办理预付卡的会员"},
					{"party_role": "Respondent", "party_type": "Enterprise", "description": "健身房经营者"},
				],
				"sessions": [
					{
						"session_date": nowdate(),
						"summary": "听取双方诉求，经营者同意提供退费方案。",
						"next_step": "三日后再次调解",
					}
				],
			}
		).insert(ignore_permissions=True)
		context.add("Mediation Case", doc.name)
