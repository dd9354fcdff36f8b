"""Demo tracking: supervision orders on cases being handled (one answered, one open, one escalated),
return visits on closed cases (one completed) and a review of a closed case (decided) with a second one
still requested. Each part runs only when the demo has such cases and adds nothing twice."""

import datetime

import frappe
from frappe.utils import getdate, nowdate

from petition_management.demo.users import demo_email
from petition_management.handling.assignment import assignees_for
from petition_management.tracking.return_visits import schedule_return_visit
from petition_management.tracking.reviews import review_request_deadline
from petition_management.tracking.supervision import escalate_unanswered_orders

ORDERS = (
	("Overdue", "请于三日内书面报告该案办理进展，说明逾期原因及下一步措施。"),
	("Key Case", "该案为重点督办件，请单位负责人亲自过问，按期办结。"),
	("Overdue", "信访人多次来电催办，请尽快联系信访人并报告办理情况。"),
)


def make_tracking(context):
	try:
		make_supervision_orders(context)
		make_return_visits(context)
		make_reviews(context)
	finally:
		frappe.set_user("Administrator")


def as_user(login: str):
	"""Act as the demo user when the demo has one, else as Administrator."""
	email = demo_email(login)
	frappe.set_user(email if frappe.db.exists("User", email) else "Administrator")


def make_supervision_orders(context):
	if frappe.db.count("Petition Supervision"):
		return
	cases = frappe.get_all(
		"Petition Case",
		filters={"workflow_state": ("in", ("Accepted", "In Handling"))},
		fields=["name", "lead_unit", "suggested_unit"],
		order_by="received_on asc",
	)
	cases = [case for case in cases if case.lead_unit or case.suggested_unit][: len(ORDERS)]
	for index, (case, (reason, instructions)) in enumerate(zip(cases, ORDERS, strict=False)):
		as_user("supervisor" if reason == "Key Case" else "office")
		order = frappe.get_doc(
			{
				"doctype": "Petition Supervision",
				"petition_case": case.name,
				"unit": case.lead_unit or case.suggested_unit,
				"reason": reason,
				"instructions": instructions,
			}
		).insert()
		context.add("Petition Supervision", order.name)
		if index == 0:
			respond(order, "已于今日约谈信访人并实地核查，拟于十日内形成处理意见。")
		elif index == 2:
			# show an escalation: the order is dated back past its response date, then the daily job runs
			frappe.set_user("Administrator")
			past = getdate(nowdate()) - datetime.timedelta(days=1)
			order.db_set({"ordered_on": past - datetime.timedelta(days=5), "response_due": past})
			escalate_unanswered_orders()


def respond(order, response: str):
	people = assignees_for(order.unit)
	if not people:
		return
	frappe.set_user(people[0])
	order.reload()
	order.response = response
	order.save()


def make_return_visits(context):
	# a case archived after its non-acceptance was never closed, and is not visited
	closed = frappe.get_all(
		"Petition Case",
		filters={"workflow_state": ("in", ("Closed", "Archived")), "closed_on": ("is", "set")},
		pluck="name",
		order_by="closed_on asc",
	)
	if not closed:
		return
	as_user("office")
	for name in closed:
		schedule_return_visit(frappe.get_doc("Petition Case", name))
	if frappe.db.exists("Petition Return Visit", {"status": "Completed"}):
		return
	visit = frappe.get_doc("Petition Return Visit", {"petition_case": closed[0]})
	visit.update(
		{
			"status": "Completed",
			"visit_date": nowdate(),
			"method": "Phone",
			"satisfaction": "Satisfied",
			"notes": "电话回访，信访人对处理结果表示满意。",
		}
	)
	visit.save()
	context.add("Petition Return Visit", visit.name)


def reviewable_cases(today) -> list:
	"""Cases with a reply (written, or given on the spot) whose review window is open; the dissatisfied
	petitioners' first."""
	cases = frappe.get_all(
		"Petition Case",
		filters={"workflow_state": ("in", ("Replied", "Closed", "Archived"))},
		fields=["name", "review_request_due", "delivered_on", "replied_on", "closed_on", "satisfaction"],
		order_by="closed_on asc, name asc",
	)
	in_window = [
		case
		for case in cases
		if (case.replied_on or case.closed_on) and (review_request_deadline(case) or today) >= today
	]
	return sorted(in_window, key=lambda case: case.satisfaction != "Dissatisfied")


def make_reviews(context):
	if frappe.db.count("Petition Review"):
		return
	closed = reviewable_cases(getdate(nowdate()))[:2]
	for index, case in enumerate(closed):
		as_user("office")
		review = frappe.get_doc(
			{
				"doctype": "Petition Review",
				"petition_case": case.name,
				"review_type": "Review",
				"requested_on": nowdate(),
				"reviewing_body": "市信访局",
				"grounds": "信访人认为处理意见未解决其实际诉求，申请复查。",
			}
		).insert()
		context.add("Petition Review", review.name)
		if index == 0:
			review.update(
				{
					"outcome": "Upheld",
					"opinion": "<p>经复查，原处理意见认定事实清楚，适用政策正确，予以维持。</p>",
				}
			)
			review.save()
			as_user("director")
			review.reload()
			review.submit()
