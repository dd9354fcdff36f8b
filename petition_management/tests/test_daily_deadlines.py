"""The daily deadline job: statuses kept current set-based, and one digest per person per day."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, now

from petition_management.tests.utils import count_queries, make_unit, make_user
from petition_management.tracking.daily import run_daily_deadlines

TODAY = "2026-03-02"  # a Monday
OFFICE = "daily-office@example.com"
LEADER = "daily-leader@example.com"
DUE_OFFSETS = (-5, 0, 2, 3, 4, 20)  # overdue, due soon (today .. +3), on time


def seed_cases(count: int, unit: str):
	"""`count` cases in handling, straight into the table (the job must not care how they came)."""
	stamp = now()
	rows = []
	for i in range(count):
		due = add_days(TODAY, DUE_OFFSETS[i % len(DUE_OFFSETS)])
		rows.append(
			(
				f"_T-DL-{count}-{i:05d}",
				"Letter",
				"_T 逾期测试",
				"内容",
				"2026-01-05",
				"In Handling",
				unit,
				due,
				"Administrator",
				"Administrator",
				stamp,
				stamp,
			)
		)
	frappe.db.bulk_insert(
		"Petition Case",
		[
			"name",
			"source_type",
			"subject",
			"content",
			"received_on",
			"workflow_state",
			"lead_unit",
			"current_due",
			"owner",
			"modified_by",
			"creation",
			"modified",
		],
		rows,
	)


class TestDailyDeadlines(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(OFFICE, ["Petition Office"])
		make_user(LEADER, ["Petition Leader"])
		make_unit("_T Daily Unit", leader_in_charge=LEADER)
		frappe.db.commit()

	def setUp(self):
		frappe.db.delete("Petition Digest Log", {"digest_date": TODAY})

	def tearDown(self):
		frappe.db.rollback()

	def statuses(self, count):
		return dict(
			frappe.db.sql(
				"""SELECT current_due, deadline_status FROM `tabPetition Case`
				WHERE name LIKE %s GROUP BY current_due, deadline_status""",
				(f"_T-DL-{count}-%",),
			)
		)

	def test_statuses_follow_the_due_dates(self):
		seed_cases(12, "_T Daily Unit")
		run_daily_deadlines(TODAY)
		statuses = self.statuses(12)
		self.assertEqual(statuses[getdate(add_days(TODAY, -5))], "Overdue")
		self.assertEqual(statuses[getdate(TODAY)], "Due Soon")
		self.assertEqual(statuses[getdate(add_days(TODAY, 3))], "Due Soon")
		self.assertEqual(statuses[getdate(add_days(TODAY, 4))], "On Time")
		self.assertEqual(statuses[getdate(add_days(TODAY, 20))], "On Time")

	def test_working_day_basis_counts_the_warning_in_working_days(self):
		settings = frappe.get_single("Petition Settings")
		settings.day_basis = "Working Days"
		settings.save()
		seed_cases(12, "_T Daily Unit")
		# Monday + 3 working days = Thursday; Friday (+4) is on time
		run_daily_deadlines(TODAY)
		self.assertEqual(self.statuses(12)[getdate(add_days(TODAY, 3))], "Due Soon")
		frappe.clear_document_cache("Petition Settings", "Petition Settings")

	def test_one_digest_per_person_per_day(self):
		seed_cases(12, "_T Daily Unit")
		run_daily_deadlines(TODAY)
		run_daily_deadlines(TODAY)
		for user in (OFFICE, LEADER):
			logs = frappe.get_all(
				"Notification Log", filters={"for_user": user, "subject": ("like", "Deadlines today%")}
			)
			self.assertEqual(len(logs), 1, user)
		office_log = frappe.get_last_doc("Notification Log", filters={"for_user": OFFICE})
		# 12 cases, two per offset: -5 is overdue; 0, 2 and 3 are due soon
		self.assertEqual(office_log.subject, "Deadlines today: 2 overdue, 6 due soon")
		self.assertEqual(frappe.db.count("Petition Digest Log", {"user": OFFICE, "digest_date": TODAY}), 1)

	def test_query_count_does_not_grow_with_the_number_of_cases(self):
		seed_cases(50, "_T Daily Unit")
		small = count_queries(run_daily_deadlines, TODAY)
		frappe.db.rollback()
		frappe.db.delete("Petition Digest Log", {"digest_date": TODAY})
		seed_cases(500, "_T Daily Unit")
		with self.assertQueryCount(small):
			run_daily_deadlines(TODAY)
		self.assertEqual(len(self.statuses(500)), len(DUE_OFFSETS))
