# Copyright (c) 2026, Petition Management contributors
# For license information, please see license.txt

"""Petition Supervision (督办): the Petition Office or a supervisor orders a unit to act on an overdue or
key case, with instructions and a date to respond by. The unit's handlers or head respond; the daily job
(tracking/supervision.py) escalates an unanswered order to the unit's leader in charge; the office or a
supervisor closes it.

The order's own fields (case, unit, reason, instructions, date) are at permlevel 1, which only the
office and supervisors may write; the unit writes the response. The status and the who/when fields are
set here, never taken from the client.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, now_datetime, nowdate

from petition_management.handling.assignment import assign_to_unit, close_transfer_assignments
from petition_management.petition_management.doctype.petition_settings.petition_settings import get_settings
from petition_management.tracking.supervision import (
	SupervisionStatus,
	is_unit_member,
	is_unrestricted,
	notify,
	supervision_has_permission,
)
from petition_management.utils.deadlines import due_date
from petition_management.utils.scope import validate_scope_change
from petition_management.utils.system_fields import keep_system_fields, save_as_system
from petition_management.utils.translation import option

ORDERING_ROLES = frozenset({"Petition Office", "Petition Supervisor", "System Manager"})
# A case in one of these states is no longer being handled, so there is nothing to order a unit to do.
CASE_STATES_NOT_SUPERVISED = ("Not Accepted", "Replied", "Closed", "Archived")
# Set by this controller or by the escalation job, never by the client.
SYSTEM_FIELDS = (
	"status",
	"ordered_by",
	"ordered_on",
	"responded_by",
	"responded_on",
	"escalated_to",
	"escalated_on",
	"closed_by",
	"closed_on",
	"closing_note",
)
LOCKED_WHEN_CLOSED = ("unit", "reason", "instructions", "response_due", "response")


class SupervisionError(frappe.ValidationError):
	pass


class CaseNotSupervisedError(SupervisionError):
	pass


class ResponseError(SupervisionError):
	pass


class OrderClosedError(SupervisionError):
	pass


class PetitionSupervision(Document):
	# begin: auto-generated types
	# end: auto-generated types

	def validate(self):
		keep_system_fields(self, SYSTEM_FIELDS)
		self.validate_row_permission()
		if self.is_new():
			self.set_order_details()
			self.validate_case_supervised()
		self.validate_not_closed()
		self.set_response_due()
		self.validate_response_due()
		self.validate_response()
		self.set_status()

	def after_insert(self):
		self.assign_to_unit()

	def on_update(self):
		if self.flags.responded:
			close_transfer_assignments(self)
			self.notify_response()
		elif self.status == SupervisionStatus.CLOSED and self.has_value_changed("status"):
			close_transfer_assignments(self)

	def validate_row_permission(self):
		"""A unit's people change only their unit's orders, decided on the stored order (the has_permission
		hook says the same); only the office or a supervisor sends an open order to another unit."""
		if self.is_new() or self.flags.ignore_permissions:
			return
		if not supervision_has_permission(self, "write"):
			frappe.throw(
				_("You do not work for unit {0}, so you cannot change supervision order {1}.").format(
					frappe.bold(self.unit), self.name
				),
				frappe.PermissionError,
			)
		validate_scope_change(self, ("petition_case", "unit"), is_unrestricted(frappe.session.user))

	def set_order_details(self):
		self.ordered_by = frappe.session.user
		self.ordered_on = now_datetime()
		if not self.unit and self.petition_case:
			self.unit = frappe.db.get_value("Petition Case", self.petition_case, "suggested_unit")

	def validate_case_supervised(self):
		state = frappe.db.get_value("Petition Case", self.petition_case, "workflow_state")
		if state in CASE_STATES_NOT_SUPERVISED:
			frappe.throw(
				_("Case {0} is {1}: a supervision order needs a case that is still being handled.").format(
					frappe.bold(self.petition_case), frappe.bold(_(state))
				),
				CaseNotSupervisedError,
				title=_("Case Not Being Handled"),
			)

	def validate_not_closed(self):
		before = self.get_doc_before_save()
		if not before or before.status != SupervisionStatus.CLOSED:
			return
		changed = [f for f in LOCKED_WHEN_CLOSED if (before.get(f) or None) != (self.get(f) or None)]
		if changed:
			frappe.throw(
				_("Supervision order {0} is closed and can no longer be changed.").format(self.name),
				OrderClosedError,
			)

	def set_response_due(self):
		if not self.response_due:
			self.response_due = due_date(nowdate(), get_settings().supervision_response_days)

	def validate_response_due(self):
		ordered = getdate(self.ordered_on or nowdate())
		if getdate(self.response_due) < ordered:
			frappe.throw(
				_("The response date {0} cannot be before the order date {1}.").format(
					frappe.format(self.response_due, "Date"), frappe.format(ordered, "Date")
				),
				SupervisionError,
			)

	def validate_response(self):
		"""The unit responds once; the response is then part of the record."""
		before = self.get_doc_before_save()
		previous = ((before.response if before else None) or "").strip()
		current = (self.response or "").strip()
		self.flags.responded = False
		if current == previous:
			return
		if previous:
			frappe.throw(
				_("The response was given on {0} and cannot be changed; add a comment instead.").format(
					frappe.format(self.responded_on, "Datetime")
				),
				ResponseError,
			)
		if frappe.session.user != "Administrator" and not is_unit_member(self.unit):
			frappe.throw(
				_(
					"Only the head, the leader in charge or a handler of unit {0} can respond to this order."
				).format(frappe.bold(self.unit)),
				ResponseError,
				title=_("Not Your Unit"),
			)
		self.responded_by = frappe.session.user
		self.responded_on = now_datetime()
		self.flags.responded = True

	def set_status(self):
		if self.closed_on:
			self.status = SupervisionStatus.CLOSED
		elif (self.response or "").strip():
			self.status = SupervisionStatus.RESPONDED
		elif self.escalated_on:
			self.status = SupervisionStatus.ESCALATED
		else:
			self.status = SupervisionStatus.OPEN

	def assign_to_unit(self):
		"""The unit's handlers (or, failing them, its head) get a ToDo due on the response date."""
		assign_to_unit(
			self,
			self.unit,
			self.response_due,
			_("Supervision order {0}: respond on case {1} by {2}.").format(
				self.name, self.petition_case, frappe.format(self.response_due, "Date")
			),
			no_one=_("Unit {0} has no handler and no unit head: tell it about order {1} yourself.").format(
				frappe.bold(self.unit), self.name
			),
		)

	def notify_response(self):
		notify(
			{self.ordered_by, self.escalated_to} - {frappe.session.user},
			self,
			_("Unit {0} responded to supervision order {1}").format(self.unit, self.name),
			self.response,
		)

	@frappe.whitelist()
	def close_order(self, note: str | None = None):
		"""The office or a supervisor closes a responded (or escalated) order."""
		self.check_permission("write")
		if frappe.session.user != "Administrator" and not ORDERING_ROLES & set(frappe.get_roles()):
			frappe.throw(
				_("Only the Petition Office or a supervisor can close a supervision order."),
				frappe.PermissionError,
			)
		if self.status not in (SupervisionStatus.RESPONDED, SupervisionStatus.ESCALATED):
			frappe.throw(
				_("Only a responded or escalated order can be closed; order {0} is {1}.").format(
					self.name, frappe.bold(option(self.doctype, self.status))
				),
				SupervisionError,
			)
		self.closed_by = frappe.session.user
		self.closed_on = now_datetime()
		self.closing_note = note
		save_as_system(self)
		return self.status
