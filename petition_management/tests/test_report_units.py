"""Reports true to the unit: a unit user's Petition Statistics, Unit Performance, Repeat Petitions and
Cross-level Petitions count their own unit's work, labelled as such; co-handled cases are shown as
co-handled ("Handled As" Co-handling Unit), never as another unit's figure; key cases a user reads as a
team member are no part of their unit's figures. And the Cross-level report says which period it compares
with, and offers the previous period of the same length.

The seeded cases and transfers are those of test_reports.py (CASES, TRANSFERS, frozen on TODAY)."""

from datetime import date

import frappe

from petition_management.tests.test_reports import (
	HANDLER,
	HANDLER_B,
	LEADER,
	OFFICE,
	PERIOD,
	TODAY,
	UNIT_A,
	UNIT_B,
	ReportTestCase,
	case_name,
	insert_cases,
)
from petition_management.tests.utils import make_user

KEY_LEADER = "rpt-key-leader@example.com"  # a leader in charge of no unit, leading a key case
LEAD, CO = "Lead Unit", "Co-handling Unit"


class TestUnitUsersReports(ReportTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(KEY_LEADER, ["Petition Leader"])
		frappe.db.commit()

	def parts(self, result: dict, *fieldnames: str) -> dict:
		"""{(handled as, group): (figures...)} of a unit user's report."""
		return {(row["part"], row["group"]): tuple(row[f] for f in fieldnames) for row in result["rows"]}

	def make_key_team_member(self, case_number: int, user: str):
		frappe.get_doc(
			{
				"doctype": "Petition Key Team Member",
				"parent": case_name(case_number),
				"parenttype": "Petition Case",
				"parentfield": "key_team",
				"user": user,
				"name": frappe.generate_hash(length=10),
				"idx": 1,
			}
		).db_insert()

	def test_statistics_of_a_co_handling_unit_are_its_own_and_its_co_handled_cases(self):
		self.seed()
		# unit B's handler is also on the team of key case 1 (led by unit A): they read it...
		self.make_key_team_member(1, HANDLER_B)
		ledger = self.run_as(HANDLER_B, "Petition Ledger", **PERIOD)
		self.assertIn(case_name(1), {row["case_name"] for row in ledger["rows"]})
		# ...but unit B's statistics count B's cases (3, 13) and, apart, the case B co-handles (2)
		by_channel = self.run_as(HANDLER_B, "Petition Statistics", group_by="Channel", **PERIOD)
		self.assertEqual(
			self.parts(by_channel, "received", "accepted", "open", "concluded"),
			{
				(LEAD, "Visit"): (1, 1, 1, 0),
				(LEAD, "Post"): (1, 1, 1, 0),
				(LEAD, "Total"): (2, 2, 2, 0),
				(CO, "Visit"): (1, 1, 1, 0),
				(CO, "Total"): (1, 1, 1, 0),
			},
		)
		self.assertEqual(by_channel["columns"][1]["fieldname"], "part")
		self.assertIn(UNIT_B, by_channel["message"])
		self.assert_drill_downs(by_channel)
		co_received = by_channel["rows"][-1]["_drill"]["received"]["route_options"]
		self.assertEqual(co_received["name"], ["in", [case_name(2)]])
		# grouped by lead unit: no row of another unit, the co-handled cases in one total
		by_unit = self.run_as(HANDLER_B, "Petition Statistics", group_by="Unit", **PERIOD)
		self.assertNotIn(UNIT_A, {row["group"] for row in by_unit["rows"]})
		self.assertEqual(
			self.parts(by_unit, "received"),
			{(LEAD, UNIT_B): (2,), (LEAD, "Total"): (2,), (CO, "Total"): (1,)},
		)
		self.assert_drill_downs(by_unit)
		self.assertEqual(by_unit["chart"]["data"]["labels"], [UNIT_B])

	def test_the_office_sees_every_unit_without_parts(self):
		self.seed()
		result = self.run_as(OFFICE, "Petition Statistics", group_by="Unit", **PERIOD)
		self.assertEqual(
			self.table(result, "received"), {UNIT_A: (3,), UNIT_B: (2,), "Not Set": (4,), "Total": (9,)}
		)
		self.assertNotIn("part", {column["fieldname"] for column in result["columns"]})
		self.assertFalse(result["message"])

	def test_unit_performance_shows_only_the_units_own_row(self):
		self.seed()
		# unit B's co-handling reply on case 2 is accepted: unit A, which leads the case, may read it
		accepted = {"workflow_state": "Reply Accepted", "lead_unit": UNIT_A}
		frappe.db.set_value("Petition Transfer", "_T-RPT-T00003", accepted)
		frappe.set_user(HANDLER)
		self.assertTrue(frappe.has_permission("Petition Transfer", "read", "_T-RPT-T00003"))
		frappe.set_user("Administrator")
		fields = ("transfers", "as_lead", "as_co", "replies_accepted", "lead_cases")
		for user in (HANDLER, LEADER):
			mine = self.run_as(user, "Unit Performance", **PERIOD)
			self.assertEqual(
				self.table(mine, *fields), {UNIT_A: (3, 3, 0, 1, 3), "Total": (3, 3, 0, 1, 3)}, user
			)
			self.assertIn(UNIT_A, mine["message"])
			self.assert_drill_downs(mine)
		theirs = self.run_as(HANDLER_B, "Unit Performance", **PERIOD)
		self.assertEqual(self.table(theirs, *fields), {UNIT_B: (3, 2, 1, 2, 2), "Total": (3, 2, 1, 2, 2)})
		self.assert_drill_downs(theirs)
		office = self.run_as(OFFICE, "Unit Performance", **PERIOD)
		self.assertEqual(
			self.table(office, *fields),
			{UNIT_A: (3, 3, 0, 1, 3), UNIT_B: (3, 2, 1, 2, 2), "Total": (6, 5, 1, 3, 5)},
		)

	def test_repeat_and_cross_level_reports_of_a_unit(self):
		self.seed()
		repeats = self.run_as(HANDLER_B, "Repeat Petitions", group_by="Category", **PERIOD)
		self.assertEqual(
			self.parts(repeats, "received", "repeated"),
			{
				(LEAD, "_T Rpt Labour"): (1, 1),
				(LEAD, "_T Rpt Housing"): (1, 0),
				(LEAD, "Total"): (2, 1),
				(CO, "_T Rpt Housing"): (1, 1),
				(CO, "Total"): (1, 1),
			},
		)
		self.assert_drill_downs(repeats)
		# last year unit B led case 10 (a transfer to B would let its handler read it)
		frappe.db.set_value("Petition Transfer", "_T-RPT-T00004", "petition_case", case_name(10))
		cross = self.run_as(HANDLER_B, "Cross-level Petitions", group_by="Unit", **PERIOD)
		self.assertEqual(
			self.parts(cross, "received", "received_last_year", "cross_level", "cross_level_last_year"),
			{(LEAD, UNIT_B): (1, 1, 0, 1), (LEAD, "Total"): (1, 1, 0, 1), (CO, "Total"): (1, 0, 1, 0)},
		)
		self.assert_drill_downs(cross)
		summary = {item["label"]: item["value"] for item in cross["report_summary"]}
		self.assertEqual((summary["Received"], summary["Cross-level Last Year"]), (1, 1))

	def test_a_user_tied_to_no_unit_gets_no_units_figures(self):
		self.seed()
		frappe.db.set_value("Petition Case", case_name(1), "key_leader", KEY_LEADER)
		ledger = self.run_as(KEY_LEADER, "Petition Ledger", **PERIOD)
		self.assertEqual([row["case_name"] for row in ledger["rows"]], [case_name(1)])
		for report in (
			"Petition Statistics",
			"Repeat Petitions",
			"Cross-level Petitions",
			"Unit Performance",
		):
			result = self.run_as(KEY_LEADER, report, **PERIOD)
			self.assertEqual(result["rows"], [], report)
			self.assertIn("No handling unit is tied to you", result["message"], report)


class TestCrossLevelComparison(ReportTestCase):
	fields = ("received", "received_previous_period", "cross_level", "cross_level_previous_period")

	def test_it_says_it_compares_with_the_same_period_a_year_earlier(self):
		self.seed()
		result = self.run_as(OFFICE, "Cross-level Petitions", **PERIOD)
		dates = f"{frappe.format(date(2025, 1, 1), 'Date')} to {frappe.format(date(2025, 3, 2), 'Date')}"
		self.assertEqual(result["message"], f"Compared with the same period a year earlier: {dates}.")
		summary = {item["label"]: item["value"] for item in result["report_summary"]}
		self.assertEqual(summary["Compared With"], dates)
		labels = [column["label"] for column in result["columns"]]
		self.assertIn("Received Last Year", labels)

	def test_the_previous_period_of_the_same_length(self):
		self.seed()
		# two cases late last year: 61 days before 2026-01-01 to 2026-03-02 is 2025-11-01 to 2025-12-31
		insert_cases(
			{
				15: dict(received_on="2025-11-20", channel="Post", workflow_state="Archived", cross_level=1,
					cross_level_to="City"),
				16: dict(received_on="2025-12-30", channel="Visit", workflow_state="Archived"),
				17: dict(received_on="2025-10-31", channel="Visit", workflow_state="Archived"),  # before it
			}
		)  # fmt: skip
		result = self.run_as(
			OFFICE, "Cross-level Petitions", group_by="Month", compare_with="Previous Period", **PERIOD
		)
		self.assertEqual(
			self.table(result, *self.fields),
			{
				"2026-01": (4, 1, 1, 1),  # 2025-11-01 to 2025-12-01
				"2026-02": (4, 0, 1, 0),  # 2025-12-02 to 2025-12-29
				"2026-03": (1, 1, 1, 0),  # 2025-12-30 to 2025-12-31
				"Total": (9, 2, 3, 1),
			},
		)
		self.assert_drill_downs(result)
		dates = f"{frappe.format(date(2025, 11, 1), 'Date')} to {frappe.format(date(2025, 12, 31), 'Date')}"
		self.assertEqual(result["message"], f"Compared with the previous period of the same length: {dates}.")
		summary = {item["label"]: item["value"] for item in result["report_summary"]}
		self.assertEqual(summary["Compared With"], dates)
		self.assertNotIn("Two Decreases", summary)  # the work objective is year on year
		self.assertIn("Received in the Previous Period", [column["label"] for column in result["columns"]])

	def test_whole_months_compare_with_as_many_months_before(self):
		self.seed()
		february = {"from_date": "2026-02-01", "to_date": "2026-02-28"}
		result = self.run_as(OFFICE, "Cross-level Petitions", compare_with="Previous Period", **february)
		self.assertEqual(self.table(result, *self.fields), {"2026-02": (4, 4, 1, 1), "Total": (4, 4, 1, 1)})
		self.assert_drill_downs(result)
		self.assertIn(frappe.format(date(2026, 1, 31), "Date"), result["message"])
		# a previous period may be longer than a year; a year-on-year comparison may not
		longer = {"from_date": "2025-01-01", "to_date": TODAY}
		result = self.run_as(OFFICE, "Cross-level Petitions", compare_with="Previous Period", **longer)
		self.assertEqual(result["rows"][-1]["received"], 14)
		self.assertIn("Compared with the previous period", result["message"])
