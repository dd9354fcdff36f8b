# Copyright (c) 2026, Petition Management contributors
# See license.txt

"""Appraisal Run: appraisals of all the units of a period, ranking, the lists to commend and to watch,
approved appraisals kept as they are, and a query count that does not grow with the number of cases."""

import random
from datetime import date

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import getdate, nowdate

from petition_management.api.appraisal import run_appraisals
from petition_management.appraisal import APPRAISAL, RUN
from petition_management.appraisal.figures import QUERIES
from petition_management.appraisal.runs import appraised_units
from petition_management.petition_management.doctype.appraisal_run.appraisal_run import DuplicateRunError
from petition_management.petition_management.doctype.petition_appraisal.test_petition_appraisal import (
	DIRECTOR,
	EXPECTED,
	OFFICE,
	ROOT,
	SUPERVISOR,
	TEST_SCHEME,
	UNIT_A,
	UNIT_B,
	UNIT_C,
	UNIT_D,
	UNITS,
	YEAR,
	AppraisalTestCase,
	case_name,
	d,
	seed_cases,
	seed_hand_set,
	seed_random_set,
	seed_repeat_notes,
)
from petition_management.rules.appraisal import Figure


def make_run(year: int = YEAR, user: str = OFFICE, **values):
	frappe.set_user(user)
	doc = frappe.get_doc(
		{
			"doctype": RUN,
			"scheme": TEST_SCHEME,
			"parent_unit": ROOT,
			"period_type": "Year",
			"year": year,
			**values,
		}
	).insert()
	return doc


def session_queries() -> int:
	"""Statements this database session has sent so far (MariaDB's own counter)."""
	return int(frappe.db.sql("show session status like 'Questions'")[0][1])


class TestAppraisalRun(AppraisalTestCase):
	def results(self, run_name: str) -> dict[str, tuple]:
		run = frappe.get_doc(RUN, run_name)
		return {row.unit: (row.rank, row.standing or "", row.vetoed) for row in run.results}

	def test_the_run_appraises_ranks_and_lists_units(self):
		seed_hand_set()
		run = make_run()
		run_appraisals(run.name)
		run.reload()
		self.assertEqual((run.status, run.unit_count, run.period_label), ("Completed", 4, str(YEAR)))
		# A 99; B 44; D has no cases (full marks, ranked after the rated units); C vetoed: last
		self.assertEqual(
			self.results(run.name),
			{UNIT_A: (1, "Commend", 0), UNIT_B: (2, "Watch", 0), UNIT_D: (3, "", 0), UNIT_C: (4, "Watch", 1)},
		)
		self.assertEqual([row.unit for row in run.results], [UNIT_A, UNIT_B, UNIT_D, UNIT_C])
		self.assertEqual(run.commend_units, UNIT_A)
		self.assertEqual(run.watch_units.split("\n"), [UNIT_B, f"{UNIT_C} (vetoed)"])
		for unit in UNITS:
			doc = frappe.get_doc(APPRAISAL, {"unit": unit, "appraisal_run": run.name})
			self.assertEqual({code: doc.get(code) for code in EXPECTED[unit]}, EXPECTED[unit], unit)

	def test_equal_scores_share_a_rank(self):
		seed_hand_set()
		# C's petitioners are all satisfied now, and one repeat petition comes long after a reply: 100 - 1,
		# the same score as A
		frappe.db.sql("update `tabPetition Case` set satisfaction = 'Satisfied' where lead_unit = %s", UNIT_C)
		seed_repeat_notes([(case_name("C1"), d(12, 20))], tag="TIE")
		run = make_run()
		run_appraisals(run.name)
		scores = dict(frappe.get_all(APPRAISAL, {"appraisal_run": run.name}, ["unit", "score"], as_list=True))
		self.assertEqual((scores[UNIT_A], scores[UNIT_C]), (99.0, 99.0))
		self.assertEqual(
			self.results(run.name),
			{
				UNIT_A: (1, "Commend", 0),
				UNIT_C: (1, "Commend", 0),
				UNIT_B: (3, "Watch", 0),
				UNIT_D: (4, "", 0),
			},
		)

	def test_a_second_run_keeps_approved_appraisals_and_recomputes_drafts(self):
		seed_hand_set()
		run = make_run()
		run_appraisals(run.name)
		a = frappe.get_doc(APPRAISAL, {"unit": UNIT_A})
		self.approve(a.name)
		frozen = {code: a.get(code) for code in EXPECTED[UNIT_A]}
		# the cases change: A1 is now dissatisfied and B1's petitioner is satisfied
		frappe.db.set_value("Petition Case", case_name("A1"), "satisfaction", "Dissatisfied")
		frappe.db.set_value("Petition Case", case_name("B1"), "satisfaction", "Satisfied")
		frappe.set_user(SUPERVISOR)
		run_appraisals(run.name)
		a = frappe.get_doc(APPRAISAL, a.name)
		b = frappe.get_doc(APPRAISAL, {"unit": UNIT_B})
		self.assertEqual({code: a.get(code) for code in EXPECTED[UNIT_A]}, frozen)
		self.assertEqual((a.workflow_state, a.score), ("Approved", 99.0))
		self.assertEqual((b.satisfied, b.satisfaction_rate), (2, 100.0))
		self.assertEqual(self.results(run.name)[UNIT_A][:2], (1, "Commend"))

	def test_query_count_does_not_grow_with_the_number_of_cases(self):
		make_run(YEAR - 3)  # warm the caches with a run over an empty year, executed twice: the first
		# writes its new appraisals set-based (appraisal/writing.py), the second recomputes them through
		# the controller, as the measured executions below do
		for _ in range(2):
			run_appraisals(frappe.get_value(RUN, {"year": YEAR - 3}))
		measured = {}
		for year, cases_per_unit in ((YEAR - 2, 2), (YEAR - 1, 60)):
			seed_random_set(random.Random(year), cases_per_unit, units=UNITS, tag=f"Q{year}", year=year)
			run = make_run(year)
			# measured on the third execution of each run: the first creates the appraisals (set-based,
			# under names that earlier, rolled back, tests may have used and left in the process's link
			# caches) and checks no link; the second recomputes them through the controller and finds
			# the run's own name in the link cache or not, depending on the order the suite runs in; the
			# third recomputes every appraisal through the same gather, score and write steps, with the
			# same caches for both sizes
			for _ in range(2):
				run_appraisals(run.name)
			before = session_queries()
			run_appraisals(run.name)
			measured[cases_per_unit] = session_queries() - before
			self.assertEqual(frappe.db.count(APPRAISAL, {"appraisal_run": run.name}), len(UNITS))
		received = frappe.db.sql(
			"select count(*) from `tabPetition Case` where lead_unit in %s and year(received_on) = %s",
			(UNITS, YEAR - 1),
		)[0][0]
		self.assertGreater(received, 150)
		self.assertGreater(measured[2], len(QUERIES))  # the counter did see the run's queries
		self.assertEqual(measured[2], measured[60], measured)

	def test_one_run_per_period_and_group(self):
		make_run()
		with self.assertRaises(DuplicateRunError):
			make_run()
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.count(RUN, {"year": YEAR, "parent_unit": ROOT}), 1)
		make_run(period_type="Half-year", period_number=1)

	def test_only_the_office_or_a_supervisor_runs(self):
		run = make_run()
		frappe.set_user(DIRECTOR)
		with self.assertRaises(frappe.PermissionError):
			run_appraisals(run.name)
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.count(APPRAISAL, {"appraisal_run": run.name}), 0)

	def test_units_under_a_group_only(self):
		self.assertEqual(sorted(appraised_units(ROOT)), sorted(UNITS))
		self.assertTrue(set(UNITS) <= set(appraised_units()))
		self.assertNotIn(ROOT, appraised_units())
		frappe.db.set_value("Handling Unit", UNIT_D, "is_active", 0)
		self.assertNotIn(UNIT_D, appraised_units(ROOT))

	def test_the_director_approves_from_a_run(self):
		seed_hand_set()
		run = make_run()
		run_appraisals(run.name)
		name = frappe.db.get_value(APPRAISAL, {"unit": UNIT_B, "appraisal_run": run.name})
		frappe.set_user(OFFICE)
		apply_workflow(frappe.get_doc(APPRAISAL, name), "Submit for Review")
		frappe.set_user(DIRECTOR)
		apply_workflow(frappe.get_doc(APPRAISAL, name), "Approve")
		self.assertEqual(
			frappe.db.get_value(APPRAISAL, name, ["workflow_state", "approved_by"]), ("Approved", DIRECTOR)
		)

	def test_demo_makes_a_run_for_the_current_year_and_approves_last_years_once(self):
		from petition_management.demo import DemoContext
		from petition_management.demo.appraisal import make_appraisals

		seed_hand_set()
		year = getdate(nowdate()).year
		seed_cases(
			[
				dict(name=case_name("A8"), lead_unit=UNIT_A, received_on=date(year, 1, 1)),
				dict(name=case_name("A9"), lead_unit=UNIT_A, received_on=date(year - 1, 3, 1)),
			]
		)
		filters = {}
		for period in (year, year - 1):
			filters[period] = {"period_type": "Year", "year": period, "parent_unit": ("is", "not set")}
			frappe.db.delete(APPRAISAL, {"year": period, "period_type": "Year"})
			frappe.db.delete(RUN, filters[period])
		context = DemoContext()
		make_appraisals(context)
		make_appraisals(context)
		self.assertEqual([frappe.db.count(RUN, filters[p]) for p in (year, year - 1)], [1, 1])
		run, last_year = (frappe.db.get_value(RUN, filters[p]) for p in (year, year - 1))
		self.assertEqual(context.created[RUN], [last_year, run])
		run = frappe.get_doc(RUN, run)
		self.assertEqual(run.status, "Completed")
		self.assertTrue({row.unit for row in run.results} >= set(UNITS))
		self.assertEqual(
			frappe.db.count(APPRAISAL, {"appraisal_run": run.name, "workflow_state": "Under Review"}), 1
		)
		# last year's appraisals with cases are approved, with the cases behind their figures kept
		approved = frappe.get_doc(APPRAISAL, {"appraisal_run": last_year, "unit": UNIT_A})
		self.assertEqual(approved.workflow_state, "Approved")
		self.assertIn(case_name("A9"), approved.kept_case_names(Figure.RECEIVED))
		empty = frappe.db.get_value(APPRAISAL, {"appraisal_run": last_year, "unit": UNIT_D}, "workflow_state")
		self.assertEqual(empty, "Draft")
