"""The Script Reports and Number Cards: hand-counted figures on seeded cases, row-level scoping (a unit sees
its own cases), masking of ID numbers and phones, drill-downs that open lists counting the same rows, and a
query count that does not grow with the number of cases.

Cases and transfers go straight into the tables (frappe.db.bulk_insert): the reports must not care how
they came. Every test starts from empty case and transfer tables (deleted in its transaction, rolled back
after), on the frozen date TODAY."""

import json

import frappe
from frappe.desk.query_report import run as run_report
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, now

from petition_management.reports import cards
from petition_management.tests.utils import (
	count_queries,
	make_category,
	make_petitioner,
	make_unit,
	make_user,
	tie_to_unit,
)

TODAY = "2026-03-02"  # a Monday; due soon runs to 2026-03-05 (3 calendar days)
PERIOD = {"from_date": "2026-01-01", "to_date": TODAY}
OFFICE = "rpt-office@example.com"
RECEPTION = "rpt-reception@example.com"
LEADER = "rpt-leader@example.com"
HANDLER = "rpt-handler@example.com"
HANDLER_B = "rpt-handler-b@example.com"
UNIT_A, UNIT_B = "_T Rpt Unit A", "_T Rpt Unit B"
ROOT, HOUSING, LABOUR = "_T Rpt Matters", "_T Rpt Housing", "_T Rpt Labour"
ID_NUMBER, PHONE, OTHER_PHONE = "440306197506153214", "13800138000", "13912345678"

REPORTS = (
	"Petition Ledger",
	"Petition Statistics",
	"Overdue and Due Soon",
	"Repeat Petitions",
	"Cross-level Petitions",
	"Unit Performance",
)

CASE_FIELDS = (
	"name", "source_type", "channel", "subject", "content", "received_on", "workflow_state", "category",
	"lead_unit", "accepted_on", "decided_on", "current_due", "replied_on", "repeat_count", "cross_level",
	"cross_level_to", "satisfaction", "is_key_case",
)  # fmt: skip
TRANSFER_FIELDS = (
	"name", "petition_case", "case_subject", "unit", "transfer_role", "workflow_state", "issued_on", "due_date",
	"reply_submitted_on",
)  # fmt: skip
META = ("owner", "modified_by", "creation", "modified")

# Case number: received, channel, category, state, lead unit, accepted/decided, current due, repeats,
# cross-level, satisfaction. Handled states have transfers below.
CASES = {
	1: dict(received_on="2026-01-05", channel="Visit", category=HOUSING, workflow_state="In Handling",
		lead_unit=UNIT_A, accepted_on="2026-01-06", decided_on="2026-01-06", current_due="2026-02-27"),
	2: dict(received_on="2026-01-10", channel="Visit", category=HOUSING, workflow_state="In Handling",
		lead_unit=UNIT_A, accepted_on="2026-01-11", decided_on="2026-01-11", current_due="2026-03-04",
		repeat_count=1, cross_level=1, cross_level_to="City"),
	3: dict(received_on="2026-01-20", channel="Post", category=LABOUR, workflow_state="In Handling",
		lead_unit=UNIT_B, accepted_on="2026-01-21", decided_on="2026-01-21", current_due="2026-03-20",
		repeat_count=2),
	4: dict(received_on="2026-02-03", channel="E-mail", category=LABOUR, workflow_state="Registered",
		current_due="2026-02-18"),
	5: dict(received_on="2026-02-10", channel="Post", category=HOUSING, workflow_state="Not Accepted",
		decided_on="2026-02-12", cross_level=1, cross_level_to="Province"),
	6: dict(received_on="2026-02-15", channel="Visit", category=HOUSING, workflow_state="Closed"),
	7: dict(received_on="2026-02-20", channel="Visit", category=LABOUR, workflow_state="Closed", lead_unit=UNIT_A,
		accepted_on="2026-02-21", decided_on="2026-02-21", replied_on="2026-02-26", repeat_count=3,
		satisfaction="Satisfied"),
	8: dict(received_on="2026-03-01", channel="Phone Call", category=HOUSING, workflow_state="Registered",
		current_due="2026-03-05", cross_level=1, cross_level_to="City"),
	9: dict(received_on="2025-01-15", channel="Visit", category=HOUSING, workflow_state="Archived",
		lead_unit=UNIT_A, cross_level=1, cross_level_to="City"),
	10: dict(received_on="2025-02-10", channel="Post", category=LABOUR, workflow_state="Archived",
		lead_unit=UNIT_B, repeat_count=4, cross_level=1, cross_level_to="City", satisfaction="Dissatisfied"),
	11: dict(received_on="2025-02-11", channel="Post", category=LABOUR, workflow_state="Archived",
		cross_level=1, cross_level_to="City"),
	12: dict(received_on="2025-06-01", channel="Visit", category=HOUSING, workflow_state="Archived"),
	13: dict(received_on="2026-01-25", channel="Visit", category=HOUSING, workflow_state="Replied",
		lead_unit=UNIT_B, accepted_on="2026-01-26", decided_on="2026-01-26", replied_on="2026-02-24"),
	14: dict(received_on="2025-02-20", channel="Post", category=LABOUR, workflow_state="Archived"),
}  # fmt: skip
# Transfer number: case, unit, role, state, issued, due, reply submitted
TRANSFERS = {
	1: (1, UNIT_A, "Lead Unit", "Acknowledged", "2026-01-06", "2026-02-27", None),
	2: (2, UNIT_A, "Lead Unit", "Issued", "2026-01-11", "2026-03-04", None),
	3: (2, UNIT_B, "Co-handling Unit", "Reply Drafted", "2026-01-11", "2026-03-10", None),
	4: (3, UNIT_B, "Lead Unit", "Acknowledged", "2026-01-21", "2026-03-20", None),
	5: (7, UNIT_A, "Lead Unit", "Reply Accepted", "2026-02-21", "2026-03-01", "2026-02-25 10:00:00"),
	6: (13, UNIT_B, "Lead Unit", "Reply Accepted", "2026-01-26", "2026-02-20", "2026-02-23 09:00:00"),
	7: (3, UNIT_A, "Co-handling Unit", "Withdrawn", "2026-01-21", "2026-03-01", None),
}


def case_name(number: int) -> str:
	return f"_T-RPT-{number:05d}"


def insert_cases(cases: dict[int, dict]):
	stamp = now()
	defaults = {
		"source_type": "Visit",
		"subject": "_T 报表测试",
		"content": "内容",
		"repeat_count": 0,
		"cross_level": 0,
		"is_key_case": 0,
	}
	rows = []
	for number, values in cases.items():
		row = {**defaults, **values, "name": case_name(number)}
		rows.append((*(row.get(f) for f in CASE_FIELDS), "Administrator", "Administrator", stamp, stamp))
	frappe.db.bulk_insert("Petition Case", (*CASE_FIELDS, *META), rows)


def insert_transfers(transfers: dict[int, tuple]):
	stamp = now()
	rows = [
		(f"_T-RPT-T{number:05d}", case_name(case), "_T 报表测试", unit, role, state, issued, due, submitted,
			"Administrator", "Administrator", stamp, stamp)
		for number, (case, unit, role, state, issued, due, submitted) in transfers.items()
	]  # fmt: skip
	frappe.db.bulk_insert("Petition Transfer", (*TRANSFER_FIELDS, *META), rows)


def insert_parties(parties: list[tuple[int, int, str, str]]):
	"""(case number, idx, petitioner, petitioner name) rows of the cases' petitioners table."""
	stamp = now()
	rows = [
		(frappe.generate_hash(length=10), case_name(case), "Petition Case", "petitioners", idx, petitioner, name,
			"Administrator", "Administrator", stamp, stamp)
		for case, idx, petitioner, name in parties
	]  # fmt: skip
	fields = ("name", "parent", "parenttype", "parentfield", "idx", "petitioner", "petitioner_name", *META)
	frappe.db.bulk_insert("Petition Party", fields, rows)


def seed_many(count: int):
	"""`count` cases of every kind, half of them with a transfer to unit A (for the query count)."""
	states = ("Registered", "In Handling", "Replied", "Closed", "Not Accepted")
	channels = ("Visit", "Post", "E-mail", "Phone Call")
	cases, transfers = {}, {}
	for i in range(1, count + 1):
		cases[i] = dict(
			received_on=add_days("2026-01-01", i % 60), channel=channels[i % 4], workflow_state=states[i % 5],
			category=(HOUSING, LABOUR)[i % 2], lead_unit=(UNIT_A, UNIT_B)[i % 2], repeat_count=i % 5,
			current_due=add_days(TODAY, i % 9 - 4), cross_level=int(i % 3 == 0), satisfaction=("Satisfied", None)[i % 2],
			accepted_on=add_days("2026-01-02", i % 60) if i % 5 else None,
		)  # fmt: skip
		transfers[i] = (i, (UNIT_A, UNIT_B)[i % 2], "Lead Unit", ("Issued", "Reply Accepted")[i % 3 == 0],
			add_days("2026-01-02", i % 60), add_days(TODAY, i % 7 - 3), f"{TODAY} 08:00:00")  # fmt: skip
	insert_cases(cases)
	insert_transfers(transfers)
	petitioner = make_petitioner("_T 批量", phone=OTHER_PHONE)
	insert_parties([(i, 1, petitioner, "_T 批量") for i in cases])


def list_filters(doctype: str, route_options: dict) -> list:
	"""The filters the list view builds from route options (list_view.js parse_filters_from_route_options)."""
	filters = []
	for field, value in route_options.items():
		if isinstance(value, list) and value and isinstance(value[0], str) and value[0].startswith("["):
			filters.extend([doctype, field, *json.loads(item)] for item in value)
		elif isinstance(value, list):
			filters.append([doctype, field, value[0], value[1]])
		else:
			filters.append([doctype, field, "=", value])
	return filters


def list_count(target: dict) -> int:
	"""How many records the drill-down list shows to the session user (as the browser gets it: JSON)."""
	target = json.loads(json.dumps(target))
	filters = list_filters(target["doctype"], target["route_options"])
	return len(frappe.get_list(target["doctype"], filters=filters, pluck="name", limit_page_length=0))


class ReportTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(OFFICE, ["Petition Office"])
		make_user(RECEPTION, ["Petition Reception Officer"])
		make_user(LEADER, ["Petition Leader"])
		make_user(HANDLER, ["Petition Unit Handler"])
		make_user(HANDLER_B, ["Petition Unit Handler"])
		make_unit(UNIT_A, leader_in_charge=LEADER)
		make_unit(UNIT_B)
		tie_to_unit(HANDLER, UNIT_A)
		tie_to_unit(HANDLER_B, UNIT_B)
		make_category(ROOT, is_group=1)
		make_category(HOUSING, parent=ROOT)
		make_category(LABOUR, parent=ROOT)
		frappe.db.commit()

	def setUp(self):
		frappe.db.delete("Petition Case")
		frappe.db.delete("Petition Transfer")
		self.frozen = self.freeze_time(f"{TODAY} 10:00:00")
		self.frozen.__enter__()

	def tearDown(self):
		self.frozen.__exit__(None, None, None)
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def seed(self):
		insert_cases(CASES)
		insert_transfers(TRANSFERS)

	def run_as(self, user: str, report: str, **filters) -> dict:
		frappe.set_user(user)
		result = run_report(report, filters=filters)
		self.assertIn("result", result, f"{report} ran as a prepared report: reset its prepared_report flag")
		result["rows"] = [row for row in result["result"] if isinstance(row, dict)]
		return result

	def table(self, result: dict, *fieldnames: str) -> dict:
		"""{group: (figures...)} of a grouped report."""
		return {row["group"]: tuple(row[f] for f in fieldnames) for row in result["rows"]}

	def assert_drill_downs(self, result: dict):
		"""Each figure's link opens a list with exactly that many records for the same user."""
		checked = 0
		for row in result["rows"]:
			for fieldname, target in (row.get("_drill") or {}).items():
				self.assertEqual(list_count(target), row[fieldname], (row["group"], fieldname, target))
				checked += 1
		self.assertGreater(checked, 0)


class TestReportFigures(ReportTestCase):
	def test_statistics_by_channel_counted_by_hand(self):
		self.seed()
		result = self.run_as(OFFICE, "Petition Statistics", group_by="Channel", **PERIOD)
		fields = (
			"received",
			"answered_on_the_spot",
			"accepted",
			"not_accepted",
			"open",
			"overdue",
			"concluded",
		)
		self.assertEqual(
			self.table(result, *fields),
			{
				"Visit": (5, 1, 4, 0, 3, 1, 2),
				"Post": (2, 0, 1, 1, 1, 0, 1),
				"E-mail": (1, 0, 0, 0, 1, 1, 0),
				"Phone Call": (1, 0, 0, 0, 1, 0, 0),
				"Total": (9, 1, 5, 1, 6, 2, 3),
			},
		)
		self.assertEqual(result["chart"]["data"]["labels"], ["Visit", "Post", "E-mail", "Phone Call"])
		self.assert_drill_downs(result)

	def test_statistics_by_month_category_and_unit(self):
		self.seed()
		by_month = self.run_as(OFFICE, "Petition Statistics", group_by="Month", **PERIOD)
		self.assertEqual(
			self.table(by_month, "received", "overdue"),
			{"2026-01": (4, 1), "2026-02": (4, 1), "2026-03": (1, 0), "Total": (9, 2)},
		)
		self.assert_drill_downs(by_month)
		by_unit = self.run_as(OFFICE, "Petition Statistics", group_by="Unit", **PERIOD)
		self.assertEqual(
			self.table(by_unit, "received", "open"),
			{UNIT_A: (3, 2), UNIT_B: (2, 2), "Not Set": (4, 2), "Total": (9, 6)},
		)
		self.assert_drill_downs(by_unit)
		# a category filter takes its sub-categories
		housing = self.run_as(OFFICE, "Petition Statistics", group_by="Category", category=ROOT, **PERIOD)
		self.assertEqual(self.table(housing, "received"), {HOUSING: (6,), LABOUR: (3,), "Total": (9,)})
		self.assert_drill_downs(housing)

	def test_repeat_petitions_once_twice_three_or_more(self):
		self.seed()
		result = self.run_as(OFFICE, "Repeat Petitions", group_by="Category", **PERIOD)
		self.assertEqual(
			self.table(result, "received", "repeated", "once", "twice", "three_or_more", "repeat_rate"),
			{
				HOUSING: (6, 1, 1, 0, 0, 16.7),
				LABOUR: (3, 2, 0, 1, 1, 66.7),
				"Total": (9, 3, 1, 1, 1, 33.3),
			},
		)
		self.assertEqual(result["chart"]["data"]["datasets"][0]["values"], [1, 1, 1])
		self.assert_drill_downs(result)

	def test_cross_level_year_on_year_and_the_two_decreases(self):
		self.seed()
		result = self.run_as(OFFICE, "Cross-level Petitions", group_by="Month", **PERIOD)
		fields = ("received", "received_last_year", "cross_level", "cross_level_last_year", "received_change")
		self.assertEqual(
			self.table(result, *fields),
			{
				"2026-01": (4, 1, 1, 1, 300.0),
				"2026-02": (4, 3, 1, 2, 33.3),
				"2026-03": (1, 0, 1, 0, None),
				"Total": (9, 4, 3, 3, 125.0),
			},
		)
		summary = {item["label"]: item["value"] for item in result["report_summary"]}
		self.assertEqual(summary["Two Decreases"], "Not Achieved")
		self.assert_drill_downs(result)
		# petitions by post fell from 3 to 2, cross-level ones from 2 to 1
		post = self.run_as(OFFICE, "Cross-level Petitions", group_by="Channel", channel="Post", **PERIOD)
		self.assertEqual(self.table(post, *fields[:4]), {"Post": (2, 3, 1, 2), "Total": (2, 3, 1, 2)})
		summary = {item["label"]: item["value"] for item in post["report_summary"]}
		self.assertEqual(summary["Two Decreases"], "Achieved")
		self.assert_drill_downs(post)

	def test_cross_level_compares_one_year_at_most(self):
		self.seed()
		result = self.run_as(OFFICE, "Cross-level Petitions", from_date="2025-01-01", to_date=TODAY)
		self.assertEqual(result["rows"], [])
		self.assertIn("A year-on-year comparison covers one year at most", result["message"])

	def test_a_period_that_ends_before_it_starts_is_refused(self):
		self.seed()
		for report in REPORTS:
			result = self.run_as(OFFICE, report, from_date=TODAY, to_date="2026-01-01")
			if report == "Overdue and Due Soon":  # as of today: no period
				continue
			self.assertEqual(result["rows"], [], report)
			self.assertEqual(result["message"], "The From Date must be on or before the To Date.", report)

	def test_unit_performance_live_figures(self):
		self.seed()
		result = self.run_as(OFFICE, "Unit Performance", **PERIOD)
		fields = (
			"transfers",
			"as_lead",
			"replies_accepted",
			"replied_late",
			"open",
			"overdue",
			"on_time_rate",
		)
		self.assertEqual(
			self.table(result, *fields),
			{
				UNIT_A: (3, 3, 1, 0, 2, 1, 100.0),
				UNIT_B: (3, 2, 1, 1, 2, 0, 0.0),
				"Total": (6, 5, 2, 1, 4, 1, 50.0),
			},
		)
		fields = ("lead_cases", "repeat_cases", "rated", "satisfied", "satisfaction_rate", "no_repeat_rate")
		self.assertEqual(
			self.table(result, *fields),
			{
				UNIT_A: (3, 2, 1, 1, 100.0, 33.3),
				UNIT_B: (2, 1, 0, 0, None, 50.0),
				"Total": (5, 3, 1, 1, 100.0, 40.0),
			},
		)
		self.assert_drill_downs(result)

	def test_overdue_and_due_soon_cases_and_transfers(self):
		self.seed()
		result = self.run_as(OFFICE, "Overdue and Due Soon")
		self.assertEqual(
			[(row["name"], row["days_remaining"], row["status"]) for row in result["rows"]],
			[
				(case_name(4), -12, "Overdue"),
				(case_name(1), -3, "Overdue"),
				(case_name(2), 2, "Due Soon"),
				(case_name(8), 3, "Due Soon"),
			],
		)
		self.assertEqual([item["value"] for item in result["report_summary"]], [2, 2])
		only_overdue = self.run_as(OFFICE, "Overdue and Due Soon", status="Overdue")
		self.assertEqual([row["name"] for row in only_overdue["rows"]], [case_name(4), case_name(1)])
		transfers = self.run_as(OFFICE, "Overdue and Due Soon", based_on="Transfer")
		self.assertEqual(
			[(row["name"], row["status"]) for row in transfers["rows"]],
			[("_T-RPT-T00001", "Overdue"), ("_T-RPT-T00002", "Due Soon")],
		)
		# reception registers cases and reads no transfers
		refused = self.run_as(RECEPTION, "Overdue and Due Soon", based_on="Transfer")
		self.assertEqual((refused["rows"], bool(refused["message"])), ([], True))

	def test_ledger_lists_every_case_with_its_outcome(self):
		self.seed()
		# a case registered from a visit: its source record type must not make Frappe check DocType reads
		source = {"source_doctype": "Petition Visit", "source_name": "_T-RPT-VISIT"}
		frappe.db.set_value("Petition Case", case_name(1), source, update_modified=False)
		result = self.run_as(OFFICE, "Petition Ledger", from_date="2025-01-01", to_date=TODAY)
		self.assertEqual(len(result["rows"]), 14)
		rows = {row["case_name"]: row for row in result["rows"]}
		self.assertEqual(
			(rows[case_name(1)]["source_doctype"], rows[case_name(1)]["source_name"]),
			("Petition Visit", "_T-RPT-VISIT"),
		)
		self.assertEqual(
			[rows[case_name(n)]["outcome"] for n in (1, 5, 6, 7, 13)],
			["In Progress", "Not Accepted", "Answered on the Spot", "Replied", "Replied"],
		)
		self.assertEqual(rows[case_name(2)]["co_units"], UNIT_B)
		self.assertEqual(rows[case_name(1)]["deadline_status"], "Overdue")
		self.assertEqual(rows[case_name(8)]["deadline_status"], "Due Soon")
		cross_level = self.run_as(OFFICE, "Petition Ledger", cross_level=1, **PERIOD)
		self.assertEqual({row["case_name"] for row in cross_level["rows"]}, {case_name(n) for n in (2, 5, 8)})

	def test_number_cards_count_live_and_open_their_list(self):
		self.seed()
		expected = {
			OFFICE: {"open_cases": 6, "overdue_cases": 2, "due_soon_cases": 2, "received_this_month": 1},
			HANDLER: {"open_cases": 2, "overdue_cases": 1, "due_soon_cases": 1, "received_this_month": 0},
		}
		for user, figures in expected.items():
			frappe.set_user(user)
			for method, value in figures.items():
				card = getattr(cards, method)()
				self.assertEqual(card["value"], value, (user, method))
				self.assertEqual(list_count({"doctype": "Petition Case", **card}), value, (user, method))
				self.assertEqual(card["route"], ["List", "Petition Case"])

	def test_number_cards_and_charts_are_on_the_workspace(self):
		workspace = frappe.get_doc("Workspace", "Petitions")
		self.assertEqual(
			[row.number_card_name for row in workspace.number_cards],
			[
				"Open Petition Cases",
				"Overdue Petition Cases",
				"Petition Cases Due Soon",
				"Petitions Received This Month",
			],
		)
		for row in workspace.number_cards:
			card = frappe.get_doc("Number Card", row.number_card_name)
			self.assertEqual(card.type, "Custom")
			self.assertTrue(callable(frappe.get_attr(card.method)))
		self.assertEqual(
			[row.chart_name for row in workspace.charts],
			["Petitions Received by Month", "Petition Cases by Category"],
		)
		reports = [link.link_to for link in workspace.links if link.link_type == "Report"]
		self.assertEqual(reports, list(REPORTS))
		self.assertIn("Setup", [link.label for link in workspace.links if link.type == "Card Break"])

	def test_the_workspace_shows_cards_charts_and_the_reports_each_role_may_run(self):
		from frappe.desk.desktop import get_desktop_page

		page = json.dumps({"name": "Petitions", "title": "Petitions", "public": 1})
		for user, hidden in ((HANDLER, []), (LEADER, []), (RECEPTION, ["Unit Performance"])):
			frappe.set_user(user)
			desk = get_desktop_page(page)
			self.assertEqual(len(desk["number_cards"]["items"]), 4, user)
			self.assertEqual(len(desk["charts"]["items"]), 2, user)
			reports = next(card for card in desk["cards"]["items"] if card["label"] == "Reports")
			self.assertEqual(
				[link["link_to"] for link in reports["links"]], [r for r in REPORTS if r not in hidden]
			)

	def test_charts_count_what_the_user_may_see(self):
		from frappe.desk.doctype.dashboard_chart.dashboard_chart import get as get_chart

		self.seed()
		frappe.set_user(HANDLER)
		by_category = get_chart(chart_name="Petition Cases by Category", refresh=1)
		self.assertEqual(dict(zip(by_category["labels"], by_category["datasets"][0]["values"], strict=True)),
			{HOUSING: 2, LABOUR: 1})  # fmt: skip
		by_month = get_chart(chart_name="Petitions Received by Month", refresh=1)
		self.assertEqual(sum(by_month["datasets"][0]["values"]), 3)


class TestReportAccess(ReportTestCase):
	def test_every_report_runs_for_office_handler_and_leader(self):
		self.seed()
		for user in (OFFICE, HANDLER, LEADER):
			for report in REPORTS:
				result = self.run_as(user, report, **PERIOD)
				self.assertTrue(result["columns"], (user, report))

	def test_reception_has_no_unit_performance(self):
		with self.assertRaises(frappe.PermissionError):
			self.run_as(RECEPTION, "Unit Performance", **PERIOD)

	def test_a_unit_sees_only_its_own_cases(self):
		self.seed()
		mine = {case_name(n) for n in (1, 2, 7)}  # active transfers to unit A; case 3's was withdrawn
		for user in (HANDLER, LEADER):
			ledger = self.run_as(user, "Petition Ledger", from_date="2025-01-01", to_date=TODAY)
			self.assertEqual({row["case_name"] for row in ledger["rows"]}, mine, user)
			stats = self.run_as(user, "Petition Statistics", group_by="Channel", **PERIOD)
			fields = ("received", "accepted", "open", "overdue", "concluded")
			self.assertEqual(self.table(stats, *fields), {"Visit": (3, 3, 2, 1, 1), "Total": (3, 3, 2, 1, 1)})
			self.assert_drill_downs(stats)
			overdue = self.run_as(user, "Overdue and Due Soon")
			self.assertEqual([row["name"] for row in overdue["rows"]], [case_name(1), case_name(2)])
			transfers = self.run_as(user, "Overdue and Due Soon", based_on="Transfer")
			self.assertEqual([row["unit"] for row in transfers["rows"]], [UNIT_A, UNIT_A])
			performance = self.run_as(user, "Unit Performance", **PERIOD)
			self.assertEqual(
				self.table(performance, "transfers", "lead_cases"), {UNIT_A: (3, 3), "Total": (3, 3)}
			)
			self.assert_drill_downs(performance)
			repeats = self.run_as(user, "Repeat Petitions", **PERIOD)
			self.assertEqual(self.table(repeats, "received", "repeated")["Total"], (3, 2))
			cross = self.run_as(user, "Cross-level Petitions", **PERIOD)
			self.assertEqual(self.table(cross, "received", "received_last_year")["Total"], (3, 0))

	def test_a_co_handling_unit_sees_the_cases_another_unit_leads(self):
		self.seed()
		theirs = {case_name(n) for n in (2, 3, 13)}  # co-unit of case 2 (led by unit A), lead of 3 and 13
		ledger = self.run_as(HANDLER_B, "Petition Ledger", **PERIOD)
		self.assertEqual({row["case_name"] for row in ledger["rows"]}, theirs)
		self.assertEqual({row["lead_unit"] for row in ledger["rows"]}, {UNIT_A, UNIT_B})
		# its figures are its own: the cases it leads, and apart the case it co-handles (tests/test_report_units.py)
		stats = self.run_as(HANDLER_B, "Petition Statistics", group_by="Unit", **PERIOD)
		self.assertEqual(
			[(row["part"], row["group"], row["received"]) for row in stats["rows"]],
			[("Lead Unit", UNIT_B, 2), ("Lead Unit", "Total", 2), ("Co-handling Unit", "Total", 1)],
		)
		self.assert_drill_downs(stats)
		performance = self.run_as(HANDLER_B, "Unit Performance", **PERIOD)
		self.assertEqual(
			self.table(performance, "transfers", "as_co", "replied_late", "lead_cases"),
			{UNIT_B: (3, 1, 1, 2), "Total": (3, 1, 1, 2)},
		)
		self.assert_drill_downs(performance)

	def test_id_numbers_and_phones_only_for_the_permission_level(self):
		self.seed()
		with_id = make_petitioner("_T 张伟", id_type="PRC Resident ID", id_number=ID_NUMBER, phone=PHONE)
		without_id = make_petitioner("_T 李娜", phone=OTHER_PHONE)
		insert_parties([(1, 1, with_id, "_T 张伟"), (1, 2, without_id, "_T 李娜")])
		masked_id, masked_phone = frappe.db.get_value(
			"Petitioner", with_id, ["id_number_masked", "phone_masked"]
		)
		masked_other = frappe.db.get_value("Petitioner", without_id, "phone_masked")
		self.assertNotIn(ID_NUMBER[6:14], masked_id)

		def ledger_row(user):
			result = self.run_as(user, "Petition Ledger", **PERIOD)
			return {row["case_name"]: row for row in result["rows"]}[case_name(1)]

		for user in (OFFICE, RECEPTION):
			row = ledger_row(user)
			self.assertEqual(row["petitioners"], "_T 张伟, _T 李娜")
			self.assertEqual(
				(row["id_numbers"], row["phones"]), (f"{ID_NUMBER}, -", f"{PHONE}, {OTHER_PHONE}")
			)
		row = ledger_row(LEADER)  # reads Petitioners, not their protected fields: masked values
		self.assertEqual(
			(row["id_numbers"], row["phones"]), (f"{masked_id}, -", f"{masked_phone}, {masked_other}")
		)
		row = ledger_row(HANDLER)  # a unit does not read Petitioners at all: no identifiers
		self.assertEqual((row["id_numbers"], row["phones"]), ("-, -", "-, -"))
		for user in (HANDLER, LEADER):
			# nowhere in any report the user can run
			for report in REPORTS:
				text = json.dumps(self.run_as(user, report, **PERIOD), default=str, ensure_ascii=False)
				for secret in (ID_NUMBER, PHONE, OTHER_PHONE):
					self.assertNotIn(secret, text, (user, report))

	def test_the_exported_ledger_is_masked_too(self):
		from frappe.desk.query_report import export_query

		self.seed()
		petitioner = make_petitioner("_T 张伟", id_type="PRC Resident ID", id_number=ID_NUMBER, phone=PHONE)
		insert_parties([(1, 1, petitioner, "_T 张伟")])
		for user, shown in ((OFFICE, True), (LEADER, False)):
			frappe.set_user(user)
			frappe.local.form_dict = frappe._dict(
				report_name="Petition Ledger",
				file_format_type="CSV",
				filters=json.dumps(PERIOD),
				visible_idx="[]",
			)
			export_query()
			content = frappe.safe_decode(frappe.response["filecontent"])
			self.assertIn("_T 张伟", content, user)
			self.assertEqual(ID_NUMBER in content, shown, user)
			self.assertEqual(PHONE in content, shown, user)


class TestReportQueryCount(ReportTestCase):
	def run_all(self, user):
		frappe.set_user(user)
		for report in REPORTS:
			run_report(report, filters=PERIOD)
			run_report(report, filters={**PERIOD, "group_by": "Channel"})
		run_report("Overdue and Due Soon", filters={"based_on": "Transfer"})
		for method in ("open_cases", "overdue_cases", "due_soon_cases", "received_this_month"):
			getattr(cards, method)()

	def test_query_count_does_not_grow_with_the_number_of_cases(self):
		for user in (OFFICE, HANDLER):
			seed_many(20)
			self.run_all(user)  # warm the caches
			small = count_queries(self.run_all, user)
			frappe.set_user("Administrator")
			frappe.db.rollback()
			frappe.db.delete("Petition Case")
			frappe.db.delete("Petition Transfer")
			seed_many(300)
			self.run_all(user)
			large = count_queries(self.run_all, user)
			self.assertEqual(large, small, user)
			ledger = run_report("Petition Ledger", filters=PERIOD)["result"]
			self.assertGreater(len(ledger), 20 if user == HANDLER else 250)
			frappe.set_user("Administrator")
			frappe.db.rollback()
			frappe.db.delete("Petition Case")
			frappe.db.delete("Petition Transfer")
