"""The other paths of a case, in the desk: an extension the lead unit asks for and the director approves,
a review request the office registers after the reply, and a case not accepted, with its notice."""

from desk import Desk
from printing import print_pdf_text, print_preview_text
from walk_steps import LEAD_UNIT, MARKUP, PEOPLE, clean, new_name, new_petitioner


def extension_approved(staff, steps, walk):
	"""The lead unit's head asks for 10 more days; the director approves; the case's due date moves."""
	head = PEOPLE[LEAD_UNIT][1]
	watch = staff.page(head)
	desk = Desk(watch)
	with steps.step(watch, f"{head}-requests-extension"):
		desk.new("Petition Extension")
		desk.fill("petition_case", walk.case)
		desk.fill("days", "10")
		desk.fill("reason", f"涉及多个部门，需进一步调查取证。{MARKUP}")
		walk.extension = desk.save()
		desk.action("Request Approval as Unit Head", "Pending Approval")
		before, after = desk.doc("handling_due_before"), desk.doc("handling_due_after")
		assert before and after and after > before, (before, after)
		steps.desk_axe(desk.page, "Petition Extension form")
		clean(watch)
	watch = staff.page("director")
	desk = Desk(watch)
	with steps.step(watch, "director-approves-extension"):
		desk.open("Petition Extension", walk.extension)
		desk.action("Approve", "Approved")
		assert desk.doc("approved_by"), "no approver recorded"
		desk.open("Petition Case", walk.case)
		assert desk.doc("handling_due") == after, (desk.doc("handling_due"), after)
		assert desk.doc("extension_days") == 10
		clean(watch)


def review_requested(staff, steps, walk):
	"""The petitioner disagrees with the reply: the office registers the review request."""
	watch = staff.page("office")
	desk = Desk(watch)
	with steps.step(watch, "office-registers-review-request"):
		desk.new("Petition Review")
		desk.fill("petition_case", walk.case)
		desk.fill("requested_on", desk.today())
		desk.fill("grounds", f"信访人认为退还的费用计算有误。{MARKUP}")
		desk.fill("reviewing_body", "县人民政府信访复查复核委员会")
		desk.save()
		assert desk.doc("status") == "Requested" and desk.doc("opinion_due"), desk.doc("status")
		steps.desk_axe(desk.page, "Petition Review form")
		desk.open("Petition Case", walk.case)
		assert desk.doc("review_stage") == "Review Requested", desk.doc("review_stage")
		clean(watch)


def not_accepted_with_notice(staff, steps):
	"""A letter about a court judgment: the office proposes not to accept it, naming the court, the
	director approves, and the notice of non-acceptance is written and prints."""
	watch = staff.page("reception")
	desk = Desk(watch)
	with steps.step(watch, "reception-registers-letter-case"):
		petitioner = new_petitioner(desk, new_name())
		desk.new("Petition Case")
		desk.fill("source_type", "Letter")
		desk.fill("channel", "Post")
		desk.add_row("petitioners", "petitioner", petitioner)
		desk.fill("category", "涉法涉诉")
		desk.fill("subject", "不服法院民事判决")
		desk.fill("content", "来信人对县人民法院的民事判决不服，要求信访部门撤销判决。")
		case = desk.save()
		assert desk.doc("workflow_state") == "Registered"
		clean(watch)
	watch = staff.page("office")
	desk = Desk(watch)
	with steps.step(watch, "office-proposes-non-acceptance"):
		desk.open("Petition Case", case)
		desk.fill("acceptance_proposal", "Do Not Accept")
		desk.fill("non_acceptance_reason", f"属于应当通过诉讼途径解决的事项。{MARKUP}")
		desk.fill("competent_body", "县人民法院")
		desk.fill("legal_channel", "Litigation")
		desk.save()
		desk.action("Propose Acceptance Decision", "Pending Acceptance")
		clean(watch)
	watch = staff.page("director")
	desk = Desk(watch)
	with steps.step(watch, "director-approves-non-acceptance"):
		desk.open("Petition Case", case)
		desk.action("Approve Non-Acceptance", "Not Accepted")
		notice = desk.control("non_acceptance_notice").inner_text()
		assert "县人民法院" in notice and "不服法院民事判决" in notice, notice
		clean(watch)
	with steps.step(watch, "director-prints-non-acceptance-notice"):
		shown = print_preview_text(desk, "Notice of Non-Acceptance")
		assert "不予受理告知书" in shown and "县人民法院" in shown, shown[:400]
		text = print_pdf_text(desk)
		assert case in text and "不予受理告知书" in text and "县人民法院" in text, text[:400]
		clean(watch)
