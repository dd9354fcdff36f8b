# Copyright (c) 2026, Petition Management contributors
# See license.txt

import datetime

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, nowdate

from petition_management.api.repeats import find_repeat_candidates
from petition_management.intake.cases import link_repeat, register_case
from petition_management.petition_management.doctype.petition_case.petition_case import PetitionCaseError
from petition_management.tests.factories import make_case, make_letter
from petition_management.tests.utils import make_category, make_petitioner, make_unit, make_user

PARKING = "小区物业擅自提高停车费，业主多次反映无果，请求有关部门查处。"
PARKING_AGAIN = "小区物业擅自提高停车费，多次反映仍无人处理，再次请求查处。"
WAGES = "某建筑公司拖欠农民工工资三个月，请求帮助追讨。"


def letter_case(petitioners, category=None, content=PARKING, **values):
	"""A case from a letter of `petitioners` whose subject is the first words of its content."""
	return make_case(*petitioners, category=category, subject=content[:20], content=content, **values)


class TestPetitionCase(FrappeTestCase):
	def setUp(self):
		# count plain calendar days here: a due date on a weekend is not moved (tested in the pure tier)
		frappe.db.set_single_value("Petition Settings", "roll_past_days_off", 0)
		frappe.clear_document_cache("Petition Settings", "Petition Settings")
		make_unit("_T Housing Office")
		self.category = make_category("_T Property Management", default_handling_unit="_T Housing Office")
		self.zhang = make_petitioner("_T 张伟", phone="13800138000")

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		frappe.clear_document_cache("Petition Settings", "Petition Settings")

	def test_acceptance_due_is_received_plus_15_days_and_follows_settings(self):
		received = add_days(nowdate(), -3)
		case = letter_case([self.zhang], self.category, received_on=received)
		self.assertEqual(getdate(case.acceptance_due), getdate(add_days(received, 15)))
		settings = frappe.get_single("Petition Settings")
		settings.acceptance_days = 10
		settings.save()
		case.save()
		self.assertEqual(getdate(case.acceptance_due), getdate(add_days(received, 10)))

	def test_a_sooner_referral_deadline_wins(self):
		deadline = add_days(nowdate(), 5)
		case = letter_case([self.zhang], received_on=nowdate(), referral_deadline=deadline)
		self.assertEqual(getdate(case.acceptance_due), getdate(deadline))
		later = letter_case([self.zhang], received_on=nowdate(), referral_deadline=add_days(nowdate(), 40))
		self.assertEqual(getdate(later.acceptance_due), getdate(add_days(nowdate(), 15)))

	def test_yearly_series_and_suggested_unit(self):
		case = letter_case([self.zhang], self.category)
		self.assertTrue(case.name.startswith(f"PC-{datetime.date.today().year}-"), case.name)
		self.assertEqual(case.suggested_unit, "_T Housing Office")
		self.assertEqual(case.petitioner_names, "_T 张伟")

	def test_bad_dates_and_duplicate_rows_are_refused(self):
		before = frappe.db.count("Petition Case")
		self.assertRaises(PetitionCaseError, letter_case, [self.zhang], received_on=add_days(nowdate(), 1))
		self.assertRaises(
			PetitionCaseError, letter_case, [self.zhang], referral_deadline=add_days(nowdate(), -1)
		)
		self.assertRaises(PetitionCaseError, letter_case, [self.zhang, self.zhang])
		self.assertEqual(frappe.db.count("Petition Case"), before)

	def test_second_petition_of_the_same_person_is_offered_as_a_repeat(self):
		original = letter_case([self.zhang], self.category, PARKING)
		letter_case([make_petitioner("_T 李娜", phone="13900139000")], self.category, WAGES)
		# the same person registered again under another record, recognised by the phone
		again = make_petitioner("_T 张 伟", phone="+86 138-0013-8000")
		offered = find_repeat_candidates([again], category=self.category, text=PARKING_AGAIN)
		self.assertEqual([o["case"] for o in offered], [original.name])
		self.assertIn("same_phone", offered[0]["reasons"])
		self.assertIn("similar_content", offered[0]["reasons"])
		# a different person on the same matter is not a repeat
		self.assertEqual(find_repeat_candidates([make_petitioner("_T 王芳")], self.category, PARKING), [])

	def test_linking_a_repeat_updates_the_originals_count_and_note(self):
		original = letter_case([self.zhang], self.category, PARKING)
		letter = make_letter(
			petitioner=self.zhang,
			sender_name="_T 张伟",
			sender_address="城关街道1号",
			subject="再次反映停车费",
			content=PARKING_AGAIN,
		)
		link_repeat(letter, original.name)
		link_repeat(letter, original.name)
		original.reload()
		self.assertEqual(original.repeat_count, 1)
		self.assertEqual(original.repeat_notes[0].source_name, letter.name)
		self.assertEqual(original.repeat_notes[0].petitioner_name, "_T 张伟")
		self.assertRaises(frappe.ValidationError, link_repeat, letter, "PC-NO-SUCH-CASE")

	def test_register_case_copies_the_letter_and_links_back(self):
		letter = make_letter(
			channel="Referred by Higher Authority",
			referral_authority="_T 市信访局",
			referral_reference="转字〔2026〕1号",
			referral_deadline=add_days(nowdate(), 10),
			petitioner=self.zhang,
			sender_name="_T 张伟",
			sender_address="城关街道1号",
			subject="停车费",
			content=PARKING,
			category=self.category,
		)
		name = register_case(letter)
		case = frappe.get_doc("Petition Case", name)
		self.assertEqual(case.source_type, "Higher-authority Referral")
		self.assertEqual((case.source_doctype, case.source_name), ("Petition Letter", letter.name))
		self.assertEqual(case.referral_reference, "转字〔2026〕1号")
		self.assertEqual([p.petitioner for p in case.petitioners], [self.zhang])
		self.assertEqual(frappe.db.get_value("Petition Letter", letter.name, "petition_case"), name)
		self.assertEqual(register_case(letter.reload() or letter), name)

	def test_units_cannot_look_up_repeats(self):
		frappe.set_user(make_user("case-handler@example.com", ["Petition Unit Handler"]))
		self.assertRaises(frappe.PermissionError, find_repeat_candidates, [self.zhang])
