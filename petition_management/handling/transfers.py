"""Petition Transfers seen from the case: the active transfers, the lead unit, and the checks the case
workflow runs before it starts handling or records the reply.

The state names are those of the shipped Workflow "Petition Transfer" (setup/workflows/); the code keys
on them, so an administrator may add states and transitions but should keep these names.
"""

import frappe
from frappe import _

TRANSFER = "Petition Transfer"


class TransferState:
	ISSUED = "Issued"
	ACKNOWLEDGED = "Acknowledged"
	OBJECTED = "Objected"
	WITHDRAWN = "Withdrawn"
	REPLY_DRAFTED = "Reply Drafted"
	SIGNED_BY_HEAD = "Signed by Unit Head"
	SIGNED_BY_LEADER = "Signed by Leader"
	RETURNED = "Returned"
	REPLY_ACCEPTED = "Reply Accepted"


class TransferRole:
	LEAD = "Lead Unit"
	CO = "Co-handling Unit"


# A case may have transfers only while it is in one of these states (Petition Case workflow).
CASE_STATES_OPEN_FOR_TRANSFER = ("Accepted", "In Handling")


class TransferError(frappe.ValidationError):
	pass


class CaseNotReadyError(TransferError):
	pass


def user_units(user: str | None = None) -> list[str]:
	"""The Handling Units a user works for: those they head or lead, and those a User Permission
	(allow "Handling Unit") ties them to, which is how a Unit Handler belongs to a unit."""
	user = user or frappe.session.user
	rows = frappe.db.sql(
		"""
		select name from `tabHandling Unit` where unit_head = %(user)s or leader_in_charge = %(user)s
		union
		select for_value from `tabUser Permission` where user = %(user)s and allow = 'Handling Unit'
		""",
		{"user": user},
	)
	return sorted({row[0] for row in rows})


def active_transfers(case_name: str) -> list[dict]:
	"""The case's transfers that are not Withdrawn, oldest first."""
	return frappe.get_all(
		TRANSFER,
		filters={"petition_case": case_name, "workflow_state": ("!=", TransferState.WITHDRAWN)},
		fields=["name", "unit", "transfer_role", "workflow_state", "due_date"],
		order_by="creation asc",
	)


def lead_transfer(case_name: str) -> dict | None:
	"""The case's active lead transfer, or None."""
	leads = [row for row in active_transfers(case_name) if row.transfer_role == TransferRole.LEAD]
	return leads[0] if leads else None


def validate_case_can_start_handling(case_doc):
	"""The case goes In Handling only with exactly one active lead unit."""
	leads = [row for row in active_transfers(case_doc.name) if row.transfer_role == TransferRole.LEAD]
	if not leads:
		frappe.throw(
			_("Issue a transfer to a lead unit before starting the handling of case {0}.").format(
				frappe.bold(case_doc.name)
			),
			CaseNotReadyError,
			title=_("No Lead Unit"),
		)
	if len(leads) > 1:
		frappe.throw(
			_("Case {0} has {1} active lead units; withdraw all but one.").format(
				frappe.bold(case_doc.name), len(leads)
			),
			CaseNotReadyError,
			title=_("Several Lead Units"),
		)


def validate_case_can_be_replied(case_doc):
	"""The case is Replied only once the lead unit's reply (its summary of all units) is accepted."""
	lead = lead_transfer(case_doc.name)
	if not lead:
		frappe.throw(
			_("Case {0} has no active lead unit, so it has no reply to record.").format(
				frappe.bold(case_doc.name)
			),
			CaseNotReadyError,
			title=_("No Lead Unit"),
		)
	if lead.workflow_state != TransferState.REPLY_ACCEPTED:
		frappe.throw(
			_(
				"The reply of the lead unit {0} ({1}) must be accepted before the case is replied; it is {2}."
			).format(frappe.bold(lead.unit), lead.name, frappe.bold(_(lead.workflow_state or ""))),
			CaseNotReadyError,
			title=_("Lead Reply Not Accepted"),
		)


def sync_case_lead_unit(case_name: str) -> str | None:
	"""Keep the read-only `lead_unit` of the case and of each of its transfers equal to the unit of its
	active lead transfer (None without one); return that unit. Run whenever a transfer of the case is
	issued, changes state (a withdrawn lead) or is deleted: the transfer permission query keys on it."""
	lead = lead_transfer(case_name)
	unit = lead.unit if lead else None
	if frappe.db.get_value("Petition Case", case_name, "lead_unit") != unit:
		frappe.db.set_value("Petition Case", case_name, "lead_unit", unit, update_modified=False)
	set_transfers_lead_unit(case_name, unit)
	return unit


def set_transfers_lead_unit(case_name: str, unit: str | None):
	"""One statement for all the case's transfers; a system field, so `modified` stays."""
	frappe.db.sql(
		f"""update `tab{TRANSFER}` set lead_unit = %(unit)s
		where petition_case = %(case)s and not (lead_unit <=> %(unit)s)""",
		{"case": case_name, "unit": unit},
	)
