# Copyright (c) 2026, Petition Management contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_to_date, cint, format_datetime, get_datetime, now_datetime

from petition_management.intake.cases import flag_final_matter, link_repeat, register_case
from petition_management.petition_management.doctype.petition_category.petition_category import (
	get_suggested_unit,
)
from petition_management.petition_management.doctype.petition_settings.petition_settings import get_settings
from petition_management.utils.text_limits import validate_text_lengths

DAILY_RECEPTION = "Daily Reception"
ANSWERED_ON_THE_SPOT = "Answered on the Spot"
REGISTERED_AS_CASE = "Registered as a Case"
REPEAT_OF_CASE = "Repeat of an Existing Case"
# A visit may be recorded a few minutes "ahead": the browser's clock and the server's rarely agree.
CLOCK_TOLERANCE_MINUTES = 5


class VisitDateError(frappe.ValidationError):
	"""A visit recorded in the future."""


class VisitorCountError(frappe.ValidationError):
	"""A number of visitors below one, or below the number of listed petitioners."""


class RepresentativeError(frappe.ValidationError):
	"""A group visit listing more representatives than a group may elect."""


class DuplicatePetitionerRowError(frappe.ValidationError):
	"""The same Petitioner listed twice on one visit."""


class ReceivingLeaderError(frappe.ValidationError):
	"""A leader's reception without the leader, or with a disabled user."""


class VisitOutcomeError(frappe.ValidationError):
	"""An outcome without what it needs, or a change to an outcome already recorded."""


class PetitionVisit(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from petition_management.petition_management.doctype.petition_party.petition_party import (
			PetitionParty,
		)

		category: DF.Link | None
		content: DF.TextEditor
		has_special_circumstances: DF.Check
		is_agitated: DF.Check
		is_elderly: DF.Check
		is_group_visit: DF.Check
		is_unwell: DF.Check
		leader_in_charge: DF.Link | None
		naming_series: DF.Literal["PV-.YYYY.-"]
		number_of_visitors: DF.Int
		on_the_spot_answer: DF.Text | None
		outcome: DF.Literal["", "Answered on the Spot", "Registered as a Case", "Repeat of an Existing Case"]
		petition_case: DF.Link | None
		petitioners: DF.Table[PetitionParty]
		reception_officer: DF.Link
		reception_type: DF.Literal["Daily Reception", "Leader's Reception Day", "Leader's Visit"]
		receiving_leader: DF.Link | None
		repeat_of: DF.Link | None
		request: DF.SmallText | None
		special_notes: DF.SmallText | None
		status: DF.Literal["Open", "Closed"]
		subject: DF.Data
		suggested_unit: DF.Link | None
		visit_datetime: DF.Datetime
	# end: auto-generated types

	def onload(self):
		settings = get_settings()
		self.set_onload("group_visit_threshold", settings.group_visit_threshold)
		self.set_onload("max_representatives", settings.max_representatives)

	def validate(self):
		validate_text_lengths(self)
		self.validate_visit_datetime()
		self.validate_number_of_visitors()
		self.set_group_visit()
		self.validate_petitioners()
		self.set_representatives()
		self.validate_receiving_leader()
		self.set_suggested_unit()
		self.set_leader_in_charge()
		self.set_special_circumstances()
		flag_final_matter(self)
		self.validate_outcome_unchanged()
		self.validate_outcome()
		self.set_status()

	def on_update(self):
		self.register_case()
		self.link_repeat()

	# validate

	def validate_visit_datetime(self):
		latest = add_to_date(now_datetime(), minutes=CLOCK_TOLERANCE_MINUTES)
		if self.visit_datetime and get_datetime(self.visit_datetime) > latest:
			frappe.throw(
				_("The visit date and time {0} is in the future.").format(
					frappe.bold(format_datetime(self.visit_datetime))
				),
				VisitDateError,
				title=_("Invalid Visit Date"),
			)

	def validate_number_of_visitors(self):
		count = cint(self.number_of_visitors)
		if count < 1:
			frappe.throw(
				_("The number of visitors must be at least 1, not {0}.").format(frappe.bold(count)),
				VisitorCountError,
				title=_("Invalid Number of Visitors"),
			)
		rows = len(self.petitioners)
		if rows > count:
			frappe.throw(
				_(
					"{0} petitioners are listed but {1} visitors came. Raise the number of visitors or remove rows."
				).format(rows, count),
				VisitorCountError,
				title=_("Invalid Number of Visitors"),
			)

	def set_group_visit(self):
		self.is_group_visit = int(cint(self.number_of_visitors) >= get_settings().group_visit_threshold)

	def validate_petitioners(self):
		seen = {}
		for row in self.petitioners:
			if row.petitioner in seen:
				frappe.throw(
					_("Row {0}: {1} is already listed in row {2}.").format(
						row.idx, frappe.bold(row.petitioner_name or row.petitioner), seen[row.petitioner]
					),
					DuplicatePetitionerRowError,
					title=_("Duplicate Petitioner"),
				)
			seen[row.petitioner] = row.idx
		limit = get_settings().max_representatives
		if self.is_group_visit and len(self.petitioners) > limit:
			frappe.throw(
				_(
					"A group of {0} visitors is recorded through its elected representatives: list at most {1}, not {2}. The other visitors are only counted."
				).format(self.number_of_visitors, limit, len(self.petitioners)),
				RepresentativeError,
				title=_("Too Many Representatives"),
			)

	def set_representatives(self):
		"""On a group visit every listed petitioner is an elected representative; otherwise a visitor."""
		for row in self.petitioners:
			row.is_representative = self.is_group_visit

	def validate_receiving_leader(self):
		if self.reception_type == DAILY_RECEPTION:
			self.receiving_leader = None
			return
		if not self.receiving_leader:
			frappe.throw(
				_("Choose the leader who received the visitors at a {0}.").format(_(self.reception_type)),
				ReceivingLeaderError,
				title=_("Missing Receiving Leader"),
			)
		if not frappe.db.get_value("User", self.receiving_leader, "enabled"):
			frappe.throw(
				_("The receiving leader {0} is disabled.").format(frappe.bold(self.receiving_leader)),
				ReceivingLeaderError,
			)

	def set_suggested_unit(self):
		"""The category's unit, unless someone chose another unit; a new category suggests again."""
		before = self.get_doc_before_save()
		if (
			before
			and before.category != self.category
			and self.suggested_unit == get_suggested_unit(before.category)
		):
			self.suggested_unit = None
		if not self.suggested_unit:
			self.suggested_unit = get_suggested_unit(self.category)

	def set_leader_in_charge(self):
		self.leader_in_charge = (
			frappe.db.get_value("Handling Unit", self.suggested_unit, "leader_in_charge")
			if self.suggested_unit
			else None
		)

	def set_special_circumstances(self):
		self.has_special_circumstances = int(
			bool(self.is_agitated or self.is_unwell or self.is_elderly or self.is_group_visit)
		)

	def validate_outcome_unchanged(self):
		"""A recorded outcome closed the visit: it stays as recorded."""
		before = self.get_doc_before_save()
		if not (before and before.outcome):
			return
		if self.outcome != before.outcome or (self.repeat_of or None) != (before.repeat_of or None):
			frappe.throw(
				_("The outcome of this visit is already recorded as {0} and cannot be changed.").format(
					frappe.bold(_(before.outcome))
				),
				VisitOutcomeError,
				title=_("Outcome Recorded"),
			)

	def validate_outcome(self):
		self.on_the_spot_answer = (self.on_the_spot_answer or "").strip() or None
		if self.outcome != REPEAT_OF_CASE:
			self.repeat_of = None
		if self.outcome == ANSWERED_ON_THE_SPOT and not self.on_the_spot_answer:
			frappe.throw(
				_("Enter the answer given to the visitors on the spot."),
				VisitOutcomeError,
				title=_("Missing Answer"),
			)
		if self.outcome == REPEAT_OF_CASE and not self.repeat_of:
			frappe.throw(
				_("Choose the existing case this visit repeats."),
				VisitOutcomeError,
				title=_("Missing Case"),
			)

	def set_status(self):
		self.status = "Closed" if self.outcome else "Open"

	# on_update

	def register_case(self):
		if self.outcome == REGISTERED_AS_CASE and not self.petition_case:
			register_case(self)

	def link_repeat(self):
		if self.outcome == REPEAT_OF_CASE and (
			self.has_value_changed("outcome") or self.has_value_changed("repeat_of")
		):
			link_repeat(self, self.repeat_of)
