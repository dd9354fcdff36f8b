"""Petition Extensions seen from the case: how many days a case already has, who may ask for more, the
preview of the moved due date, and what the Director's approval does.

An approval, in the same transaction as the extension's own save: the case's `extension_days` grows and
the case recomputes its handling due date (pauses included); every active transfer's reply due date
moves by the same number of days on the same calendar, never past the case's new handling due date;
the petitioner gets a notice.

The state names are those of the shipped Workflow "Petition Extension" (setup/workflows/); the code keys
on them, so an administrator may add states and transitions but should keep these names.
"""

import datetime

import frappe
from frappe import _
from frappe.utils import cint, escape_html, getdate

from petition_management.handling.transfers import TRANSFER, active_transfers, user_units
from petition_management.petition_management.doctype.petition_settings.petition_settings import get_settings
from petition_management.tracking.daily import FINISHED_TRANSFER_STATES
from petition_management.utils.deadlines import due_date, status_of
from petition_management.utils.notices import Notice, send_case_notice

EXTENSION = "Petition Extension"
CASE = "Petition Case"
# An extension may be asked for and approved only while the case's handling clock runs.
CASE_STATES_OPEN_FOR_EXTENSION = ("Accepted", "In Handling")
# These roles ask for any case's extension; unit people only for the cases their unit leads.
OFFICE_ROLES = frozenset({"Petition Office", "System Manager"})


class ExtensionState:
	DRAFT = "Draft"
	PENDING = "Pending Approval"
	APPROVED = "Approved"
	REJECTED = "Rejected"
	OPEN = (DRAFT, PENDING)


def max_extension_days() -> int:
	return cint(get_settings().max_extension_days)


def extension_totals(case_name: str, exclude: str | None = None) -> tuple[int, int]:
	"""(approved, open) days of the case's extensions, leaving out the extension `exclude`."""
	rows = frappe.get_all(
		EXTENSION,
		filters={
			"petition_case": case_name,
			"name": ("!=", exclude or ""),
			"workflow_state": ("in", (ExtensionState.APPROVED, *ExtensionState.OPEN)),
		},
		fields=["workflow_state", "days"],
	)
	approved = sum(cint(row.days) for row in rows if row.workflow_state == ExtensionState.APPROVED)
	return approved, sum(cint(row.days) for row in rows) - approved


def open_extension(case_name: str, exclude: str | None = None) -> dict | None:
	"""The case's extension still in Draft or Pending Approval (other than `exclude`), or None."""
	rows = frappe.get_all(
		EXTENSION,
		filters={
			"petition_case": case_name,
			"name": ("!=", exclude or ""),
			"workflow_state": ("in", ExtensionState.OPEN),
		},
		fields=["name", "workflow_state"],
		order_by="creation asc",
		limit=1,
	)
	return rows[0] if rows else None


def is_office_user(user: str | None = None) -> bool:
	user = user or frappe.session.user
	return user == "Administrator" or bool(OFFICE_ROLES & set(frappe.get_roles(user)))


def may_request_for_unit(user: str, unit: str | None) -> bool:
	"""A unit person may ask only for the unit they work for (head, leader or tied handler)."""
	return bool(unit) and unit in user_units(user)


def lock_case(case_name: str) -> dict:
	"""The case's state, lead unit and due date, its row locked until the transaction ends, so that two
	requests or approvals for one case are checked one after the other."""
	return frappe.db.get_value(
		CASE,
		case_name,
		["workflow_state", "lead_unit", "handling_due", "accepted_on"],
		as_dict=True,
		for_update=True,
	)


def preview_handling_due(case_name: str, days: int) -> datetime.date | None:
	"""The case's handling due date if `days` more were approved now (pauses included); nothing is saved."""
	case = frappe.get_doc(CASE, case_name)
	if not case.accepted_on:
		return None
	case.extension_days = cint(case.extension_days) + days
	case.set_handling_due()
	return getdate(case.handling_due)


# --- approval ------------------------------------------------------------------------------------------


def apply_extension(extension) -> datetime.date:
	"""The system effects of an approval; returns the case's new handling due date."""
	case = extend_case(extension.petition_case, extension.days, extension.name)
	move_transfer_due_dates(case, extension.days, extension.name)
	extension.notice = make_notice(extension, case)
	send_extension_notice(extension, case)
	return getdate(case.handling_due)


def extend_case(case_name: str, days: int, reference: str):
	"""Add the days to the case's extensions; its controller recomputes the handling due date."""
	case = frappe.get_doc(CASE, case_name, for_update=True)
	before = case.handling_due
	case.extension_days = cint(case.extension_days) + days
	# a system effect of the Director's approval, whatever the Director may edit on the case itself
	case.flags.ignore_permissions = True
	case.save()
	case.add_comment(
		"Info",
		_("Extension {0} approved: {1} days; handling due date moved from {2} to {3}.").format(
			reference, days, frappe.format(before, "Date"), frappe.format(case.handling_due, "Date")
		),
	)
	return case


def moved_due_date(old_due, days: int, limit) -> datetime.date:
	"""`old_due` plus `days` on the Settings' calendar, at the latest `limit`."""
	return min(due_date(old_due, days), getdate(limit))


def move_transfer_due_dates(
	case, days: int, reference: str
) -> list[tuple[str, datetime.date, datetime.date]]:
	"""Move every active transfer's reply due date; returns (transfer, old, new) for each one moved."""
	moved = []
	for row in active_transfers(case.name):
		if not row.due_date:
			continue
		old_due = getdate(row.due_date)
		new_due = moved_due_date(old_due, days, case.handling_due)
		if new_due == old_due:
			continue
		values = {"due_date": new_due}
		if row.workflow_state not in FINISHED_TRANSFER_STATES:
			values["deadline_status"] = status_of(new_due)
		# the transfer controller lets only the Petition Office edit the due date by hand; this is the
		# approved extension's effect, recorded on the transfer's timeline
		frappe.db.set_value(TRANSFER, row.name, values)
		frappe.db.set_value(
			"ToDo",
			{"reference_type": TRANSFER, "reference_name": row.name, "status": "Open"},
			"date",
			new_due,
		)
		frappe.get_doc(TRANSFER, row.name).add_comment(
			"Info",
			_("Reply due date moved from {0} to {1} by extension {2}.").format(
				frappe.format(old_due, "Date"), frappe.format(new_due, "Date"), reference
			),
		)
		moved.append((row.name, old_due, new_due))
	return moved


def make_notice(extension, case) -> str:
	"""The notice to the petitioner, in the approving user's language."""
	text = _(
		"{0}: the time limit for handling your petition {1} ({2}) is extended by {3} days. "
		"Reason: {4}. The reply is now due by {5}."
	).format(
		escape_html(case.petitioner_names or _("Petitioner")),
		case.name,
		escape_html(case.subject or ""),
		extension.days,
		escape_html(extension.reason or ""),
		frappe.format(case.handling_due, "Date"),
	)
	return f"<p>{text}</p>"


def send_extension_notice(extension, case) -> None:
	"""Tell the petitioners by e-mail and SMS (utils/notices.py); the e-mail is filed on the extension."""
	send_case_notice(case, Notice.EXTENSION, extension)
