"""The checks and records of a Petition Transfer's workflow steps, run by the controller's `apply_step`:
the receipt, the objection, the reply, the two signatures (the reply receipt) and the Petition Office's
decision; and the objection window they count in working days.
"""

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime, nowdate, strip_html

from petition_management.handling.transfers import (
	TransferError,
	TransferRole,
	TransferState,
	active_transfers,
)
from petition_management.petition_management.doctype.petition_settings.petition_settings import get_settings
from petition_management.rules.deadlines import DayBasis, DeadlineError, WorkCalendar, count_working_days
from petition_management.utils.rules import throw_rule_error
from petition_management.utils.translation import label

DEFAULT_OBJECTION_DAYS = 5
# The unit's reply may not change once it is submitted, until it is returned for rework
REPLY_FIELDS = ("handling_opinion", "reply_draft")


class ObjectionError(TransferError):
	pass


class ReplyIncompleteError(TransferError):
	pass


class SignatureError(TransferError):
	pass


def record_receipt(doc):
	if not doc.acknowledged_on:
		doc.acknowledged_on = nowdate()
		doc.acknowledged_by = frappe.session.user


def record_objection(doc):
	if doc.objected_on:
		frappe.throw(
			_(
				"The unit already objected on {0} and the Petition Office decided; it cannot object again."
			).format(frappe.format(doc.objected_on, "Date")),
			ObjectionError,
		)
	if not (doc.objection_reason or "").strip():
		frappe.throw(
			_("Enter the reason why the matter does not belong to your unit."),
			ObjectionError,
			title=_("Objection Reason Missing"),
		)
	try:
		days = count_working_days(getdate(doc.issued_on), getdate(nowdate()), working_calendar())
	except DeadlineError as error:
		throw_rule_error(error)
	allowed = objection_days()
	if days > allowed:
		frappe.throw(
			_(
				"An objection is possible within {0} working days of the issue date {1}; {2} working days have passed."
			).format(allowed, frappe.format(doc.issued_on, "Date"), days),
			ObjectionError,
			title=_("Objection Too Late"),
		)
	# objecting shows the notice was received
	record_receipt(doc)
	doc.objected_on = nowdate()
	doc.objected_by = frappe.session.user


def record_reply(doc):
	missing = [
		label(doc.meta, fieldname)
		for fieldname in REPLY_FIELDS
		if not strip_html(doc.get(fieldname) or "").strip()
	]
	if missing:
		frappe.throw(
			_("Write the {0} before submitting the reply.").format(", ".join(missing)),
			ReplyIncompleteError,
			title=_("Reply Incomplete"),
		)
	if doc.transfer_role == TransferRole.LEAD:
		validate_co_units_replied(doc)
	doc.reply_submitted_by = frappe.session.user
	doc.reply_submitted_on = now_datetime()
	# a resubmitted reply is signed and decided afresh
	for fieldname in (
		"head_signed_by",
		"head_signed_on",
		"leader_signed_by",
		"leader_signed_on",
		"office_decision_by",
		"office_decision_on",
		"return_reason",
	):
		doc.set(fieldname, None)


def pending_co_units(case: str) -> list[str]:
	"""The co-handling units of the case whose reply is not accepted yet (the lead's reply waits)."""
	return [
		row.unit
		for row in active_transfers(case)
		if row.transfer_role == TransferRole.CO and row.workflow_state != TransferState.REPLY_ACCEPTED
	]


def validate_co_units_replied(doc):
	pending = pending_co_units(doc.petition_case)
	if pending:
		frappe.throw(
			_(
				"The lead unit's reply summarizes all units: wait until the replies of {0} are accepted."
			).format(", ".join(frappe.bold(unit) for unit in pending)),
			ReplyIncompleteError,
			title=_("Co-handling Units Pending"),
		)


def record_head_signature(doc):
	user = frappe.session.user
	head = frappe.db.get_value("Handling Unit", doc.unit, "unit_head")
	if user != head:
		frappe.throw(
			_("Only the head of {0} can sign this reply as unit head.").format(frappe.bold(doc.unit)),
			SignatureError,
			title=_("Not the Unit Head"),
		)
	validate_not_signed_by_same_person(user, (doc.reply_submitted_by,))
	doc.head_signed_by = user
	doc.head_signed_on = now_datetime()


def record_leader_signature(doc):
	user = frappe.session.user
	leader = frappe.db.get_value("Handling Unit", doc.unit, "leader_in_charge")
	if user != leader:
		frappe.throw(
			_("Only the leader in charge of {0} can sign this reply as leader.").format(
				frappe.bold(doc.unit)
			),
			SignatureError,
			title=_("Not the Leader in Charge"),
		)
	validate_not_signed_by_same_person(user, (doc.reply_submitted_by, doc.head_signed_by))
	doc.leader_signed_by = user
	doc.leader_signed_on = now_datetime()


def validate_not_signed_by_same_person(user, earlier_steps):
	if user in earlier_steps:
		frappe.throw(
			_("You already took an earlier step of this reply; another person must approve it."),
			SignatureError,
			title=_("Self Approval Not Allowed"),
		)


def record_acceptance(doc):
	if not (doc.head_signed_by and doc.leader_signed_by):
		frappe.throw(
			_(
				"The reply needs the signatures of the unit head and of the leader in charge before it is accepted."
			),
			SignatureError,
			title=_("Reply Receipt Unsigned"),
		)
	record_office_decision(doc)
	prefill_consolidated_reply(doc)


def prefill_consolidated_reply(doc):
	"""The lead unit's accepted reply (the summary of every unit's) is the first draft of the case's
	consolidated reply, which the office reviews before recording it; one already written stays."""
	if doc.transfer_role != TransferRole.LEAD or not (doc.reply_draft or "").strip():
		return
	if not strip_html(
		frappe.db.get_value("Petition Case", doc.petition_case, "consolidated_reply") or ""
	).strip():
		frappe.db.set_value("Petition Case", doc.petition_case, "consolidated_reply", doc.reply_draft)


def record_return(doc):
	if not (doc.return_reason or "").strip():
		frappe.throw(
			_("Enter the reason for returning the reply."),
			ReplyIncompleteError,
			title=_("Return Reason Missing"),
		)
	record_office_decision(doc)


def record_office_decision(doc):
	doc.office_decision_by = frappe.session.user
	doc.office_decision_on = now_datetime()


def objection_days() -> int:
	"""How many working days after the issue a unit may object (Settings, 5 by default)."""
	return int(get_settings().get("objection_days") or DEFAULT_OBJECTION_DAYS)


def working_calendar() -> WorkCalendar:
	"""The Settings' holidays and make-up working days, counted in working days."""
	calendar = get_settings().get_work_calendar()
	return WorkCalendar(
		basis=DayBasis.WORKING, holidays=calendar.holidays, makeup_workdays=calendar.makeup_workdays
	)
