"""The demo's emergency incidents come with their alerts: the office, the leader in charge and the
director were told in the desk, in their language (the demo staff read Chinese), on opening and on
escalation."""

import frappe
from frappe.tests.utils import FrappeTestCase

from petition_management.demo import DemoContext
from petition_management.demo.incidents import HALL, SQUARE, make_incidents
from petition_management.demo.users import demo_email
from petition_management.tests.utils import load_demo_until_cases


class TestDemoIncidentAlerts(FrappeTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def test_each_demo_incident_has_its_alerts(self):
		context = DemoContext()
		load_demo_until_cases(context)
		make_incidents(context)
		incidents = frappe.get_all(
			"Emergency Incident",
			filters={"place": ("in", (SQUARE, HALL))},
			fields=["name", "leader_in_charge", "escalated_to"],
		)
		self.assertEqual(len(incidents), 2)
		office, director = demo_email("office"), demo_email("director")
		for incident in incidents:
			self.assertTrue(incident.leader_in_charge, incident.name)
			logs = frappe.get_all(
				"Notification Log",
				filters={"document_type": "Emergency Incident", "document_name": incident.name},
				fields=["for_user", "subject"],
			)
			alerts_each = 2 if incident.escalated_to else 1  # opened, and escalated
			for user in (office, director, incident.leader_in_charge):
				subjects = [log.subject for log in logs if log.for_user == user]
				self.assertEqual(len(subjects), alerts_each, (incident.name, user))
				self.assertTrue(all(s.startswith(f"突发事件 {incident.name}") for s in subjects), subjects)
