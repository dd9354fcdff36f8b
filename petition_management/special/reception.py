"""Leaders' reception days: the dated days of a Reception Schedule, and what each day received.

The days come from the pure rota rule (rules/reception.py) with the holidays of the Petition Settings.
What a day received is not linked from the visit: it is the set of visits of type "Leader's Reception
Day" with the day's leader as receiving leader on the day's date, counted set-based.
"""

import datetime

import frappe
from frappe.utils import getdate, nowdate

from petition_management.petition_management.doctype.petition_settings.petition_settings import get_settings
from petition_management.rules import RuleError
from petition_management.rules.reception import PlannedDay, RotaEntry, plan_reception_days, weekday_number
from petition_management.utils.rules import throw_rule_error

RECEPTION_DAY = "Reception Day"
LEADER_DAY = "Leader's Reception Day"
ANSWERED_ON_THE_SPOT = "Answered on the Spot"
LEADER_ROLE = "Petition Leader"


class ReceptionScheduleError(frappe.ValidationError):
	pass


def rota_entries(schedule_doc) -> list[RotaEntry]:
	return [
		RotaEntry(row.leader or "", weekday_number(row.weekday) if row.weekday else -1, row.place or "")
		for row in schedule_doc.rota
	]


def planned_days(schedule_doc) -> list[PlannedDay]:
	"""The schedule's dated days under the holidays of the Settings (a RuleError becomes a throw)."""
	try:
		return plan_reception_days(
			rota_entries(schedule_doc),
			getdate(schedule_doc.from_date),
			getdate(schedule_doc.to_date),
			get_settings().get_work_calendar(),
		)
	except RuleError as error:
		throw_rule_error(error, ReceptionScheduleError)


def generate_days(schedule_doc, today: datetime.date | None = None) -> int:
	"""Make the schedule's Reception Days agree with its rota; returns how many days it has.

	Days are matched by leader and rota date. Missing days are created; days still to come that moved
	or changed place are updated, and those no longer in the rota are deleted. Past days are history
	and stay as they are.
	"""
	today = getdate(today or nowdate())
	planned = {(day.leader, day.rota_date): day for day in planned_days(schedule_doc)}
	existing = frappe.get_all(
		RECEPTION_DAY,
		filters={"schedule": schedule_doc.name},
		fields=["name", "leader", "reception_date", "original_date", "place"],
	)
	seen = set()
	for row in existing:
		key = (row.leader, getdate(row.original_date or row.reception_date))
		day = planned.get(key)
		seen.add(key)
		if getdate(row.reception_date) < today:
			continue
		if day is None:
			frappe.delete_doc(RECEPTION_DAY, row.name, ignore_permissions=True)
		elif (getdate(row.reception_date), row.place, row.original_date and getdate(row.original_date)) != (
			day.reception_date,
			day.place,
			day.original_date,
		):
			doc = frappe.get_doc(RECEPTION_DAY, row.name)
			doc.update(
				{"reception_date": day.reception_date, "place": day.place, "original_date": day.original_date}
			)
			doc.save(ignore_permissions=True)
	for key, day in planned.items():
		if key in seen:
			continue
		frappe.get_doc(
			{
				"doctype": RECEPTION_DAY,
				"schedule": schedule_doc.name,
				"leader": day.leader,
				"reception_date": day.reception_date,
				"original_date": day.original_date,
				"place": day.place,
			}
		).insert(ignore_permissions=True)
	return frappe.db.count(RECEPTION_DAY, {"schedule": schedule_doc.name})


def received_visits(leader: str, day) -> list[dict]:
	"""The visits received on the leader's reception day (Petition Visits of that type, leader, date)."""
	start = datetime.datetime.combine(getdate(day), datetime.time.min)
	return frappe.get_all(
		"Petition Visit",
		filters={
			"reception_type": LEADER_DAY,
			"receiving_leader": leader,
			"visit_datetime": ["between", [start, start + datetime.timedelta(days=1, microseconds=-1)]],
		},
		fields=[
			"name",
			"visit_datetime",
			"subject",
			"number_of_visitors",
			"outcome",
			"petition_case",
			"status",
		],
		order_by="visit_datetime asc",
	)


def refresh_reception_day_counts(names: list[str] | None = None):
	"""Scheduler entry (daily), and on every form load: set the received and answered counts of the
	given Reception Days (all when None) in one UPDATE."""
	if names is not None and not names:
		return
	condition = "AND day.name IN %(names)s" if names else ""
	frappe.db.sql(
		f"""UPDATE `tabReception Day` day
		LEFT JOIN (
			SELECT receiving_leader, DATE(visit_datetime) AS visit_date, COUNT(*) AS received,
				SUM(outcome = %(answered)s) AS answered
			FROM `tabPetition Visit`
			WHERE reception_type = %(leader_day)s AND IFNULL(receiving_leader, '') != ''
			GROUP BY receiving_leader, DATE(visit_datetime)
		) visits ON visits.receiving_leader = day.leader AND visits.visit_date = day.reception_date
		SET day.received_count = IFNULL(visits.received, 0), day.answered_count = IFNULL(visits.answered, 0)
		WHERE (day.received_count != IFNULL(visits.received, 0) OR day.answered_count != IFNULL(visits.answered, 0))
		{condition}""",
		{"answered": ANSWERED_ON_THE_SPOT, "leader_day": LEADER_DAY, "names": tuple(names or ())},
	)


def is_enabled_leader(user: str | None) -> bool:
	return bool(
		user
		and frappe.db.get_value("User", {"name": user, "enabled": 1})
		and LEADER_ROLE in frappe.get_roles(user)
	)
