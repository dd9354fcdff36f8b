# Copyright (c) 2026, Petition Management contributors
# For license information, please see license.txt

"""Petition Return Visit (回访): after a case is closed, the Petition Office asks the petitioner how it
went. Scheduled by tracking/return_visits.py when the case closes; completed here with the date, the
method, who visited and the petitioner's satisfaction, which is then recorded on the case."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, nowdate

from petition_management.tracking.return_visits import complete_return_visit
from petition_management.utils.lifecycle_dates import validate_follows_case
from petition_management.utils.translation import label

# A return visit follows the closing of the case.
CASE_STATES_VISITED = ("Closed", "Archived")


class ReturnVisitStatus:
	SCHEDULED = "Scheduled"
	COMPLETED = "Completed"


class ReturnVisitError(frappe.ValidationError):
	pass


class PetitionReturnVisit(Document):
	# begin: auto-generated types
	# end: auto-generated types

	def validate(self):
		if self.is_new():
			self.validate_case_closed()
		self.validate_not_reopened()
		self.validate_visit_date()
		if self.status == ReturnVisitStatus.COMPLETED:
			self.set_visited_by()
			self.validate_completion()

	def on_update(self):
		if self.status == ReturnVisitStatus.COMPLETED and (
			self.has_value_changed("status") or self.has_value_changed("satisfaction")
		):
			complete_return_visit(self)

	def validate_case_closed(self):
		state = frappe.db.get_value("Petition Case", self.petition_case, "workflow_state")
		if state not in CASE_STATES_VISITED:
			frappe.throw(
				_("A return visit follows the closing of a case; case {0} is {1}.").format(
					frappe.bold(self.petition_case), frappe.bold(_(state)) if state else "-"
				),
				ReturnVisitError,
				title=_("Case Not Closed"),
			)

	def validate_not_reopened(self):
		before = self.get_doc_before_save()
		if (
			before
			and before.status == ReturnVisitStatus.COMPLETED
			and self.status != ReturnVisitStatus.COMPLETED
		):
			frappe.throw(_("A completed return visit cannot be scheduled again."), ReturnVisitError)

	def validate_visit_date(self):
		"""A return visit follows the closing of the case (a completed one is not in the future either:
		validate_completion)."""
		if not self.visit_date:
			return
		case = frappe.db.get_value("Petition Case", self.petition_case, ("closed_on",), as_dict=True) or {}
		if case.get("closed_on") and getdate(self.visit_date) < getdate(case["closed_on"]):
			validate_follows_case(self, "visit_date", case, ("closed_on",))

	def set_visited_by(self):
		if not self.visited_by:
			self.visited_by = frappe.session.user

	def validate_completion(self):
		missing = [
			label(self.meta, fieldname) for fieldname in ("method", "satisfaction") if not self.get(fieldname)
		]
		if missing:
			frappe.throw(
				_("Fill in {0} to complete the return visit.").format(
					", ".join(frappe.bold(m) for m in missing)
				),
				ReturnVisitError,
				title=_("Missing Information"),
			)
		if getdate(self.visit_date) > getdate(nowdate()):
			frappe.throw(
				_("A return visit cannot be completed before it takes place: the visit date is {0}.").format(
					frappe.format(self.visit_date, "Date")
				),
				ReturnVisitError,
			)
