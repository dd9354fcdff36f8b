"""Demo leaders' reception days: a reception schedule for this month (leader1 on Mondays at the bureau,
leader2 on Thursdays at the city's letters and calls bureau), plus a reception day for each past demo
visit received on a leader's reception day, so that the days show what they received.
"""

import frappe
from frappe.utils import get_first_day, get_last_day, getdate, nowdate

from petition_management.demo.users import demo_email
from petition_management.special.reception import refresh_reception_day_counts

SCHEDULE_NAME = "{0}年{1}月领导接访日"
ROTA = (
	("leader1", "Monday", "县信访局接待大厅"),
	("leader2", "Thursday", "市信访局来信来电办公室"),
)
LEADER_DAY = "Leader's Reception Day"


def leader(login: str) -> str | None:
	user = demo_email(login)
	return user if frappe.db.exists("User", user) else None


def make_reception(context):
	today = getdate(nowdate())
	title = SCHEDULE_NAME.format(today.year, today.month)
	rota = [(leader(login), weekday, place) for login, weekday, place in ROTA if leader(login)]
	if not rota:
		return
	name = frappe.db.get_value("Reception Schedule", {"schedule_name": title})
	if not name:
		schedule = frappe.get_doc(
			{
				"doctype": "Reception Schedule",
				"schedule_name": title,
				"from_date": get_first_day(today),
				"to_date": get_last_day(today),
				"notes": "每周固定接访日；遇法定节假日顺延至下一个工作日。",
				"rota": [
					{"leader": user, "weekday": weekday, "place": place} for user, weekday, place in rota
				],
			}
		).insert(ignore_permissions=True)
		name = schedule.name
	context.add("Reception Schedule", name)
	# a day for each demo visit received on a leader's reception day
	visits = frappe.get_all(
		"Petition Visit",
		filters={"reception_type": LEADER_DAY, "receiving_leader": ("is", "set")},
		fields=["receiving_leader", "visit_datetime"],
	)
	places = {user: place for user, _weekday, place in rota}
	for visit in visits:
		day = getdate(visit.visit_datetime)
		if frappe.db.exists("Reception Day", {"leader": visit.receiving_leader, "reception_date": day}):
			continue
		if "Petition Leader" not in frappe.get_roles(visit.receiving_leader):
			continue
		doc = frappe.get_doc(
			{
				"doctype": "Reception Day",
				"leader": visit.receiving_leader,
				"reception_date": day,
				"place": places.get(visit.receiving_leader, ROTA[0][2]),
				"notes": "领导要求相关单位对当天反映的问题逐件落实，按期答复。",
			}
		).insert(ignore_permissions=True)
		context.add("Reception Day", doc.name)
	refresh_reception_day_counts()
