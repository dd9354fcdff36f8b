# Copyright (c) 2026, Petition Management contributors
# See license.txt

"""What an appraisal keeps once it leaves Draft: its figures and the cases behind each, one snapshot, so
that the drill-down of an approved appraisal lists exactly the cases it counted whatever later happens;
and rates without data, stored as "no data" (not 0) and left out of the weighted score."""

from datetime import date

import frappe
from frappe.model.workflow import apply_workflow

from petition_management.api.appraisal import case_names_for_figure
from petition_management.appraisal import APPRAISAL
from petition_management.appraisal.figures import case_names
from petition_management.petition_management.doctype.petition_appraisal.petition_appraisal import (
	NO_DATA_FIELDS,
	AppraisalFrozenError,
	FiguresComputedError,
)
from petition_management.petition_management.doctype.petition_appraisal.test_petition_appraisal import (
	DIRECTOR,
	EXPECTED,
	HEAD_A,
	OFFICE,
	UNIT_A,
	UNIT_B,
	UNIT_D,
	YEAR,
	AppraisalTestCase,
	case_name,
	d,
	seed_cases,
	seed_hand_set,
)
from petition_management.rules.appraisal import Figure, Rate

PERIOD = (date(YEAR, 1, 1), date(YEAR, 12, 31), date(YEAR, 12, 31), 30)


class TestKeptCaseLists(AppraisalTestCase):
	def drill_downs(self, name: str) -> dict[str, list[str]]:
		return {figure: case_names_for_figure(name, figure) for figure in Figure.ALL}

	def submit(self, name: str):
		frappe.set_user(OFFICE)
		apply_workflow(frappe.get_doc(APPRAISAL, name), "Submit for Review")
		frappe.set_user("Administrator")

	def test_an_approved_appraisal_lists_the_cases_it_counted_after_new_cases_arrive(self):
		seed_hand_set()
		doc = self.new_appraisal(UNIT_A)
		self.assertEqual(doc.received, 3)
		# a case of the year arrives while the appraisal is a Draft: its drill-down is live
		seed_cases([dict(name=case_name("A5"), lead_unit=UNIT_A, received_on=d(5, 5), cross_level=1)])
		self.assertEqual(len(case_names_for_figure(doc.name, Figure.RECEIVED)), 4)
		self.assertEqual(frappe.db.get_value(APPRAISAL, doc.name, "received"), 3)

		# leaving Draft takes the figures and their cases together: the Director reviews both
		self.submit(doc.name)
		reviewed = frappe.get_doc(APPRAISAL, doc.name)
		self.assertEqual((reviewed.received, reviewed.cross_level), (4, 2))
		self.assertTrue(reviewed.cases_frozen_on)
		kept = self.drill_downs(doc.name)
		self.assertEqual({f: len(names) for f, names in kept.items()}, self.figures_of(reviewed))
		self.assertEqual(
			kept[Figure.RECEIVED], [case_name(c) for c in ("A1", "A2", "A3", "A5")], kept[Figure.RECEIVED]
		)
		self.assertEqual(kept[Figure.SURVEYED], [case_name("A1"), case_name("A2")])
		self.approve_as_director(doc.name)
		approved = frappe.get_doc(APPRAISAL, doc.name)
		frozen_figures = self.figures_of(approved)
		self.assertEqual(approved.workflow_state, "Approved")

		# after the approval: two more cases, a petitioner changes their mind, a case moves to unit A
		seed_cases(
			[
				dict(name=case_name("A6"), lead_unit=UNIT_A, received_on=d(6, 6)),
				dict(name=case_name("A7"), lead_unit=UNIT_A, received_on=d(7, 7), satisfaction="Satisfied"),
			]
		)
		frappe.db.set_value("Petition Case", case_name("A1"), "satisfaction", None)
		frappe.db.set_value("Petition Case", case_name("B3"), "lead_unit", UNIT_A)
		live = {figure: case_names(figure, UNIT_A, *PERIOD) for figure in Figure.ALL}
		self.assertEqual(len(live[Figure.RECEIVED]), 7)
		self.assertNotEqual(live[Figure.SURVEYED], kept[Figure.SURVEYED])

		# the drill-down of the approved appraisal still lists exactly the cases counted, for everyone
		for user in (OFFICE, DIRECTOR, HEAD_A):
			frappe.set_user(user)
			self.assertEqual(self.drill_downs(doc.name), kept, user)
		frappe.set_user("Administrator")
		stored = frappe.get_doc(APPRAISAL, doc.name)
		self.assertEqual(self.figures_of(stored), frozen_figures)
		self.assertEqual(
			{row.figure: row.case_count for row in stored.case_lists},
			{Figure.LABELS[f]: n for f, n in frozen_figures.items()},
		)

	def test_sent_back_to_draft_the_drill_down_is_live_again(self):
		seed_hand_set()
		doc = self.new_appraisal(UNIT_B)
		self.submit(doc.name)
		self.assertEqual(len(frappe.get_doc(APPRAISAL, doc.name).case_lists), len(Figure.ALL))
		frappe.set_user(DIRECTOR)
		apply_workflow(frappe.get_doc(APPRAISAL, doc.name), "Send Back")
		frappe.set_user("Administrator")
		draft = frappe.get_doc(APPRAISAL, doc.name)
		self.assertEqual(
			(draft.workflow_state, len(draft.case_lists), draft.cases_frozen_on), ("Draft", 0, None)
		)
		frappe.db.set_value("Petition Case", case_name("B2"), "lead_unit", UNIT_D)
		frappe.set_user(OFFICE)
		self.assertEqual(case_names_for_figure(doc.name, Figure.RECEIVED), [case_name("B1"), case_name("B3")])
		self.assertEqual(draft.received, EXPECTED[UNIT_B][Figure.RECEIVED])  # until it is recomputed

	def test_the_kept_lists_cannot_be_edited(self):
		seed_hand_set()
		doc = self.new_appraisal(UNIT_A)
		frappe.set_user(OFFICE)
		draft = frappe.get_doc(APPRAISAL, doc.name)
		draft.append("case_lists", {"figure": Figure.LABELS[Figure.RECEIVED], "case_count": 1, "cases": "X"})
		with self.assertRaises(FiguresComputedError):
			draft.save()
		self.submit(doc.name)
		frappe.set_user(DIRECTOR)  # the Director may edit an appraisal under review, not its case lists
		reviewed = frappe.get_doc(APPRAISAL, doc.name)
		reviewed.case_lists[0].cases = case_name("B1")
		with self.assertRaises(FiguresComputedError):
			reviewed.save()
		self.approve_as_director(doc.name)
		approved = frappe.get_doc(APPRAISAL, doc.name)
		approved.case_lists[0].cases += "\n" + case_name("B1")
		with self.assertRaises(AppraisalFrozenError):
			approved.save()
		self.assertEqual(
			case_names_for_figure(doc.name, Figure.RECEIVED), [case_name(c) for c in ("A1", "A2", "A3")]
		)

	def approve_as_director(self, name: str):
		frappe.set_user(DIRECTOR)
		apply_workflow(frappe.get_doc(APPRAISAL, name), "Approve")
		frappe.set_user("Administrator")


class TestRatesWithoutData(AppraisalTestCase):
	def rates_of(self, name: str) -> dict[str, tuple]:
		"""{rate: (stored value, no data)} as stored."""
		fields = [*Rate.ALL, *NO_DATA_FIELDS.values()]
		stored = frappe.db.get_value(APPRAISAL, name, fields, as_dict=True)
		return {rate: (float(stored[rate]), stored[NO_DATA_FIELDS[rate]]) for rate in Rate.ALL}

	def test_satisfaction_with_no_surveyed_case_is_no_data_and_out_of_the_score(self):
		seed_hand_set()
		# unit B: rates 66.67, 33.33, 50 and no return visit with a satisfaction
		frappe.db.sql("update `tabPetition Case` set satisfaction = null where lead_unit = %s", UNIT_B)
		doc = self.new_appraisal(UNIT_B)
		self.assertEqual((doc.surveyed, doc.satisfied), (0, 0))
		self.assertEqual(
			self.rates_of(doc.name),
			{
				Rate.ACCEPTED_ON_TIME: (66.67, 0),
				Rate.SETTLED_ON_TIME: (33.33, 0),
				Rate.ONE_TIME_RESOLUTION: (50.0, 0),
				Rate.SATISFACTION: (0.0, 1),  # Frappe stores 0 in the Percent column; the Check says no data
			},
		)
		# the mean of the three rates with data, not (66.67 + 33.33 + 50 + 0) / 4 = 37.5
		self.assertEqual((doc.base_score, doc.score, doc.vetoed), (50.0, 44.0, 0))
		lines = {
			line.metric: (line.no_data, line.points)
			for line in frappe.get_doc(APPRAISAL, doc.name).score_lines
			if line.line_type == "Metric"
		}
		self.assertEqual(lines[Rate.LABELS[Rate.SATISFACTION]], (1, 0.0))
		self.assertEqual(lines[Rate.LABELS[Rate.SETTLED_ON_TIME]][0], 0)

		# a real 0%: every surveyed petitioner dissatisfied counts in the score (and the veto)
		frappe.db.sql(
			"update `tabPetition Case` set satisfaction = 'Dissatisfied' where name in %s",
			([case_name("B1"), case_name("B3")],),
		)
		frappe.set_user(OFFICE)
		from petition_management.api.appraisal import recompute_appraisal

		recompute_appraisal(doc.name)
		frappe.set_user("Administrator")
		self.assertEqual(self.rates_of(doc.name)[Rate.SATISFACTION], (0.0, 0))
		self.assertEqual(frappe.db.get_value(APPRAISAL, doc.name, ["base_score", "vetoed"]), (37.5, 1))

	def test_a_unit_without_cases_has_no_data_for_every_rate(self):
		doc = self.new_appraisal(UNIT_D)
		self.assertEqual(set(self.rates_of(doc.name).values()), {(0.0, 1)})
		self.assertEqual((doc.has_data, doc.base_score), (0, 100.0))

	def test_the_patch_marks_appraisals_made_before_the_checks(self):
		from petition_management.patches import set_appraisal_rates_no_data

		seed_hand_set()
		frappe.db.sql("update `tabPetition Case` set satisfaction = null where lead_unit = %s", UNIT_B)
		b, d_ = self.new_appraisal(UNIT_B), self.new_appraisal(UNIT_D)
		before = {name: self.rates_of(name) for name in (b.name, d_.name)}
		frappe.db.sql(
			"update `tabPetition Appraisal` set {} where name in %s".format(
				", ".join(f"`{field}` = 0" for field in NO_DATA_FIELDS.values())
			),
			([b.name, d_.name],),
		)
		frappe.db.sql("update `tabPetition Appraisal Score Line` set no_data = 0 where parent = %s", b.name)
		set_appraisal_rates_no_data.execute()
		self.assertEqual({name: self.rates_of(name) for name in (b.name, d_.name)}, before)
		self.assertEqual(
			frappe.get_all(
				"Petition Appraisal Score Line",
				filters={"parent": b.name, "no_data": 1},
				pluck="metric",
			),
			[Rate.LABELS[Rate.SATISFACTION]],
		)
