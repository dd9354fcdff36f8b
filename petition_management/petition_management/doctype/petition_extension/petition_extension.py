# Copyright (c) 2026, Petition Management contributors
# For license information, please see license.txt

"""Petition Extension: the lead unit or the Petition Office asks for more days to handle a case; the
Director approves or rejects it through the Workflow "Petition Extension".

The workflow moves the state; this controller checks the request (the days, the case, the unit, the
total within the Settings' maximum) and records each step. The effects of an approval (the case's and
its transfers' due dates, the notice to the petitioner) are in petition_management/tracking/extensions.py.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, now_datetime

from petition_management.tracking.extensions import (
	CASE_STATES_OPEN_FOR_EXTENSION,
	ExtensionState,
	apply_extension,
	extension_totals,
	is_office_user,
	lock_case,
	max_extension_days,
	may_request_for_unit,
	open_extension,
	preview_handling_due,
)
from petition_management.utils.numbers import is_whole_number
from petition_management.utils.translation import label

# The request itself: fixed once it leaves Draft, so that the Director approves what was asked.
REQUEST_FIELDS = ("petition_case", "requested_by_unit", "days", "reason")


class ExtensionError(frappe.ValidationError):
	pass


class ExtensionDaysError(ExtensionError):
	pass


class ExtensionLimitError(ExtensionError):
	pass


class CaseNotOpenError(ExtensionError):
	pass


class NotLeadUnitError(ExtensionError):
	pass


class OpenExtensionError(ExtensionError):
	pass


class SelfApprovalError(ExtensionError):
	pass


class LockedFieldError(ExtensionError):
	pass


class RejectionReasonError(ExtensionError):
	pass


class PetitionExtension(Document):
	# begin: auto-generated types
	# end: auto-generated types

	def validate(self):
		# Frappe checks the workflow after `validate`; check it first so that an illegal state change is
		# refused as such before the rules below (it also puts a new extension in the first state).
		self.validate_workflow()
		self.workflow_state = self.workflow_state or ExtensionState.DRAFT
		self.validate_locked_fields()
		if self.is_request_checked():
			self.validate_days()
			self.validate_case_open()
			self.validate_requesting_unit()
			self.validate_one_open_per_case()
			self.validate_total_days()
			self.set_due_dates()
		self.record_step()

	def on_update(self):
		if self.entered(ExtensionState.APPROVED):
			self.apply_approval()

	# --- state -----------------------------------------------------------------------------------------

	def state_before_save(self) -> str | None:
		before = self.get_doc_before_save()
		return before.workflow_state if before else None

	def entered(self, state: str) -> bool:
		return self.workflow_state == state and self.state_before_save() != state

	def is_request_checked(self) -> bool:
		"""The request is checked while it is open and once more when the Director approves it."""
		return self.workflow_state in ExtensionState.OPEN or self.entered(ExtensionState.APPROVED)

	def is_being_requested(self) -> bool:
		"""Drafted or sent for approval: the steps of the person who asks."""
		return self.workflow_state == ExtensionState.DRAFT or self.entered(ExtensionState.PENDING)

	# --- the request -----------------------------------------------------------------------------------

	def validate_locked_fields(self):
		before_state = self.state_before_save()
		if self.is_new() or before_state in (None, ExtensionState.DRAFT):
			return
		locked = (
			REQUEST_FIELDS
			if before_state == ExtensionState.PENDING
			else (*REQUEST_FIELDS, "rejection_reason")
		)
		for fieldname in locked:
			if self.has_value_changed(fieldname):
				frappe.throw(
					_("{0} cannot be changed once the extension is {1}.").format(
						frappe.bold(label(self.meta, fieldname)), frappe.bold(_(before_state))
					),
					LockedFieldError,
				)

	def validate_days(self):
		"""A whole number of days from 1 to the Settings' maximum, whatever form the input took."""
		maximum = max_extension_days()
		value = self.days
		if value is None or (isinstance(value, str) and not value.strip()):
			frappe.throw(
				_("Enter the number of extension days, from 1 to {0}.").format(maximum),
				ExtensionDaysError,
				title=_("Invalid Extension Days"),
			)
		if not is_whole_number(value):
			frappe.throw(
				_("The number of extension days must be a whole number from 1 to {0}, not {1}.").format(
					maximum, frappe.bold(value)
				),
				ExtensionDaysError,
				title=_("Invalid Extension Days"),
			)
		days = int(value.strip()) if isinstance(value, str) else int(value)
		if not 1 <= days <= maximum:
			frappe.throw(
				_("The number of extension days must be from 1 to {0}, not {1}.").format(maximum, days),
				ExtensionDaysError,
				title=_("Invalid Extension Days"),
			)
		self.days = days

	def case(self) -> dict:
		if not getattr(self, "_case", None):
			self._case = lock_case(self.petition_case) or frappe._dict()
		return self._case

	def validate_case_open(self):
		state = self.case().workflow_state
		if state not in CASE_STATES_OPEN_FOR_EXTENSION:
			frappe.throw(
				_(
					"Case {0} is {1}: an extension is possible only while the case is Accepted or In Handling."
				).format(frappe.bold(self.petition_case), frappe.bold(_(state or "Registered"))),
				CaseNotOpenError,
				title=_("Case Not in Handling"),
			)

	def validate_requesting_unit(self):
		"""The requesting unit is the case's lead unit; a unit person asks only for their own lead unit."""
		lead_unit = self.case().lead_unit
		if self.is_being_requested() and not is_office_user():
			if not may_request_for_unit(frappe.session.user, lead_unit):
				frappe.throw(
					_(
						"Only the lead unit of case {0} ({1}) or the Petition Office can ask for its extension."
					).format(frappe.bold(self.petition_case), frappe.bold(lead_unit or _("none yet"))),
					NotLeadUnitError,
					title=_("Not the Lead Unit"),
				)
			self.requested_by_unit = self.requested_by_unit or lead_unit
		if self.requested_by_unit and self.requested_by_unit != lead_unit:
			frappe.throw(
				_("The requesting unit {0} is not the lead unit of case {1} ({2}).").format(
					frappe.bold(self.requested_by_unit),
					frappe.bold(self.petition_case),
					frappe.bold(lead_unit or _("none yet")),
				),
				NotLeadUnitError,
				title=_("Not the Lead Unit"),
			)

	def validate_one_open_per_case(self):
		other = open_extension(self.petition_case, exclude=self.name)
		if other:
			frappe.throw(
				_(
					"Case {0} already has extension {1} ({2}); approve, reject or delete it before asking again."
				).format(frappe.bold(self.petition_case), frappe.bold(other.name), _(other.workflow_state)),
				OpenExtensionError,
				title=_("Extension Already Requested"),
			)

	def validate_total_days(self):
		approved, pending = extension_totals(self.petition_case, exclude=self.name)
		maximum = max_extension_days()
		if approved + pending + self.days > maximum:
			frappe.throw(
				_(
					"Case {0} already has {1} extension days approved and {2} requested; {3} more would make {4}, "
					"above the maximum of {5}. At most {6} days can still be asked for."
				).format(
					frappe.bold(self.petition_case),
					approved,
					pending,
					self.days,
					approved + pending + self.days,
					maximum,
					max(0, maximum - approved - pending),
				),
				ExtensionLimitError,
				title=_("Extension Limit Exceeded"),
			)

	def set_due_dates(self):
		self.handling_due_before = self.case().handling_due
		self.handling_due_after = preview_handling_due(self.petition_case, cint(self.days))

	# --- the workflow steps ----------------------------------------------------------------------------

	def record_step(self):
		if self.is_new() and not self.requested_by:
			self.requested_by = frappe.session.user
		if self.entered(ExtensionState.PENDING):
			self.record_request()
		elif self.entered(ExtensionState.APPROVED):
			self.record_approval()
		elif self.entered(ExtensionState.REJECTED):
			self.record_rejection()

	def record_request(self):
		self.requested_by = frappe.session.user
		self.requested_on = now_datetime()

	def validate_not_self_approval(self):
		"""The person who drafted or asked for the extension cannot also decide it."""
		user = frappe.session.user
		if user != "Administrator" and user in (self.requested_by, self.owner):
			frappe.throw(
				_("You asked for this extension, so another person must approve it."),
				SelfApprovalError,
				title=_("Self Approval Not Allowed"),
			)

	def record_approval(self):
		self.validate_not_self_approval()
		self.approved_by = frappe.session.user
		self.approved_on = now_datetime()

	def record_rejection(self):
		if not (self.rejection_reason or "").strip():
			frappe.throw(
				_("Enter the reason for rejecting the extension."),
				RejectionReasonError,
				title=_("Rejection Reason Missing"),
			)
		self.rejected_by = frappe.session.user
		self.rejected_on = now_datetime()

	def apply_approval(self):
		"""Move the case's and its transfers' due dates and notify the petitioner, in this transaction."""
		new_due = apply_extension(self)
		self.db_set({"handling_due_after": new_due, "notice": self.notice})


def on_doctype_update():
	frappe.db.add_index("Petition Extension", ["petition_case", "workflow_state"])
