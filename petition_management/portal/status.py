"""What the petitioner sees of an online petition, and what they may do from the status page.

`petition_view` gathers, for one submission, the state in the petitioner's words, the dates that
matter to them, the reply once given and the review and rating actions open to them now; an anonymous
submission shows only whether it is registered or closed. `request_review` and `rate` act for the
petitioner once the caller has verified the tracking number and access code (or the website account
that submitted it): the Petition Review and Petition Return Visit controllers still enforce their own
rules.
"""

import html
import re

import frappe
from frappe import _
from frappe.utils import getdate, nowdate, strip_html_tags

from petition_management.portal.submission import quietly
from petition_management.tracking.reviews import (
	CASE_STATES_REVIEWABLE,
	ReviewType,
	re_review_request_deadline,
	review_request_deadline,
)
from petition_management.utils.translation import APP_CONTEXT, option

REVIEW = "Petition Review"
RETURN_VISIT = "Petition Return Visit"
MAX_GROUNDS = 2000
SATISFACTION = ("Satisfied", "Basically Satisfied", "Dissatisfied")
# A return-visit method meaning "rated by the petitioner on the website", when the DocType offers one
ONLINE_METHODS = ("Online", "Website")
NO_REPLY = "No Reply Required"
REPEAT = "Repeat of an Existing Case"

LETTER_FIELDS = (
	"name",
	"subject",
	"status",
	"outcome",
	"is_anonymous",
	"received_on",
	"acceptance_due",
	"petition_case",
)
CASE_FIELDS = (
	"name",
	"workflow_state",
	"received_on",
	"acceptance_due",
	"accepted_on",
	"handling_due",
	"replied_on",
	"delivered_on",
	"closed_on",
	"review_request_due",
	"consolidated_reply",
	"non_acceptance_notice",
)


class PortalActionError(frappe.ValidationError):
	pass


class State:
	REGISTERED = "registered"
	RECEIVED = "received"
	AWAITING_DECISION = "awaiting_decision"
	IN_HANDLING = "in_handling"
	NOT_ACCEPTED = "not_accepted"
	REPLIED = "replied"
	CLOSED = "closed"
	NO_REPLY = "no_reply"
	REPEAT = "repeat"


CASE_STATES = {
	"Registered": State.AWAITING_DECISION,
	"Pending Acceptance": State.AWAITING_DECISION,
	"Accepted": State.IN_HANDLING,
	"In Handling": State.IN_HANDLING,
	"Not Accepted": State.NOT_ACCEPTED,
	"Replied": State.REPLIED,
	"Closed": State.CLOSED,
	"Archived": State.CLOSED,
}


def state_of(anonymous: bool, letter_status: str | None, outcome: str | None, case_state: str | None) -> str:
	"""The petitioner's state of a submission from its letter and its case (pure)."""
	if anonymous:
		closed = letter_status == "Closed" and CASE_STATES.get(case_state or "") in (None, State.CLOSED)
		return State.CLOSED if closed else State.REGISTERED
	if case_state:
		return CASE_STATES.get(case_state, State.AWAITING_DECISION)
	if outcome == REPEAT:
		return State.REPEAT
	if outcome == NO_REPLY:
		return State.NO_REPLY
	return State.RECEIVED


def state_label(state: str) -> str:
	return {
		State.REGISTERED: _("Registered"),
		State.RECEIVED: _("Received and Registered"),
		State.AWAITING_DECISION: _("Awaiting the Acceptance Decision"),
		State.IN_HANDLING: _("Accepted, Being Handled"),
		State.NOT_ACCEPTED: _("Not Accepted"),
		State.REPLIED: _("Replied", context=APP_CONTEXT),
		State.CLOSED: _("Closed", context=APP_CONTEXT),
		State.NO_REPLY: _("Closed Without a Written Reply"),
		State.REPEAT: _("Noted on an Earlier Case"),
	}[state]


def state_note(state: str, anonymous: bool) -> str:
	if anonymous:
		return _("Anonymous petitions are registered and read, but they get no reply.")
	return {
		State.REGISTERED: "",
		State.RECEIVED: _(
			"Your petition has been registered. The office decides within the time limit whether to accept it."
		),
		State.AWAITING_DECISION: _(
			"Your petition has been registered as a case. The office decides within the time limit whether to accept it."
		),
		State.IN_HANDLING: _("Your petition has been accepted and the responsible unit is handling it."),
		State.NOT_ACCEPTED: _(
			"Your petition was not accepted. The notice below says why and where you may turn instead."
		),
		State.REPLIED: _("A written reply has been given."),
		State.CLOSED: _("Your petition has been answered and closed."),
		State.NO_REPLY: _(
			"The office answered your petition without a written reply, for example on the telephone."
		),
		State.REPEAT: _(
			"Your petition concerns a matter already being handled; it has been added to that case."
		),
	}[state]


def html_to_text(value: str | None) -> str:
	"""Rich text as plain text (paragraphs kept): the page escapes it again when it shows it."""
	text = re.sub(r"(?i)<br\s*/?>", "\n", value or "")
	text = re.sub(r"(?i)</(p|div|li|h[1-6])\s*>", "\n\n", text)
	text = html.unescape(strip_html_tags(text))
	return re.sub(r"\n{3,}", "\n\n", text).strip()


def stored_text(value: str | None) -> str | None:
	"""A Data field as the visitor typed it: Frappe's XSS filter stores markup entity-escaped; the
	page's autoescape escapes it again when it shows it, so it appears as text and never runs."""
	return html.unescape(value) if value else value


def petition_view(name: str) -> dict:
	"""Everything the status page shows for one Online Petition."""
	online = frappe.db.get_value(
		"Online Petition", name, ["name", "submitted_on", "is_anonymous", "petition_letter"], as_dict=True
	)
	letter = (
		frappe.db.get_value("Petition Letter", online.petition_letter, LETTER_FIELDS, as_dict=True)
		if online.petition_letter
		else None
	) or frappe._dict()
	case = (
		frappe.db.get_value("Petition Case", letter.petition_case, CASE_FIELDS, as_dict=True)
		if letter.petition_case
		else None
	) or frappe._dict()
	anonymous = bool(online.is_anonymous or letter.is_anonymous)
	state = state_of(anonymous, letter.status, letter.outcome, case.workflow_state)
	view = frappe._dict(
		tracking_number=online.name,
		subject=None,
		submitted_on=getdate(online.submitted_on) if online.submitted_on else None,
		anonymous=anonymous,
		state=state,
		state_label=state_label(state),
		note=state_note(state, anonymous),
		dates=[],
		reply=None,
		notice=None,
		reviews=[],
		actions=frappe._dict(review=None, rate=False),
	)
	if anonymous:
		return view
	view.subject = stored_text(letter.subject)
	view.dates = due_dates(state, letter, case)
	if state in (State.REPLIED, State.CLOSED):
		view.reply = html_to_text(case.consolidated_reply) or None
	if state == State.NOT_ACCEPTED:
		view.notice = html_to_text(case.non_acceptance_notice) or None
	if case.name:
		view.reviews = reviews_of(case.name)
		view.actions.review = review_action(case, view.reviews)
		view.actions.rate = bool(open_return_visit(case))
	return view


def due_dates(state: str, letter, case) -> list[dict]:
	"""(label, date) rows of the dates that matter to the petitioner in this state."""
	rows = [(_("Received On"), case.received_on or letter.received_on)]
	if state in (State.RECEIVED, State.AWAITING_DECISION):
		rows.append((_("Acceptance Decision Due By"), case.acceptance_due or letter.acceptance_due))
	if state == State.IN_HANDLING:
		rows += [(_("Accepted On"), case.accepted_on), (_("Reply Due By"), case.handling_due)]
	if state in (State.REPLIED, State.CLOSED):
		rows.append((_("Replied On"), case.replied_on or case.closed_on))
		deadline = review_request_deadline(case) if case.name else None
		if deadline and getdate(nowdate()) <= deadline:
			rows.append((_("You May Ask for a Review Until"), deadline))
	return [{"label": label, "date": getdate(value)} for label, value in rows if value]


def reviews_of(case_name: str) -> list[dict]:
	rows = frappe.get_all(
		REVIEW,
		filters={"petition_case": case_name, "docstatus": ("<", 2)},
		fields=[
			"review_type",
			"docstatus",
			"requested_on",
			"opinion_due",
			"decided_on",
			"outcome",
			"opinion",
		],
		order_by="requested_on asc, creation asc",
	)
	return [
		frappe._dict(
			review_type=row.review_type,
			label=option(REVIEW, row.review_type),
			decided=row.docstatus == 1,
			requested_on=getdate(row.requested_on) if row.requested_on else None,
			opinion_due=getdate(row.opinion_due) if row.opinion_due else None,
			decided_on=getdate(row.decided_on) if row.decided_on else None,
			outcome=_(row.outcome) if row.docstatus == 1 and row.outcome else None,
			opinion=html_to_text(row.opinion) if row.docstatus == 1 else None,
		)
		for row in rows
	]


def review_action(case, reviews: list[dict]) -> dict | None:
	"""The review or re-review the petitioner may ask for today, with its last day; None if none."""
	today = getdate(nowdate())
	types = {r.review_type for r in reviews}
	if ReviewType.RE_REVIEW in types:
		return None
	if ReviewType.REVIEW in types:
		decided = next((r for r in reviews if r.review_type == ReviewType.REVIEW and r.decided), None)
		if not decided or not decided.decided_on:
			return None
		until = re_review_request_deadline(decided.decided_on)
		kind = ReviewType.RE_REVIEW
	else:
		if case.workflow_state not in CASE_STATES_REVIEWABLE:
			return None
		until = review_request_deadline(case)
		kind = ReviewType.REVIEW
	if not until or today > getdate(until):
		return None
	return frappe._dict(review_type=kind, label=option(REVIEW, kind), until=getdate(until))


def open_return_visit(case) -> str | None:
	"""The case's return visit the petitioner may still rate: scheduled, not yet rated."""
	if case.workflow_state not in ("Closed", "Archived"):
		return None
	visit = frappe.db.get_value(
		RETURN_VISIT,
		{"petition_case": case.name, "status": "Scheduled"},
		["name", "satisfaction"],
		as_dict=True,
	)
	return visit.name if visit and not visit.satisfaction else None


def request_review(name: str, grounds: str | None) -> str:
	"""Ask for the review (or re-review) open now; the Petition Review controller checks the window."""
	view = petition_view(name)
	action = view.actions.review
	if not action:
		frappe.throw(_("A review cannot be asked for this petition now."), PortalActionError)
	grounds = (grounds or "").strip()
	if not grounds:
		frappe.throw(
			_("Say why you disagree with the reply."), PortalActionError, title=_("Missing Information")
		)
	if len(grounds) > MAX_GROUNDS:
		frappe.throw(
			_("The reasons can be at most {0} characters long.").format(MAX_GROUNDS), PortalActionError
		)
	case_name = case_of(name)
	review = frappe.get_doc(
		{
			"doctype": REVIEW,
			"petition_case": case_name,
			"review_type": action.review_type,
			"requested_on": nowdate(),
			"grounds": grounds,
		}
	)
	with quietly():
		review.insert(ignore_permissions=True)
	return review.name


def rate(name: str, satisfaction: str | None) -> str:
	"""Record the petitioner's satisfaction on the case's return visit."""
	if satisfaction not in SATISFACTION:
		frappe.throw(_("Choose how satisfied you are."), PortalActionError, title=_("Missing Information"))
	case = frappe.db.get_value("Petition Case", case_of(name), ["name", "workflow_state"], as_dict=True)
	visit_name = open_return_visit(case) if case else None
	if not visit_name:
		frappe.throw(_("This petition cannot be rated now."), PortalActionError)
	visit = frappe.get_doc(RETURN_VISIT, visit_name)
	visit.satisfaction = satisfaction
	note = _("Rated by the petitioner on the website on {0}: {1}.").format(
		frappe.format(nowdate(), "Date"), _(satisfaction)
	)
	visit.notes = "\n".join(filter(None, (visit.notes, note)))
	method = online_method(visit)
	if method:
		visit.update({"status": "Completed", "method": method, "visit_date": nowdate()})
	visit.flags.ignore_permissions = True
	with quietly():
		visit.save()
	return visit.name


def online_method(visit) -> str | None:
	options = (visit.meta.get_options("method") or "").split("\n")
	return next((m for m in ONLINE_METHODS if m in options), None)


def case_of(name: str) -> str | None:
	letter = frappe.db.get_value("Online Petition", name, "petition_letter")
	return frappe.db.get_value("Petition Letter", letter, "petition_case") if letter else None


def my_petitions(user: str, limit: int = 200) -> list[dict]:
	"""The user's own submissions with their states, newest first (one query)."""
	rows = frappe.db.sql(
		"""SELECT o.name, o.submitted_on, o.subject, o.is_anonymous,
			l.status AS letter_status, l.outcome, l.is_anonymous AS letter_anonymous,
			c.workflow_state
		FROM `tabOnline Petition` o
		LEFT JOIN `tabPetition Letter` l ON l.name = o.petition_letter
		LEFT JOIN `tabPetition Case` c ON c.name = l.petition_case
		WHERE o.owner = %(user)s
		ORDER BY o.submitted_on DESC, o.name DESC
		LIMIT %(limit)s""",
		{"user": user, "limit": limit},
		as_dict=True,
	)
	for row in rows:
		anonymous = bool(row.is_anonymous or row.letter_anonymous)
		row.subject = stored_text(row.subject)
		row.state = state_of(anonymous, row.letter_status, row.outcome, row.workflow_state)
		row.state_label = state_label(row.state)
	return rows
