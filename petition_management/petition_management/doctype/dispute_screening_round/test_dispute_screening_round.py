# Copyright (c) 2026, Petition Management contributors
# See license.txt

import datetime

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, nowdate

from petition_management.api.screening import screening_overview
from petition_management.petition_management.doctype.dispute_screening_round.dispute_screening_round import (
	DisputeRowError,
	RoundPeriodError,
	RoundSubmittedError,
)
from petition_management.special.screening import (
	PersonalDataError,
	ScreeningError,
	grassroots_share,
	open_screening_rounds,
)
from petition_management.tests.utils import make_unit, make_users, tie_to_unit

DOMAIN = "screening.test.local"
TOWN, UNIT_A, UNIT_B = "_T Screening Town", "_T Screening Village A", "_T Screening Village B"
INACTIVE = "_T Screening Closed Office"
MY_UNITS = [UNIT_A, UNIT_B]
USERS = {
	"office": ["Petition Office"],
	"supervisor": ["Petition Supervisor"],
	"handler-a": ["Petition Unit Handler"],
	"handler-b": ["Petition Unit Handler"],
	"head-a": ["Petition Unit Head"],
	"leader-town": ["Petition Leader"],
	"leader-a": ["Petition Leader"],
}
JAN_1, JAN_16, FEB_1 = datetime.date(2025, 1, 1), datetime.date(2025, 1, 16), datetime.date(2025, 2, 1)


def u(login: str) -> str:
	return f"{login}@{DOMAIN}"


def dispute(description="_T 相邻宅基地界址争议", status="Open", **values):
	row = {
		"description": description,
		"parties_type": "Neighbours",
		"kind": "Neighbourhood",
		"risk_level": "Low",
		"status": status,
		**values,
	}
	if status == "Resolved":
		row.setdefault("resolved_on", nowdate())
	return row


class ScreeningTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_users({u(login): roles for login, roles in USERS.items()})
		make_unit(TOWN, is_group=1)
		make_unit(UNIT_A, parent=TOWN)
		make_unit(UNIT_B, parent=TOWN)
		make_unit(INACTIVE, parent=TOWN)
		frappe.db.set_value("Handling Unit", TOWN, "leader_in_charge", u("leader-town"))
		frappe.db.set_value(
			"Handling Unit", UNIT_A, {"leader_in_charge": u("leader-a"), "unit_head": u("head-a")}
		)
		frappe.db.set_value("Handling Unit", INACTIVE, "is_active", 0)
		tie_to_unit(u("handler-a"), UNIT_A)
		tie_to_unit(u("handler-b"), UNIT_B)
		frappe.db.commit()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def make_round(self, unit=UNIT_A, period_start=JAN_1, disputes=(), user=None, submit=False):
		frappe.set_user(user or u("handler-a") if unit == UNIT_A else user or u("handler-b"))
		doc = frappe.get_doc(
			{
				"doctype": "Dispute Screening Round",
				"unit": unit,
				"period_start": period_start,
				"disputes": list(disputes),
			}
		).insert()
		if submit:
			doc.submit_round()
		frappe.set_user("Administrator")
		return doc


class TestHalfMonthlyJob(ScreeningTestCase):
	def test_the_job_opens_one_round_per_active_unit_once(self):
		opened = open_screening_rounds("2025-01-05")
		self.assertTrue(opened)
		rounds = frappe.get_all(
			"Dispute Screening Round",
			filters={"period_start": JAN_1},
			fields=["unit", "period_end", "status"],
		)
		units = [row.unit for row in rounds]
		self.assertEqual(len(units), len(set(units)))
		self.assertTrue(set(MY_UNITS) <= set(units))
		self.assertNotIn(TOWN, units)  # a group of units
		self.assertNotIn(INACTIVE, units)
		self.assertEqual(
			{(getdate(row.period_end), row.status) for row in rounds}, {(datetime.date(2025, 1, 15), "Draft")}
		)
		self.assertEqual(open_screening_rounds("2025-01-15"), [])
		self.assertEqual(frappe.db.count("Dispute Screening Round", {"period_start": JAN_1}), len(rounds))
		self.assertEqual(
			frappe.db.count("Dispute Screening Round", {"period_start": JAN_1, "unit": UNIT_A}), 1
		)

	def test_the_next_half_month_carries_over_the_open_disputes(self):
		first = self.make_round(
			disputes=[
				dispute("_T 未化解纠纷"),
				dispute("_T 已化解纠纷", "Resolved", resolved_at_grassroots=1),
			],
			submit=True,
		)
		open_screening_rounds("2025-01-16")
		second = frappe.get_doc("Dispute Screening Round", {"unit": UNIT_A, "period_start": JAN_16})
		self.assertEqual([row.description for row in second.disputes], ["_T 未化解纠纷"])
		self.assertEqual(second.disputes[0].carried_from, first.disputes[0].name)
		open_screening_rounds("2025-02-01")
		third = frappe.get_doc("Dispute Screening Round", {"unit": UNIT_A, "period_start": FEB_1})
		self.assertEqual(third.disputes[0].carried_from, first.disputes[0].name)
		self.assertFalse(
			frappe.get_doc("Dispute Screening Round", {"unit": UNIT_B, "period_start": JAN_16}).disputes
		)

	def test_a_second_round_for_the_same_unit_and_half_month_is_refused(self):
		self.make_round()
		with self.assertRaises(ScreeningError):
			self.make_round(period_start=JAN_1)
		self.assertEqual(frappe.db.count("Dispute Screening Round", {"unit": UNIT_A}), 1)


class TestDisputeScreeningRound(ScreeningTestCase):
	def test_a_round_covers_a_half_month(self):
		doc = self.make_round(period_start=JAN_16)
		self.assertEqual(getdate(doc.period_end), datetime.date(2025, 1, 31))
		with self.assertRaises(RoundPeriodError):
			self.make_round(period_start=datetime.date(2025, 1, 2))

	def test_inactive_or_group_units_keep_no_round(self):
		for unit in (INACTIVE, TOWN):
			with self.assertRaises(ScreeningError):
				self.make_round(unit=unit, user=u("office"))
		self.assertFalse(frappe.db.exists("Dispute Screening Round", {"unit": ("in", [INACTIVE, TOWN])}))

	def test_dispute_rows_are_checked(self):
		for row, error in (
			(dispute(status="Resolved", resolved_on=None), DisputeRowError),
			(dispute(status="Resolved", resolved_on=add_days(nowdate(), 1)), DisputeRowError),
			(dispute(description="_T 当事人身份证 11010519491231002X 的纠纷"), PersonalDataError),
			(dispute(measures="_T 联系 13800138000 调解"), PersonalDataError),
		):
			with self.assertRaises(error):
				self.make_round(disputes=[row])
		self.assertFalse(frappe.db.exists("Dispute Screening Round", {"unit": UNIT_A}))
		doc = self.make_round(
			disputes=[dispute(status="Referred", resolved_at_grassroots=1, resolved_on=nowdate())]
		)
		self.assertEqual((doc.disputes[0].resolved_at_grassroots, doc.disputes[0].resolved_on), (0, None))

	def test_submitting_locks_the_round_and_high_risk_needs_measures(self):
		doc = self.make_round(disputes=[dispute(risk_level="High")])
		frappe.set_user(u("handler-a"))
		with self.assertRaises(DisputeRowError):
			doc.submit_round()
		self.assertEqual(frappe.db.get_value("Dispute Screening Round", doc.name, "status"), "Draft")
		doc.reload()
		doc.disputes[0].measures = "_T 每日走访，组织双方协商"
		doc.disputes[0].responsible_person = u("head-a")
		doc.save()
		doc.submit_round()
		doc.reload()
		self.assertEqual(
			(doc.status, doc.submitted_by, doc.high_risk_count), ("Submitted", u("handler-a"), 1)
		)
		doc.disputes[0].status = "Resolved"
		doc.disputes[0].resolved_on = nowdate()
		with self.assertRaises(RoundSubmittedError):
			doc.save()

	def test_the_status_is_not_taken_from_the_client(self):
		frappe.set_user(u("handler-a"))
		doc = frappe.get_doc(
			{
				"doctype": "Dispute Screening Round",
				"unit": UNIT_A,
				"period_start": JAN_1,
				"status": "Submitted",
			}
		).insert()
		self.assertEqual(doc.status, "Draft")


class TestGrassrootsShare(ScreeningTestCase):
	def test_the_share_resolved_at_the_grassroots_over_the_submitted_rounds(self):
		first = self.make_round(
			disputes=[
				dispute("_T 甲", "Resolved", resolved_at_grassroots=1),
				dispute("_T 乙", "Resolved", resolved_at_grassroots=1),
				dispute("_T 丙", "Resolved", resolved_at_grassroots=0),
				dispute("_T 丁"),
			],
			submit=True,
		)
		open_screening_rounds("2025-01-16")  # carries 丁 over
		frappe.set_user(u("handler-a"))
		second = frappe.get_doc("Dispute Screening Round", {"unit": UNIT_A, "period_start": JAN_16})
		second.disputes[0].update(
			{"status": "Resolved", "resolved_on": nowdate(), "resolved_at_grassroots": 1}
		)
		second.append("disputes", dispute("_T 戊", "Referred"))
		second.save()
		second.submit_round()
		self.make_round(
			unit=UNIT_B, disputes=[dispute("_T 己", "Resolved", resolved_at_grassroots=1)], submit=True
		)
		frappe.set_user(u("handler-b"))
		draft = frappe.get_doc("Dispute Screening Round", {"unit": UNIT_B, "period_start": JAN_16})
		draft.append(
			"disputes", dispute("_T 草稿", "Resolved", resolved_at_grassroots=1)
		)  # draft: not counted
		draft.save()
		frappe.set_user("Administrator")

		share = grassroots_share(JAN_1, datetime.date(2025, 1, 31), units=MY_UNITS)
		# A: 甲 乙 丙 丁 戊 (丁 counted once although listed twice), 3 at the grassroots; B: 己
		self.assertEqual(
			(share["total"], share["resolved"], share["grassroots"], share["referred"]), (6, 5, 4, 1)
		)
		self.assertAlmostEqual(share["grassroots_share"], 4 / 6)
		by_unit = {row["unit"]: row for row in share["units"]}
		self.assertEqual((by_unit[UNIT_A]["total"], by_unit[UNIT_A]["grassroots"]), (5, 3))
		self.assertEqual(by_unit[UNIT_B]["grassroots_share"], 1)
		self.assertEqual(share["rounds"], {"Draft": 1, "Submitted": 3})
		first_half = grassroots_share(JAN_1, datetime.date(2025, 1, 15), units=MY_UNITS)
		self.assertEqual((first_half["total"], first_half["grassroots"]), (5, 3))
		self.assertIsNone(
			grassroots_share(FEB_1, datetime.date(2025, 2, 28), units=MY_UNITS)["grassroots_share"]
		)
		self.assertEqual(first.dispute_count, 4)

	def test_the_overview_shows_a_unit_its_own_and_the_office_all(self):
		self.make_round(disputes=[dispute("_T 甲", "Resolved", resolved_at_grassroots=1)], submit=True)
		self.make_round(unit=UNIT_B, disputes=[dispute("_T 乙")], submit=True)
		frappe.set_user(u("handler-a"))
		self.assertEqual(
			[row["unit"] for row in screening_overview("2025-01-01", "2025-01-31")["units"]], [UNIT_A]
		)
		frappe.set_user(u("leader-town"))
		self.assertEqual(
			[row["unit"] for row in screening_overview("2025-01-01", "2025-01-31")["units"]], sorted(MY_UNITS)
		)
		frappe.set_user(u("office"))
		overview = screening_overview("2025-01-01", "2025-01-31")
		self.assertTrue(set(MY_UNITS) <= {row["unit"] for row in overview["units"]})


class TestScreeningPermissions(ScreeningTestCase):
	def test_units_see_their_own_rounds_leaders_their_units_and_the_office_all(self):
		round_a = self.make_round()
		round_b = self.make_round(unit=UNIT_B)
		visible = {
			login: set(frappe.get_list("Dispute Screening Round", pluck="name", user=u(login)))
			& {round_a.name, round_b.name}
			for login in (
				"handler-a",
				"head-a",
				"handler-b",
				"leader-a",
				"leader-town",
				"office",
				"supervisor",
			)
		}
		self.assertEqual(visible["handler-a"], {round_a.name})
		self.assertEqual(visible["head-a"], {round_a.name})
		self.assertEqual(visible["handler-b"], {round_b.name})
		self.assertEqual(visible["leader-a"], {round_a.name})
		self.assertEqual(visible["leader-town"], {round_a.name, round_b.name})
		self.assertEqual(visible["office"], {round_a.name, round_b.name})
		self.assertEqual(visible["supervisor"], {round_a.name, round_b.name})

	def test_another_unit_cannot_read_or_change_a_round_and_leaders_only_read(self):
		round_a = self.make_round()
		self.assertFalse(
			frappe.has_permission("Dispute Screening Round", "read", round_a, user=u("handler-b"))
		)
		self.assertTrue(
			frappe.has_permission("Dispute Screening Round", "read", round_a, user=u("leader-town"))
		)
		self.assertFalse(
			frappe.has_permission("Dispute Screening Round", "write", round_a, user=u("leader-town"))
		)
		frappe.set_user(u("handler-b"))
		doc = frappe.get_doc("Dispute Screening Round", round_a.name)
		doc.append("disputes", dispute())
		with self.assertRaises(frappe.PermissionError):
			doc.save()
		with self.assertRaises(frappe.PermissionError):
			self.make_round(unit=UNIT_A, period_start=JAN_16, user=u("handler-b"))
		frappe.set_user("Administrator")
		self.assertFalse(
			frappe.db.exists("Dispute Screening Round", {"unit": UNIT_A, "period_start": JAN_16})
		)
