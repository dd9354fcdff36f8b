"""Demo transfers: tie the demo handlers to their units and issue a lead transfer for every case still
Accepted once lifecycle.py has walked the older ones on, as the Petition Office would; the first one is
also acknowledged by its unit's handler."""

import frappe

from petition_management.demo.users import demo_email
from petition_management.handling.assignment import add_handler_to_unit
from petition_management.handling.transfers import TransferState, lead_transfer

# handler login: units (a handler belongs to a unit through a User Permission)
HANDLER_UNITS = {
	"handler-housing": ("住房和城乡建设局",),
	"handler-police": ("公安局", "治安管理大队", "交警大队"),
	"handler-labour": ("人力资源和社会保障局",),
	"handler-land": ("自然资源局",),
	"handler-market": ("市场监督管理局",),
	"handler-street": ("城关街道办事处",),
}
INSTRUCTIONS = "请于期限内核实情况、依法处理，并将处理意见和答复意见书经单位负责人、分管领导签字后报信访办。"


def tie_handlers_to_units():
	for login, units in HANDLER_UNITS.items():
		user = demo_email(login)
		if not frappe.db.exists("User", user):
			continue
		for unit in units:
			if frappe.db.exists("Handling Unit", unit):
				add_handler_to_unit(user, unit)


def make_transfers(context):
	tie_handlers_to_units()
	cases = frappe.get_all(
		"Petition Case",
		filters={"workflow_state": "Accepted", "suggested_unit": ("is", "set")},
		fields=["name", "suggested_unit"],
		order_by="creation asc",
	)
	if not cases:
		return
	office = demo_email("office")
	issued = []
	for case in cases:
		if lead_transfer(case.name):
			continue
		frappe.set_user(office if frappe.db.exists("User", office) else "Administrator")
		try:
			doc = frappe.get_doc(
				{
					"doctype": "Petition Transfer",
					"petition_case": case.name,
					"unit": case.suggested_unit,
					"transfer_role": "Lead Unit",
					"instructions": INSTRUCTIONS,
				}
			).insert(ignore_permissions=True)
		finally:
			frappe.set_user("Administrator")
		context.add("Petition Transfer", doc.name)
		issued.append(doc)
	if issued:
		acknowledge(issued[0])


def acknowledge(doc):
	"""The first transfer's receipt, acknowledged by a handler of its unit (when the demo has one)."""
	from frappe.model.workflow import apply_workflow

	from petition_management.handling.assignment import unit_handlers

	handlers = unit_handlers(doc.unit)
	if not handlers or doc.workflow_state != TransferState.ISSUED:
		return
	frappe.set_user(handlers[0])
	try:
		apply_workflow(frappe.get_doc(doc.doctype, doc.name), "Acknowledge Receipt")
	finally:
		frappe.set_user("Administrator")
