"""Review and re-review (复查, 复核) of a petition's handling opinion.

A petitioner who disagrees with the reply may ask for a review within the Settings' review_request_days
(30) of receiving it; one who disagrees with the review opinion may ask for a re-review within as many
days of that opinion. Each opinion is due review_opinion_days (30) after the request. After the
re-review the matter is final: the case is flagged `is_final`, and intake flags a new petition of the
same person on the same matter (intake/final.py).

The case's read-only review_stage and is_final follow the case's reviews: `sync_case_review_stage`
recomputes them from the Petition Review records (one query), so saving, deciding, cancelling or
deleting a review always leaves the case right.
"""

import datetime

import frappe
from frappe.utils import getdate

from petition_management.utils.deadlines import limit_due_date

REVIEW = "Petition Review"
# A review looks at a reply: the case must have one.
CASE_STATES_REVIEWABLE = ("Replied", "Closed", "Archived")


class ReviewType:
	REVIEW = "Review"
	RE_REVIEW = "Re-review"


class ReviewStage:
	REVIEW_REQUESTED = "Review Requested"
	REVIEW_DECIDED = "Review Decided"
	RE_REVIEW_REQUESTED = "Re-review Requested"
	RE_REVIEW_DECIDED = "Re-review Decided"


def review_request_deadline(case) -> datetime.date | None:
	"""The last day to ask for a review: the case's own date, set when it was replied or closed."""
	if case.get("review_request_due"):
		return getdate(case.review_request_due)
	start = case.get("delivered_on") or case.get("replied_on") or case.get("closed_on")
	return limit_due_date(start, "review_request_days") if start else None


def re_review_request_deadline(review_decided_on) -> datetime.date:
	"""The last day to ask for a re-review: as many days after the review opinion as for a review."""
	return limit_due_date(review_decided_on, "review_request_days")


def opinion_due(requested_on) -> datetime.date:
	return limit_due_date(requested_on, "review_opinion_days")


def decided_review(case_name: str) -> dict | None:
	"""The case's decided (submitted) review, if any."""
	rows = frappe.get_all(
		REVIEW,
		filters={"petition_case": case_name, "review_type": ReviewType.REVIEW, "docstatus": 1},
		fields=["name", "decided_on", "outcome"],
		limit=1,
	)
	return rows[0] if rows else None


def case_review_stage(case_name: str, exclude: str | None = None) -> tuple[str | None, int]:
	"""(review_stage, is_final) as the case's live (not cancelled) reviews give them."""
	filters = {"petition_case": case_name, "docstatus": ("<", 2)}
	if exclude:
		filters["name"] = ("!=", exclude)
	rows = {
		(r.review_type, r.docstatus)
		for r in frappe.get_all(REVIEW, filters=filters, fields=["review_type", "docstatus"])
	}
	types = {review_type for review_type, _docstatus in rows}
	if (ReviewType.RE_REVIEW, 1) in rows:
		return ReviewStage.RE_REVIEW_DECIDED, 1
	if ReviewType.RE_REVIEW in types:
		return ReviewStage.RE_REVIEW_REQUESTED, 0
	if (ReviewType.REVIEW, 1) in rows:
		return ReviewStage.REVIEW_DECIDED, 0
	if ReviewType.REVIEW in types:
		return ReviewStage.REVIEW_REQUESTED, 0
	return None, 0


def sync_case_review_stage(case_name: str, exclude: str | None = None):
	"""Write the stage and the final flag on the case (a system effect: no permission, no new modified)."""
	stage, is_final = case_review_stage(case_name, exclude)
	frappe.db.set_value(
		"Petition Case", case_name, {"review_stage": stage, "is_final": is_final}, update_modified=False
	)
