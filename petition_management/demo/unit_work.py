"""What happens to a demo transfer: the office issues it, the unit's handler acknowledges it (or objects),
writes the reply, the unit head and the leader in charge sign the reply receipt, and the office accepts
it or returns it for rework. Each route ends in one state of the Petition Transfer Workflow."""

from typing import NamedTuple

import frappe

from petition_management.demo.acting import act, acting_as, staff
from petition_management.demo.handling_texts import (
	OBJECTION,
	RETURN_REASON,
	language_of,
	reworked_reply,
	unit_reply,
)
from petition_management.demo.transfers import INSTRUCTIONS
from petition_management.handling.assignment import unit_handlers
from petition_management.handling.transfers import TRANSFER, TransferRole

ACKNOWLEDGE = "Acknowledge Receipt"
OBJECT = "Object"
WITHDRAW = "Withdraw"
REJECT_OBJECTION = "Reject Objection"
SUBMIT = "Submit Reply"
HEAD_SIGNS = "Sign as Unit Head"
LEADER_SIGNS = "Sign as Leader"
ACCEPT = "Accept Reply"
RETURN = "Return Reply"
RESUBMIT = "Resubmit Reply"

# action: who takes it, and at what hour
ACTORS = {
	ACKNOWLEDGE: ("handler", 9),
	OBJECT: ("handler", 9),
	SUBMIT: ("handler", 9),
	RESUBMIT: ("handler", 9),
	HEAD_SIGNS: ("head", 14),
	LEADER_SIGNS: ("leader", 16),
	ACCEPT: ("office", 10),
	RETURN: ("office", 10),
	WITHDRAW: ("office", 10),
	REJECT_OBJECTION: ("office", 10),
}
# the usual day of each action after the issue, for a co-handling unit and for the lead unit; the lead
# writes its reply (the summary of all units) once the co-handling units' replies are accepted
CO_DAYS = {
	ACKNOWLEDGE: 1,
	OBJECT: 2,
	WITHDRAW: 3,
	REJECT_OBJECTION: 3,
	SUBMIT: 7,
	HEAD_SIGNS: 8,
	LEADER_SIGNS: 9,
	ACCEPT: 10,
	RETURN: 10,
	RESUBMIT: 12,
}
LEAD_DAYS = CO_DAYS | {SUBMIT: 11, HEAD_SIGNS: 12, LEADER_SIGNS: 13, ACCEPT: 14, RETURN: 14, RESUBMIT: 16}

REPLY = (ACKNOWLEDGE, SUBMIT, HEAD_SIGNS, LEADER_SIGNS)
# route: the actions that take a new transfer there (the name is the state it ends in, but for
# "Objection Rejected" and "Reworked", which end Acknowledged and Reply Accepted)
ROUTES = {
	"Issued": (),
	"Acknowledged": (ACKNOWLEDGE,),
	"Objected": (OBJECT,),
	"Objection Rejected": (OBJECT, REJECT_OBJECTION),
	"Withdrawn": (OBJECT, WITHDRAW),
	"Reply Drafted": REPLY[:2],
	"Signed by Unit Head": REPLY[:3],
	"Signed by Leader": REPLY,
	"Returned": (*REPLY, RETURN),
	"Reply Accepted": (*REPLY, ACCEPT),
	"Reworked": (*REPLY, RETURN, RESUBMIT, HEAD_SIGNS, LEADER_SIGNS, ACCEPT),
}
# the state each action starts from (Petition Transfer Workflow): a step already taken is skipped
FROM_STATE = {
	ACKNOWLEDGE: "Issued",
	OBJECT: "Issued",
	WITHDRAW: "Objected",
	REJECT_OBJECTION: "Objected",
	SUBMIT: "Acknowledged",
	HEAD_SIGNS: "Reply Drafted",
	LEADER_SIGNS: "Signed by Unit Head",
	ACCEPT: "Signed by Leader",
	RETURN: "Signed by Leader",
	RESUBMIT: "Returned",
}


class Step(NamedTuple):
	day: int  # days after the issue
	hour: int
	action: str


def route_steps(route: str, days: dict) -> list[Step]:
	"""The route's actions, each on its usual day or, when that is taken, the day after the previous."""
	steps, last = [], 0
	for action in ROUTES[route]:
		last = max(days[action], last + 1)
		steps.append(Step(last, ACTORS[action][1], action))
	return steps


def unit_people(unit: str) -> dict | None:
	"""The unit's handler, head and leader in charge, or None when the demo does not staff all three."""
	handlers = unit_handlers(unit)
	signers = frappe.db.get_value("Handling Unit", unit, ["unit_head", "leader_in_charge"], as_dict=True)
	if not (handlers and signers and signers.unit_head and signers.leader_in_charge):
		return None
	return {
		"handler": handlers[0],
		"head": signers.unit_head,
		"leader": signers.leader_in_charge,
		"office": staff("office"),
	}


def issue(case: str, unit: str, role: str, due_date=None) -> str:
	"""The office issues the transfer notice (with a unit deadline shorter than the case's, if given)."""
	with acting_as(staff("office")):
		doc = frappe.get_doc(
			{
				"doctype": TRANSFER,
				"petition_case": case,
				"unit": unit,
				"transfer_role": role,
				"instructions": INSTRUCTIONS,
				"due_date": due_date,
			}
		).insert()
	return doc.name


def action_values(action: str, case, lead: bool) -> dict | None:
	"""What the person writes before taking the action: the case's category and language say what."""
	language = language_of(case.subject)
	if action == OBJECT:
		return {"objection_reason": OBJECTION[language]}
	if action == SUBMIT:
		return unit_reply(case.category, language, lead)
	if action == RESUBMIT:
		return reworked_reply(case.category, language, lead)
	if action == RETURN:
		return {"return_reason": RETURN_REASON[language]}
	return None


def take(transfer: str, action: str, people: dict, case):
	"""Take the action when the transfer stands where it starts (a step already taken is skipped)."""
	role, state = frappe.db.get_value(TRANSFER, transfer, ["transfer_role", "workflow_state"])
	if state != FROM_STATE[action]:
		return
	values = action_values(action, case, lead=role == TransferRole.LEAD)
	act(people[ACTORS[action][0]], TRANSFER, transfer, action, values)
