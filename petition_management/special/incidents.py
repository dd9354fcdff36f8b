"""Emergency incidents (突发事件) opened from a group visit or a visit with special circumstances.

An incident records the time, the place, the number of people, the linked visits and cases, the leader
on scene, a response log, an escalation to the leader in charge when the unit cannot calm the situation
(whether the police were asked for help), and an after-action summary, which closing requires. It
records nothing about persons beyond the linked petition records.

The Petition Office, the leader in charge and the director are alerted at once when an incident is
opened and on every escalation: in the desk (a Notification Log each) and by e-mail
(templates/emails/petition_emergency_incident.html, queued ahead of other mail), each in their own
language. A Frappe Notification renders one message for all its recipients, so the alert is rendered
here once per language instead (tracking/digest_delivery.py).
"""

import frappe
from frappe import _
from frappe.translate import print_language
from frappe.utils import cint, format_datetime, get_datetime, get_fullname, get_url_to_form, now_datetime

from petition_management.petition_management.doctype.petition_settings.petition_settings import get_settings
from petition_management.tracking.digest_delivery import (
	by_language,
	desk_alert,
	email,
	get_people,
	render_email_template,
)
from petition_management.tracking.supervision import leaders_in_charge
from petition_management.utils.mail import can_send_mail
from petition_management.utils.system_fields import save_as_system
from petition_management.utils.translation import label, option

INCIDENT = "Emergency Incident"
ALERT_TEMPLATE = "petition_emergency_incident"
# Who is told at once, besides the incident's leader in charge.
ALERT_ROLES = ("Petition Office", "Petition Director")
# Incident alerts leave the e-mail queue before ordinary mail (Frappe's default priority is 1).
ALERT_PRIORITY = 10
# Response log entries shown in an alert, the latest last.
ALERT_LOG_ENTRIES = 3


class IncidentEvent:
	REPORTED = "Reported"
	ESCALATED = "Escalated"


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
	"""The unit cannot calm the situation: escalate to the leader in charge, log it, alert at once."""
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
			"action": _("Escalated to the leader in charge {0}: {1}").format(get_fullname(leader), reason),
			"by_user": frappe.session.user,
		},
	)
	save_as_system(incident)
	notify_escalation(incident)


def _last_log_time(incident):
	times = [get_datetime(row.response_time) for row in incident.response_log if row.response_time]
	return max(times) if times else None


def notify_escalation(incident):
	alert(incident, IncidentEvent.ESCALATED)


# --- alerts ----------------------------------------------------------------------------------------


def alert_people(incident):
	"""The enabled Petition Office and Petition Director users and the leader in charge."""
	return get_people(users=[incident.leader_in_charge], roles=ALERT_ROLES)


def alert(incident, event: str):
	"""Tell the office, the leader in charge and the director at once, each in their own language."""
	people = alert_people(incident)
	if not people:
		return
	mail = can_send_mail()
	for language, group in by_language(people).items():
		with print_language(language):
			subject = alert_subject(incident, event)
			args = alert_args(incident, event)
			content = render_email_template(ALERT_TEMPLATE, args)
			for person in group:
				desk_alert(person, subject, content, doc=incident)
			if mail:
				email(
					group,
					subject,
					ALERT_TEMPLATE,
					args,
					reference_doctype=incident.doctype,
					reference_name=incident.name,
					header=[_("Emergency Incident"), "red"],
					send_priority=ALERT_PRIORITY,
				)
	if not mail:
		incident.add_comment(
			"Comment",
			_("Not e-mailed: this site has no outgoing e-mail account. The alert went to the desk only."),
		)


def alert_subject(incident, event: str) -> str:
	place = incident.place or _("place not given")
	if event == IncidentEvent.ESCALATED:
		return _("Emergency incident {0} at {1} escalated to {2}").format(
			incident.name, place, get_fullname(incident.escalated_to)
		)
	return _("Emergency incident {0} at {1}: {2} people").format(
		incident.name, place, cint(incident.number_of_people)
	)


def alert_intro(incident, event: str) -> str:
	place = incident.place or _("place not given")
	if event == IncidentEvent.ESCALATED:
		return _(
			"The unit could not calm emergency incident {0} at {1} ({2} people). It is escalated to the leader in charge {3}. Reason: {4}"
		).format(
			incident.name,
			place,
			cint(incident.number_of_people),
			get_fullname(incident.escalated_to),
			incident.escalation_reason,
		)
	return _(
		"An emergency incident was opened: {0} at {1} ({2} people). The Petition Office, the leader in charge and the director are told at once."
	).format(incident.name, place, cint(incident.number_of_people))


def alert_args(incident, event: str) -> dict:
	"""What the alert template shows; strings are translated in the language in force."""
	meta = frappe.get_meta(INCIDENT)
	return {
		"title": alert_subject(incident, event),
		"intro": alert_intro(incident, event),
		"escalated": event == IncidentEvent.ESCALATED,
		"police": cint(incident.police_assistance_requested),
		"incident_url": get_url_to_form(incident.doctype, incident.name),
		"details": [
			(
				label(meta, "incident_time"),
				format_datetime(incident.incident_time) if incident.incident_time else "",
			),
			(label(meta, "place"), incident.place or ""),
			(label(meta, "number_of_people"), cint(incident.number_of_people)),
			(label(meta, "status"), option(INCIDENT, incident.status or IncidentStatus.OPEN)),
			(label(meta, "leader_in_charge"), _fullname(incident.leader_in_charge)),
			(label(meta, "leader_on_scene"), _fullname(incident.leader_on_scene)),
		],
		"situation": incident.situation or "",
		"records": [
			*[
				(_("Petition Visit"), row.visit, get_url_to_form("Petition Visit", row.visit))
				for row in incident.visits
			],
			*[
				(_("Petition Case"), row.petition_case, get_url_to_form("Petition Case", row.petition_case))
				for row in incident.cases
			],
		],
		"log": [
			(format_datetime(row.response_time) if row.response_time else "", row.action)
			for row in incident.response_log[-ALERT_LOG_ENTRIES:]
		],
	}


def _fullname(user: str | None) -> str:
	return get_fullname(user) if user else ""


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
