"""Emergency incidents (突发事件) opened from a group visit or a visit with special circumstances.

An incident records the time, the place, the number of people, the linked visits and cases, the leader
on scene, a response log, an escalation to the leader in charge when the unit cannot calm the situation
(Notification Log and e-mail; whether the police were asked for help), and an after-action summary,
which closing requires. It records nothing about persons beyond the linked petition records.
"""

import frappe
from frappe import _
from frappe.utils import cint, get_datetime, now_datetime

from petition_management.petition_management.doctype.petition_settings.petition_settings import get_settings
from petition_management.tracking.supervision import leaders_in_charge, notify
from petition_management.utils.mail import send_notice
from petition_management.utils.system_fields import save_as_system

INCIDENT = "Emergency Incident"


class IncidentStatus:
	OPEN = "Open"
	ESCALATED = "Escalated"
	CLOSED = "Closed"


class IncidentError(frappe.ValidationError):
	pass


class VisitNotSpecialError(IncidentError):
	pass


class EscalationError(IncidentError):
	pass


class ResponseLogError(IncidentError):
	pass


class IncidentClosedError(IncidentError):
	pass


def is_special_visit(visit) -> bool:
	"""A group visit (at or above the group threshold of the Settings) or one with special circumstances."""
	threshold = cint(get_settings().group_visit_threshold) or 5
	return bool(
		cint(visit.is_group_visit)
		or cint(visit.has_special_circumstances)
		or cint(visit.number_of_visitors) >= threshold
	)


def leader_in_charge_of_visit(visit) -> str | None:
	"""The visit's leader in charge, else the leader in charge of its suggested unit (or a parent's)."""
	if visit.leader_in_charge:
		return visit.leader_in_charge
	if visit.suggested_unit:
		return leaders_in_charge([visit.suggested_unit]).get(visit.suggested_unit)
	return None


def fill_from_visit(incident, visit):
	"""Take what the incident leaves empty from its source visit."""
	if not incident.incident_time:
		incident.incident_time = visit.visit_datetime
	if not incident.number_of_people:
		incident.number_of_people = visit.number_of_visitors
	if not incident.leader_in_charge:
		incident.leader_in_charge = leader_in_charge_of_visit(visit)
	if visit.reception_type != "Daily Reception" and visit.receiving_leader and not incident.leader_on_scene:
		incident.leader_on_scene = visit.receiving_leader
	if visit.name not in {row.visit for row in incident.visits}:
		incident.append("visits", {"visit": visit.name})
	for case in (visit.petition_case, visit.repeat_of):
		if case and case not in {row.petition_case for row in incident.cases}:
			incident.append("cases", {"petition_case": case})


def new_incident_from_visit(visit_name: str, place: str | None = None):
	"""An unsaved incident filled from a special visit (refused for an ordinary visit)."""
	visit = frappe.get_doc("Petition Visit", visit_name)
	validate_special_visit(visit)
	incident = frappe.new_doc(INCIDENT)
	incident.source_visit = visit.name
	incident.place = place
	fill_from_visit(incident, visit)
	return incident


def validate_special_visit(visit):
	if not is_special_visit(visit):
		frappe.throw(
			_(
				"Visit {0} is neither a group visit nor a visit with special circumstances, so no emergency incident is opened from it."
			).format(visit.name),
			VisitNotSpecialError,
			title=_("Not a Special Visit"),
		)


def escalate(incident, reason: str, police_assistance_requested: bool | int | None = None):
	"""The unit cannot calm the situation: notify the leader in charge, and say so in the log."""
	if incident.status == IncidentStatus.CLOSED:
		frappe.throw(_("Incident {0} is closed.").format(incident.name), IncidentClosedError)
	if not (reason or "").strip():
		frappe.throw(_("Say why the incident is escalated."), EscalationError, title=_("Reason Missing"))
	leader = incident.leader_in_charge
	if not leader or not frappe.db.get_value("User", {"name": leader, "enabled": 1}):
		frappe.throw(
			_("Set the leader in charge (an enabled user) before escalating the incident."),
			EscalationError,
			title=_("No Leader in Charge"),
		)
	now = now_datetime()
	if police_assistance_requested is not None:
		incident.police_assistance_requested = cint(police_assistance_requested)
	incident.status = IncidentStatus.ESCALATED
	incident.escalated_to = leader
	incident.escalated_on = now
	incident.escalation_reason = reason
	incident.append(
		"response_log",
		{
			"response_time": max(now, _last_log_time(incident) or now),
			"action": _("Escalated to the leader in charge {0}: {1}").format(leader, reason),
			"by_user": frappe.session.user,
		},
	)
	save_as_system(incident)
	notify_escalation(incident)


def _last_log_time(incident):
	times = [get_datetime(row.response_time) for row in incident.response_log if row.response_time]
	return max(times) if times else None


def notify_escalation(incident):
	subject = _("Emergency incident {0} at {1} escalated to you").format(incident.name, incident.place)
	police = _("The police were asked for help.") if incident.police_assistance_requested else ""
	message = _(
		"Emergency incident {0} at {1} ({2} people) could not be calmed by the unit and is escalated to you as the leader in charge. Reason: {3} {4}"
	).format(
		incident.name,
		incident.place,
		cint(incident.number_of_people),
		incident.escalation_reason,
		police,
	)
	notify([incident.escalated_to], incident, subject, message)
	email = frappe.db.get_value("User", incident.escalated_to, "email")
	if email:
		send_notice(incident, [email], subject, message)


def close(incident):
	if incident.status == IncidentStatus.CLOSED:
		return
	if not (incident.after_action_summary or "").strip():
		frappe.throw(
			_("Write the after-action summary before closing the incident."),
			IncidentError,
			title=_("After-action Summary Missing"),
		)
	incident.status = IncidentStatus.CLOSED
	incident.closed_by = frappe.session.user
	incident.closed_on = now_datetime()
	save_as_system(incident)
