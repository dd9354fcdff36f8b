# Copyright (c) 2026, Petition Management contributors
# See license.txt

import frappe
from frappe.client import get as client_get
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_to_date, now_datetime

from petition_management.petition_management.doctype.petition_visit.petition_visit import (
	DuplicatePetitionerRowError,
	ReceivingLeaderError,
	RepresentativeError,
	VisitDateError,
	VisitorCountError,
	VisitOutcomeError,
)
from petition_management.setup.notifications import (
	delete_notifications,
	ensure_notifications,
	get_notification_names,
)
from petition_management.tests.factories import make_petitioner, new_visit
from petition_management.tests.utils import (
	make_category,
	make_outgoing_email_account,
	make_unit,
	make_users,
	queued_mail_recipients,
)

RECEPTION = "visit-reception@example.com"
OFFICE = "visit-office@example.com"
LEADER = "visit-leader@example.com"
RECEIVING_LEADER = "visit-receiving-leader@example.com"
HANDLER = "visit-handler@example.com"
UNIT = "_T Visit Labour Office"
CATEGORY = "_T Visit Unpaid Wages"
SUBJECT = "_T Visit unpaid wages at the brick works"
USERS = {
	RECEPTION: ["Petition Reception Officer"],
	OFFICE: ["Petition Office"],
	LEADER: ["Petition Leader"],
	RECEIVING_LEADER: ["Petition Leader"],
	HANDLER: ["Petition Unit Handler"],
}


def clear_settings_cache():
	frappe.clear_document_cache("Petition Settings", "Petition Settings")


def clear_notification_cache():
	frappe.cache.hdel("notifications", "Petition Visit")


class TestPetitionVisit(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		# What after_install / after_migrate do on every site: the shipped Notifications exist.
		ensure_notifications()
		# The people and masters every test uses, committed once (as a site's test records are).
		make_users(USERS)
		make_unit(UNIT, leader_in_charge=LEADER)
		make_category(CATEGORY, default_handling_unit=UNIT)
		cls.petitioners = [make_petitioner(f"_T Visitor {n}", reuse_name=True) for n in range(1, 8)]
		frappe.db.commit()
		clear_notification_cache()

	def setUp(self):
		self.set_settings(group_visit_threshold=5, max_representatives=5)
		make_outgoing_email_account()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		clear_settings_cache()
		clear_notification_cache()
		frappe.local.outgoing_email_account = {}

	# helpers

	def set_settings(self, **values):
		user = frappe.session.user
		frappe.set_user("Administrator")
		settings = frappe.get_single("Petition Settings")
		settings.update(values)
		settings.save()
		clear_settings_cache()
		frappe.set_user(user)

	def new_visit(self, rows: int = 1, **values):
		return new_visit(
			*self.petitioners[:rows],
			subject=SUBJECT,
			content="<p>_T Three months of wages are unpaid.</p>",
			request="_T Pay the wages.",
			**{"category": CATEGORY, "number_of_visitors": rows, **values},
		)

	def register(self, rows: int = 1, **values):
		frappe.set_user(RECEPTION)
		return self.new_visit(rows, **values).insert()

	def assert_refused(self, exc, rows: int = 1, **values):
		frappe.set_user(RECEPTION)
		before = frappe.db.count("Petition Visit", {"subject": SUBJECT})
		with self.assertRaises(exc) as caught:
			self.new_visit(rows, **values).insert()
		self.assertEqual(frappe.db.count("Petition Visit", {"subject": SUBJECT}), before)
		return str(caught.exception)

	def notified_users(self, visit: str) -> list[str]:
		return frappe.get_all(
			"Notification Log",
			filters={"document_type": "Petition Visit", "document_name": visit},
			pluck="for_user",
		)

	def email_recipients(self, visit: str) -> list[list[str]]:
		"""The recipients of each Email Queue entry about this visit."""
		return queued_mail_recipients("Petition Visit", visit)

	# registration

	def test_reception_officer_registers_a_visit(self):
		visit = self.register(rows=2)
		self.assertEqual(visit.reception_officer, RECEPTION)
		self.assertEqual(visit.status, "Open")
		self.assertEqual(visit.suggested_unit, UNIT)
		self.assertEqual(visit.leader_in_charge, LEADER)
		self.assertEqual(visit.is_group_visit, 0)
		self.assertEqual(visit.has_special_circumstances, 0)
		self.assertEqual([row.is_representative for row in visit.petitioners], [0, 0])
		self.assertEqual(visit.petitioners[0].petitioner_name, "_T Visitor 1")
		self.assertTrue(frappe.db.exists("Petition Visit", visit.name))

	def test_unit_handler_cannot_read_or_register_visits(self):
		visit = self.register()
		frappe.set_user(HANDLER)
		with self.assertRaises(frappe.PermissionError):
			frappe.get_list("Petition Visit")
		with self.assertRaises(frappe.PermissionError):
			client_get("Petition Visit", visit.name)
		with self.assertRaises(frappe.PermissionError):
			self.new_visit().insert()

	def test_group_of_six_is_flagged_and_four_is_not(self):
		group = self.register(rows=2, number_of_visitors=6)
		self.assertEqual(group.is_group_visit, 1)
		self.assertEqual(group.has_special_circumstances, 1)
		self.assertEqual([row.is_representative for row in group.petitioners], [1, 1])
		small = self.register(rows=2, number_of_visitors=4)
		self.assertEqual(small.is_group_visit, 0)
		self.assertEqual(small.has_special_circumstances, 0)

	def test_group_threshold_comes_from_settings(self):
		self.set_settings(group_visit_threshold=7)
		self.assertEqual(self.register(number_of_visitors=6).is_group_visit, 0)
		self.assertEqual(self.register(number_of_visitors=7).is_group_visit, 1)

	def test_more_representatives_than_a_group_elects_are_refused(self):
		message = self.assert_refused(RepresentativeError, rows=6, number_of_visitors=8)
		self.assertIn("at most 5", message)
		self.set_settings(max_representatives=3)
		self.assert_refused(RepresentativeError, rows=4, number_of_visitors=8)
		self.assertEqual(len(self.register(rows=3, number_of_visitors=8).petitioners), 3)

	def test_more_petitioners_than_visitors_are_refused(self):
		self.assert_refused(VisitorCountError, rows=3, number_of_visitors=2)
		self.assert_refused(VisitorCountError, rows=1, number_of_visitors=0)

	def test_a_petitioner_listed_twice_is_refused(self):
		frappe.set_user(RECEPTION)
		visit = self.new_visit(rows=2, number_of_visitors=3)
		visit.append("petitioners", {"petitioner": self.petitioners[0]})
		with self.assertRaises(DuplicatePetitionerRowError):
			visit.insert()
		self.assertEqual(frappe.db.count("Petition Visit", {"subject": SUBJECT}), 0)

	def test_leader_reception_needs_the_receiving_leader(self):
		for reception_type in ("Leader's Reception Day", "Leader's Visit"):
			self.assert_refused(ReceivingLeaderError, reception_type=reception_type)
		frappe.db.set_value("User", RECEIVING_LEADER, "enabled", 0)
		self.assert_refused(
			ReceivingLeaderError, reception_type="Leader's Reception Day", receiving_leader=RECEIVING_LEADER
		)
		frappe.db.set_value("User", RECEIVING_LEADER, "enabled", 1)
		visit = self.register(reception_type="Leader's Reception Day", receiving_leader=RECEIVING_LEADER)
		self.assertEqual(visit.receiving_leader, RECEIVING_LEADER)
		daily = self.register(reception_type="Daily Reception", receiving_leader=RECEIVING_LEADER)
		self.assertIsNone(daily.receiving_leader)

	def test_a_visit_in_the_future_is_refused(self):
		self.assert_refused(VisitDateError, visit_datetime=add_to_date(now_datetime(), hours=2))
		past = self.register(visit_datetime=add_to_date(now_datetime(), days=-3))
		self.assertTrue(frappe.db.exists("Petition Visit", past.name))

	def test_suggested_unit_follows_the_category_unless_changed(self):
		other_unit = make_unit("_T Visit Housing Office", leader_in_charge=RECEIVING_LEADER)
		other_category = make_category("_T Visit Repairs", default_handling_unit=other_unit)
		visit = self.register()
		visit.category = other_category
		visit.save()
		self.assertEqual((visit.suggested_unit, visit.leader_in_charge), (other_unit, RECEIVING_LEADER))
		visit.suggested_unit = UNIT
		visit.save()
		self.assertEqual(visit.leader_in_charge, LEADER)

	# outcome

	def test_answered_on_the_spot_needs_the_answer_and_closes_the_visit(self):
		self.assert_refused(VisitOutcomeError, outcome="Answered on the Spot", on_the_spot_answer="  ")
		visit = self.register()
		visit.outcome = "Answered on the Spot"
		visit.on_the_spot_answer = "_T The labour office will pay on Friday."
		visit.save()
		self.assertEqual(frappe.db.get_value("Petition Visit", visit.name, "status"), "Closed")
		visit.outcome = "Registered as a Case"
		self.assertRaises(VisitOutcomeError, visit.save)
		self.assertFalse(frappe.db.exists("Petition Case", {"source_name": visit.name}))

	def test_registered_as_a_case_creates_the_case_once(self):
		visit = self.register(rows=2, number_of_visitors=2, outcome="Registered as a Case")
		self.assertEqual(visit.status, "Closed")
		self.assertTrue(visit.petition_case)
		case = frappe.get_doc("Petition Case", visit.petition_case)
		self.assertEqual((case.source_doctype, case.source_name), ("Petition Visit", visit.name))
		self.assertEqual(len(case.petitioners), 2)
		visit.reload()
		visit.request = "_T Pay the wages and the interest."
		visit.save()
		self.assertEqual(frappe.db.count("Petition Case", {"source_name": visit.name}), 1)
		self.assertEqual(frappe.db.get_value("Petition Visit", visit.name, "petition_case"), case.name)

	def test_repeat_of_an_existing_case_is_noted_on_that_case_once(self):
		original = self.register(outcome="Registered as a Case")
		self.assert_refused(VisitOutcomeError, outcome="Repeat of an Existing Case")
		repeat = self.register(outcome="Repeat of an Existing Case", repeat_of=original.petition_case)
		self.assertEqual(repeat.status, "Closed")
		repeat.special_notes = "_T Came back calm."
		repeat.save()
		notes = frappe.get_all(
			"Petition Repeat Note",
			filters={"parent": original.petition_case, "source_name": repeat.name},
			pluck="name",
		)
		self.assertEqual(len(notes), 1)

	# notifications

	def test_special_circumstances_notify_the_office_and_the_leader_once(self):
		visit = self.register(is_elderly=1)
		self.assertEqual(visit.has_special_circumstances, 1)
		notified = self.notified_users(visit.name)
		self.assertEqual(notified.count(OFFICE), 1)
		self.assertEqual(notified.count(LEADER), 1)
		self.assertNotIn(HANDLER, notified)
		emails = self.email_recipients(visit.name)
		self.assertEqual(len(emails), 1)
		self.assertSequenceSubset(emails[0], [OFFICE, LEADER])

		visit.special_notes = "_T Offered a seat and water."
		visit.is_unwell = 1
		visit.save()
		self.assertEqual(sorted(self.notified_users(visit.name)), sorted(notified))
		self.assertEqual(len(self.email_recipients(visit.name)), 1)

	def test_a_group_visit_of_six_notifies(self):
		visit = self.register(rows=2, number_of_visitors=6)
		notified = self.notified_users(visit.name)
		self.assertSequenceSubset(notified, [OFFICE, LEADER])
		log = frappe.get_last_doc(
			"Notification Log", filters={"document_name": visit.name, "for_user": OFFICE}
		)
		self.assertIn(visit.name, log.subject)
		self.assertIn("6", log.subject)
		self.assertIn(UNIT, log.email_content)

	def test_a_plain_visit_notifies_nobody(self):
		visit = self.register(rows=2, number_of_visitors=4)
		visit.special_notes = "_T Nothing special."
		visit.save()
		self.assertEqual(self.notified_users(visit.name), [])
		self.assertEqual(self.email_recipients(visit.name), [])

	def test_a_visit_that_turns_special_notifies_then(self):
		visit = self.register()
		self.assertEqual(self.notified_users(visit.name), [])
		visit.is_agitated = 1
		visit.save()
		notified = self.notified_users(visit.name)
		self.assertSequenceSubset(notified, [OFFICE, LEADER])
		self.assertEqual(len(self.email_recipients(visit.name)), 1)
		visit.special_notes = "_T Calmed down after talking to the officer."
		visit.save()
		self.assertEqual(len(self.notified_users(visit.name)), len(notified))
		self.assertEqual(len(self.email_recipients(visit.name)), 1)

	def test_an_admins_edit_of_a_notification_survives_and_a_deleted_one_returns(self):
		name = get_notification_names()[0]
		notification = frappe.get_doc("Notification", name)
		notification.subject = "_T Look at {{ doc.name }} now"
		notification.save()
		frappe.delete_doc("Notification", get_notification_names()[1])
		ensure_notifications()
		self.assertEqual(
			frappe.db.get_value("Notification", name, "subject"), "_T Look at {{ doc.name }} now"
		)
		self.assertTrue(frappe.db.exists("Notification", get_notification_names()[1]))

	def test_uninstall_removes_the_shipped_notifications(self):
		delete_notifications()
		for name in get_notification_names():
			self.assertFalse(frappe.db.exists("Notification", name))
