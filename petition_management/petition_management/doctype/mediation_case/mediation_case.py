# Copyright (c) 2026, Petition Management contributors
# For license information, please see license.txt

"""Mediation Case (人民调解): a dispute, often one listed in a screening round, mediated by a unit's
mediator over one or more sessions, ending with an agreement or without one. Parties are described by
side, type and a short description; ID numbers and phone numbers are refused. A closed case no longer
changes."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, getdate, nowdate

from petition_management.special.screening import (
	DISPUTE,
	ROUND,
	ScreeningError,
	refuse_personal_numbers,
	validate_unit_permission,
)
from petition_management.utils.system_fields import keep_system_fields, save_as_system

SYSTEM_FIELDS = ("status", "closed_on")
AGREEMENT_OUTCOMES = ("Agreement Performed", "Agreement Pending Performance")


class MediationError(ScreeningError):
	pass


class MediationClosedError(MediationError):
	pass


class MediationCase(Document):
	# begin: auto-generated types
	# end: auto-generated types

	def validate(self):
		keep_system_fields(self, SYSTEM_FIELDS, "Open")
		self.validate_not_closed()
		self.set_from_dispute()
		validate_unit_permission(self)
		self.validate_mediator()
		self.validate_dispute()
		self.validate_parties()
		self.validate_sessions()
		self.validate_outcome()

	def validate_not_closed(self):
		before = self.get_doc_before_save()
		if before and before.status == "Closed":
			frappe.throw(
				_("Mediation case {0} is closed and can no longer be changed.").format(self.name),
				MediationClosedError,
			)

	def set_from_dispute(self):
		"""A dispute of a screening round the user may read: take its description, kind, parties' type and
		the unit."""
		if not self.screening_round:
			self.dispute_row = None
			return
		self.validate_round_readable()
		round_unit = frappe.db.get_value(ROUND, self.screening_round, "unit")
		self.unit = self.unit or round_unit
		if not cint(self.dispute_row_no):
			self.dispute_row = None
			return
		row = frappe.db.get_value(
			DISPUTE,
			{"parent": self.screening_round, "parenttype": ROUND, "idx": cint(self.dispute_row_no)},
			["name", "description", "kind", "parties_type"],
			as_dict=True,
		)
		if not row:
			frappe.throw(
				_("Screening round {0} has no dispute in row {1}.").format(
					self.screening_round, cint(self.dispute_row_no)
				),
				MediationError,
			)
		self.dispute_row = row.name
		self.dispute_description = self.dispute_description or row.description
		self.kind = self.kind or row.kind
		self.parties_type = self.parties_type or row.parties_type

	def validate_round_readable(self):
		"""The dispute is copied from a round the user may read (the round's stored unit decides), so that
		no unit copies another unit's disputes by naming its round."""
		if self.flags.ignore_permissions:
			return
		if not (self.has_value_changed("screening_round") or self.has_value_changed("dispute_row_no")):
			return
		if not frappe.has_permission(ROUND, "read", self.screening_round):
			frappe.throw(
				_(
					"You cannot read screening round {0}, so mediation case {1} cannot take a dispute from it."
				).format(frappe.bold(self.screening_round), self.name or _(self.doctype)),
				frappe.PermissionError,
				title=_("Not Your Round"),
			)

	def validate_mediator(self):
		if (self.is_new() or self.has_value_changed("mediator")) and not frappe.db.get_value(
			"User", {"name": self.mediator, "enabled": 1}
		):
			frappe.throw(
				_("The mediator {0} is not an enabled user.").format(frappe.bold(self.mediator)),
				MediationError,
			)

	def validate_dispute(self):
		if not (self.dispute_description or "").strip():
			frappe.throw(
				_("Describe the dispute, or choose the screening round and the row that lists it."),
				MediationError,
				title=_("Dispute Missing"),
			)
		refuse_personal_numbers(self.dispute_description, _("Dispute"))
		refuse_personal_numbers(self.subject, _("Subject", context="Mediation Case"))

	def validate_parties(self):
		for row in self.parties:
			refuse_personal_numbers(row.description, _("Parties, row {0}").format(row.idx))

	def validate_sessions(self):
		today, opened = getdate(nowdate()), getdate(self.opened_on)
		for row in self.sessions:
			row.mediator = row.mediator or self.mediator
			refuse_personal_numbers(row.summary, _("Sessions, row {0}").format(row.idx))
			day = getdate(row.session_date)
			if day > today or day < opened:
				frappe.throw(
					_(
						"Sessions, row {0}: the date {1} must fall between the opening of the case ({2}) and today."
					).format(row.idx, frappe.format(day, "Date"), frappe.format(opened, "Date")),
					MediationError,
				)
		self.sessions.sort(key=lambda row: (getdate(row.session_date), row.idx))
		for idx, row in enumerate(self.sessions, start=1):
			row.idx = idx

	def validate_outcome(self):
		if self.agreement_reached and not (self.agreement_terms or "").strip():
			frappe.throw(_("Write down the terms of the agreement."), MediationError)
		if not self.outcome:
			return
		if (
			bool(self.agreement_reached) != (self.outcome in AGREEMENT_OUTCOMES)
			and self.outcome != "Withdrawn"
		):
			frappe.throw(
				_("The outcome {0} does not agree with whether an agreement was reached.").format(
					frappe.bold(_(self.outcome))
				),
				MediationError,
			)

	def validate_ready_to_close(self):
		sides = {row.party_role for row in self.parties}
		if not {"Applicant", "Respondent"} <= sides:
			frappe.throw(_("List the parties on both sides before closing."), MediationError)
		if not self.outcome:
			frappe.throw(_("Choose the outcome before closing."), MediationError, title=_("Outcome Missing"))
		if self.outcome != "Withdrawn" and not self.sessions:
			frappe.throw(_("Record at least one mediation session before closing."), MediationError)

	@frappe.whitelist()
	def close_case(self):
		self.check_permission("write")
		validate_unit_permission(self)
		if self.status == "Closed":
			return
		self.validate_ready_to_close()
		self.status = "Closed"
		self.closed_on = nowdate()
		save_as_system(self)
