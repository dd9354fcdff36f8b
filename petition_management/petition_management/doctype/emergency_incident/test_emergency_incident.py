# Copyright (c) 2026, Petition Management contributors
# See license.txt

import datetime

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_to_date, get_datetime, now_datetime

from petition_management.special.incidents import (
	EscalationError,
	IncidentClosedError,
	IncidentError,
	ResponseLogError,
	VisitNotSpecialError,
	new_incident_from_visit,
)
from petition_management.tests.queued_mail import queued_mails
from petition_management.tests.utils import (
	make_category,
	make_outgoing_email_account,
	make_petitioner,
	make_unit,
	make_user,
)

DOMAIN = "incident.test.local"
OFFICE, RECEPTION = f"office@{DOMAIN}", f"reception@{DOMAIN}"
LEADER, UNIT_LEADER, HANDLER = f"leader@{DOMAIN}", f"unit-leader@{DOMAIN}", f"handler@{DOMAIN}"
DIRECTOR = f"director@{DOMAIN}"
UNIT, CATEGORY = "_T Incident Labour Office", "_T Incident Wages"
# The office and the unit's leader in charge read Chinese, the director English.
LANGUAGES = {OFFICE: "zh", UNIT_LEADER: "zh", DIRECTOR: "en"}


class TestEmergencyIncident(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(OFFICE, ["Petition Office"])
		make_user(RECEPTION, ["Petition Reception Officer"])
		make_user(LEADER, ["Petition Leader"])
		make_user(UNIT_LEADER, ["Petition Leader"])
		make_user(HANDLER, ["Petition Unit Handler"])
		make_user(DIRECTOR, ["Petition Director"])
		for user, language in LANGUAGES.items():
			frappe.db.set_value("User", user, "language", language)
		make_unit(UNIT, leader_in_charge=UNIT_LEADER)
		make_category(CATEGORY, default_handling_unit=UNIT)
		make_outgoing_email_account()
		frappe.db.commit()

	def setUp(self):
		self.muted = frappe.flags.mute_emails
		frappe.flags.mute_emails = True  # queue mail, never send it

	def tearDown(self):
		frappe.flags.mute_emails = self.muted
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def visit(self, visitors=8, **values):
		"""A visit on a wages matter: the labour office's leader in charge is the visit's."""
		frappe.set_user("Administrator")
		petitioner = make_petitioner("_T 代表甲")
		frappe.set_user(RECEPTION)
		doc = frappe.get_doc(
			{
				"doctype": "Petition Visit",
				"visit_datetime": add_to_date(now_datetime(), hours=-2),
				"number_of_visitors": visitors,
				"petitioners": [{"petitioner": petitioner}],
				"category": CATEGORY,
				"subject": "_T 工业园区企业欠薪",
				"content": "_T 两家企业停产，工人工资未发放。",
				**values,
			}
		).insert()
		return doc

	def incident(self, visit, user=OFFICE, **values):
		frappe.set_user(user)
		doc = frappe.get_doc(
			{
				"doctype": "Emergency Incident",
				"source_visit": visit.name,
				"place": "_T 信访局接待大厅",
				"situation": "_T 来访群众情绪激动，聚集在大厅。",
				**values,
			}
		)
		return doc.insert()

	def test_an_incident_from_a_group_visit_takes_its_details(self):
		visit = self.visit()
		self.assertTrue(visit.is_group_visit)
		incident = self.incident(visit)
		self.assertEqual(incident.status, "Open")
		self.assertEqual(get_datetime(incident.incident_time), get_datetime(visit.visit_datetime))
		self.assertEqual((incident.number_of_people, incident.leader_in_charge), (8, UNIT_LEADER))
		self.assertEqual([row.visit for row in incident.visits], [visit.name])

	def test_an_ordinary_visit_opens_no_incident(self):
		visit = self.visit(visitors=1)
		with self.assertRaises(VisitNotSpecialError):
			self.incident(visit)
		with self.assertRaises(VisitNotSpecialError):
			new_incident_from_visit(visit.name)
		self.assertFalse(frappe.db.exists("Emergency Incident", {"source_visit": visit.name}))

	def test_a_visit_with_special_circumstances_opens_one(self):
		visit = self.visit(visitors=1, is_agitated=1)
		self.assertTrue(visit.has_special_circumstances)
		incident = new_incident_from_visit(visit.name, place="_T 大厅")
		self.assertEqual(incident.leader_in_charge, UNIT_LEADER)
		incident.situation = "_T 来访人情绪激动"
		incident.insert()
		self.assertTrue(frappe.db.exists("Emergency Incident", incident.name))

	def alerts(self, incident) -> dict[str, list[str]]:
		"""Our people's desk alerts about the incident: user -> subjects, oldest first."""
		logs = frappe.get_all(
			"Notification Log",
			filters={
				"document_type": "Emergency Incident",
				"document_name": incident.name,
				"for_user": ("in", list(LANGUAGES)),
			},
			fields=["for_user", "subject"],
			order_by="creation asc, name asc",
		)
		found = {}
		for log in logs:
			found.setdefault(log.for_user, []).append(log.subject)
		return found

	def mails_by_language(self, incident) -> dict[str, list]:
		"""The queued e-mails about the incident that reach our people, by our people's language."""
		found = {}
		for mail in queued_mails("Emergency Incident", incident.name):
			ours = {LANGUAGES[r] for r in mail.recipients if r in LANGUAGES}
			self.assertLessEqual(len(ours), 1, f"one e-mail mixes languages: {mail.recipients}")
			for language in ours:
				found.setdefault(language, []).append(mail)
		return found

	def test_opening_an_incident_alerts_office_leader_and_director_each_in_their_language(self):
		incident = self.incident(self.visit())
		alerts = self.alerts(incident)
		self.assertEqual(set(alerts), {OFFICE, UNIT_LEADER, DIRECTOR})
		self.assertTrue(all(len(subjects) == 1 for subjects in alerts.values()), alerts)
		zh_subject = f"突发事件 {incident.name}（_T 信访局接待大厅）：8 人"
		en_subject = f"Emergency incident {incident.name} at _T 信访局接待大厅: 8 people"
		self.assertEqual(alerts[OFFICE], [zh_subject])
		self.assertEqual(alerts[UNIT_LEADER], [zh_subject])
		self.assertEqual(alerts[DIRECTOR], [en_subject])

		mails = self.mails_by_language(incident)
		self.assertEqual(set(mails), {"zh", "en"})
		(zh,), (en,) = mails["zh"], mails["en"]
		self.assertTrue({OFFICE, UNIT_LEADER} <= set(zh.recipients))
		self.assertNotIn(DIRECTOR, zh.recipients)
		self.assertIn(DIRECTOR, en.recipients)
		self.assertEqual((zh.subject, en.subject), (zh_subject, en_subject))
		self.assertIn("打开突发事件", zh.html)
		self.assertIn("Open the incident", en.html)
		self.assertNotIn("Open the incident", zh.html)
		self.assertIn(frappe.utils.get_url_to_form("Emergency Incident", incident.name), en.html)
		self.assertIn(incident.visits[0].visit, zh.html)
		self.assertEqual((zh.priority, en.priority), (10, 10))  # ahead of ordinary mail

	def test_escalation_alerts_them_again_and_records_police_help(self):
		incident = self.incident(self.visit())
		incident.append("response_log", {"action": "_T 接待人员安抚情绪，引导选派代表"})
		incident.save()
		incident.escalate("_T 人员继续聚集，单位无法劝离", police_assistance_requested=1)
		incident.reload()
		self.assertEqual((incident.status, incident.escalated_to), ("Escalated", UNIT_LEADER))
		self.assertTrue(incident.police_assistance_requested)
		self.assertIn("_T 人员继续聚集", incident.response_log[-1].action)
		self.assertEqual(len(incident.response_log), 2)

		alerts = self.alerts(incident)
		self.assertEqual(set(alerts), {OFFICE, UNIT_LEADER, DIRECTOR})
		self.assertTrue(all(len(subjects) == 2 for subjects in alerts.values()), alerts)
		leader = frappe.utils.get_fullname(UNIT_LEADER)
		self.assertEqual(
			alerts[OFFICE][1], f"突发事件 {incident.name}（_T 信访局接待大厅）已上报分管领导 {leader}"
		)
		self.assertEqual(
			alerts[DIRECTOR][1],
			f"Emergency incident {incident.name} at _T 信访局接待大厅 escalated to {leader}",
		)
		mails = self.mails_by_language(incident)
		self.assertEqual((len(mails["zh"]), len(mails["en"])), (2, 2))  # on opening and on escalation
		zh, en = mails["zh"][1], mails["en"][1]
		self.assertTrue({OFFICE, UNIT_LEADER} <= set(zh.recipients))
		self.assertIn(DIRECTOR, en.recipients)
		self.assertIn("_T 人员继续聚集，单位无法劝离", zh.html)
		self.assertIn("已请求公安协助", zh.html)
		self.assertIn("The police were asked for help.", en.html)
		self.assertIn("_T 接待人员安抚情绪", en.html)  # the latest response log entries

	def test_every_escalation_alerts_at_once(self):
		incident = self.incident(self.visit())
		incident.escalate("_T 第一次上报")
		incident.reload()
		incident.escalate("_T 再次上报：人数增加")
		self.assertEqual(len(self.alerts(incident)[DIRECTOR]), 3)
		self.assertEqual(len(self.mails_by_language(incident)["en"]), 3)

	def test_without_an_outgoing_account_the_alert_stays_in_the_desk_and_says_so(self):
		frappe.set_user("Administrator")
		frappe.flags.mute_emails = False  # muted, Frappe would use a dummy account
		for account in frappe.get_all("Email Account", filters={"enable_outgoing": 1}, pluck="name"):
			frappe.db.set_value("Email Account", account, "enable_outgoing", 0)
		frappe.local.outgoing_email_account = {}
		try:
			incident = self.incident(self.visit())
		finally:
			frappe.local.outgoing_email_account = {}
		self.assertEqual(set(self.alerts(incident)), {OFFICE, UNIT_LEADER, DIRECTOR})
		self.assertEqual(queued_mails("Emergency Incident", incident.name), [])
		comments = frappe.get_all(
			"Comment",
			filters={"reference_doctype": "Emergency Incident", "reference_name": incident.name},
			pluck="content",
		)
		self.assertEqual(len(comments), 1)
		self.assertIn("outgoing e-mail account", comments[0])

	def test_no_escalation_without_a_reason_or_a_leader(self):
		incident = self.incident(self.visit(category=None))
		self.assertFalse(incident.leader_in_charge)
		with self.assertRaises(EscalationError):
			incident.escalate("_T 无法平息")
		incident.reload()
		incident.leader_in_charge = LEADER
		incident.save()
		alerts_on_opening = frappe.db.count("Notification Log", {"document_name": incident.name})
		with self.assertRaises(EscalationError):
			incident.escalate("  ")
		self.assertEqual(frappe.db.get_value("Emergency Incident", incident.name, "status"), "Open")
		self.assertEqual(
			frappe.db.count("Notification Log", {"document_name": incident.name}), alerts_on_opening
		)

	def test_the_response_log_records_in_order_and_is_kept(self):
		incident = self.incident(self.visit())
		now = now_datetime()
		incident.append(
			"response_log", {"response_time": add_to_date(now, minutes=-30), "action": "_T 第二步"}
		)
		incident.append(
			"response_log", {"response_time": add_to_date(now, minutes=-50), "action": "_T 第一步"}
		)
		incident.save()
		self.assertEqual([row.action for row in incident.response_log], ["_T 第一步", "_T 第二步"])
		self.assertEqual([row.idx for row in incident.response_log], [1, 2])
		self.assertEqual({row.by_user for row in incident.response_log}, {OFFICE})
		incident.append("response_log", {"response_time": add_to_date(now, minutes=-40), "action": "_T 补记"})
		with self.assertRaises(ResponseLogError):
			incident.save()
		incident.reload()
		incident.append("response_log", {"response_time": add_to_date(now, hours=1), "action": "_T 将来"})
		with self.assertRaises(ResponseLogError):
			incident.save()
		incident.reload()
		incident.response_log[0].action = "_T 改写"
		with self.assertRaises(ResponseLogError):
			incident.save()
		incident.reload()
		incident.remove(incident.response_log[0])
		with self.assertRaises(ResponseLogError):
			incident.save()
		incident.reload()
		incident.append("response_log", {"action": "_T 第三步"})
		incident.save()
		self.assertEqual(
			[row.action for row in frappe.get_doc("Emergency Incident", incident.name).response_log],
			["_T 第一步", "_T 第二步", "_T 第三步"],
		)

	def test_closing_needs_the_after_action_summary_and_then_locks_the_incident(self):
		incident = self.incident(self.visit())
		with self.assertRaises(IncidentError):
			incident.close_incident()
		self.assertEqual(frappe.db.get_value("Emergency Incident", incident.name, "status"), "Open")
		incident.reload()
		incident.after_action_summary = "_T 选派代表座谈，当日劝返；今后提前预警。"
		incident.save()
		incident.close_incident()
		incident.reload()
		self.assertEqual((incident.status, incident.closed_by), ("Closed", OFFICE))
		incident.append("response_log", {"action": "_T 结束后补记"})
		with self.assertRaises(IncidentClosedError):
			incident.save()

	def test_the_status_is_not_taken_from_the_client(self):
		incident = self.incident(self.visit(), status="Closed", escalated_to=HANDLER)
		self.assertEqual((incident.status, incident.escalated_to), ("Open", None))
		incident.status = "Closed"
		incident.save()
		self.assertEqual(frappe.db.get_value("Emergency Incident", incident.name, "status"), "Open")

	def test_the_time_is_not_in_the_future(self):
		with self.assertRaises(IncidentError):
			self.incident(self.visit(), incident_time=add_to_date(now_datetime(), days=1))
		frappe.set_user("Administrator")
		self.assertFalse(frappe.db.exists("Emergency Incident", {"place": "_T 信访局接待大厅"}))

	def test_a_handler_has_no_access_and_a_leader_can_log_a_response(self):
		incident = self.incident(self.visit())
		frappe.set_user(HANDLER)
		self.assertFalse(frappe.has_permission("Emergency Incident", "read"))
		frappe.set_user(LEADER)
		doc = frappe.get_doc("Emergency Incident", incident.name)
		doc.append("response_log", {"response_time": datetime.datetime.now(), "action": "_T 领导到场接待"})
		doc.save()
		self.assertEqual(doc.response_log[-1].by_user, LEADER)
