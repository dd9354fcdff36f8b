"""A case's lifecycle dates stay in order and never lie ahead: the delivery the review window runs from is
refused before the reply or in the future, every problem of a save is named at once, in the user's
language, and an edit is not refused for an old inconsistency it does not touch."""

import frappe
from frappe.utils import add_days, getdate, nowdate

from petition_management.tests.test_case_workflow import OFFICE, CaseWorkflowTestCase
from petition_management.utils.lifecycle_dates import LifecycleDateError


class TestCaseDates(CaseWorkflowTestCase):
	def replied_case(self, replied_on=None):
		case = self.register()
		frappe.set_user("Administrator")
		case.db_set({"workflow_state": "Replied", "replied_on": replied_on or nowdate()})
		return frappe.get_doc("Petition Case", case.name)

	def close(self, case, delivered_on):
		return self.act(OFFICE, case, "Close Case", delivery_method="Post", delivered_on=delivered_on)

	def test_delivery_before_the_reply_is_refused(self):
		case = self.replied_case()
		with self.assertRaises(LifecycleDateError) as caught:
			self.close(case, add_days(nowdate(), -3))
		self.assertIn("cannot be before", str(caught.exception))
		self.assertEqual(frappe.db.get_value("Petition Case", case.name, "workflow_state"), "Replied")

	def test_delivery_in_the_future_is_refused_in_the_users_language(self):
		case = self.replied_case()
		frappe.local.lang = "zh"
		try:
			with self.assertRaises(LifecycleDateError) as caught:
				self.close(case, add_days(nowdate(), 20))
		finally:
			frappe.local.lang = "en"
		self.assertIn("不能晚于今天", str(caught.exception))
		self.assertIsNone(frappe.db.get_value("Petition Case", case.name, "delivered_on"))

	def test_a_delivery_on_or_after_the_reply_closes_the_case(self):
		case = self.close(self.replied_case(add_days(nowdate(), -2)), add_days(nowdate(), -1))
		self.assertEqual(case.workflow_state, "Closed")
		self.assertEqual(getdate(case.delivered_on), getdate(add_days(nowdate(), -1)))

	def test_every_problem_of_a_save_is_named_at_once(self):
		case = self.replied_case(add_days(nowdate(), -5))
		frappe.set_user(OFFICE)
		case = frappe.get_doc("Petition Case", case.name)
		case.received_on = add_days(nowdate(), -1)  # after the reply
		case.delivered_on = add_days(nowdate(), 3)  # ahead of today
		with self.assertRaises(frappe.ValidationError) as caught:
			case.save()
		message = str(caught.exception)
		self.assertIn("cannot be before", message)
		self.assertIn("cannot be after today", message)

	def test_an_edit_is_not_refused_for_dates_it_does_not_touch(self):
		case = self.replied_case()
		# an old record: delivered (by an import) before the reply
		case.db_set("delivered_on", add_days(nowdate(), -9))
		frappe.set_user(OFFICE)
		case = frappe.get_doc("Petition Case", case.name)
		case.request = "_T 请求退还多收的停车费。"
		case.save()
		self.assertEqual(frappe.db.get_value("Petition Case", case.name, "request"), case.request)

	def test_a_bad_date_gets_a_clear_message(self):
		case = self.replied_case()
		frappe.set_user(OFFICE)
		case = frappe.get_doc("Petition Case", case.name)
		case.delivered_on = "2026-02-30"
		with self.assertRaises(frappe.ValidationError) as caught:
			case.save()
		self.assertIn("2026-02-30", str(caught.exception))
