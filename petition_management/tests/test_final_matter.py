"""A petition on a matter decided on re-review is flagged at intake and not accepted again."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import nowdate

from petition_management.intake.cases import FinalMatterError
from petition_management.tests.utils import make_category, make_petitioner

WAGES = "某建筑公司拖欠农民工工资三个月，请求帮助追讨。"


class TestFinalMatter(FrappeTestCase):
	def setUp(self):
		frappe.flags.mute_emails = True
		self.category = make_category("_T Unpaid Wages")
		self.person = make_petitioner("_T 刘强", phone="13700137000")
		case = frappe.get_doc(
			{
				"doctype": "Petition Case",
				"source_type": "Letter",
				"received_on": nowdate(),
				"subject": "_T 拖欠工资",
				"content": WAGES,
				"category": self.category,
				"petitioners": [{"petitioner": self.person}],
			}
		).insert()
		case.db_set({"workflow_state": "Closed", "review_stage": "Re-review Decided", "is_final": 1})
		self.final_case = case.name

	def tearDown(self):
		frappe.db.rollback()

	def letter(self, petitioner, **values):
		return frappe.get_doc(
			{
				"doctype": "Petition Letter",
				"channel": "Post",
				"received_on": nowdate(),
				"petitioner": petitioner,
				"sender_name": "_T 刘强",
				"sender_address": "河西镇3号",
				"subject": "_T 再次反映拖欠工资",
				"content": WAGES,
				"category": self.category,
				**values,
			}
		)

	def test_same_person_same_matter_is_flagged_and_not_registered_again(self):
		letter = self.letter(self.person).insert()
		self.assertEqual(letter.final_matter_case, self.final_case)
		letter.outcome = "Registered as a Case"
		self.assertRaises(FinalMatterError, letter.save)
		self.assertFalse(frappe.db.get_value("Petition Letter", letter.name, "petition_case"))

	def test_same_person_recognised_by_phone_on_a_visit(self):
		again = make_petitioner("_T 刘 强", phone="137-0013-7000")
		visit = frappe.get_doc(
			{
				"doctype": "Petition Visit",
				"visit_datetime": frappe.utils.now_datetime(),
				"reception_officer": "Administrator",
				"number_of_visitors": 1,
				"petitioners": [{"petitioner": again}],
				"subject": "_T 拖欠工资",
				"content": WAGES,
				"category": self.category,
				"outcome": "Registered as a Case",
			}
		)
		self.assertRaises(FinalMatterError, visit.insert)

	def test_another_person_is_not_flagged(self):
		letter = self.letter(make_petitioner("_T 陈静", phone="13600136000"), sender_name="_T 陈静").insert()
		self.assertFalse(letter.final_matter_case)
