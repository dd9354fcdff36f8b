# Copyright (c) 2026, Petition Management contributors
# For license information, please see license.txt

from datetime import date

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, now_datetime, nowdate

from petition_management.petition_management.doctype.petition_category.petition_category import (
	get_suggested_unit,
)
from petition_management.petition_management.doctype.petition_settings.petition_settings import get_settings
from petition_management.rules.deadlines import DeadlineError, pause_adjusted_due, paused_basis_days
from petition_management.special.key_cases import validate_key_case
from petition_management.utils.deadlines import due_date, get_work_calendar, limit_due_date, status_of
from petition_management.utils.lifecycle_dates import validate_case_dates
from petition_management.utils.notices import Notice, send_case_notice
from petition_management.utils.rules import throw_rule_error
from petition_management.utils.system_fields import keep_system_fields
from petition_management.utils.text_limits import validate_text_lengths
from petition_management.utils.translation import label


class PetitionCaseError(frappe.ValidationError):
	pass


class SelfApprovalError(frappe.ValidationError):
	pass


# What each state requires and records on entry: the Workflow (an admin may edit it) says who may move
# the case where; the controller says what must be true when it gets there.
STATE_ENTRY = {
	"Pending Acceptance": "enter_pending_acceptance",
	"Accepted": "enter_accepted",
	"Not Accepted": "enter_not_accepted",
	"In Handling": "enter_in_handling",
	"Replied": "enter_replied",
	"Closed": "enter_closed",
	"Archived": "enter_archived",
}
# The fields a state needs before the case may enter it, named all at once and shown on the form in
# advance (petition_case.js); Closed from Registered (answered on the spot) needs the reply instead.
STATE_NEEDS = {
	"Replied": ("consolidated_reply",),
	"Closed": ("delivery_method", "delivered_on"),
	"Archived": ("archive_number",),
}
# The notice the petitioner gets when the case enters these states (utils/notices.py).
NOTICE_ON_ENTRY = {
	"Accepted": Notice.ACCEPTANCE,
	"Not Accepted": Notice.NON_ACCEPTANCE,
	"Replied": Notice.REPLY,
}


class PetitionCase(Document):
	# begin: auto-generated types
	# end: auto-generated types

	def onload(self):
		self.set_onload("state_needs", {state: list(fields) for state, fields in STATE_NEEDS.items()})

	def validate(self):
		# the unit of the active lead transfer, set by the handling code only (enter_in_handling,
		# handling.transfers.sync_case_lead_unit): a client's value is ignored
		keep_system_fields(self, ("lead_unit",))
		validate_text_lengths(self)
		self.validate_received_on()
		self.validate_petitioners()
		self.set_suggested_unit()
		self.set_petitioner_names()
		self.set_acceptance_due()
		self.set_repeat_count()
		self.validate_pauses()
		validate_key_case(self)
		self.validate_state_change()
		validate_case_dates(self)
		self.set_handling_due()
		self.set_current_due()

	def on_update(self):
		if not self.has_value_changed("workflow_state"):
			return
		if self.workflow_state in NOTICE_ON_ENTRY:
			send_case_notice(self, NOTICE_ON_ENTRY[self.workflow_state])
		elif self.workflow_state == "Closed":
			from petition_management.tracking.return_visits import schedule_return_visit

			schedule_return_visit(self)

	def validate_received_on(self):
		try:
			received = getdate(self.received_on) if isinstance(self.received_on, str | date) else None
		except Exception:
			received = None
		if not received:
			frappe.throw(
				_("The received date {0} is not a date.").format(frappe.bold(self.received_on)),
				PetitionCaseError,
			)
		if received > getdate(nowdate()):
			frappe.throw(_("The received date cannot be in the future."), PetitionCaseError)
		if self.referral_deadline and getdate(self.referral_deadline) < getdate(self.received_on):
			frappe.throw(_("The referral deadline cannot be before the received date."), PetitionCaseError)

	def validate_petitioners(self):
		seen = set()
		for row in self.petitioners:
			if not row.petitioner or not frappe.db.exists("Petitioner", row.petitioner):
				frappe.throw(
					_("Row {0}: there is no Petitioner {1}.").format(row.idx, frappe.bold(row.petitioner)),
					PetitionCaseError,
				)
			if row.petitioner in seen:
				frappe.throw(
					_("Row {0}: {1} is already listed.").format(
						row.idx, frappe.bold(row.petitioner_name or row.petitioner)
					),
					PetitionCaseError,
				)
			seen.add(row.petitioner)

	def set_suggested_unit(self):
		if self.category and not self.suggested_unit:
			self.suggested_unit = get_suggested_unit(self.category)

	def set_petitioner_names(self):
		names = [row.petitioner_name or row.petitioner for row in self.petitioners]
		self.petitioner_names = ", ".join(names)[:255] if names else None

	def set_acceptance_due(self):
		"""Statutory acceptance limit from receipt; a higher authority's own deadline wins when sooner."""
		due = limit_due_date(self.received_on, "acceptance_days")
		if self.referral_deadline and getdate(self.referral_deadline) < due:
			due = getdate(self.referral_deadline)
		self.acceptance_due = due

	def set_repeat_count(self):
		self.repeat_count = len(self.repeat_notes)

	def validate_pauses(self):
		"""A pause is audited: who recorded it and when; its dates must make sense."""
		for row in self.pauses:
			if getdate(row.to_date) < getdate(row.from_date):
				frappe.throw(
					_("Clock pause row {0}: the end date is before the start date.").format(row.idx),
					PetitionCaseError,
				)
			if not row.recorded_by:
				row.recorded_by = frappe.session.user
				row.recorded_on = now_datetime()

	def set_handling_due(self):
		"""Accepted on + the handling limit in force at acceptance + approved extensions, then paused days."""
		if not self.accepted_on:
			return
		if not self.handling_limit_days:
			self.handling_limit_days = get_settings().handling_days
		calendar = get_work_calendar()
		base = due_date(self.accepted_on, self.handling_limit_days + (self.extension_days or 0))
		pauses = [(getdate(r.from_date), getdate(r.to_date)) for r in self.pauses]
		try:
			self.handling_due = pause_adjusted_due(base, pauses, calendar)
		except DeadlineError as error:
			throw_rule_error(error, PetitionCaseError)
		self.paused_days = paused_basis_days(pauses, getdate(self.handling_due), calendar)

	def set_current_due(self):
		"""The due date of the clock now running, which the daily job watches."""
		if self.workflow_state in (None, "", "Registered", "Pending Acceptance"):
			self.current_due = self.acceptance_due
		elif self.workflow_state in ("Accepted", "In Handling"):
			self.current_due = self.handling_due
		else:
			self.current_due = None
		# kept current on every save too, so a form opened before the daily job cannot write back a stale one
		self.deadline_status = status_of(self.current_due) if self.current_due else None

	def validate_state_change(self):
		before = self.get_doc_before_save()
		previous = before.workflow_state if before else None
		if self.workflow_state and previous and self.workflow_state != previous:
			handler = STATE_ENTRY.get(self.workflow_state)
			if handler:
				getattr(self, handler)(previous)

	def require(self, *fieldnames: str, message: str | None = None):
		"""Every field the new state needs, named at once (not one per attempt)."""
		missing = [fieldname for fieldname in fieldnames if not self.get(fieldname)]
		if missing:
			frappe.throw(
				message
				or _("Fill in {0} before the case moves to {1}.").format(
					", ".join(frappe.bold(label(self.meta, fieldname)) for fieldname in missing),
					frappe.bold(_(self.workflow_state)),
				),
				PetitionCaseError,
				title=_("Missing Information"),
			)

	def enter_pending_acceptance(self, previous: str):
		self.require("acceptance_proposal")
		if self.acceptance_proposal == "Do Not Accept":
			self.require("non_acceptance_reason")
			if not (self.competent_body or self.legal_channel):
				frappe.throw(
					_("Name the competent body or the legal channel the petitioner should turn to."),
					PetitionCaseError,
					title=_("Missing Information"),
				)
		self.proposed_by = frappe.session.user

	def validate_not_self_approval(self):
		"""The office proposes and the director decides: two people, even if one user holds both roles."""
		if self.proposed_by == frappe.session.user and frappe.session.user != "Administrator":
			frappe.throw(
				_("You proposed this decision, so another person must approve it."),
				SelfApprovalError,
				title=_("Self Approval Not Allowed"),
			)

	def record_decision(self):
		self.validate_not_self_approval()
		self.decided_by = frappe.session.user
		self.decided_on = nowdate()

	def enter_accepted(self, previous: str):
		self.record_decision()
		self.accepted_on = nowdate()
		self.handling_limit_days = get_settings().handling_days

	def enter_not_accepted(self, previous: str):
		self.record_decision()
		self.non_acceptance_notice = self.make_non_acceptance_notice()

	def enter_in_handling(self, previous: str):
		from petition_management.handling.transfers import lead_transfer, validate_case_can_start_handling

		if previous == "Accepted":
			validate_case_can_start_handling(self)
		self.lead_unit = (lead_transfer(self.name) or {}).get("unit")

	def enter_replied(self, previous: str):
		from petition_management.handling.transfers import lead_transfer, validate_case_can_be_replied

		self.require(*STATE_NEEDS["Replied"])
		validate_case_can_be_replied(self)
		self.replied_on = nowdate()
		self.review_request_due = limit_due_date(self.replied_on, "review_request_days")
		lead = lead_transfer(self.name)
		self.reply_signed_by = lead and frappe.db.get_value(
			"Petition Transfer", lead["name"], "leader_signed_by"
		)

	def enter_closed(self, previous: str):
		if previous == "Registered":
			self.require(
				"consolidated_reply", message=_("Record the answer given on the spot in Consolidated Reply.")
			)
		else:
			self.require(*STATE_NEEDS["Closed"])
			# the review window runs from the day the written reply reached the petitioner
			self.review_request_due = limit_due_date(self.delivered_on, "review_request_days")
		self.closed_on = nowdate()

	def enter_archived(self, previous: str):
		self.require(*STATE_NEEDS["Archived"])
		self.archived_on = nowdate()

	def make_non_acceptance_notice(self) -> str:
		where = ", ".join(
			filter(None, (self.competent_body, _(self.legal_channel) if self.legal_channel else None))
		)
		return _(
			"{0}: your petition received on {1} ({2}) is not accepted. Reason: {3}. "
			"You may take the matter to: {4}."
		).format(
			self.petitioner_names or _("Petitioner"),
			frappe.format(self.received_on, "Date"),
			self.subject,
			self.non_acceptance_reason,
			where,
		)

	def petitioner_emails(self) -> list[str]:
		people = [row.petitioner for row in self.petitioners]
		if not people:
			return []
		return frappe.get_all(
			"Petitioner", filters={"name": ("in", people), "email": ("is", "set")}, pluck="email"
		)


def on_doctype_update():
	frappe.db.add_index("Petition Case", ["category", "received_on"])
	# measured at 1,000,000 cases (README, Benchmark): appraisal figures by unit, month statistics
	frappe.db.add_index(
		"Petition Case",
		[
			"lead_unit",
			"received_on",
			"decided_on",
			"acceptance_due",
			"handling_due",
			"replied_on",
			"closed_on",
			"satisfaction",
			"cross_level",
		],
		"lead_unit_appraisal_index",
	)
	# the appraisal's repeated figure: the lead unit of a repeat note's case without the wide table
	frappe.db.add_index("Petition Case", ["name", "lead_unit"], "name_lead_unit_index")
	frappe.db.add_index(
		"Petition Case",
		["received_on", "workflow_state", "decided_on", "accepted_on", "current_due"],
		"received_on_statistics_index",
	)
