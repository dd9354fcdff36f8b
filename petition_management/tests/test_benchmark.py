"""The benchmark keeps working: a small run (N = 2,000) of `petition-benchmark` on the test site.

Nothing is asserted about time (a test site on a shared machine says nothing about speed); the full runs
and their figures are in the README. The run seeds inside the test's transaction, which is rolled back;
only the scratch DocTypes (DDL) are created for real, and dropped.
"""

import json
import os
import tempfile

import frappe
from frappe.tests.utils import FrappeTestCase

from petition_management.benchmark import MARK
from petition_management.benchmark.masters import USER_DOMAIN
from petition_management.benchmark.report import GOALS
from petition_management.benchmark.run import run_benchmark
from petition_management.benchmark.scratch import SCRATCH, drop_scratch_doctypes
from petition_management.benchmark.seed import DOCTYPES, seeded_counts

N = 2000


class TestBenchmark(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.out = os.path.join(tempfile.mkdtemp(prefix="pm-benchmark-"), "petition-benchmark.json")
		try:
			cls.result = run_benchmark(N, cls.out, repetitions=1, commit=False)
			cls.counts_during = seeded_counts()
		finally:
			frappe.set_user("Administrator")
			frappe.db.rollback()
			drop_scratch_doctypes()
		with open(cls.out) as file:
			cls.data = json.load(file)

	def test_json_has_every_figure_beside_its_goal(self):
		for goal in GOALS:
			figure = self.data["figures"][goal.key]
			self.assertIsNotNone(figure["value"], f"{goal.key}: {figure.get('error')}")
			self.assertGreaterEqual(figure["value"], 0)
			self.assertEqual(figure["goal"], goal.text)
			self.assertIn(figure["met"], (True, False))
			self.assertTrue(figure["samples"], goal.key)

	def test_json_names_the_run_the_machine_and_the_versions(self):
		self.assertEqual(self.data["n"], N)
		self.assertEqual(self.data["site"], frappe.local.site)
		for key in ("cpus", "memory_gb", "mariadb", "innodb_buffer_pool_mb"):
			self.assertTrue(self.data["machine"][key], key)
		self.assertTrue(self.data["versions"]["frappe"].startswith("15."))
		self.assertTrue(self.data["date"])

	def test_seeded_counts_are_in_the_json_and_were_in_the_database(self):
		counts = self.data["seed"]["counts"]
		self.assertEqual(counts["Petition Case"], N)
		self.assertEqual(self.counts_during, {doctype: counts[doctype] for doctype in DOCTYPES})
		self.assertGreaterEqual(counts["Petition Party"], N)
		for doctype in ("Petitioner", "Petition Transfer", "Petition Return Visit", "Petition Repeat Note"):
			self.assertGreater(counts[doctype], N // 20, doctype)
		self.assertEqual(self.data["seed"]["rows"], sum(counts.values()))

	def test_daily_job_query_counts_at_n_and_at_a_tenth(self):
		daily = self.data["figures"]["daily_job"]
		self.assertIsInstance(daily["queries"], int)
		self.assertIsInstance(daily["queries_at_tenth"], int)

	def test_the_figures_ran_on_the_seed(self):
		figures = self.data["figures"]
		self.assertEqual(figures["list_page"]["rows"], 20)
		self.assertTrue(figures["list_page"]["handler_unit"].startswith(MARK))
		self.assertGreater(figures["month_statistics"]["received"], 0)
		self.assertGreaterEqual(figures["appraisal_run"]["units"], 200)
		self.assertGreater(figures["repeat_lookup"]["with_matches"], 0)

	def test_nothing_seeded_is_left(self):
		self.assertEqual(seeded_counts(), dict.fromkeys(DOCTYPES, 0))
		for scratch in SCRATCH.values():
			self.assertFalse(frappe.db.exists("DocType", scratch))
			self.assertFalse(frappe.db.sql("show tables like %s", (f"tab{scratch}",)))
		self.assertFalse(frappe.db.exists("Handling Unit", {"name": ("like", f"{MARK}%")}))
		self.assertFalse(frappe.db.exists("User", {"name": ("like", f"%@{USER_DOMAIN}")}))
