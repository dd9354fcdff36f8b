# Copyright (c) 2026, Petition Management contributors
# For license information, please see license.txt

"""Petition Transfer: the Case Transfer Notice to one unit, moved by the Workflow "Petition Transfer".

The workflow moves the state; this controller checks each step (who may take it, what it needs) and
records who did it and when: the receipt, the objection, the reply, the two signatures (the reply
receipt) and the Petition Office's decision.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, nowdate

from petition_management.handling.assignment import assign_transfer, close_transfer_assignments
from petition_management.handling.transfer_steps import (
	REPLY_FIELDS,
	ObjectionError,  # noqa: F401 -- imported from here by the tests
	ReplyIncompleteError,  # noqa: F401 -- imported from here by the tests
	SignatureError,  # noqa: F401 -- imported from here by the tests
	objection_days,
	pending_co_units,
	record_acceptance,
	record_head_signature,
	record_leader_signature,
	record_objection,
	record_receipt,
	record_reply,
	record_return,
	working_calendar,
)
from petition_management.handling.transfers import (
	CASE_STATES_OPEN_FOR_TRANSFER,
	CaseNotReadyError,
	TransferError,
	TransferRole,
	TransferState,
	active_transfers,
	sync_case_lead_unit,
)
from petition_management.rules.deadlines import DeadlineError, add_days
from petition_management.utils.deadlines import limit_due_date, status_of
from petition_management.utils.rules import throw_rule_error
from petition_management.utils.system_fields import keep_system_fields
from petition_management.utils.translation import label

OFFICE_ROLES = ("Petition Office", "System Manager")
# Fields only the Petition Office changes once the transfer is issued
OFFICE_FIELDS = ("instructions", "due_date", "return_reason")
# Set by the handling code only (sync_case_lead_unit): the unit of the case's active lead transfer, on
# every transfer of the case, so that the permission query's "accepted co-unit replies of the cases my
# unit leads" is one indexed condition instead of a subquery
SYSTEM_FIELDS = ("lead_unit",)
REPLY_LOCKED_STATES = (
	TransferState.REPLY_DRAFTED,
	TransferState.SIGNED_BY_HEAD,
	TransferState.SIGNED_BY_LEADER,
	TransferState.REPLY_ACCEPTED,
	TransferState.WITHDRAWN,
)


# the lead unit's states before its reply is submitted: the co-units it waits for are shown on the form
WAITING_FOR_CO_UNITS = (TransferState.ISSUED, TransferState.ACKNOWLEDGED, TransferState.RETURNED)


class DueDateError(TransferError):
	pass


class DuplicateTransferError(TransferError):
	pass


class LockedFieldError(TransferError):
	pass


class PetitionTransfer(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		acknowledged_by: DF.Link | None
		acknowledged_on: DF.Date | None
		case_subject: DF.Data | None
		deadline_status: DF.Literal["", "On Time", "Due Soon", "Overdue"]
		due_date: DF.Date
		handling_opinion: DF.TextEditor | None
		head_signed_by: DF.Link | None
		head_signed_on: DF.Datetime | None
		instructions: DF.SmallText | None
		issued_by: DF.Link | None
		issued_on: DF.Date | None
		lead_unit: DF.Link | None
		leader_in_charge: DF.Link | None
		leader_signed_by: DF.Link | None
		leader_signed_on: DF.Datetime | None
		naming_series: DF.Literal["PT-.YYYY.-"]
		objected_by: DF.Link | None
		objected_on: DF.Date | None
		objection_due: DF.Date | None
		objection_reason: DF.SmallText | None
		office_decision_by: DF.Link | None
		office_decision_on: DF.Datetime | None
		petition_case: DF.Link
		petitioner_names: DF.Data | None
		reply_draft: DF.TextEditor | None
		reply_submitted_by: DF.Link | None
		reply_submitted_on: DF.Datetime | None
		return_reason: DF.SmallText | None
		transfer_role: DF.Literal["Lead Unit", "Co-handling Unit"]
		unit: DF.Link
		unit_head: DF.Link | None
		workflow_state: DF.Link | None
	# end: auto-generated types

	def onload(self):
		if self.transfer_role == TransferRole.LEAD and self.workflow_state in WAITING_FOR_CO_UNITS:
			# told up front: the lead's reply summarizes all units, so it waits for their accepted replies
			self.set_onload("co_units_pending", pending_co_units(self.petition_case))

	def validate(self):
		# Frappe checks the workflow after `validate`; check it first so that an illegal state change
		# is refused as such before any step rule below.
		self.validate_workflow()
		keep_system_fields(self, SYSTEM_FIELDS)
		if self.is_new():
			self.validate_unit_exists()
			self.set_issue_details()
			self.validate_case_open_for_transfer()
			self.validate_lead_and_units()
		else:
			self.validate_office_fields()
			self.validate_reply_locked()
		self.set_due_date()
		self.validate_due_date()
		self.apply_step()
		self.set_deadline_status()

	def set_deadline_status(self):
		"""Kept current on every save too, so a form opened before the daily job cannot write back a stale
		status."""
		finished = self.workflow_state in ("Reply Accepted", "Withdrawn")
		self.deadline_status = None if finished or not self.due_date else status_of(self.due_date)

	def after_insert(self):
		assign_transfer(self)

	def on_update(self):
		self.close_assignments_when_done()
		if self.is_new() or self.has_value_changed("workflow_state"):
			# written for all the case's transfers, this one included: keep the document in step
			self.lead_unit = sync_case_lead_unit(self.petition_case)

	def after_delete(self):
		sync_case_lead_unit(self.petition_case)

	# --- issue ---------------------------------------------------------------------------------------

	def validate_unit_exists(self):
		if not self.unit or not frappe.db.exists("Handling Unit", self.unit):
			frappe.throw(_("There is no Handling Unit {0}.").format(frappe.bold(self.unit)), TransferError)

	def set_issue_details(self):
		self.issued_by = self.issued_by or frappe.session.user
		self.issued_on = self.issued_on or nowdate()
		try:
			self.objection_due = add_days(getdate(self.issued_on), objection_days(), working_calendar())
		except DeadlineError as error:
			throw_rule_error(error)

	def validate_case_open_for_transfer(self):
		# lock the case row: two transfers issued at once cannot both become its lead
		state = frappe.db.get_value("Petition Case", self.petition_case, "workflow_state", for_update=True)
		if state not in CASE_STATES_OPEN_FOR_TRANSFER:
			frappe.throw(
				_(
					"Case {0} is {1}: a transfer can be issued only once the case is Accepted or In Handling."
				).format(frappe.bold(self.petition_case), frappe.bold(_(state or "Registered"))),
				CaseNotReadyError,
				title=_("Case Not Accepted"),
			)

	def validate_lead_and_units(self):
		transfers = active_transfers(self.petition_case)
		if any(row.unit == self.unit for row in transfers):
			frappe.throw(
				_("Case {0} already has an active transfer to {1}.").format(
					frappe.bold(self.petition_case), frappe.bold(self.unit)
				),
				DuplicateTransferError,
				title=_("Duplicate Transfer"),
			)
		leads = [row for row in transfers if row.transfer_role == TransferRole.LEAD]
		if self.transfer_role == TransferRole.LEAD and leads:
			frappe.throw(
				_("Case {0} already has the lead unit {1}; a case has exactly one lead unit.").format(
					frappe.bold(self.petition_case), frappe.bold(leads[0].unit)
				),
				DuplicateTransferError,
				title=_("Lead Unit Exists"),
			)
		if self.transfer_role == TransferRole.CO and not leads:
			frappe.throw(
				_("Issue the transfer to the lead unit of case {0} before any co-handling unit.").format(
					frappe.bold(self.petition_case)
				),
				CaseNotReadyError,
				title=_("No Lead Unit"),
			)

	# --- due date ------------------------------------------------------------------------------------

	def case_handling_due(self):
		case = frappe.db.get_value(
			"Petition Case", self.petition_case, ["handling_due", "accepted_on"], as_dict=True
		)
		if not case:
			return None
		if case.handling_due:
			return getdate(case.handling_due)
		if case.accepted_on:
			return limit_due_date(case.accepted_on, "handling_days")
		return None

	def set_due_date(self):
		if not self.due_date:
			self.due_date = self.case_handling_due()

	def validate_due_date(self):
		if not (self.is_new() or self.has_value_changed("due_date")):
			return
		if not self.due_date:
			frappe.throw(
				_("Enter the reply due date: case {0} has no handling due date.").format(
					frappe.bold(self.petition_case)
				),
				DueDateError,
			)
		case_due = self.case_handling_due()
		if case_due and getdate(self.due_date) > case_due:
			frappe.throw(
				_("The reply due date {0} cannot be later than the case's handling due date {1}.").format(
					frappe.bold(frappe.format(self.due_date, "Date")),
					frappe.bold(frappe.format(case_due, "Date")),
				),
				DueDateError,
				title=_("Due Date Too Late"),
			)
		if self.issued_on and getdate(self.due_date) < getdate(self.issued_on):
			frappe.throw(
				_("The reply due date {0} cannot be before the issue date {1}.").format(
					frappe.bold(frappe.format(self.due_date, "Date")),
					frappe.bold(frappe.format(self.issued_on, "Date")),
				),
				DueDateError,
			)

	# --- who may change what -------------------------------------------------------------------------

	def validate_office_fields(self):
		if is_office_user():
			return
		for fieldname in OFFICE_FIELDS:
			if self.has_value_changed(fieldname):
				frappe.throw(
					_("Only the Petition Office can change {0} of a transfer.").format(
						frappe.bold(label(self.meta, fieldname))
					),
					LockedFieldError,
				)

	def validate_reply_locked(self):
		before = self.get_doc_before_save()
		if not before or before.workflow_state not in REPLY_LOCKED_STATES:
			return
		for fieldname in REPLY_FIELDS:
			if self.has_value_changed(fieldname):
				frappe.throw(
					_(
						"{0} cannot be changed while the transfer is {1}; it changes only after a return for rework."
					).format(frappe.bold(label(self.meta, fieldname)), frappe.bold(_(before.workflow_state))),
					LockedFieldError,
				)

	# --- workflow steps ------------------------------------------------------------------------------

	def apply_step(self):
		"""Run the checks and records of the state the workflow moves the transfer to."""
		before = self.get_doc_before_save()
		if self.is_new() or not before or before.workflow_state == self.workflow_state:
			return
		step = {
			TransferState.ACKNOWLEDGED: record_receipt,
			TransferState.OBJECTED: record_objection,
			TransferState.REPLY_DRAFTED: record_reply,
			TransferState.SIGNED_BY_HEAD: record_head_signature,
			TransferState.SIGNED_BY_LEADER: record_leader_signature,
			TransferState.REPLY_ACCEPTED: record_acceptance,
			TransferState.RETURNED: record_return,
		}.get(self.workflow_state)
		if step:
			step(self)

	# --- assignment ----------------------------------------------------------------------------------

	def close_assignments_when_done(self):
		if self.is_new() or not self.has_value_changed("workflow_state"):
			return
		if self.workflow_state == TransferState.REPLY_ACCEPTED:
			close_transfer_assignments(self, "Closed")
		elif self.workflow_state == TransferState.WITHDRAWN:
			close_transfer_assignments(self, "Cancelled")


def is_office_user(user: str | None = None) -> bool:
	user = user or frappe.session.user
	return user == "Administrator" or bool(set(OFFICE_ROLES) & set(frappe.get_roles(user)))


def on_doctype_update():
	frappe.db.add_index("Petition Transfer", ["unit", "due_date"])
	frappe.db.add_index("Petition Transfer", ["petition_case", "transfer_role"])
	frappe.db.add_index("Petition Transfer", ["unit", "issued_on"])  # Unit Performance by period
	# measured at 1,000,000 cases (README, Benchmark): the case permission query's "cases with an active
	# transfer to my unit", the transfer permission query's two branches, and the list page by due date
	frappe.db.add_index(
		"Petition Transfer",
		["unit", "transfer_role", "workflow_state", "petition_case"],
		"unit_role_state_case_index",
	)
	# the second branch: the co-units' accepted replies of the cases a unit leads (lead_unit)
	frappe.db.add_index(
		"Petition Transfer", ["lead_unit", "transfer_role", "workflow_state"], "lead_unit_role_state_index"
	)
	frappe.db.add_index(
		"Petition Transfer",
		["due_date", "unit", "transfer_role", "workflow_state", "petition_case", "office_decision_on"],
		"due_date_cover_index",
	)
