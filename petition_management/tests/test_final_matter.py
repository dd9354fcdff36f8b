"""A petition on a matter decided on re-review is flagged at intake and not accepted again."""

import frappe
from frappe.tests.utils import FrappeTestCase

from petition_management.intake.cases import FinalMatterError
from petition_management.tests.factories import make_case, make_letter, new_visit
from petition_management.tests.utils import make_category, make_petitioner

WAGES = "某建筑公司拖欠农民工工资三个月，请求帮助追讨。"


class TestFinalMatter(FrappeTestCase):
	def setUp(self):
		frappe.flags.mute_emails = True
		self.category = make_category("_T Unpaid Wages")
		self.person = make_petitioner("_T 刘强", phone="13700137000")
		case = make_case(
			self.person,
			subject="_T 拖欠工资",
			content=WAGES,
			category=self.category,
			state="Closed",
			stored={"review_stage": "Re-review Decided", "is_final": 1},
		)
		self.final_case = case.name

	def tearDown(self):
		frappe.db.rollback()

	def letter(self, petitioner, **values):
		values = {
			"sender_name": "_T 刘强",
			"sender_address": "河西镇3号",
			"subject": "_T 再次反映拖欠工资",
			**values,
		}
		return make_letter(petitioner=petitioner, content=WAGES, category=self.category, **values)

	def test_same_person_same_matter_is_flagged_and_not_registered_again(self):
		letter = self.letter(self.person)
		self.assertEqual(letter.final_matter_case, self.final_case)
		letter.outcome = "Registered as a Case"
		self.assertRaises(FinalMatterError, letter.save)
		self.assertFalse(frappe.db.get_value("Petition Letter", letter.name, "petition_case"))

	def test_same_person_recognised_by_phone_on_a_visit(self):
		again = make_petitioner("_T 刘 强", phone="137-0013-7000")
		visit = new_visit(
			again,
			reception_officer="Administrator",
			subject="_T 拖欠工资",
			content=WAGES,
			category=self.category,
			outcome="Registered as a Case",
		)
		self.assertRaises(FinalMatterError, visit.insert)

	def test_another_person_is_not_flagged(self):
		letter = self.letter(make_petitioner("_T 陈静", phone="13600136000"), sender_name="_T 陈静")
		self.assertFalse(letter.final_matter_case)
