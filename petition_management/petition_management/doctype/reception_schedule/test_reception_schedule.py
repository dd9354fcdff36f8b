# Copyright (c) 2026, Petition Management contributors
# See license.txt

import datetime

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate, now_datetime

from petition_management.petition_management.doctype.reception_day.reception_day import ReceptionDayError
from petition_management.petition_management.doctype.reception_schedule.reception_schedule import (
	OverlappingScheduleError,
	ReceptionLeaderError,
)
from petition_management.special.reception import ReceptionScheduleError, refresh_reception_day_counts
from petition_management.tests.factories import make_petitioner, make_visit
from petition_management.tests.utils import make_users

DOMAIN = "reception.test.local"
LEADER_A, LEADER_B = f"leader-a@{DOMAIN}", f"leader-b@{DOMAIN}"
OFFICE, RECEPTION, HANDLER = f"office@{DOMAIN}", f"reception@{DOMAIN}", f"handler@{DOMAIN}"
USERS = {
	LEADER_A: ["Petition Leader"],
	LEADER_B: ["Petition Leader"],
	OFFICE: ["Petition Office"],
	RECEPTION: ["Petition Reception Officer"],
	HANDLER: ["Petition Unit Handler"],
}
BUREAU, CITY = "_T 信访局接待大厅", "_T 市信访局"
# March 2027: Mondays 1, 8, 15, 22, 29; Tuesdays 2, 9, 16, 23, 30. Monday 15 is made a holiday.
MARCH_2027 = (datetime.date(2027, 3, 1), datetime.date(2027, 3, 31))
HOLIDAY = datetime.date(2027, 3, 15)


def d(day: int, month: int = 3) -> datetime.date:
	return datetime.date(2027, month, day)


class ReceptionTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_users(USERS)
		frappe.db.commit()

	def setUp(self):
		frappe.set_user("Administrator")
		settings = frappe.get_single("Petition Settings")
		settings.set("holidays", [])
		settings.append("holidays", {"holiday_date": HOLIDAY, "day_type": "Day Off"})
		settings.save()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		frappe.clear_document_cache("Petition Settings", "Petition Settings")

	def make_schedule(self, rota, period=MARCH_2027, user=OFFICE, **values):
		frappe.set_user(user)
		doc = frappe.get_doc(
			{
				"doctype": "Reception Schedule",
				"schedule_name": "_T 2027年3月领导接访日",
				"from_date": period[0],
				"to_date": period[1],
				"rota": [
					{"leader": leader, "weekday": weekday, "place": place} for leader, weekday, place in rota
				],
				**values,
			}
		).insert()
		frappe.set_user("Administrator")
		return doc

	def days(self, schedule):
		return frappe.get_all(
			"Reception Day",
			filters={"schedule": schedule.name},
			fields=["leader", "reception_date", "original_date", "place"],
			order_by="reception_date, leader",
		)


class TestReceptionSchedule(ReceptionTestCase):
	def test_a_month_with_a_holiday_yields_the_dated_days_with_the_holiday_postponed(self):
		schedule = self.make_schedule([(LEADER_A, "Monday", BUREAU), (LEADER_B, "Tuesday", CITY)])
		got = [(r.leader, r.reception_date, r.original_date, r.place) for r in self.days(schedule)]
		expected = [(LEADER_A, d(day), None, BUREAU) for day in (1, 8, 22, 29)]
		expected += [(LEADER_A, d(16), HOLIDAY, BUREAU)]
		expected += [(LEADER_B, d(day), None, CITY) for day in (2, 9, 16, 23, 30)]
		self.assertCountEqual(got, expected)
		self.assertEqual(frappe.db.get_value("Reception Schedule", schedule.name, "days_generated"), 10)

	def test_saving_again_adds_nothing_and_a_changed_rota_updates_the_days_to_come(self):
		schedule = self.make_schedule([(LEADER_A, "Monday", BUREAU)])
		frappe.set_user(OFFICE)
		schedule.reload()
		schedule.save()
		self.assertEqual(len(self.days(schedule)), 5)
		schedule.rota[0].place = CITY
		schedule.append("rota", {"leader": LEADER_B, "weekday": "Wednesday", "place": BUREAU})
		schedule.save()
		days = self.days(schedule)
		self.assertEqual(len(days), 10)
		self.assertEqual({r.place for r in days if r.leader == LEADER_A}, {CITY})
		schedule.remove(schedule.rota[0])
		schedule.save()
		self.assertEqual({r.leader for r in self.days(schedule)}, {LEADER_B})

	def test_a_user_who_is_not_a_leader_is_refused_and_nothing_is_saved(self):
		with self.assertRaises(ReceptionLeaderError):
			self.make_schedule([(HANDLER, "Monday", BUREAU)])
		frappe.set_user("Administrator")
		self.assertFalse(frappe.db.exists("Reception Schedule", {"schedule_name": "_T 2027年3月领导接访日"}))
		self.assertFalse(frappe.db.exists("Reception Day", {"leader": HANDLER}))

	def test_bad_rota_and_period_are_refused_with_the_rule_message(self):
		with self.assertRaises(ReceptionScheduleError) as caught:
			self.make_schedule([(LEADER_A, "Monday", BUREAU), (LEADER_A, "Monday", CITY)])
		self.assertIn("already receives on Monday in row 1", str(caught.exception))
		with self.assertRaises(ReceptionScheduleError):
			self.make_schedule([(LEADER_A, "Monday", BUREAU)], period=(d(31), d(1)))
		frappe.set_user("Administrator")
		self.assertFalse(frappe.db.exists("Reception Day", {"leader": LEADER_A}))

	def test_a_leader_is_on_one_schedule_at_a_time(self):
		self.make_schedule([(LEADER_A, "Monday", BUREAU)])
		with self.assertRaises(OverlappingScheduleError):
			self.make_schedule([(LEADER_A, "Friday", CITY)], period=(d(20), d(10, 4)))
		self.make_schedule([(LEADER_A, "Friday", CITY)], period=(d(1, 4), d(30, 4)))

	def test_only_the_office_makes_schedules(self):
		frappe.set_user(LEADER_A)
		self.assertFalse(frappe.has_permission("Reception Schedule", "create"))
		self.assertTrue(frappe.has_permission("Reception Schedule", "read"))
		frappe.set_user(RECEPTION)
		self.assertFalse(frappe.has_permission("Reception Schedule", "write"))

	def test_deleting_the_schedule_deletes_the_days_to_come(self):
		schedule = self.make_schedule([(LEADER_A, "Monday", BUREAU)])
		frappe.set_user(OFFICE)
		frappe.delete_doc("Reception Schedule", schedule.name)
		self.assertFalse(frappe.db.exists("Reception Day", {"leader": LEADER_A}))


class TestReceptionDay(ReceptionTestCase):
	def visit(self, leader, when, outcome=None, reception_type="Leader's Reception Day"):
		frappe.set_user("Administrator")
		petitioner = make_petitioner("_T 李明")
		values = (
			{"on_the_spot_answer": "_T 当场答复：依政策解释清楚。"}
			if outcome == "Answered on the Spot"
			else {}
		)
		return make_visit(
			petitioner,
			as_user=RECEPTION,
			visit_datetime=when,
			reception_type=reception_type,
			receiving_leader=leader,
			subject="_T 领导接访",
			content="_T 反映小区停车问题。",
			outcome=outcome,
			**values,
		)

	def test_a_day_counts_and_lists_what_it_received_and_answered_on_the_spot(self):
		today = getdate(now_datetime())
		frappe.set_user(OFFICE)
		day = frappe.get_doc(
			{"doctype": "Reception Day", "leader": LEADER_A, "reception_date": today, "place": BUREAU}
		).insert()
		morning = datetime.datetime.combine(today, datetime.time(0, 5))
		self.visit(LEADER_A, morning, outcome="Answered on the Spot")
		self.visit(LEADER_A, morning)
		self.visit(LEADER_B, morning)  # another leader's reception
		self.visit(LEADER_A, morning, reception_type="Daily Reception")  # not a reception day visit
		self.visit(LEADER_A, morning - datetime.timedelta(days=1))  # the day before
		refresh_reception_day_counts()
		self.assertEqual(
			frappe.db.get_value("Reception Day", day.name, ["received_count", "answered_count"]), (2, 1)
		)
		frappe.set_user(LEADER_A)
		loaded = frappe.get_doc("Reception Day", day.name)
		loaded.run_method("onload")
		visits = loaded.get_onload().visits
		self.assertEqual(len(visits), 2)
		self.assertEqual(sorted(v.outcome or "" for v in visits), ["", "Answered on the Spot"])

	def test_one_day_per_leader_and_date_and_only_leaders(self):
		frappe.set_user(OFFICE)
		values = {"doctype": "Reception Day", "leader": LEADER_A, "reception_date": d(5), "place": BUREAU}
		first = frappe.get_doc(values).insert()
		self.assertIn(BUREAU, first.title)
		with self.assertRaises(ReceptionDayError):
			frappe.get_doc({**values, "place": CITY}).insert()
		with self.assertRaises(ReceptionDayError):
			frappe.get_doc({**values, "leader": HANDLER}).insert()
		with self.assertRaises(ReceptionDayError):
			frappe.get_doc({**values, "leader": LEADER_B, "original_date": d(6)}).insert()
		self.assertEqual(frappe.db.count("Reception Day", {"reception_date": d(5)}), 1)

	def test_the_calendar_lists_the_days_in_range(self):
		from frappe.desk.calendar import get_events

		self.make_schedule([(LEADER_A, "Monday", BUREAU)])
		frappe.set_user(LEADER_A)
		events = get_events(
			"Reception Day",
			"2027-03-14",
			"2027-03-20",
			'{"start": "reception_date", "end": "reception_date", "title": "title"}',
		)
		self.assertEqual([getdate(e.reception_date) for e in events], [d(16)])
