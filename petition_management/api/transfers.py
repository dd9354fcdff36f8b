"""Issuing a case's transfers in one step (交办): the lead unit and any co-handling units, with one reply
due date and one set of instructions, from the "Issue Transfers" dialog of the Petition Case form; a case
still Accepted then starts handling (the case workflow's transition to In Handling), when the user may
take it. Everything is saved or nothing is.

Each transfer is inserted through its controller as the user (petition_transfer.py checks the case, the
lead, the due date and assigns the unit's handlers); the checks here come first so that every problem of
the dialog is named at once and nothing is written for a bad one.
"""

import json

import frappe
from frappe import _
from frappe.model.workflow import apply_workflow, get_transitions
from frappe.utils import getdate

from petition_management.handling.transfers import (
	CASE_STATES_OPEN_FOR_TRANSFER,
	TRANSFER,
	TransferError,
	TransferRole,
	active_transfers,
)
from petition_management.utils.text_limits import validate_text_lengths

CASE = "Petition Case"
UNIT = "Handling Unit"
ACCEPTED, IN_HANDLING = "Accepted", "In Handling"
SAVEPOINT = "pm_issue_transfers"


class IssueTransfersError(TransferError):
	pass


@frappe.whitelist(methods=["POST"])
def issue_transfers(
	case: str,
	lead_unit: str | None = None,
	co_units: str | list[str] | None = None,
	due_date: str | None = None,
	instructions: str | None = None,
) -> dict:
	"""Issue the transfers of `case` to `lead_unit` (unless it has one) and `co_units`; start handling an
	Accepted case. Returns the transfers' names, the case's state and whether handling started."""
	frappe.has_permission(TRANSFER, "create", throw=True)
	case_doc = get_case(case)
	plan = plan_transfers(case_doc, (lead_unit or "").strip() or None, parse_units(co_units))
	due = parse_due_date(due_date)
	frappe.db.savepoint(SAVEPOINT)
	try:
		names = [insert_transfer(case_doc.name, unit, role, due, instructions) for unit, role in plan]
		started = start_handling(case_doc.name)
	except Exception:
		frappe.db.rollback(save_point=SAVEPOINT)
		raise
	return {
		"transfers": names,
		"workflow_state": frappe.db.get_value(CASE, case_doc.name, "workflow_state"),
		"started_handling": started,
	}


def get_case(name: str):
	if not isinstance(name, str) or not name or not frappe.db.exists(CASE, name):
		frappe.throw(_("There is no Petition Case {0}.").format(frappe.bold(name)), frappe.DoesNotExistError)
	doc = frappe.get_doc(CASE, name)
	doc.check_permission("read")
	if doc.workflow_state not in CASE_STATES_OPEN_FOR_TRANSFER:
		frappe.throw(
			_(
				"Case {0} is {1}: a transfer can be issued only once the case is Accepted or In Handling."
			).format(frappe.bold(doc.name), frappe.bold(_(doc.workflow_state or "Registered"))),
			IssueTransfersError,
			title=_("Case Not Accepted"),
		)
	return doc


def parse_units(value) -> list[str]:
	"""The co-handling units as a list of names (the desk sends a JSON list)."""
	if value in (None, "", []):
		return []
	if isinstance(value, str):
		try:
			value = json.loads(value) if value.lstrip().startswith("[") else [value]
		except ValueError:
			value = None
	if not isinstance(value, list) or not all(isinstance(unit, str) for unit in value):
		frappe.throw(_("The co-handling units must be a list of Handling Units."), IssueTransfersError)
	return [unit.strip() for unit in value if unit.strip()]


def parse_due_date(value: str | None):
	if not value:
		return None  # the transfer takes the case's handling due date
	try:
		return getdate(value)
	except Exception:
		frappe.throw(
			_("The reply due date {0} is not a date.").format(frappe.bold(value)), IssueTransfersError
		)


def plan_transfers(case_doc, lead_unit: str | None, co_units: list[str]) -> list[tuple[str, str]]:
	"""(unit, role) of each transfer to issue, lead first; every problem named at once."""
	existing = active_transfers(case_doc.name)
	existing_lead = next((row.unit for row in existing if row.transfer_role == TransferRole.LEAD), None)
	problems = []
	if lead_unit and existing_lead:
		problems.append(
			_("Case {0} already has the lead unit {1}; a case has exactly one lead unit.").format(
				frappe.bold(case_doc.name), frappe.bold(existing_lead)
			)
		)
	elif not lead_unit and not existing_lead:
		problems.append(_("Choose the lead unit: every case has exactly one."))
	elif not lead_unit and not co_units:
		problems.append(_("Choose at least one co-handling unit."))
	if lead_unit and lead_unit in co_units:
		problems.append(
			_("{0} cannot be the lead unit and a co-handling unit at once.").format(frappe.bold(lead_unit))
		)
	for unit in sorted({unit for unit in co_units if co_units.count(unit) > 1}):
		problems.append(_("{0} is listed more than once.").format(frappe.bold(unit)))
	already = {row.unit for row in existing}
	for unit in dict.fromkeys([lead_unit, *co_units] if lead_unit else co_units):
		problem = unit_problem(unit)
		if problem:
			problems.append(problem)
		elif unit in already:
			problems.append(
				_("Case {0} already has an active transfer to {1}.").format(
					frappe.bold(case_doc.name), frappe.bold(unit)
				)
			)
	if problems:
		frappe.throw("<br>".join(problems), IssueTransfersError, title=_("Transfers Not Issued"))
	plan = [(lead_unit, TransferRole.LEAD)] if lead_unit else []
	return plan + [(unit, TransferRole.CO) for unit in dict.fromkeys(co_units)]


def unit_problem(unit: str) -> str | None:
	"""Why a unit cannot receive a transfer: it must exist, be active and be a unit, not a group."""
	values = frappe.db.get_value(UNIT, unit, ["is_group", "is_active"], as_dict=True)
	if not values:
		return _("There is no Handling Unit {0}.").format(frappe.bold(unit))
	if values.is_group:
		return _("{0} is a group of units: choose one of its units.").format(frappe.bold(unit))
	if not values.is_active:
		return _("{0} is not an active unit.").format(frappe.bold(unit))
	return None


def insert_transfer(case: str, unit: str, role: str, due_date, instructions: str | None) -> str:
	doc = frappe.get_doc(
		{
			"doctype": TRANSFER,
			"petition_case": case,
			"unit": unit,
			"transfer_role": role,
			"due_date": due_date,
			"instructions": instructions,
		}
	)
	validate_text_lengths(doc)
	return doc.insert().name


def start_handling(case: str) -> bool:
	"""An Accepted case goes In Handling through the case workflow, when the user may take that step."""
	doc = frappe.get_doc(CASE, case)
	if doc.workflow_state != ACCEPTED:
		return False
	transition = next((t for t in get_transitions(doc) if t.next_state == IN_HANDLING), None)
	if not transition:
		return False
	apply_workflow(doc, transition.action)
	return True
