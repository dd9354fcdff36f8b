"""Demo extensions: the Petition Office asks for more days on a few cases in handling; the Director
approves some (their due dates move and the petitioner gets a notice) and leaves the others pending."""

import frappe
from frappe.model.workflow import apply_workflow

from petition_management.demo.users import demo_email

# (days, reason, approved), in turn for the oldest cases In Handling or Accepted
REQUESTS = (
	(15, "案情复杂，涉及多个部门，需要进一步调查核实并组织协调会。", True),
	(10, "需要等待第三方鉴定机构出具鉴定意见。", False),
	(20, "需要组织听证，听取信访人和相关各方的意见。", True),
	(7, "需要现场勘验，并调取相关部门的原始档案。", False),
)


def as_user(login: str) -> str:
	user = demo_email(login)
	return user if frappe.db.exists("User", user) else "Administrator"


def make_extensions(context):
	if frappe.db.count("Petition Extension"):
		context.created.setdefault("Petition Extension", frappe.get_all("Petition Extension", pluck="name"))
		return
	cases = frappe.get_all(
		"Petition Case",
		filters={"workflow_state": ("in", ("In Handling", "Accepted"))},
		pluck="name",
		order_by="creation asc",
		limit=len(REQUESTS),
	)
	for case, (days, reason, approved) in zip(cases, REQUESTS, strict=False):
		context.add("Petition Extension", request_extension(case, days, reason, approved))


def request_extension(case: str, days: int, reason: str, approved: bool) -> str:
	"""The office drafts and requests; the director (another person) approves when `approved`."""
	try:
		frappe.set_user(as_user("office"))
		doc = frappe.get_doc(
			{"doctype": "Petition Extension", "petition_case": case, "days": days, "reason": reason}
		).insert()
		doc = apply_workflow(doc, "Request Approval")
		if approved:
			frappe.set_user(as_user("director"))
			doc = apply_workflow(frappe.get_doc("Petition Extension", doc.name), "Approve")
	finally:
		frappe.set_user("Administrator")
	return doc.name
