# Copyright (c) 2026, Petition Management contributors
# See license.txt

import datetime

import frappe
from frappe.utils import getdate, nowdate

from petition_management.petition_management.doctype.petition_settings.petition_settings import get_settings
from petition_management.petition_management.doctype.petition_supervision.petition_supervision import (
	CaseNotSupervisedError,
	OrderClosedError,
	ResponseError,
	SupervisionError,
)
from petition_management.tests.test_case_workflow import CaseWorkflowTestCase
from petition_management.tests.utils import make_staffed_unit, make_users, queued_mail_recipients
from petition_management.tracking.supervision import (
	escalate_unanswered_orders,
	supervision_has_permission,
	supervision_query,
)
from petition_management.utils.deadlines import due_date

DOMAIN = "supervision.test.local"
BUREAU, UNIT_A, UNIT_B = "_T Supervision Bureau", "_T Supervision Unit A", "_T Supervision Unit B"
UNIT_C = "_T Supervision Unit C"
HANDLER, HEAD, LEADER = "Petition Unit Handler", "Petition Unit Head", "Petition Leader"
USERS = {
	"office": ["Petition Office"],
	"supervisor": ["Petition Supervisor"],
	"director": ["Petition Director"],
	"handler-a": [HANDLER],
	"handler-b": [HANDLER],
	"head-a": [HEAD],
	"head-b": [HEAD],
	"leader-a": [LEADER],
	"leader-bureau": [LEADER],
}
# unit: (parent, head, leader in charge, handlers); unit B has no leader: its bureau's leader takes over
UNITS = {
	BUREAU: (None, None, "leader-bureau", []),
	UNIT_A: (BUREAU, "head-a", "leader-a", ["handler-a"]),
	UNIT_B: (BUREAU, "head-b", None, ["handler-b"]),
	UNIT_C: (None, None, None, []),  # no leader anywhere above it
}


def u(login: str) -> str:
	return f"{login}@{DOMAIN}"


def day(days: int) -> datetime.date:
	return getdate(nowdate()) + datetime.timedelta(days=days)


class TestPetitionSupervision(CaseWorkflowTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_users({u(login): roles for login, roles in USERS.items()})
		for unit, (parent, head, leader, handlers) in UNITS.items():
			people = [u(login) if login else None for login in (head, leader)]
			handler_users = [u(handler) for handler in handlers]
			make_staffed_unit(unit, *people, handler_users, parent=parent, is_group=int(unit == BUREAU))
		frappe.db.commit()

	# --- helpers -------------------------------------------------------------------------------------

	def case_in_handling(self, unit: str = UNIT_A):
		"""A registered case put In Handling with a lead unit directly: the path there (acceptance,
		transfer) is tested in test_case_workflow and test_petition_transfer."""
		case = self.register()
		frappe.set_user("Administrator")
		case.db_set({"workflow_state": "In Handling", "lead_unit": unit})
		return case

	def order(self, case, user: str = u("office"), **values):
		frappe.set_user(user)
		doc = frappe.get_doc(
			{
				"doctype": "Petition Supervision",
				"petition_case": case.name,
				"reason": "Overdue",
				"instructions": "_T 请于期限内报告办理进展。",
				**values,
			}
		).insert()
		frappe.set_user("Administrator")
		return doc

	def respond(self, order, user: str, response: str = "_T 已约谈信访人，正在核实。", **values):
		frappe.set_user(user)
		doc = frappe.get_doc("Petition Supervision", order.name)
		doc.update({"response": response, **values})
		doc.save()
		frappe.set_user("Administrator")
		return doc

	def todos(self, order) -> dict[str, str]:
		rows = frappe.get_all(
			"ToDo",
			filters={"reference_type": "Petition Supervision", "reference_name": order.name},
			fields=["allocated_to", "status", "date"],
		)
		return {row.allocated_to: (row.status, getdate(row.date)) for row in rows}

	def notifications(self, order, user: str) -> int:
		return frappe.db.count(
			"Notification Log",
			{"for_user": user, "document_type": "Petition Supervision", "document_name": order.name},
		)

	# --- ordering ------------------------------------------------------------------------------------

	def test_order_defaults_to_the_lead_unit_and_the_settings_response_days(self):
		order = self.order(self.case_in_handling(UNIT_A))
		self.assertEqual(order.unit, UNIT_A)
		self.assertEqual(
			getdate(order.response_due), due_date(nowdate(), get_settings().supervision_response_days)
		)
		self.assertEqual((order.status, order.ordered_by), ("Open", u("office")))
		self.assertTrue(order.ordered_on)
		# the unit's handler gets a ToDo due on the response date
		self.assertEqual(self.todos(order), {u("handler-a"): ("Open", getdate(order.response_due))})

	def test_supervisor_orders_another_unit_with_its_own_date(self):
		order = self.order(
			self.case_in_handling(UNIT_A),
			u("supervisor"),
			unit=UNIT_B,
			reason="Key Case",
			response_due=day(2),
		)
		self.assertEqual(
			(order.unit, getdate(order.response_due), order.ordered_by), (UNIT_B, day(2), u("supervisor"))
		)

	def test_units_and_readers_cannot_order(self):
		case = self.case_in_handling(UNIT_A)
		for login in ("handler-a", "head-a", "leader-a", "director"):
			with self.subTest(login=login), self.assertRaises(frappe.PermissionError):
				self.order(case, u(login))
		self.assertFalse(frappe.db.exists("Petition Supervision", {"petition_case": case.name}))

	def test_no_order_on_a_case_no_longer_handled(self):
		case = self.register()
		frappe.set_user("Administrator")
		case.db_set({"workflow_state": "Closed", "closed_on": nowdate()})
		with self.assertRaises(CaseNotSupervisedError):
			self.order(case, unit=UNIT_A)
		self.assertFalse(frappe.db.exists("Petition Supervision", {"petition_case": case.name}))

	def test_response_date_before_the_order_is_refused(self):
		case = self.case_in_handling(UNIT_A)
		with self.assertRaises(SupervisionError):
			self.order(case, response_due=day(-1))
		self.assertFalse(frappe.db.exists("Petition Supervision", {"petition_case": case.name}))

	def test_the_client_cannot_set_status_or_escalation(self):
		order = self.order(self.case_in_handling(UNIT_A), status="Closed", escalated_to=u("leader-a"))
		self.assertEqual((order.status, order.escalated_to), ("Open", None))
		frappe.set_user(u("office"))
		doc = frappe.get_doc("Petition Supervision", order.name)
		doc.update({"status": "Responded", "responded_by": u("office"), "closed_on": nowdate()})
		doc.save()
		stored = frappe.db.get_value(
			"Petition Supervision", order.name, ["status", "responded_by", "closed_on"]
		)
		self.assertEqual(tuple(stored), ("Open", None, None))

	# --- responding ----------------------------------------------------------------------------------

	def test_a_handler_of_another_unit_cannot_respond(self):
		order = self.order(self.case_in_handling(UNIT_A))
		for login in ("handler-b", "head-b"):
			with self.subTest(login=login), self.assertRaises(frappe.PermissionError):
				self.respond(order, u(login))
			frappe.set_user("Administrator")
		self.assertEqual(
			frappe.db.get_value("Petition Supervision", order.name, ["status", "response"]), ("Open", None)
		)

	def test_the_office_cannot_respond_for_the_unit(self):
		order = self.order(self.case_in_handling(UNIT_A))
		with self.assertRaises(ResponseError):
			self.respond(order, u("office"))
		self.assertFalse(frappe.db.get_value("Petition Supervision", order.name, "response"))

	def test_the_unit_responds_once_and_cannot_change_the_order(self):
		order = self.order(self.case_in_handling(UNIT_A))
		doc = self.respond(order, u("handler-a"), instructions="_T 改写的指示", response_due=day(30))
		self.assertEqual((doc.status, doc.responded_by), ("Responded", u("handler-a")))
		stored = frappe.db.get_value(
			"Petition Supervision", order.name, ["instructions", "response_due"], as_dict=True
		)
		# the order's own fields are at permlevel 1: the unit's change is dropped
		self.assertEqual(
			(stored.instructions, getdate(stored.response_due)),
			(order.instructions, getdate(order.response_due)),
		)
		self.assertEqual(self.todos(order), {u("handler-a"): ("Closed", getdate(order.response_due))})
		self.assertEqual(self.notifications(order, u("office")), 1)
		with self.assertRaises(ResponseError):
			self.respond(order, u("head-a"), "_T 改口")
		self.assertEqual(
			frappe.db.get_value("Petition Supervision", order.name, "response"), "_T 已约谈信访人，正在核实。"
		)

	def test_the_unit_head_may_respond(self):
		order = self.order(self.case_in_handling(UNIT_A))
		self.assertEqual(self.respond(order, u("head-a")).responded_by, u("head-a"))

	# --- escalation ----------------------------------------------------------------------------------

	def test_an_unanswered_order_escalates_once_to_the_leader_in_charge(self):
		order_a = self.order(self.case_in_handling(UNIT_A), response_due=day(3))
		order_b = self.order(self.case_in_handling(UNIT_B), response_due=day(3))
		answered = self.order(self.case_in_handling(UNIT_A), response_due=day(3))
		self.respond(answered, u("handler-a"))
		later = self.order(self.case_in_handling(UNIT_A), response_due=day(4))
		frappe.set_user("Administrator")

		mine = {order_a.name, order_b.name, answered.name, later.name}
		with self.freeze_time(day(3)):
			self.assertFalse(mine & set(escalate_unanswered_orders()))  # due today is not overdue yet
		with self.freeze_time(day(4)):
			self.assertEqual(mine & set(escalate_unanswered_orders()), {order_a.name, order_b.name})
			self.assertEqual(escalate_unanswered_orders(), [])  # twice -> once

		for order, leader in ((order_a, u("leader-a")), (order_b, u("leader-bureau"))):
			stored = frappe.get_doc("Petition Supervision", order.name)
			self.assertEqual((stored.status, stored.escalated_to), ("Escalated", leader))
			self.assertEqual(getdate(stored.escalated_on), day(4))
			self.assertEqual(self.notifications(order, leader), 1)
			self.assertEqual(queued_mail_recipients("Petition Supervision", order.name), [[leader]])
		for order in (answered, later):
			self.assertNotEqual(
				frappe.db.get_value("Petition Supervision", order.name, "status"), "Escalated"
			)

	def test_with_no_leader_in_charge_the_orderer_is_told(self):
		order = self.order(self.case_in_handling(UNIT_C), u("supervisor"), response_due=day(1))
		with self.freeze_time(day(2)):
			self.assertIn(order.name, escalate_unanswered_orders())
		stored = frappe.get_doc("Petition Supervision", order.name)
		self.assertEqual((stored.status, stored.escalated_to), ("Escalated", None))
		self.assertEqual(self.notifications(order, u("supervisor")), 1)

	def test_an_escalated_order_can_still_be_answered(self):
		order = self.order(self.case_in_handling(UNIT_A), response_due=day(1))
		with self.freeze_time(day(2)):
			escalate_unanswered_orders()
		doc = self.respond(order, u("handler-a"))
		self.assertEqual((doc.status, doc.escalated_to), ("Responded", u("leader-a")))
		self.assertEqual(self.notifications(order, u("leader-a")), 2)  # the escalation, then the response

	# --- closing -------------------------------------------------------------------------------------

	def test_the_office_closes_a_responded_order_which_then_stays_as_it_is(self):
		order = self.order(self.case_in_handling(UNIT_A))
		frappe.set_user(u("office"))
		with self.assertRaises(SupervisionError):
			frappe.get_doc("Petition Supervision", order.name).close_order()
		self.respond(order, u("handler-a"))
		frappe.set_user(u("handler-a"))
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc("Petition Supervision", order.name).close_order()
		frappe.set_user(u("supervisor"))
		frappe.get_doc("Petition Supervision", order.name).close_order("_T 已落实")
		stored = frappe.get_doc("Petition Supervision", order.name)
		self.assertEqual(
			(stored.status, stored.closed_by, stored.closing_note), ("Closed", u("supervisor"), "_T 已落实")
		)
		stored.instructions = "_T 再改"
		with self.assertRaises(OrderClosedError):
			stored.save()

	# --- who sees what -------------------------------------------------------------------------------

	def visible_to(self, user: str, names: list[str]) -> set[str]:
		condition = supervision_query(user) or "1=1"
		return set(
			frappe.db.sql_list(
				f"select name from `tabPetition Supervision` where name in %(names)s and {condition}",
				{"names": names},
			)
		)

	def test_units_see_their_orders_and_leaders_those_escalated_to_them(self):
		order_a = self.order(self.case_in_handling(UNIT_A), response_due=day(1))
		order_b = self.order(self.case_in_handling(UNIT_B), response_due=day(1))
		names = [order_a.name, order_b.name]
		self.assertEqual(self.visible_to(u("handler-a"), names), {order_a.name})
		self.assertEqual(self.visible_to(u("head-b"), names), {order_b.name})
		self.assertEqual(self.visible_to(u("leader-bureau"), names), set())
		self.assertEqual(self.visible_to(u("director"), names), set(names))
		with self.freeze_time(day(2)):
			escalate_unanswered_orders()
		self.assertEqual(self.visible_to(u("leader-bureau"), names), {order_b.name})
		doc_a, doc_b = (frappe.get_doc("Petition Supervision", n) for n in names)
		self.assertTrue(supervision_has_permission(doc_a, "write", u("handler-a")))
		self.assertFalse(supervision_has_permission(doc_a, "read", u("handler-b")))
		self.assertTrue(supervision_has_permission(doc_b, "read", u("leader-bureau")))
		self.assertFalse(supervision_has_permission(doc_b, "write", u("leader-bureau")))
		if "Petition Supervision" in frappe.get_hooks("permission_query_conditions"):
			frappe.set_user(u("handler-a"))
			listed = frappe.get_list("Petition Supervision", filters={"name": ("in", names)}, pluck="name")
			self.assertEqual(listed, [order_a.name])
