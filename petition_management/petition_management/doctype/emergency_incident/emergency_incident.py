# Copyright (c) 2026, Petition Management contributors
# For license information, please see license.txt

"""Emergency Incident (突发事件): opened by the office from a group visit or a visit with special
circumstances (special/incidents.py). The response log is kept in order of time and only grows; the
status, escalation and closing fields are set by the escalate and close actions, never by the client;
a closed incident no longer changes. Opening one alerts the office, the leader in charge and the
director at once, as every escalation does."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_to_date, get_datetime, now_datetime

from petition_management.special import incidents
from petition_management.special.incidents import (
	IncidentClosedError,
	IncidentError,
	IncidentStatus,
	ResponseLogError,
)
from petition_management.utils.system_fields import keep_system_fields

# Set by the actions (escalate, close), never taken from the client.
SYSTEM_FIELDS = ("status", "escalated_to", "escalated_on", "escalation_reason", "closed_by", "closed_on")
LOG_FIELDS = ("response_time", "action", "by_user")
# A time may be a few minutes "ahead": the browser's clock and the server's rarely agree.
CLOCK_TOLERANCE_MINUTES = 5


class EmergencyIncident(Document):
	# begin: auto-generated types
	# end: auto-generated types

	def validate(self):
		keep_system_fields(self, SYSTEM_FIELDS, IncidentStatus.OPEN)
		self.validate_not_closed()
		if self.is_new():
			self.set_from_source_visit()
		self.validate_incident_time()
		self.validate_response_log()
		self.validate_no_duplicate_links()

	def validate_not_closed(self):
		before = self.get_doc_before_save()
		if before and before.status == IncidentStatus.CLOSED:
			frappe.throw(
				_("Emergency incident {0} is closed and can no longer be changed.").format(self.name),
				IncidentClosedError,
			)

	def set_from_source_visit(self):
		if not self.source_visit:
			return
		visit = frappe.get_doc("Petition Visit", self.source_visit)
		incidents.validate_special_visit(visit)
		incidents.fill_from_visit(self, visit)

	def validate_incident_time(self):
		if get_datetime(self.incident_time) > self.latest_allowed_time():
			frappe.throw(_("The incident time cannot be in the future."), IncidentError)

	def latest_allowed_time(self):
		return add_to_date(now_datetime(), minutes=CLOCK_TOLERANCE_MINUTES)

	def validate_response_log(self):
		"""Saved entries stay as they are; new ones are put in order of time after them."""
		before = self.get_doc_before_save()
		old_rows = {row.name: row for row in before.response_log} if before else {}
		kept = [row for row in self.response_log if row.name in old_rows]
		if len(kept) != len(old_rows):
			frappe.throw(
				_("A response log entry cannot be removed."),
				ResponseLogError,
				title=_("Response Log Is Kept"),
			)
		for row in kept:
			old = old_rows[row.name]
			if any(self._log_value(row, f) != self._log_value(old, f) for f in LOG_FIELDS):
				frappe.throw(
					_("Response log row {0} cannot be changed; add a new entry instead.").format(old.idx),
					ResponseLogError,
					title=_("Response Log Is Kept"),
				)
		kept.sort(key=lambda row: row.idx)
		new_rows = [row for row in self.response_log if row.name not in old_rows]
		last_time = get_datetime(kept[-1].response_time) if kept else None
		latest = self.latest_allowed_time()
		for row in new_rows:
			row.response_time = get_datetime(row.response_time or now_datetime())
			row.by_user = row.by_user or frappe.session.user
			if row.response_time > latest:
				frappe.throw(
					_("Response log: the time {0} is in the future.").format(
						frappe.format(row.response_time, "Datetime")
					),
					ResponseLogError,
				)
			if last_time and row.response_time < last_time:
				frappe.throw(
					_(
						"Response log: the new entry at {0} is earlier than the last recorded entry ({1}); the log is kept in order of time."
					).format(
						frappe.format(row.response_time, "Datetime"), frappe.format(last_time, "Datetime")
					),
					ResponseLogError,
					title=_("Response Log Out of Order"),
				)
		new_rows.sort(key=lambda row: row.response_time)
		self.set("response_log", kept + new_rows)
		for idx, row in enumerate(self.response_log, start=1):
			row.idx = idx

	@staticmethod
	def _log_value(row, fieldname):
		value = row.get(fieldname)
		if fieldname == "response_time" and value:
			return get_datetime(value).replace(microsecond=0)
		return value or None

	def validate_no_duplicate_links(self):
		for table, fieldname in (("visits", "visit"), ("cases", "petition_case")):
			values = [row.get(fieldname) for row in self.get(table)]
			if len(values) != len(set(values)):
				frappe.throw(_("A record is linked twice to this incident."), IncidentError)

	def after_insert(self):
		self.alert_reported()

	def alert_reported(self):
		"""The office, the leader in charge and the director learn of a new incident at once."""
		incidents.alert(self, incidents.IncidentEvent.REPORTED)

	@frappe.whitelist()
	def escalate(self, reason: str, police_assistance_requested: int | None = None):
		self.check_permission("write")
		incidents.escalate(self, reason, police_assistance_requested)

	@frappe.whitelist()
	def close_incident(self):
		self.check_permission("write")
		incidents.close(self)
