"""The steps of the case's path (test_20_walk.py), each as the person whose job it is."""

import secrets

import pytest
from desk import Desk
from phone import assert_fits_phone, assert_reachable
from printing import print_pdf_text, print_preview_text

LEAD_UNIT = "住房和城乡建设局"
CO_UNIT = "城关街道办事处"
PEOPLE = {  # unit: (handler, head, leader), the demo's staff
	LEAD_UNIT: ("handler-housing", "head-housing", "leader1"),
	CO_UNIT: ("handler-street", "head-street", "leader1"),
}
CATEGORY = "物业管理"
# typed into text fields on the way: runs alert() wherever it is ever rendered as markup
MARKUP = "<img src=x onerror=\"alert('pm-markup')\"><script>alert('pm-markup')</script>"
SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰"


def new_name() -> str:
	return secrets.choice(SURNAMES) + "".join(secrets.choice(GIVEN) for _ in range(2))


class Walk:
	"""What the steps share: the case, its transfers, and which steps are done."""

	def __init__(self):
		self.done: set[str] = set()
		self.mark = secrets.token_hex(3)
		self.name = new_name()
		self.case = self.lead = self.co = None

	def need(self, step: str):
		if step not in self.done:
			pytest.skip(f"an earlier step of the walk did not finish ({step})")


def clean(watch):
	watch.assert_clean()


def new_petitioner(desk: Desk, full_name: str) -> str:
	"""Reception registers a person, then their identity (phone, address), which the form opens next."""
	desk.new("Petitioner")
	desk.fill("full_name", full_name)
	desk.fill("gender", "Female")
	desk.fill("region", "城关街道")
	desk.fill("notes", f"首次来访 {MARKUP}")
	name = desk.save(goes_to="Petitioner Identity")
	desk.fill("phone", f"139{secrets.randbelow(10**8):08d}")
	desk.fill("address", f"城关街道幸福路{secrets.randbelow(90) + 10}号 {MARKUP}")
	desk.save(goes_to="Petitioner")
	assert desk.doc("name") == name
	# what was stored is shown again, as anyone opening the records sees it
	desk.open("Petitioner Identity", name)
	desk.open("Petitioner", name)
	return name


def register_visit(staff, steps, walk: Walk):
	watch = staff.page("reception")
	desk = Desk(watch)
	with steps.step(watch, "reception-new-petitioner"):
		walk.petitioner = new_petitioner(desk, walk.name)
		steps.desk_axe(desk.page, "Petitioner form")
		clean(watch)
	with steps.step(watch, "reception-registers-visit"):
		desk.new("Petition Visit")
		desk.add_row("petitioners", "petitioner", walk.petitioner)
		desk.fill("category", CATEGORY)
		desk.fill("subject", f"小区物业擅自提高停车费 {walk.mark}")
		desk.fill("content", f"物业公司未经业主大会同意将停车费由每月150元提高到300元。{MARKUP}")
		desk.fill("request", f"请求恢复原收费标准。{MARKUP}")
		desk.save()
		steps.desk_axe(desk.page, "Petition Visit form")
		assert desk.doc("suggested_unit") == LEAD_UNIT, desk.doc("suggested_unit")
		desk.custom_button("Register Case")
		desk.confirm()
		desk.page.wait_for_function("() => cur_frm.doc.petition_case && !cur_frm.is_dirty()")
		walk.case = desk.doc("petition_case")
		walk.visit = desk.doc("name")
		clean(watch)
	with steps.step(watch, "reception-prints-visit-work-record"):
		shown = print_preview_text(desk, "Visit Work Record")
		assert walk.mark in shown and "请求恢复原收费标准" in shown, shown[:300]
		clean(watch)
		desk.open("Petition Visit", walk.visit)
	with steps.step(watch, "reception-sees-registered-case"):
		desk.custom_button("Open Case")
		desk.wait_form("Petition Case", walk.case)
		assert desk.doc("workflow_state") == "Registered"
		assert walk.mark in desk.page.inner_text(".form-layout")
		steps.desk_axe(desk.page, "Petition Case form (Registered)")
		clean(watch)
	walk.done.add("case")


def propose_and_approve(staff, steps, walk: Walk):
	watch = staff.page("office")
	desk = Desk(watch)
	with steps.step(watch, "office-proposes-acceptance"):
		desk.open("Petition Case", walk.case)
		desk.fill("acceptance_proposal", "Accept")
		desk.fill("proposal_note", f"属于本级受理范围。{MARKUP}")
		desk.save()
		desk.action("Propose Acceptance Decision", "Pending Acceptance")
		clean(watch)
	watch = staff.page("director")
	desk = Desk(watch)
	with steps.step(watch, "director-approves-acceptance"):
		desk.open("Petition Case", walk.case)
		desk.action("Approve Acceptance", "Accepted")
		assert desk.doc("handling_due"), "no handling due date after acceptance"
		clean(watch)
	walk.done.add("accepted")


def issue_transfers(staff, steps, walk: Walk):
	"""The office issues the lead and the co-unit transfer, then starts handling (one step, so that it
	can move to the case form's own issue dialog)."""
	watch = staff.page("office")
	desk = Desk(watch)
	with steps.step(watch, "office-issues-transfers"):
		for unit, role in ((LEAD_UNIT, "Lead Unit"), (CO_UNIT, "Co-handling Unit")):
			desk.new("Petition Transfer")
			desk.fill("petition_case", walk.case)
			desk.page.wait_for_function("() => cur_frm.doc.due_date")
			desk.fill("unit", unit)
			desk.fill("transfer_role", role)
			desk.fill("instructions", f"请核实并在期限内答复。{MARKUP}")
			name = desk.save()
			assert desk.doc("workflow_state") == "Issued", desk.doc("workflow_state")
			if role == "Lead Unit":
				walk.lead = name
			else:
				walk.co = name
		desk.open("Petition Case", walk.case)
		desk.action("Start Handling", "In Handling")
		assert desk.doc("lead_unit") == LEAD_UNIT
		clean(watch)
	walk.done.add("transfers")


def open_transfer(desk: Desk, name: str, phone: bool):
	if phone:
		desk.open_list("Petition Transfer")
		assert_fits_phone(desk.page, "the transfer list")
		desk.open_from_list("Petition Transfer", name)
		assert_fits_phone(desk.page, f"transfer {name}")
		assert_reachable(desk.page, desk.actions_button(), "the Actions menu")
	else:
		desk.open("Petition Transfer", name)


def transfer_step(staff, steps, login: str, name: str, phone: bool, label: str):
	"""A step on transfer `name` by `login`, opened from the list on a phone or by its address."""
	desk = Desk(staff.page(login, phone=phone))
	return desk, steps.step(desk.watch, f"{login}-{label}-{'phone' if phone else 'desktop'}")


def answer_transfer(staff, steps, walk: Walk, name: str, unit: str, phone: bool):
	handler, head, leader = PEOPLE[unit]
	desk, step = transfer_step(staff, steps, handler, name, phone, "acknowledges-and-replies")
	with step:
		open_transfer(desk, name, phone)
		desk.action("Acknowledge Receipt", "Acknowledged")
		steps.desk_axe(desk.page, f"Petition Transfer form ({'phone' if phone else 'desktop'})")
		desk.fill("handling_opinion", f"经现场核查，{unit}确认情况属实。{MARKUP}")
		desk.fill("reply_draft", f"已责令物业公司恢复原收费标准并退还多收费用。{walk.mark}")
		desk.save()
		if phone:
			assert_fits_phone(desk.page, f"transfer {name}, reply written")
		desk.action("Submit Reply", "Reply Drafted")
		clean(desk.watch)
	desk, step = transfer_step(staff, steps, head, name, phone, "signs")
	with step:
		open_transfer(desk, name, phone)
		desk.action("Sign as Unit Head", "Signed by Unit Head")
		clean(desk.watch)
	desk, step = transfer_step(staff, steps, leader, name, False, f"signs-{name}")
	with step:
		open_transfer(desk, name, False)
		desk.action("Sign as Leader", "Signed by Leader")
		clean(desk.watch)
	desk, step = transfer_step(staff, steps, "office", name, phone, f"accepts-{name}")
	with step:
		open_transfer(desk, name, phone)
		desk.action("Accept Reply", "Reply Accepted")
		assert desk.doc("head_signed_by") and desk.doc("leader_signed_by")
		if not phone:
			shown = print_preview_text(desk, "Reply Receipt")
			assert walk.mark in shown and "确认情况属实" in shown, shown[:300]
		clean(desk.watch)
	walk.done.add("co_answered" if name == walk.co else "lead_answered")


def reply_close_archive(staff, steps, walk: Walk):
	watch = staff.page("office")
	desk = Desk(watch)
	with steps.step(watch, "office-records-reply"):
		desk.open("Petition Case", walk.case)
		assert walk.mark in (desk.doc("consolidated_reply") or ""), "the lead's reply is not the first draft"
		desk.action("Record Consolidated Reply", "Replied")
		clean(watch)
	with steps.step(watch, "office-records-delivery-and-closes"):
		desk.fill("delivery_method", "Post")
		desk.fill("delivered_on", desk.today())
		desk.save()
		desk.action("Close Case", "Closed")
		clean(watch)
	with steps.step(watch, "office-archives"):
		desk.fill("archive_number", f"{walk.case}-永久-{walk.mark}")
		desk.save()
		desk.action("Archive", "Archived")
		assert desk.doc("archived_on")
		clean(watch)
	walk.done.add("archived")


def print_registration_form(staff, steps, walk: Walk):
	watch = staff.page("office")
	desk = Desk(watch)
	with steps.step(watch, "office-prints-registration-form"):
		desk.open("Petition Case", walk.case)
		shown = print_preview_text(desk, "Case Acceptance Registration Form")
		assert walk.case in shown and "信访事项受理登记表" in shown, shown[:400]
		text = print_pdf_text(desk)
		assert walk.case in text, f"{walk.case} not in the PDF: {text[:400]}"
		assert "信访事项受理登记表" in text and walk.name in text, text[:400]
		clean(watch)
