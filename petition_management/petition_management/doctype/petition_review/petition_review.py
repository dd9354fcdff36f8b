# Copyright (c) 2026, Petition Management contributors
# For license information, please see license.txt

"""Petition Review: a petitioner's request for a review (复查) of the reply, or for a re-review (复核) of
the review opinion, and the opinion given on it.

The Petition Office registers the request (a draft: status Requested) and records the reviewing body's
opinion; the Petition Director decides by submitting it (status Decided). One review and one re-review
per case; the windows and due dates come from the Settings (tracking/reviews.py). A decided re-review
makes the matter final.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, nowdate, strip_html

from petition_management.tracking.reviews import (
	CASE_STATES_REVIEWABLE,
	ReviewType,
	decided_review,
	opinion_due,
	re_review_request_deadline,
	review_request_deadline,
	sync_case_review_stage,
)
from petition_management.utils.lifecycle_dates import validate_follows_case
from petition_management.utils.translation import label, option

CASE_FIELDS = ("name", "workflow_state", "review_request_due", "delivered_on", "replied_on", "closed_on")


class ReviewError(frappe.ValidationError):
	pass


class ReviewNotAllowedError(ReviewError):
	pass


class ReviewWindowClosedError(ReviewError):
	pass


class DuplicateReviewError(ReviewError):
	pass


class ReviewDecisionError(ReviewError):
	pass


class PetitionReview(Document):
	# begin: auto-generated types
	# end: auto-generated types

	def validate(self):
		case = self.lock_case()
		self.validate_requested_on()
		self.validate_one_per_case()
		if self.review_type == ReviewType.RE_REVIEW:
			self.validate_re_review_window()
		else:
			self.validate_review_window(case)
			validate_follows_case(self, "requested_on", case, ("delivered_on", "replied_on", "closed_on"))
		self.set_opinion_due()
		self.set_status()

	def before_submit(self):
		self.validate_decision()
		self.set_decided_on()

	def on_update(self):
		sync_case_review_stage(self.petition_case)

	def on_cancel(self):
		sync_case_review_stage(self.petition_case)

	def on_trash(self):
		sync_case_review_stage(self.petition_case, exclude=self.name)

	def lock_case(self) -> dict:
		"""Read the case and lock its row, so that two requests for the same case are taken in turn."""
		return frappe.db.get_value(
			"Petition Case", self.petition_case, CASE_FIELDS, as_dict=True, for_update=True
		)

	def validate_requested_on(self):
		if getdate(self.requested_on) > getdate(nowdate()):
			frappe.throw(_("The request date cannot be in the future."), ReviewError)

	def validate_one_per_case(self):
		other = frappe.db.get_value(
			"Petition Review",
			{
				"petition_case": self.petition_case,
				"review_type": self.review_type,
				"docstatus": ("<", 2),
				"name": ("!=", self.name or ""),
			},
		)
		if other:
			frappe.throw(
				_("Case {0} already has a {1} ({2}): there is one review and one re-review per case.").format(
					frappe.bold(self.petition_case), option(self.doctype, self.review_type).lower(), other
				),
				DuplicateReviewError,
				title=_("Already Requested"),
			)

	def validate_review_window(self, case: dict):
		if case.workflow_state not in CASE_STATES_REVIEWABLE:
			frappe.throw(
				_("A review can be asked only once the case has been replied to; case {0} is {1}.").format(
					frappe.bold(self.petition_case), frappe.bold(_(case.workflow_state or ""))
				),
				ReviewNotAllowedError,
				title=_("No Reply Yet"),
			)
		self.request_deadline = review_request_deadline(case)
		if self.request_deadline and getdate(self.requested_on) > self.request_deadline:
			frappe.throw(
				_("The review window closed on {0}.").format(frappe.format(self.request_deadline, "Date")),
				ReviewWindowClosedError,
				title=_("Review Window Closed"),
			)

	def validate_re_review_window(self):
		review = decided_review(self.petition_case)
		if not review:
			frappe.throw(
				_("A re-review can be asked only after the review of case {0} has been decided.").format(
					frappe.bold(self.petition_case)
				),
				ReviewNotAllowedError,
				title=_("No Review Opinion Yet"),
			)
		if getdate(self.requested_on) < getdate(review.decided_on):
			frappe.throw(
				_("The re-review cannot be asked before the review opinion of {0}.").format(
					frappe.format(review.decided_on, "Date")
				),
				ReviewNotAllowedError,
			)
		self.request_deadline = re_review_request_deadline(review.decided_on)
		if getdate(self.requested_on) > self.request_deadline:
			frappe.throw(
				_("The re-review window closed on {0}.").format(frappe.format(self.request_deadline, "Date")),
				ReviewWindowClosedError,
				title=_("Review Window Closed"),
			)

	def set_opinion_due(self):
		self.opinion_due = opinion_due(self.requested_on)

	def set_status(self):
		self.status = "Decided" if self.docstatus == 1 else "Requested"

	def validate_decision(self):
		missing = [label(self.meta, "outcome")] if not self.outcome else []
		if not strip_html(self.opinion or "").strip():
			missing.append(label(self.meta, "opinion"))
		if missing:
			frappe.throw(
				_("Fill in {0} before deciding the {1}.").format(
					", ".join(frappe.bold(m) for m in missing), option(self.doctype, self.review_type).lower()
				),
				ReviewDecisionError,
				title=_("Missing Information"),
			)

	def set_decided_on(self):
		self.decided_on = getdate(self.decided_on or nowdate())
		if self.decided_on > getdate(nowdate()):
			frappe.throw(_("The decision date cannot be in the future."), ReviewDecisionError)
		if self.decided_on < getdate(self.requested_on):
			frappe.throw(
				_("The decision date {0} cannot be before the request date {1}.").format(
					frappe.format(self.decided_on, "Date"), frappe.format(self.requested_on, "Date")
				),
				ReviewDecisionError,
			)
