# Copyright (c) 2026, Petition Management contributors
# See license.txt

"""Petition Appraisal on a seeded set: four units with known cases, transfers, repeat petitions and
supervision orders (seeded set-based with frappe.db.bulk_insert), figures checked against hand-computed
expectations and against the pure reference (rules/appraisal.case_sets), drill-down, workflow with real
users, freezing and permissions."""

import random
from datetime import date, datetime, time, timedelta

import frappe
from frappe.model.workflow import WorkflowTransitionError, apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate

from petition_management.api.appraisal import (
	NotAllowedToComputeError,
	case_names_for_figure,
	recompute_appraisal,
)
from petition_management.appraisal import APPRAISAL, SCHEME
from petition_management.appraisal.figures import GATHER_QUERIES, case_lists, case_names, gather
from petition_management.appraisal.permissions import appraisal_has_permission, appraisal_query
from petition_management.petition_management.doctype.petition_appraisal.petition_appraisal import (
	AdjustmentReasonError,
	AppraisalError,
	AppraisalFrozenError,
	DuplicateAppraisalError,
	FiguresComputedError,
	VetoReasonError,
)
from petition_management.rules.appraisal import CaseRow, Figure, SupervisionRow, TransferRow, case_sets
from petition_management.setup.appraisal_scheme import ensure_default_scheme
from petition_management.tests.utils import make_unit, make_user, tie_to_unit

YEAR = 2024
ROOT = "_T Appraisal Units"
UNIT_A, UNIT_B, UNIT_C, UNIT_D = (f"_T Appraisal Unit {x}" for x in "ABCD")
UNITS = (UNIT_A, UNIT_B, UNIT_C, UNIT_D)
TEST_SCHEME = "_T Appraisal Scheme"
OFFICE = "apr-office@example.com"
DIRECTOR = "apr-director@example.com"
SUPERVISOR = "apr-supervisor@example.com"
HEAD_A = "apr-head-a@example.com"
HANDLER_B = "apr-handler-b@example.com"
CASE_PREFIX = "_T-APR-"


def d(month: int, day: int, year: int = YEAR) -> date:
	return date(year, month, day)


def case_name(code: str) -> str:
	return f"{CASE_PREFIX}{code}"


# --- set-based seeding -----------------------------------------------------------------------------

CASE_FIELDS = (
	"received_on",
	"acceptance_due",
	"decided_on",
	"handling_due",
	"replied_on",
	"closed_on",
	"lead_unit",
	"satisfaction",
	"cross_level",
)


def _base(name: str) -> list:
	now = datetime.now()
	return [name, now, now, "Administrator", "Administrator", 0]


BASE_FIELDS = ["name", "creation", "modified", "owner", "modified_by", "docstatus"]


def seed_cases(cases: list[dict]):
	"""Cases (dicts with "name" and CASE_FIELDS) and their repeat notes ("repeats": dates), in two inserts."""
	frappe.db.bulk_insert(
		"Petition Case",
		[*BASE_FIELDS, "subject", "workflow_state", *CASE_FIELDS],
		[
			[
				*_base(c["name"]),
				"_T appraisal case",
				"Closed" if c.get("closed_on") else "In Handling",
				*(c.get(f) for f in CASE_FIELDS[:-1]),
				int(bool(c.get("cross_level"))),
			]
			for c in cases
		],
	)
	seed_repeat_notes([(c["name"], day) for c in cases for day in c.get("repeats", ())])


def seed_repeat_notes(notes: list[tuple[str, date]], tag: str = "R"):
	frappe.db.bulk_insert(
		"Petition Repeat Note",
		[*BASE_FIELDS, "parent", "parenttype", "parentfield", "idx", "repeat_date"],
		[
			[*_base(f"{case}-{tag}{i}"), case, "Petition Case", "repeat_notes", i, day]
			for i, (case, day) in enumerate(notes, 1)
		],
	)


def seed_transfers(transfers: list[dict], tag: str = "H"):
	"""Transfers: case, unit, role, due, state, accepted_on (the day the office accepted the reply)."""
	frappe.db.bulk_insert(
		"Petition Transfer",
		[
			*BASE_FIELDS,
			"petition_case",
			"unit",
			"transfer_role",
			"due_date",
			"workflow_state",
			"office_decision_on",
		],
		[
			[
				*_base(f"{CASE_PREFIX}{tag}-T{i}"),
				t["case"],
				t["unit"],
				t.get("role") or "Lead Unit",
				t["due"],
				t.get("state") or ("Reply Accepted" if t.get("accepted_on") else "Acknowledged"),
				datetime.combine(t["accepted_on"], time(10)) if t.get("accepted_on") else None,
			]
			for i, t in enumerate(transfers, 1)
		],
	)


def seed_orders(orders: list[tuple[str, str, date]], tag: str = "H"):
	frappe.db.bulk_insert(
		"Petition Supervision",
		[*BASE_FIELDS, "petition_case", "unit", "reason", "status", "ordered_on"],
		[
			[
				*_base(f"{CASE_PREFIX}{tag}-S{i}"),
				case,
				unit,
				"Overdue",
				"Open",
				datetime.combine(day, time(9)),
			]
			for i, (case, unit, day) in enumerate(orders, 1)
		],
	)


# The hand-made set. Unit A: everything on time; B: late, repeats, supervision; C: on time but
# dissatisfied petitioners (vetoed by the test scheme); D: no cases.
HAND_CASES = [
	# A1: decided and replied on time, satisfied
	dict(name=case_name("A1"), lead_unit=UNIT_A, received_on=d(1, 10), acceptance_due=d(1, 25), decided_on=d(1, 15),
		handling_due=d(3, 15), replied_on=d(3, 1), closed_on=d(3, 10), satisfaction="Satisfied"),
	# A2: replied on the due day, basically satisfied
	dict(name=case_name("A2"), lead_unit=UNIT_A, received_on=d(2, 1), acceptance_due=d(2, 16), decided_on=d(2, 10),
		handling_due=d(4, 10), replied_on=d(4, 10), satisfaction="Basically Satisfied"),
	# A3: still within its limit at the end of the year (not judged for settlement); cross-level
	dict(name=case_name("A3"), lead_unit=UNIT_A, received_on=d(11, 20), acceptance_due=d(12, 5), decided_on=d(12, 1),
		handling_due=d(1, 30, YEAR + 1), cross_level=1),
	# A4: received the year before; its repeat petition in the year counts
	dict(name=case_name("A4"), lead_unit=UNIT_A, received_on=d(12, 20, YEAR - 1), repeats=(d(1, 5),)),
	# B1: decided late, replied late, dissatisfied, repeat 19 days after the reply (within the window)
	dict(name=case_name("B1"), lead_unit=UNIT_B, received_on=d(3, 1), acceptance_due=d(3, 16), decided_on=d(3, 20),
		handling_due=d(5, 20), replied_on=d(6, 1), satisfaction="Dissatisfied", repeats=(d(6, 20),)),
	# B2: open and past its due date; two supervision orders
	dict(name=case_name("B2"), lead_unit=UNIT_B, received_on=d(4, 1), acceptance_due=d(4, 16), decided_on=d(4, 10),
		handling_due=d(6, 10)),
	# B3: closed on time without a written reply, satisfied; a repeat 76 days later (outside the window)
	dict(name=case_name("B3"), lead_unit=UNIT_B, received_on=d(5, 1), acceptance_due=d(5, 16), decided_on=d(5, 5),
		handling_due=d(7, 5), closed_on=d(7, 1), satisfaction="Satisfied", repeats=(d(9, 15),)),
	# C1-C3: all on time; one satisfied of three
	dict(name=case_name("C1"), lead_unit=UNIT_C, received_on=d(6, 1), acceptance_due=d(6, 16), decided_on=d(6, 5),
		handling_due=d(8, 5), replied_on=d(7, 1), satisfaction="Dissatisfied"),
	dict(name=case_name("C2"), lead_unit=UNIT_C, received_on=d(7, 1), acceptance_due=d(7, 16), decided_on=d(7, 10),
		handling_due=d(9, 10), replied_on=d(8, 1), satisfaction="Dissatisfied"),
	dict(name=case_name("C3"), lead_unit=UNIT_C, received_on=d(8, 1), acceptance_due=d(8, 16), decided_on=d(8, 10),
		handling_due=d(10, 10), replied_on=d(9, 1), satisfaction="Satisfied"),
	# C4: received after the year
	dict(name=case_name("C4"), lead_unit=UNIT_C, received_on=d(1, 5, YEAR + 1), acceptance_due=d(1, 20, YEAR + 1)),
]  # fmt: skip
HAND_TRANSFERS = [
	dict(case=case_name("A1"), unit=UNIT_A, due=d(3, 15), accepted_on=d(3, 1)),
	dict(case=case_name("A2"), unit=UNIT_A, due=d(4, 10), accepted_on=d(4, 10)),
	dict(case=case_name("A3"), unit=UNIT_A, due=d(1, 30, YEAR + 1)),
	dict(case=case_name("B1"), unit=UNIT_B, due=d(5, 20), accepted_on=d(6, 1)),  # late
	dict(case=case_name("B1"), unit=UNIT_C, role="Co-handling Unit", due=d(5, 20), state="Withdrawn"),
	dict(case=case_name("B2"), unit=UNIT_B, due=d(6, 10)),  # open, past due
	dict(case=case_name("B2"), unit=UNIT_C, role="Co-handling Unit", due=d(6, 10), accepted_on=d(6, 5)),
	dict(case=case_name("B3"), unit=UNIT_B, due=d(7, 5), accepted_on=d(7, 1)),
	dict(case=case_name("C1"), unit=UNIT_C, due=d(8, 5), accepted_on=d(7, 1)),
	dict(case=case_name("C2"), unit=UNIT_C, due=d(9, 10), accepted_on=d(8, 1)),
	dict(case=case_name("C3"), unit=UNIT_C, due=d(10, 10), accepted_on=d(9, 1)),
]
HAND_ORDERS = [
	(case_name("B2"), UNIT_B, d(6, 15)),
	(case_name("B2"), UNIT_B, d(7, 1)),
	(case_name("A1"), UNIT_A, d(12, 31, YEAR - 1)),  # before the year
]


def counts(**values) -> dict[str, int]:
	return {code: values.get(code, 0) for code in Figure.ALL}


EXPECTED = {
	UNIT_A: counts(received=3, decided=3, accepted_on_time=3, settle_due=2, settled_on_time=2, settled=2,
		resolved_once=2, surveyed=2, satisfied=2, repeated=1, cross_level=1),
	UNIT_B: counts(received=3, decided=3, accepted_on_time=2, settle_due=3, settled_on_time=1, settled=2,
		resolved_once=1, surveyed=2, satisfied=1, overdue=2, repeated=2, supervised=1),
	UNIT_C: counts(received=3, decided=3, accepted_on_time=3, settle_due=3, settled_on_time=3, settled=3,
		resolved_once=3, surveyed=3, satisfied=1),
	UNIT_D: counts(),
}  # fmt: skip
# Scores with the test scheme: equal weights; -2 per overdue case, -1 per repeat; veto under 50% satisfied.
EXPECTED_SCORES = {
	UNIT_A: (100.0, -1.0, 99.0, "Excellent", 0, 1),  # base, items, score, grade, vetoed, has data
	UNIT_B: (50.0, -6.0, 44.0, "Fail", 0, 1),  # rates 66.67, 33.33, 50, 50
	UNIT_C: (83.33, 0.0, 83.33, "Fail", 1, 1),  # rates 100, 100, 100, 33.33: vetoed
	UNIT_D: (100.0, 0.0, 100.0, "Excellent", 0, 0),
}


def seed_hand_set():
	seed_cases(HAND_CASES)
	seed_transfers(HAND_TRANSFERS)
	seed_orders(HAND_ORDERS)


def seed_random_set(
	rng: random.Random, cases_per_unit: int, units=(UNIT_A, UNIT_B, UNIT_C), tag: str = "X", year=YEAR
):
	"""Random cases, transfers, repeat notes and orders around the year, for comparisons and sizes."""

	def day(spread: int = 500) -> date:
		return date(year, 1, 1) + timedelta(days=rng.randint(-60, spread))

	def maybe(value, chance=0.7):
		return value if rng.random() < chance else None

	cases, transfers, orders = [], [], []
	for unit in units:
		for i in range(cases_per_unit):
			name = f"{CASE_PREFIX}{tag}-{unit[-1]}{i}"
			received = day(420)
			cases.append(
				dict(
					name=name,
					lead_unit=unit if rng.random() < 0.9 else None,
					received_on=received,
					acceptance_due=maybe(received + timedelta(days=15), 0.9),
					decided_on=maybe(received + timedelta(days=rng.randint(1, 25))),
					handling_due=maybe(received + timedelta(days=rng.randint(40, 80))),
					replied_on=maybe(received + timedelta(days=rng.randint(20, 120)), 0.5),
					closed_on=maybe(received + timedelta(days=rng.randint(30, 140)), 0.5),
					satisfaction=rng.choice([None, "Satisfied", "Basically Satisfied", "Dissatisfied"]),
					cross_level=int(rng.random() < 0.2),
					repeats=tuple(
						received + timedelta(days=rng.randint(0, 200)) for _ in range(rng.randint(0, 2))
					),
				)
			)
			for _ in range(rng.randint(0, 2)):
				due = received + timedelta(days=rng.randint(20, 90))
				transfers.append(
					dict(
						case=name,
						unit=rng.choice(units),
						role=rng.choice(["Lead Unit", "Co-handling Unit"]),
						due=due,
						state=rng.choice([None, None, "Withdrawn", "Returned"]),
						accepted_on=maybe(due + timedelta(days=rng.randint(-10, 10)), 0.6),
					)
				)
			if rng.random() < 0.3:
				orders.append((name, rng.choice(units), day()))
	for t in transfers:
		if t["state"] in ("Withdrawn", "Returned"):
			t["accepted_on"] = None  # a withdrawn or returned transfer has no accepted reply
	seed_cases(cases)
	seed_transfers(transfers, tag)
	seed_orders(orders, tag)
	return cases, transfers, orders


def make_test_scheme() -> str:
	values = {
		"doctype": SCHEME,
		"scheme_name": TEST_SCHEME,
		"is_default": 0,
		"one_time_window_days": 30,
		"commend_count": 1,
		"watch_count": 1,
		"metrics": [
			{"metric": label, "weight": 25}
			for label in (
				"Accepted on Time %",
				"Settled on Time %",
				"One-time Resolution %",
				"Satisfaction %",
			)
		],
		"items": [
			{
				"item_name": "Overdue",
				"item_type": "Penalty",
				"basis": "Overdue Cases",
				"points": 2,
				"max_points": 10,
			},
			{
				"item_name": "Repeat",
				"item_type": "Penalty",
				"basis": "Cases with Repeat Petitions",
				"points": 1,
			},
			{"item_name": "Praised", "item_type": "Bonus", "basis": "Manual", "points": 2},
		],
		"vetoes": [
			{
				"figure": "Satisfaction %",
				"operator": "Less Than",
				"threshold": 50,
				"description": "Satisfaction below half",
			}
		],
		"grades": [
			{"grade": "Excellent", "min_score": 90},
			{"grade": "Good", "min_score": 80},
			{"grade": "Pass", "min_score": 60},
			{"grade": "Fail", "min_score": 0},
		],
	}
	if frappe.db.exists(SCHEME, TEST_SCHEME):
		frappe.delete_doc(SCHEME, TEST_SCHEME, force=True, ignore_permissions=True)
	frappe.get_doc(values).insert(ignore_permissions=True)
	return TEST_SCHEME


class AppraisalTestCase(FrappeTestCase):
	"""Units, users and the test scheme shared by the appraisal tests (no tests here)."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		make_user(OFFICE, ["Petition Office"])
		make_user(DIRECTOR, ["Petition Director"])
		make_user(SUPERVISOR, ["Petition Supervisor"])
		make_user(HEAD_A, ["Petition Unit Head"])
		make_user(HANDLER_B, ["Petition Unit Handler"])
		make_unit(ROOT, is_group=1)
		for unit in UNITS:
			make_unit(unit, parent=ROOT)
		frappe.db.set_value("Handling Unit", UNIT_A, "unit_head", HEAD_A)
		tie_to_unit(HANDLER_B, UNIT_B)
		ensure_default_scheme()
		make_test_scheme()
		frappe.db.commit()

	def setUp(self):
		frappe.set_user("Administrator")

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def new_appraisal(self, unit: str, user: str = OFFICE, **values):
		frappe.set_user(user)
		doc = frappe.get_doc(
			{
				"doctype": APPRAISAL,
				"unit": unit,
				"scheme": TEST_SCHEME,
				"period_type": "Year",
				"year": YEAR,
				**values,
			}
		).insert()
		frappe.set_user("Administrator")
		return doc

	def figures_of(self, doc) -> dict[str, int]:
		return {code: doc.get(code) for code in Figure.ALL}

	def approve(self, name: str):
		frappe.set_user(OFFICE)
		apply_workflow(frappe.get_doc(APPRAISAL, name), "Submit for Review")
		frappe.set_user(DIRECTOR)
		apply_workflow(frappe.get_doc(APPRAISAL, name), "Approve")
		frappe.set_user("Administrator")


class TestPetitionAppraisal(AppraisalTestCase):
	def test_figures_and_scores_equal_the_hand_computed_expectation(self):
		seed_hand_set()
		for unit in UNITS:
			doc = self.new_appraisal(unit)
			self.assertEqual(self.figures_of(doc), EXPECTED[unit], unit)
			base, items, final, grade, vetoed, has_data = EXPECTED_SCORES[unit]
			self.assertEqual(
				(doc.base_score, doc.items_points, doc.score, doc.grade, doc.vetoed, doc.has_data),
				(base, items, final, grade, vetoed, has_data),
				unit,
			)
			self.assertEqual(
				(doc.from_date, doc.to_date), (getdate(f"{YEAR}-01-01"), getdate(f"{YEAR}-12-31"))
			)
			self.assertEqual(
				(doc.period_label, doc.window_days, doc.workflow_state), (str(YEAR), 30, "Draft")
			)
			self.assertEqual(doc.figures_as_of, getdate(f"{YEAR}-12-31"))  # a past year: its last day
		b = frappe.get_doc(APPRAISAL, {"unit": UNIT_B})
		self.assertEqual(
			(
				b.accepted_on_time_rate,
				b.settled_on_time_rate,
				b.one_time_resolution_rate,
				b.satisfaction_rate,
			),
			(66.67, 33.33, 50.0, 50.0),
		)
		self.assertEqual(
			[
				(line.line_type, line.item, line.points)
				for line in b.score_lines
				if line.line_type != "Metric"
			],
			[("Penalty", "Overdue", -4.0), ("Penalty", "Repeat", -2.0)],
		)
		c = frappe.get_doc(APPRAISAL, {"unit": UNIT_C})
		self.assertEqual(c.veto_reason, "Satisfaction below half")

	def test_every_figure_drills_down_to_exactly_its_cases(self):
		seed_hand_set()
		docs = {unit: self.new_appraisal(unit) for unit in UNITS}
		frappe.set_user(OFFICE)
		for unit, doc in docs.items():
			for figure in Figure.ALL:
				names = case_names_for_figure(doc.name, figure)
				self.assertEqual(len(names), doc.get(figure), (unit, figure))
		self.assertEqual(
			case_names_for_figure(docs[UNIT_B].name, Figure.OVERDUE), [case_name("B1"), case_name("B2")]
		)
		self.assertEqual(case_names_for_figure(docs[UNIT_A].name, Figure.REPEATED), [case_name("A4")])
		self.assertEqual(case_names_for_figure(docs[UNIT_B].name, Figure.SUPERVISED), [case_name("B2")])
		self.assertEqual(
			case_names_for_figure(docs[UNIT_B].name, Figure.SETTLE_DUE),
			[case_name("B1"), case_name("B2"), case_name("B3")],
		)
		with self.assertRaises(AppraisalError):
			case_names_for_figure(docs[UNIT_A].name, "score")

	def test_set_based_queries_agree_with_the_pure_reference(self):
		rng = random.Random(7)
		cases, transfers, orders = seed_random_set(rng, 40)
		start, end, as_of, window = date(YEAR, 1, 1), date(YEAR, 12, 31), date(YEAR, 10, 15), 45
		case_rows = [
			CaseRow(
				c["name"],
				c["lead_unit"],
				c["received_on"],
				c["acceptance_due"],
				c["decided_on"],
				c["handling_due"],
				c["replied_on"],
				c["closed_on"],
				c["satisfaction"],
				bool(c["cross_level"]),
				c["repeats"],
			)
			for c in cases
		]
		transfer_rows = [
			TransferRow(t["case"], t["unit"], t["due"], t["accepted_on"], t["state"] == "Withdrawn")
			for t in transfers
		]
		order_rows = [SupervisionRow(case, unit, day) for case, unit, day in orders]
		gathered = gather([UNIT_A, UNIT_B, UNIT_C], start, end, as_of, window)
		for unit in (UNIT_A, UNIT_B, UNIT_C):
			expected = case_sets(unit, case_rows, transfer_rows, order_rows, start, end, as_of, window)
			self.assertEqual(gathered[unit], {code: len(names) for code, names in expected.items()}, unit)
			lists = case_lists(unit, start, end, as_of, window)  # what an appraisal keeps, in one statement
			for figure in Figure.ALL:
				self.assertEqual(
					set(case_names(figure, unit, start, end, as_of, window)), expected[figure], (unit, figure)
				)
				self.assertEqual(lists[figure], sorted(expected[figure]), (unit, figure))
		self.assertTrue(
			all(gathered[UNIT_A][code] for code in (Figure.RECEIVED, Figure.OVERDUE, Figure.REPEATED))
		)

	def test_gathering_takes_the_same_few_queries_for_all_units(self):
		seed_random_set(random.Random(3), 10)
		period = (date(YEAR, 1, 1), date(YEAR, 12, 31), date(YEAR, 12, 31), 30)
		gather(list(UNITS), *period)  # the first gathering of the process also looks for an index
		with self.assertQueryCount(GATHER_QUERIES):
			gather(list(UNITS), *period)

	def test_all_units_at_once_give_the_figures_of_each_unit_alone(self):
		"""The run gathers every unit in one IN list (with index dives past 200 values, and the repeated
		figure through the narrow case index when the site has it): the same figures as unit by unit."""
		from petition_management.appraisal import figures
		from petition_management.petition_management.doctype.petition_case.petition_case import (
			on_doctype_update,
		)

		on_doctype_update()  # the declared indexes (DDL: nothing is seeded yet)
		figures._name_index_by_site.pop(frappe.local.site, None)
		seed_random_set(random.Random(11), 30)
		seed_hand_set()
		period = (date(YEAR, 1, 1), date(YEAR, 12, 31), date(YEAR, 11, 30), 30)
		many = [*UNITS, *(f"No Such Unit {k}" for k in range(250))]
		together = gather(many, *period)
		for unit in UNITS:
			self.assertEqual(together[unit], gather([unit], *period)[unit], unit)
			for figure in Figure.ALL:
				self.assertEqual(
					together[unit][figure], len(case_names(figure, unit, *period)), (unit, figure)
				)
		self.assertTrue(any(together[UNIT_A].values()))
		self.assertIn("force index", figures.repeated_pairs().body)

	def test_director_approves_and_an_approved_appraisal_keeps_its_figures(self):
		seed_hand_set()
		doc = self.new_appraisal(UNIT_A)
		frappe.set_user(OFFICE)
		apply_workflow(frappe.get_doc(APPRAISAL, doc.name), "Submit for Review")
		with self.assertRaises(WorkflowTransitionError):
			apply_workflow(frappe.get_doc(APPRAISAL, doc.name), "Approve")  # only the Director approves
		frappe.set_user(DIRECTOR)
		apply_workflow(frappe.get_doc(APPRAISAL, doc.name), "Approve")
		frappe.set_user("Administrator")
		approved = frappe.get_doc(APPRAISAL, doc.name)
		self.assertEqual((approved.workflow_state, approved.approved_by), ("Approved", DIRECTOR))
		frozen = (self.figures_of(approved), approved.score, approved.grade, approved.computed_on)

		# the cases change after the approval
		frappe.db.set_value("Petition Case", case_name("A1"), "satisfaction", "Dissatisfied")
		frappe.db.set_value("Petition Case", case_name("B3"), "lead_unit", UNIT_A)
		seed_cases([dict(name=case_name("A5"), lead_unit=UNIT_A, received_on=d(5, 5), cross_level=1)])
		fresh = gather([UNIT_A], date(YEAR, 1, 1), date(YEAR, 12, 31), date(YEAR, 12, 31), 30)[UNIT_A]
		self.assertNotEqual(fresh, frozen[0])  # the change is visible to a new computation...

		approved = frappe.get_doc(APPRAISAL, doc.name)
		self.assertEqual(
			(self.figures_of(approved), approved.score, approved.grade, approved.computed_on), frozen
		)

		frappe.set_user(OFFICE)
		with self.assertRaises(AppraisalFrozenError):
			recompute_appraisal(doc.name)
		frappe.set_user("Administrator")
		approved.append("adjustments", {"points": 5, "reason": "_T late bonus"})
		with self.assertRaises(AppraisalFrozenError):
			approved.save()
		approved = frappe.get_doc(APPRAISAL, doc.name)
		approved.manual_veto, approved.manual_veto_reason = 1, "_T veto after approval"
		with self.assertRaises(AppraisalFrozenError):
			approved.save()
		frappe.set_user(OFFICE)  # only a System Manager may delete an approved appraisal
		with self.assertRaises((frappe.ValidationError, frappe.PermissionError)):
			frappe.delete_doc(APPRAISAL, doc.name)
		frappe.set_user("Administrator")
		stored = frappe.get_doc(APPRAISAL, doc.name)
		self.assertEqual((self.figures_of(stored), stored.score, stored.grade, stored.computed_on), frozen)
		self.assertEqual((len(stored.adjustments), stored.manual_veto), (0, 0))

	def test_recompute_takes_the_cases_as_they_are_now_while_draft(self):
		seed_hand_set()
		doc = self.new_appraisal(UNIT_A)
		seed_cases([dict(name=case_name("A5"), lead_unit=UNIT_A, received_on=d(5, 5), cross_level=1)])
		frappe.set_user(SUPERVISOR)
		recompute_appraisal(doc.name)
		doc.reload()
		self.assertEqual((doc.received, doc.cross_level), (4, 2))

		frappe.set_user(DIRECTOR)
		with self.assertRaises(NotAllowedToComputeError):
			recompute_appraisal(doc.name)
		frappe.set_user(OFFICE)
		apply_workflow(frappe.get_doc(APPRAISAL, doc.name), "Submit for Review")
		with self.assertRaises(AppraisalError):
			recompute_appraisal(doc.name)  # under review: send it back first
		frappe.set_user(DIRECTOR)
		apply_workflow(frappe.get_doc(APPRAISAL, doc.name), "Send Back")
		frappe.set_user(OFFICE)
		recompute_appraisal(doc.name)
		self.assertEqual(frappe.db.get_value(APPRAISAL, doc.name, "workflow_state"), "Draft")

	def test_figures_cannot_be_edited_by_hand(self):
		seed_hand_set()
		doc = self.new_appraisal(UNIT_B)
		frappe.set_user(OFFICE)
		doc = frappe.get_doc(APPRAISAL, doc.name)
		doc.overdue = 0
		with self.assertRaises(FiguresComputedError):
			doc.save()
		self.assertEqual(frappe.db.get_value(APPRAISAL, doc.name, "overdue"), 2)

	def test_figures_sent_with_a_new_appraisal_are_replaced_by_the_gathered_ones(self):
		seed_hand_set()
		doc = self.new_appraisal(UNIT_B, received=99, overdue=0)
		self.assertEqual(self.figures_of(doc), EXPECTED[UNIT_B])

	def test_one_vote_veto_by_hand_needs_a_reason_and_forces_the_lowest_grade(self):
		seed_hand_set()
		doc = self.new_appraisal(UNIT_A)
		frappe.set_user(OFFICE)
		doc = frappe.get_doc(APPRAISAL, doc.name)
		doc.manual_veto = 1
		with self.assertRaises(VetoReasonError):
			doc.save()
		self.assertEqual(frappe.db.get_value(APPRAISAL, doc.name, ["manual_veto", "vetoed"]), (0, 0))
		doc = frappe.get_doc(APPRAISAL, doc.name)
		doc.manual_veto, doc.manual_veto_reason = 1, "_T 因处置不当引发重大群体性事件"
		doc.save()
		self.assertEqual((doc.vetoed, doc.grade, doc.score), (1, "Fail", 99.0))
		self.assertEqual(doc.veto_reason, "_T 因处置不当引发重大群体性事件")

	def test_adjustments_need_a_reason_and_change_the_score(self):
		seed_hand_set()
		doc = self.new_appraisal(UNIT_B)
		frappe.set_user(OFFICE)
		doc = frappe.get_doc(APPRAISAL, doc.name)
		doc.append("adjustments", {"item": "Praised", "points": 2})
		with self.assertRaises(AdjustmentReasonError):
			doc.save()
		self.assertEqual(frappe.db.count("Petition Appraisal Adjustment", {"parent": doc.name}), 0)
		doc = frappe.get_doc(APPRAISAL, doc.name)
		doc.append("adjustments", {"item": "Praised", "points": 2, "reason": "_T praised by the city"})
		doc.append("adjustments", {"points": -0.5, "reason": "_T late statistics"})
		doc.save()
		self.assertEqual((doc.adjustment_points, doc.score), (1.5, 45.5))

	def test_one_appraisal_per_unit_and_period(self):
		self.new_appraisal(UNIT_D)
		with self.assertRaises(DuplicateAppraisalError):
			self.new_appraisal(UNIT_D)
		self.assertEqual(frappe.db.count(APPRAISAL, {"unit": UNIT_D}), 1)
		self.new_appraisal(UNIT_D, period_type="Quarter", period_number=2)  # another period is fine
		self.assertEqual(frappe.db.count(APPRAISAL, {"unit": UNIT_D}), 2)

	def test_a_bad_period_is_refused(self):
		with self.assertRaises(AppraisalError):
			self.new_appraisal(UNIT_D, period_type="Quarter", period_number=5)
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.count(APPRAISAL, {"unit": UNIT_D}), 0)

	def test_unit_people_see_only_their_own_units_appraisals(self):
		seed_hand_set()
		a, b = self.new_appraisal(UNIT_A), self.new_appraisal(UNIT_B)
		self.assertEqual(appraisal_query(OFFICE), "")
		self.assertFalse(appraisal_has_permission(b, "read", HEAD_A))
		self.assertIsNone(appraisal_has_permission(a, "read", HEAD_A))
		self.assertIsNone(appraisal_has_permission(b, "read", HANDLER_B))
		self.assertEqual(appraisal_query(make_user("apr-nobody@example.com", ["Petition Unit Head"])), "1=0")

		hooks = frappe.get_hooks("permission_query_conditions").get(APPRAISAL)
		self.assertEqual(
			hooks,
			["petition_management.appraisal.permissions.appraisal_query"],
			"hooks.py must register the Petition Appraisal permission hooks",
		)
		for user, own, other in ((HEAD_A, a, b), (HANDLER_B, b, a)):
			frappe.set_user(user)
			mine = frappe.get_list(APPRAISAL, filters={"name": ("in", [a.name, b.name])}, pluck="name")
			self.assertEqual(mine, [own.name], user)
			self.assertTrue(frappe.has_permission(APPRAISAL, "read", own.name))
			self.assertFalse(frappe.has_permission(APPRAISAL, "read", other.name))
			self.assertEqual(len(case_names_for_figure(own.name, Figure.RECEIVED)), own.received)
			with self.assertRaises(frappe.PermissionError):
				case_names_for_figure(other.name, Figure.RECEIVED)
			with self.assertRaises(frappe.PermissionError):
				recompute_appraisal(own.name)
