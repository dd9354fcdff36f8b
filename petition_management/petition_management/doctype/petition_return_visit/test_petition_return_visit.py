# Copyright (c) 2026, Petition Management contributors
# See license.txt

import datetime

import frappe
from frappe.utils import getdate, nowdate

from petition_management.petition_management.doctype.petition_return_visit.petition_return_visit import (
	ReturnVisitError,
)
from petition_management.petition_management.doctype.petition_settings.petition_settings import get_settings
from petition_management.tests.test_case_workflow import DIRECTOR, OFFICE, OFFICE_2, CaseWorkflowTestCase
from petition_management.tests.utils import make_user
from petition_management.tracking.return_visits import office_users, schedule_return_visit
from petition_management.utils.deadlines import due_date
from petition_management.utils.lifecycle_dates import LifecycleDateError

RETIRED_OFFICE = "rv-retired-office@example.com"


class TestPetitionReturnVisit(CaseWorkflowTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(RETIRED_OFFICE, ["Petition Office"])
		frappe.db.set_value("User", RETIRED_OFFICE, "enabled", 0)
		frappe.db.commit()

	def visit_of(self, case):
		return frappe.get_doc("Petition Return Visit", {"petition_case": case.name})

	def todos(self, visit) -> dict[str, tuple[str, object]]:
		rows = frappe.get_all(
			"ToDo",
			filters={"reference_type": "Petition Return Visit", "reference_name": visit.name},
			fields=["allocated_to", "status", "date"],
		)
		return {row.allocated_to: (row.status, getdate(row.date)) for row in rows}

	def complete(self, visit, user: str = OFFICE, **values):
		frappe.set_user(user)
		doc = frappe.get_doc("Petition Return Visit", visit.name)
		doc.update({"status": "Completed", **values})
		doc.save()
		frappe.set_user("Administrator")
		return doc

	def test_a_closed_case_gets_one_return_visit_for_the_office(self):
		case = self.closed_case()
		name = schedule_return_visit(case)
		visit = frappe.get_doc("Petition Return Visit", name)
		expected = due_date(nowdate(), get_settings().return_visit_days)
		self.assertEqual((visit.status, getdate(visit.visit_date)), ("Scheduled", expected))
		self.assertEqual(
			getdate(frappe.db.get_value("Petition Case", case.name, "return_visit_due")), expected
		)
		todos = self.todos(visit)
		self.assertEqual(set(todos), set(office_users()))
		self.assertIn(OFFICE, todos)
		self.assertNotIn(RETIRED_OFFICE, todos)
		self.assertEqual(set(todos.values()), {("Open", expected)})
		# once per case
		self.assertIsNone(schedule_return_visit(case))
		self.assertEqual(frappe.db.count("Petition Return Visit", {"petition_case": case.name}), 1)
		self.assertEqual(len(self.todos(visit)), len(todos))

	def test_closing_a_case_through_the_workflow_schedules_the_visit(self):
		case = self.act(
			OFFICE,
			self.register(),
			"Close as Answered on the Spot",
			consolidated_reply="已当场解释相关政策。",
		)
		self.assertEqual(case.workflow_state, "Closed")
		visit = self.visit_of(case)
		self.assertEqual(
			getdate(visit.visit_date), due_date(case.closed_on, get_settings().return_visit_days)
		)
		self.assertEqual(getdate(case.return_visit_due), getdate(visit.visit_date))

	def test_completing_needs_method_and_satisfaction(self):
		case = self.closed_case()
		visit = frappe.get_doc("Petition Return Visit", schedule_return_visit(case))
		with self.assertRaises(ReturnVisitError):
			self.complete(visit, visit_date=nowdate(), method="Phone")
		self.assertEqual(frappe.db.get_value("Petition Return Visit", visit.name, "status"), "Scheduled")
		self.assertFalse(frappe.db.get_value("Petition Case", case.name, "satisfaction"))

	def test_completing_records_satisfaction_and_closes_the_todos(self):
		case = self.closed_case()
		visit = frappe.get_doc("Petition Return Visit", schedule_return_visit(case))
		done = self.complete(
			visit,
			OFFICE_2,
			visit_date=nowdate(),
			method="Phone",
			satisfaction="Basically Satisfied",
			notes="_T 信访人表示基本满意。",
		)
		self.assertEqual((done.status, done.visited_by), ("Completed", OFFICE_2))
		self.assertEqual(
			frappe.db.get_value("Petition Case", case.name, "satisfaction"), "Basically Satisfied"
		)
		self.assertEqual({status for status, _date in self.todos(visit).values()}, {"Closed"})
		# a corrected satisfaction follows on the case; the visit cannot be scheduled again
		self.complete(visit, satisfaction="Dissatisfied")
		self.assertEqual(frappe.db.get_value("Petition Case", case.name, "satisfaction"), "Dissatisfied")
		with self.assertRaises(ReturnVisitError):
			self.complete(visit, status="Scheduled")

	def test_a_visit_cannot_be_completed_before_its_date(self):
		case = self.closed_case()
		visit = frappe.get_doc("Petition Return Visit", schedule_return_visit(case))
		self.assertGreater(getdate(visit.visit_date), getdate(nowdate()))
		with self.assertRaises(ReturnVisitError):
			self.complete(visit, method="Phone", satisfaction="Satisfied")
		self.assertEqual(frappe.db.get_value("Petition Return Visit", visit.name, "status"), "Scheduled")

	def test_a_visit_cannot_be_dated_before_the_case_was_closed(self):
		case = self.closed_case()
		visit = frappe.get_doc("Petition Return Visit", schedule_return_visit(case))
		before_closing = getdate(case.closed_on) - datetime.timedelta(days=1)
		with self.assertRaises(LifecycleDateError) as refused:
			self.complete(visit, visit_date=before_closing, method="Phone", satisfaction="Satisfied")
		self.assertIn("cannot be before", str(refused.exception))
		self.assertEqual(frappe.db.get_value("Petition Return Visit", visit.name, "status"), "Scheduled")

	def test_readers_cannot_record_a_visit(self):
		case = self.closed_case()
		visit = frappe.get_doc("Petition Return Visit", schedule_return_visit(case))
		with self.assertRaises(frappe.PermissionError):
			self.complete(visit, DIRECTOR, visit_date=nowdate(), method="Phone", satisfaction="Satisfied")
		self.assertEqual(frappe.db.get_value("Petition Return Visit", visit.name, "status"), "Scheduled")

	def test_a_visit_needs_a_closed_case(self):
		case = self.register()
		frappe.set_user(OFFICE)
		with self.assertRaises(ReturnVisitError):
			frappe.get_doc(
				{"doctype": "Petition Return Visit", "petition_case": case.name, "visit_date": nowdate()}
			).insert()
		self.assertFalse(frappe.db.exists("Petition Return Visit", {"petition_case": case.name}))
