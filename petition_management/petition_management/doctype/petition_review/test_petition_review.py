# Copyright (c) 2026, Petition Management contributors
# See license.txt

import datetime

import frappe
from frappe.utils import getdate, nowdate

from petition_management.intake.final import final_matters
from petition_management.petition_management.doctype.petition_review.petition_review import (
	DuplicateReviewError,
	ReviewDecisionError,
	ReviewError,
	ReviewNotAllowedError,
	ReviewWindowClosedError,
)
from petition_management.tests.test_case_workflow import DIRECTOR, OFFICE, CaseWorkflowTestCase
from petition_management.tests.utils import make_category, make_petitioner
from petition_management.tracking.reviews import re_review_request_deadline
from petition_management.utils.deadlines import limit_due_date
from petition_management.utils.lifecycle_dates import LifecycleDateError

ONE_DAY = datetime.timedelta(days=1)
OTHER_CATEGORY = "_T Road Noise"


class TestPetitionReview(CaseWorkflowTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_category(OTHER_CATEGORY)
		frappe.db.commit()

	def request(self, case, review_type: str = "Review", requested_on=None, user: str = OFFICE):
		frappe.set_user(user)
		doc = frappe.get_doc(
			{
				"doctype": "Petition Review",
				"petition_case": case.name,
				"review_type": review_type,
				"requested_on": requested_on or nowdate(),
				"reviewing_body": "_T 市信访局",
				"grounds": "_T 对处理意见不服。",
			}
		).insert()
		frappe.set_user("Administrator")
		return doc

	def decide(
		self,
		review,
		user: str = DIRECTOR,
		outcome: str = "Upheld",
		opinion: str = "<p>_T 维持原处理意见。</p>",
	):
		frappe.set_user(user)
		doc = frappe.get_doc("Petition Review", review.name)
		doc.update({"outcome": outcome, "opinion": opinion})
		doc.submit()
		frappe.set_user("Administrator")
		return doc

	def stage(self, case) -> tuple:
		stage, is_final = frappe.db.get_value("Petition Case", case.name, ["review_stage", "is_final"])
		return stage or None, is_final

	def reviews(self, case) -> int:
		return frappe.db.count("Petition Review", {"petition_case": case.name})

	# --- review --------------------------------------------------------------------------------------

	def test_a_review_asked_on_day_31_is_refused(self):
		case = self.closed_case()
		due = getdate(case.review_request_due)
		self.assertGreaterEqual((due - getdate(case.delivered_on)).days, 30)
		with self.freeze_time(due + ONE_DAY), self.assertRaises(ReviewWindowClosedError) as refused:
			self.request(case)
		self.assertIn("The review window closed on", str(refused.exception))
		self.assertEqual(self.reviews(case), 0)
		self.assertEqual(self.stage(case), (None, 0))

	def test_a_review_asked_on_the_last_day_is_registered_with_its_opinion_due(self):
		case = self.closed_case()
		due = getdate(case.review_request_due)
		with self.freeze_time(due):
			review = self.request(case)
		self.assertEqual((review.status, getdate(review.request_deadline)), ("Requested", due))
		self.assertEqual(getdate(review.opinion_due), limit_due_date(due, "review_opinion_days"))
		self.assertEqual(self.stage(case), ("Review Requested", 0))

	def test_a_review_needs_a_reply(self):
		case = self.register()
		with self.assertRaises(ReviewNotAllowedError):
			self.request(case)
		self.assertEqual(self.reviews(case), 0)

	def test_a_request_cannot_be_dated_in_the_future(self):
		case = self.closed_case()
		with self.assertRaises(ReviewError):
			self.request(case, requested_on=getdate(nowdate()) + ONE_DAY)
		self.assertEqual(self.reviews(case), 0)

	def test_a_request_cannot_be_dated_before_the_reply_was_delivered(self):
		case = self.closed_case()
		with self.assertRaises(LifecycleDateError) as refused:
			self.request(case, requested_on=getdate(case.delivered_on) - ONE_DAY)
		self.assertIn("cannot be before", str(refused.exception))
		self.assertEqual(self.reviews(case), 0)

	def test_one_review_per_case(self):
		case = self.closed_case()
		self.request(case)
		with self.assertRaises(DuplicateReviewError):
			self.request(case)
		self.assertEqual(self.reviews(case), 1)

	def test_the_director_decides_with_outcome_and_opinion(self):
		case = self.closed_case()
		review = self.request(case)
		with self.assertRaises(frappe.PermissionError):
			self.decide(review, OFFICE)
		with self.assertRaises(ReviewDecisionError):
			self.decide(review, opinion="<p> </p>")
		self.assertEqual(frappe.db.get_value("Petition Review", review.name, "docstatus"), 0)
		decided = self.decide(review, outcome="Revised", opinion="<p>_T 撤销原处理意见，重新办理。</p>")
		self.assertEqual(
			(decided.status, decided.docstatus, getdate(decided.decided_on)),
			("Decided", 1, getdate(nowdate())),
		)
		self.assertEqual(self.stage(case), ("Review Decided", 0))

	# --- re-review -----------------------------------------------------------------------------------

	def test_a_re_review_needs_a_decided_review(self):
		case = self.closed_case()
		with self.assertRaises(ReviewNotAllowedError):
			self.request(case, "Re-review")
		self.request(case)
		with self.assertRaises(ReviewNotAllowedError):
			self.request(case, "Re-review")
		self.assertEqual(
			frappe.db.count("Petition Review", {"petition_case": case.name, "review_type": "Re-review"}), 0
		)

	def test_re_review_window_then_the_matter_is_final(self):
		case = self.closed_case()
		self.decide(self.request(case))
		deadline = re_review_request_deadline(nowdate())
		self.assertGreaterEqual((deadline - getdate(nowdate())).days, 30)
		with self.freeze_time(deadline + ONE_DAY), self.assertRaises(ReviewWindowClosedError) as refused:
			self.request(case, "Re-review")
		self.assertIn("The re-review window closed on", str(refused.exception))
		with self.freeze_time(deadline):
			re_review = self.request(case, "Re-review")
			self.assertEqual(self.stage(case), ("Re-review Requested", 0))
			with self.assertRaises(DuplicateReviewError):
				self.request(case, "Re-review")
			self.decide(re_review)
		self.assertEqual(self.stage(case), ("Re-review Decided", 1))

	def test_cancelling_the_re_review_decision_lifts_the_final_flag(self):
		case = self.closed_case()
		self.decide(self.request(case))
		re_review = self.decide(self.request(case, "Re-review"))
		self.assertEqual(self.stage(case), ("Re-review Decided", 1))
		frappe.get_doc("Petition Review", re_review.name).cancel()  # as Administrator (System Manager)
		self.assertEqual(self.stage(case), ("Review Decided", 0))

	# --- final matter at intake ------------------------------------------------------------------------

	def test_a_new_petition_on_a_final_matter_is_flagged_at_intake(self):
		frappe.set_user("Administrator")
		person = make_petitioner("_T 赵敏", phone="13912345678")
		same_phone = make_petitioner("_T 赵敏", phone="139 1234 5678")  # a second record of the same person
		stranger = make_petitioner("_T 钱多", phone="13700000001")
		case = self.closed_case(petitioners=[{"petitioner": person}])
		self.decide(self.request(case))
		# reviewed but not yet re-reviewed: not final
		self.assertEqual(final_matters([person], "_T Property Management", None), [])
		self.decide(self.request(case, "Re-review"))

		self.assertEqual(final_matters([person], "_T Property Management", None), [case.name])
		self.assertEqual(final_matters([same_phone], "_T Property Management", ""), [case.name])
		# same person, same matter told in other words under no category
		self.assertEqual(final_matters([person], None, "小区物业擅自提高停车费。"), [case.name])
		# same person, another matter; another person, same matter
		self.assertEqual(final_matters([person], OTHER_CATEGORY, "夜间施工噪音扰民"), [])
		self.assertEqual(final_matters([stranger], "_T Property Management", None), [])
		self.assertEqual(final_matters([], "_T Property Management", None), [])
