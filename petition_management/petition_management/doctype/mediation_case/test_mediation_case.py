# Copyright (c) 2026, Petition Management contributors
# See license.txt

import frappe
from frappe.utils import add_days, getdate, nowdate

from petition_management.petition_management.doctype.dispute_screening_round.test_dispute_screening_round import (
	UNIT_A,
	UNIT_B,
	ScreeningTestCase,
	dispute,
	u,
)
from petition_management.petition_management.doctype.mediation_case.mediation_case import (
	MediationClosedError,
	MediationError,
)
from petition_management.special.screening import PersonalDataError

PARTIES = [
	{"party_role": "Applicant", "party_type": "Household", "description": "_T 东侧住户"},
	{"party_role": "Respondent", "party_type": "Household", "description": "_T 西侧住户"},
]


class TestMediationCase(ScreeningTestCase):
	def mediation(self, user=None, **values):
		frappe.set_user(user or u("handler-a"))
		doc = frappe.get_doc(
			{
				"doctype": "Mediation Case",
				"subject": "_T 宅基地界址纠纷调解",
				"unit": UNIT_A,
				"mediator": u("head-a"),
				"opened_on": add_days(nowdate(), -7),
				"dispute_description": "_T 两户因院墙界址发生争执",
				"parties": PARTIES,
				**values,
			}
		)
		return doc.insert()

	def test_a_mediation_takes_its_dispute_from_a_screening_round(self):
		screening = self.make_round(
			disputes=[
				dispute("_T 第一件"),
				dispute("_T 劳资纠纷", kind="Labour and Wages", parties_type="Employer and Workers"),
			]
		)
		doc = self.mediation(
			unit=None, screening_round=screening.name, dispute_row_no=2, dispute_description=None
		)
		self.assertEqual(
			(doc.unit, doc.dispute_description, doc.kind, doc.parties_type, doc.dispute_row),
			(UNIT_A, "_T 劳资纠纷", "Labour and Wages", "Employer and Workers", screening.disputes[1].name),
		)
		with self.assertRaises(MediationError):
			self.mediation(screening_round=screening.name, dispute_row_no=9)

	def test_a_dispute_is_described_without_personal_numbers(self):
		with self.assertRaises(MediationError):
			self.mediation(dispute_description="")
		bad_party = {
			"party_role": "Applicant",
			"party_type": "Individual",
			"description": "_T 电话 13912345678",
		}
		with self.assertRaises(PersonalDataError):
			self.mediation(parties=[bad_party])
		with self.assertRaises(PersonalDataError):
			self.mediation(dispute_description="_T 身份证 110105194912310021")
		frappe.set_user("Administrator")
		self.assertFalse(frappe.db.exists("Mediation Case", {"subject": "_T 宅基地界址纠纷调解"}))

	def test_sessions_fall_between_opening_and_today_and_are_kept_in_order(self):
		with self.assertRaises(MediationError):
			self.mediation(sessions=[{"session_date": add_days(nowdate(), 1), "summary": "_T 将来"}])
		with self.assertRaises(MediationError):
			self.mediation(sessions=[{"session_date": add_days(nowdate(), -30), "summary": "_T 受理前"}])
		doc = self.mediation(
			sessions=[
				{"session_date": add_days(nowdate(), -1), "summary": "_T 第二次"},
				{"session_date": add_days(nowdate(), -5), "summary": "_T 第一次"},
			]
		)
		self.assertEqual([row.summary for row in doc.sessions], ["_T 第一次", "_T 第二次"])
		self.assertEqual({row.mediator for row in doc.sessions}, {u("head-a")})

	def test_the_outcome_agrees_with_the_agreement(self):
		with self.assertRaises(MediationError):
			self.mediation(agreement_reached=1)
		with self.assertRaises(MediationError):
			self.mediation(
				agreement_reached=1,
				agreement_terms="_T 院墙退后十厘米",
				outcome="No Agreement: Referred to Litigation",
			)
		with self.assertRaises(MediationError):
			self.mediation(outcome="Agreement Performed")
		doc = self.mediation(
			agreement_reached=1, agreement_terms="_T 院墙退后十厘米", outcome="Agreement Performed"
		)
		self.assertEqual(doc.status, "Open")

	def test_closing_needs_both_sides_an_outcome_and_a_session_then_locks(self):
		doc = self.mediation(parties=PARTIES[:1])
		with self.assertRaises(MediationError):
			doc.close_case()
		doc.reload()
		doc.append("parties", PARTIES[1])
		doc.save()
		with self.assertRaises(MediationError):
			doc.close_case()
		doc.reload()
		doc.update(
			{"agreement_reached": 1, "agreement_terms": "_T 院墙退后十厘米", "outcome": "Agreement Performed"}
		)
		doc.save()
		with self.assertRaises(MediationError):
			doc.close_case()
		doc.reload()
		doc.append("sessions", {"session_date": nowdate(), "summary": "_T 现场丈量，双方同意"})
		doc.save()
		doc.close_case()
		doc.reload()
		self.assertEqual((doc.status, getdate(doc.closed_on)), ("Closed", getdate(nowdate())))
		doc.outcome_note = "_T 改写"
		with self.assertRaises(MediationClosedError):
			doc.save()

	def test_the_unit_sees_its_mediations_and_another_unit_does_not(self):
		doc = self.mediation()
		other = self.mediation(user=u("handler-b"), unit=UNIT_B, mediator=u("handler-b"))
		names = {doc.name, other.name}
		visible = {
			login: set(frappe.get_list("Mediation Case", pluck="name", user=u(login))) & names
			for login in ("handler-a", "handler-b", "leader-a", "leader-town", "office")
		}
		self.assertEqual(visible["handler-a"], {doc.name})
		self.assertEqual(visible["handler-b"], {other.name})
		self.assertEqual(visible["leader-a"], {doc.name})
		self.assertEqual(visible["leader-town"], names)
		self.assertEqual(visible["office"], names)
		self.assertFalse(frappe.has_permission("Mediation Case", "write", doc, user=u("leader-a")))
		with self.assertRaises(frappe.PermissionError):
			self.mediation(user=u("handler-b"))
