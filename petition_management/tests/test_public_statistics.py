"""The public statistics single no one out (portal/statistics.py, rules/disclosure.py), looked at as an
adversary would: every filter's figures, the totals minus the visible rows, the twelve months against
the months, the rates, the rendered page and the endpoints behind it.

Two data sets: the demo data (loaded here when the site has none, and rolled back), and a crafted
March 2020 in which one unit has exactly one case.
"""

import re

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import set_request
from frappe.website.serve import get_response

from petition_management.demo import DEMO_MARKER, has_demo_data, make_demo
from petition_management.petition_management.doctype.petition_settings.petition_settings import (
	PetitionSettingsError,
)
from petition_management.portal import statistics
from petition_management.tests.factories import make_case, make_petitioner
from petition_management.tests.utils import make_category, make_outgoing_email_account, make_unit

CATEGORY = "_T Stats Category"
UNIT_A, UNIT_B, LONE_UNIT = "_T Stats Unit A", "_T Stats Unit B", "_T Stats Lone Unit"
MARCH = "2020-03"
TODAY = "2020-04-15"  # the last twelve complete months are 2019-04 to 2020-03
TABLES = ("monthly", "by_category", "by_unit")
COUNTS = ("received", "closed")


def shown(value) -> int:
	"""A figure as a number: hidden ones ("<5") count as nothing."""
	return value if isinstance(value, int) else 0


def row_of(stats: dict, table: str, label: str) -> dict:
	return next(r for r in stats[table] if r["label"] == label)


class StatisticsTestCase(FrappeTestCase):
	def setUp(self):
		statistics.clear_cache()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		frappe.clear_document_cache("Petition Settings", "Petition Settings")
		# figures of this test's uncommitted data must not be served from Redis afterwards
		statistics.clear_cache()

	def set_threshold(self, value):
		settings = frappe.get_single("Petition Settings")
		settings.statistics_threshold = value
		settings.save()
		statistics.clear_cache()

	def every_filter(self, today=None) -> dict:
		"""The page's figures for the twelve months and for each month one may pick (and one more)."""
		months = statistics.complete_months(today)
		views = {None: statistics.public_statistics(None, today)}
		for month in [*months, "1999-01"]:
			views[month] = statistics.public_statistics(month, today)
		return views

	def assert_nothing_singles_out(self, views: dict, threshold: int):
		hidden, hidden_rate = f"<{threshold}", f"n<{threshold}"
		for month, stats in views.items():
			for table in (*TABLES, "totals"):
				rows = [stats["totals"]] if table == "totals" else stats[table]
				for row in rows:
					where = f"{month or '12 months'} {table} {row['label']}"
					for key in COUNTS:
						value = row[key]
						self.assertTrue(
							value == hidden or value == 0 or value >= threshold, f"{where} {key}: {value}"
						)
					rate = row["on_time_rate"]
					self.assertTrue(rate is None or rate == hidden_rate or isinstance(rate, float), where)
			# a total minus the visible rows of any table is 0: no hidden cell comes back out
			for key in COUNTS:
				total = shown(stats["totals"][key])
				for table in TABLES:
					self.assertEqual(
						sum(shown(r[key]) for r in stats[table]), total, f"{month} {table} {key}"
					)
			# the chart shows no bar a table hides
			for bar in stats["chart"]["bars"]:
				self.assertTrue(bar["value"] == hidden or bar["h"] == 0 or bar["value"] >= threshold, bar)
				if bar["value"] == hidden:
					self.assertEqual(bar["h"], 0)

	def assert_year_is_the_sum_of_its_months(self, views: dict):
		"""The same cell by two filters: the twelve months are exactly the months' published figures."""
		year = views[None]
		for table in ("by_category", "by_unit"):
			for row in year[table]:
				for key in COUNTS:
					months = sum(
						shown(r[key])
						for m in year["months"]
						for r in views[m][table]
						if r["label"] == row["label"]
					)
					self.assertEqual(shown(row[key]), months, f"{table} {row['label']} {key}")
		for month_row in year["monthly"]:
			month = views[month_row["label"]]
			for key in COUNTS:
				self.assertEqual(month_row[key], month["totals"][key], f"{month_row['label']} {key}")


class TestPublicStatisticsOnTheDemo(StatisticsTestCase):
	def test_no_filter_shows_a_small_figure_or_lets_one_be_worked_out(self):
		if not has_demo_data():
			# as test_demo loads it: mail queued, never sent; rolled back, and its marker forgotten after
			self.addCleanup(frappe.defaults.clear_default, DEMO_MARKER)
			frappe.flags.mute_emails = True
			make_outgoing_email_account()
			frappe.local.outgoing_email_account = {}
			make_demo(commit=False)
			frappe.flags.mute_emails = False
		for threshold in (5, 3):
			self.set_threshold(threshold)
			views = self.every_filter()
			self.assert_nothing_singles_out(views, threshold)
			self.assert_year_is_the_sum_of_its_months(views)
		# the demo's October: four units received one case each; none of them shows a 1
		october = views.get("2026-10") or {}
		for row in october.get("by_unit", []):
			self.assertNotEqual(row["received"], 1, row)


class TestPublicStatisticsOfOneLoneCase(StatisticsTestCase):
	"""March 2020: unit A has 6 cases (5 answered on time, 1 late), unit B 5 (on time), and the lone unit
	exactly one; all of one category."""

	def setUp(self):
		super().setUp()
		make_category(CATEGORY)
		for unit in (UNIT_A, UNIT_B, LONE_UNIT):
			make_unit(unit)
		petitioner = make_petitioner("_T Stats Petitioner")
		for unit, count, late in ((UNIT_A, 6, 1), (UNIT_B, 5, 0), (LONE_UNIT, 1, 0)):
			for index in range(count):
				case = make_case(petitioner, received_on=f"{MARCH}-10", category=CATEGORY, subject="_T stats")
				values = {"lead_unit": unit, "handling_due": f"{MARCH}-25"}
				if unit != LONE_UNIT:
					answered = f"{MARCH}-28" if index < late else f"{MARCH}-20"
					values |= {"replied_on": answered, "closed_on": answered, "workflow_state": "Closed"}
				case.db_set(values)

	def test_the_lone_case_is_hidden_and_in_no_total_on_any_filter(self):
		views = self.every_filter(TODAY)
		self.assert_nothing_singles_out(views, 5)
		self.assert_year_is_the_sum_of_its_months(views)
		for stats in (views[None], views[MARCH]):
			self.assertEqual(row_of(stats, "by_unit", LONE_UNIT)["received"], "<5")
			self.assertEqual(row_of(stats, "by_unit", UNIT_A)["received"], 6)
			self.assertEqual(row_of(stats, "by_unit", UNIT_B)["received"], 5)
			# the category counts 11, not 12: 11 minus A and B gives 0, not the lone case
			self.assertEqual(row_of(stats, "by_category", CATEGORY)["received"], 11)
			self.assertEqual(row_of(stats, "by_category", CATEGORY)["closed"], 11)
		self.assertEqual(row_of(views[None], "monthly", MARCH)["received"], 11)
		# the lone unit is listed after the units shown, whatever its size
		labels = [r["label"] for r in views[MARCH]["by_unit"]]
		self.assertLess(labels.index(UNIT_B), labels.index(LONE_UNIT))

	def test_a_rate_resting_on_one_late_case_is_hidden(self):
		stats = statistics.public_statistics(MARCH, TODAY)
		self.assertEqual(row_of(stats, "by_unit", UNIT_A)["on_time_rate"], "n<5")  # 5 on time, 1 late
		self.assertEqual(row_of(stats, "by_unit", UNIT_B)["on_time_rate"], 100.0)
		self.assertEqual(row_of(stats, "by_category", CATEGORY)["on_time_rate"], "n<5")
		self.assertIsNone(row_of(stats, "by_unit", LONE_UNIT)["on_time_rate"])

	def test_the_threshold_comes_from_the_settings(self):
		self.set_threshold(1)
		stats = statistics.public_statistics(MARCH, TODAY)
		self.assertEqual(row_of(stats, "by_unit", LONE_UNIT)["received"], 1)
		self.assertEqual(row_of(stats, "by_category", CATEGORY)["received"], 12)
		self.assertAlmostEqual(row_of(stats, "by_unit", UNIT_A)["on_time_rate"], 83.3)
		self.set_threshold(7)
		stats = statistics.public_statistics(MARCH, TODAY)
		self.assertEqual(row_of(stats, "by_unit", UNIT_B)["received"], "<7")
		self.assert_nothing_singles_out({MARCH: stats}, 7)

	def test_the_running_month_is_not_published(self):
		stats = statistics.public_statistics("2020-04", TODAY)
		self.assertEqual(stats["months"], statistics.complete_months(TODAY))
		self.assertEqual(stats["months"][-1], MARCH)

	def test_the_rendered_page_shows_no_small_figure(self):
		frappe.set_user("Guest")
		html = render("/petition-statistics", {"month": MARCH}, TODAY)
		figures = re.findall(r'data-figure="(\w+)">([^<]*)<', html)
		self.assertTrue(figures)
		for key, text in figures:
			text = text.strip()
			self.assertTrue(
				text in ("0", "—", "&lt;5", "n&lt;5") or text.endswith("%") or int(text) >= 5, (key, text)
			)
		self.assertNotIn(">1<", html)
		self.assertIn(LONE_UNIT, html)

	def test_the_figures_are_cached_briefly(self):
		start, end, months = statistics.period(MARCH, TODAY)
		first = statistics.period_figures(start, end, months, 5)
		with self.assertQueryCount(0):
			again = statistics.period_figures(start, end, months, 5)
		self.assertEqual(first, again)


class TestStatisticsThreshold(FrappeTestCase):
	def tearDown(self):
		frappe.local.lang = "en"
		frappe.db.rollback()
		frappe.clear_document_cache("Petition Settings", "Petition Settings")

	def test_the_threshold_is_a_whole_number_of_at_least_one(self):
		for bad in (0, -3, 2.5, "2.5", "abc", "", None, 1001):
			with self.subTest(value=bad):
				settings = frappe.get_single("Petition Settings")
				settings.statistics_threshold = bad
				with self.assertRaises(PetitionSettingsError) as caught:
					settings.save()
				self.assertIn("Smallest Figure in Public Statistics", str(caught.exception))
		settings = frappe.get_single("Petition Settings")
		settings.statistics_threshold = "10"
		settings.save()
		self.assertEqual(frappe.db.get_single_value("Petition Settings", "statistics_threshold"), 10)

	def test_the_refusal_is_translated(self):
		frappe.local.lang = "zh"
		settings = frappe.get_single("Petition Settings")
		settings.statistics_threshold = 0
		with self.assertRaises(PetitionSettingsError) as caught:
			settings.save()
		self.assertIn("公开统计最小显示数", str(caught.exception))
		self.assertNotIn("must be", str(caught.exception))


class TestNoEndpointBehindThePage(FrappeTestCase):
	"""The page is rendered on the server; a guest reaches no method that returns case aggregates."""

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_guests_reach_no_chart_card_report_or_list_method(self):
		frappe.set_user("Guest")
		for method in (
			"frappe.desk.doctype.dashboard_chart.dashboard_chart.get",
			"frappe.desk.doctype.number_card.number_card.get_result",
			"frappe.desk.query_report.run",
			"frappe.desk.reportview.get",
			"frappe.desk.reportview.get_count",
			"frappe.client.get_count",
		):
			with self.subTest(method=method), self.assertRaises(frappe.PermissionError):
				frappe.is_whitelisted(frappe.get_attr(method))
		guest_methods = [
			name
			for name in dir(__import__("petition_management.api.portal", fromlist=["*"]))
			if "statistic" in name.lower()
		]
		self.assertEqual(guest_methods, [])


def render(path: str, query: dict, today: str) -> str:
	"""The page as the web server renders it, for this process's (uncommitted) data."""
	from freezegun import freeze_time

	with freeze_time(today):
		set_request(method="GET", path=path, query_string=query)
		frappe.local.form_dict = frappe._dict(query)
		response = get_response(path)
	return frappe.safe_decode(response.get_data())


class TestStatisticsRateLimit(FrappeTestCase):
	ADDRESSES = ("203.0.113.7", "203.0.113.8")

	def tearDown(self):
		for address in self.ADDRESSES:
			frappe.cache.delete(frappe.cache.make_key(f"rl:petition-statistics:{address}"))
		frappe.local.request_ip = None
		frappe.local.request = None

	def test_the_page_is_rate_limited_per_address(self):
		set_request(method="GET", path="/petition-statistics")
		frappe.local.request_ip = self.ADDRESSES[0]
		for _ in range(statistics.PAGE_LIMIT):
			statistics.check_rate_limit()
		with self.assertRaises(frappe.RateLimitExceededError):
			statistics.check_rate_limit()
		frappe.local.request_ip = self.ADDRESSES[1]
		statistics.check_rate_limit()  # another address is not held back
