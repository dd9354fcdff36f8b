"""Demo dispute screening and mediation: screening rounds for the last two half months (submitted) and
this one (draft), with disputes described by type of parties only; two mediation cases.
"""

import datetime

import frappe
from frappe.utils import getdate, nowdate

from petition_management.demo.users import demo_email
from petition_management.rules.reception import half_month_period
from petition_management.special.screening import open_screening_rounds

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
