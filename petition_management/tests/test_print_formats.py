"""The official forms: every standard Print Format is in the print menu and gives a PDF with an embedded
CJK font. The records they print and the helpers of the other print tests are here: the forms' texts
in English and Chinese are tested in test_print_format_languages, the petitioners' identifiers in
test_print_format_privacy, an administrator's copy, letter head and Customize Form in
test_print_format_customization."""

import io
import re
import unicodedata

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.translate import print_language
from frappe.utils import add_days, add_to_date, now_datetime, nowdate
from pypdf import PdfReader

from petition_management.setup.letter_head import ensure_letter_head
from petition_management.setup.workflows import ensure_workflows
from petition_management.tests.factories import (
	issue_transfer,
	make_case,
	make_letter,
	make_petitioner,
	make_visit,
)
from petition_management.tests.utils import (
	make_category,
	make_outgoing_email_account,
	make_staffed_unit,
	make_user,
)

DOMAIN = "print.test.local"
UNIT = "_T 住房和城乡建设局"
CATEGORY = "_T 物业管理"
ID_NUMBER = "11010519491231002X"
PHONE = "13800138000"
ADDRESS = "_T 北京市朝阳区幸福路8号"
# login: (roles, full name printed on the forms)
USERS = {
	"reception": (["Petition Reception Officer"], "陈静"),
	"office": (["Petition Office"], "赵磊"),
	"director": (["Petition Director"], "孙建国"),
	"head": (["Petition Unit Head"], "周明"),
	"leader": (["Petition Leader"], "吴立新"),
	"supervisor": (["Petition Supervisor"], "郑华"),
}
# format: (doctype, record key, English title, Chinese title, form number)
FORMATS = {
	"Visit Work Record": (
		"Petition Visit",
		"visit",
		"Letters and Calls Work Record",
		"信访工作记录",
		"PM-01",
	),
	"Letter Work Record": (
		"Petition Letter",
		"letter",
		"Letters and Calls Work Record",
		"信访工作记录",
		"PM-02",
	),
	"Case Acceptance Registration Form": (
		"Petition Case",
		"case",
		"Case Acceptance Registration Form",
		"信访事项受理登记表",
		"PM-03",
	),
	"Notice of Acceptance": ("Petition Case", "case", "Notice of Acceptance", "信访事项受理告知书", "PM-04"),
	"Notice of Non-Acceptance": (
		"Petition Case",
		"refused",
		"Notice of Non-Acceptance",
		"不予受理告知书",
		"PM-05",
	),
	"Case Transfer Notice": (
		"Petition Transfer",
		"transfer",
		"Case Transfer Notice",
		"信访事项交办单",
		"PM-06",
	),
	"Reply Receipt": ("Petition Transfer", "transfer", "Reply Receipt", "答复回执", "PM-07"),
	"Extension Notice": (
		"Petition Extension",
		"extension",
		"Extension Notice",
		"信访事项延期办理告知书",
		"PM-08",
	),
	"Reply Letter": ("Petition Case", "case", "Reply to a Petition", "信访事项答复意见书", "PM-09"),
}
UNIT_FACING = ("Case Transfer Notice", "Reply Receipt")


def u(login: str) -> str:
	return f"{login}@{DOMAIN}"


def make_print_users():
	for login, (roles, full_name) in USERS.items():
		make_user(u(login), roles, first_name=full_name)
	make_staffed_unit(UNIT, u("head"), u("leader"))
	make_category(CATEGORY, default_handling_unit=UNIT)
	ensure_workflows()
	ensure_letter_head()
	make_outgoing_email_account()  # assignments and notices queue mail; nothing is sent from a test


def make_records() -> dict[str, str]:
	"""Demo-like records for every form, as Administrator; signatures and decisions set directly."""
	frappe.set_user("Administrator")
	today = nowdate()
	petitioner = make_petitioner(
		"_T 张伟", gender="Male", id_type="PRC Resident ID", id_number=ID_NUMBER, phone=PHONE, address=ADDRESS
	)
	visit = make_visit(
		petitioner,
		visit_datetime=add_to_date(now_datetime(), hours=-2),
		reception_officer=u("reception"),
		category=CATEGORY,
		subject="_T 咨询物业费收费标准",
		content="<p>来访人询问物业服务费的政府指导价标准。</p>",
		request="希望了解收费依据。",
		outcome="Answered on the Spot",
		on_the_spot_answer="已当场解释本市物业服务收费管理办法及投诉渠道。",
	)
	letter = make_letter(
		petitioner=petitioner,
		category=CATEGORY,
		subject="_T 反映小区电梯长期停运",
		content="<p>本小区3号楼电梯停运两个月，物业以维修资金不足为由拖延。</p>",
		request="请求督促尽快修复电梯。",
	)
	decided = {"decided_by": u("director"), "decided_on": today}
	case = print_case(
		petitioner,
		state="Accepted",
		stored={
			**decided,
			"acceptance_proposal": "Accept",
			"proposal_note": "属于住建部门职责，建议受理并交办。",
			"proposed_by": u("office"),
			"accepted_on": today,
			"handling_due": add_days(today, 60),
			"consolidated_reply": "<p>经核查，物业未经业主大会同意擅自提价，已责令其恢复原收费标准并退还多收费用。</p>",
			"replied_on": today,
			"reply_signed_by": u("leader"),
		},
	)
	refused = print_case(
		petitioner,
		subject="_T 追讨拖欠工资",
		state="Not Accepted",
		stored={
			**decided,
			"acceptance_proposal": "Do Not Accept",
			"non_acceptance_reason": "属于劳动争议，应当通过劳动仲裁解决。",
			"competent_body": "_T 县劳动人事争议仲裁委员会",
			"legal_channel": "Arbitration",
		},
	)
	transfer = issue_transfer(
		case,
		UNIT,
		instructions="请于期限内核实情况、依法处理，并将处理意见经单位负责人、分管领导签字后报信访办。",
		stored={
			"handling_opinion": "<p>经现场核查，反映情况属实。</p>",
			"reply_draft": "<p>已责令物业恢复原收费标准。</p>",
			"head_signed_by": u("head"),
			"head_signed_on": now_datetime(),
			"leader_signed_by": u("leader"),
			"leader_signed_on": now_datetime(),
		},
	)
	return {
		"visit": visit.name,
		"letter": letter.name,
		"case": case.name,
		"refused": refused.name,
		"transfer": transfer.name,
		"extension": make_extension(case.name),
	}


def print_case(petitioner: str, **values):
	"""A case from a visit three days ago about a parking fee, the petitioner's phone in its content."""
	return make_case(
		petitioner,
		**{
			"source_type": "Visit",
			"received_on": add_days(nowdate(), -3),
			"category": CATEGORY,
			"subject": "_T 小区物业擅自提高停车费",
			"content": f"<p>幸福小区物业自本月起将停车费由每月150元提高到300元，未经业主大会同意。联系电话{PHONE}。</p>",
			"request": "请求责令物业恢复原收费标准。",
			**values,
		},
	)


def make_extension(case: str) -> str:
	"""Asked for by the Petition Office; the Director's approval set directly."""
	frappe.set_user(u("office"))
	try:
		extension = frappe.get_doc(
			{
				"doctype": "Petition Extension",
				"petition_case": case,
				"days": 30,
				"reason": "需委托专业机构对停车收费成本进行审计，无法在规定期限内办结。",
			}
		).insert()
	finally:
		frappe.set_user("Administrator")
	frappe.db.set_value(
		"Petition Extension",
		extension.name,
		{"workflow_state": "Approved", "approved_by": u("director"), "approved_on": now_datetime()},
	)
	return extension.name


def render(print_format: str, name: str, lang: str = "en", as_pdf: bool = False):
	with print_language(lang):
		return frappe.get_print(FORMATS[print_format][0], name, print_format, as_pdf=as_pdf)


def form_body(html: str) -> str:
	"""The form itself, without the print page's banner (whose PDF link names the format)."""
	return html[html.index('class="pm-form"') :]


def pdf_pattern(text: str) -> str:
	"""Text extraction maps some CJK glyphs to CJK radicals (见 -> ⻅): accept one at any position."""
	return "".join(f"(?:{re.escape(ch)}|[\u2e80-\u2fdf])" for ch in text)


def pdf_text(pdf: bytes) -> str:
	"""The PDF's text without white space; NFKC folds the Kangxi radicals some glyphs extract as (⼯ -> 工)."""
	text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
	return "".join(unicodedata.normalize("NFKC", text).split())


class PrintFormatTestCase(FrappeTestCase):
	"""The print users and unit (committed once), and a fresh set of records for each test."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		make_print_users()
		frappe.db.commit()  # shared by every test; each test rolls back its own records

	def setUp(self):
		frappe.set_user("Administrator")
		self.records = make_records()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()


class TestPrintFormats(PrintFormatTestCase):
	def test_every_format_is_a_standard_jinja_format_in_the_print_menu(self):
		for name, (doctype, *_rest) in FORMATS.items():
			pf = frappe.get_doc("Print Format", name)
			self.assertEqual(
				(pf.doc_type, pf.standard, pf.custom_format, pf.print_format_type, pf.module, pf.disabled),
				(doctype, "Yes", 1, "Jinja", "Petition Management", 0),
				name,
			)
		menu = frappe.get_all(
			"Print Format", filters={"doc_type": "Petition Transfer", "disabled": 0}, pluck="name"
		)
		self.assertTrue({"Case Transfer Notice", "Reply Receipt"} <= set(menu))

	def test_each_form_gives_a_pdf_with_chinese_text(self):
		"""... and with its numbers in the text layer: copied or searched, the record's number and the
		form's are there (Frappe's print CSS asks for `text-rendering: optimizeLegibility`, with which
		wkhtmltopdf drops the digits of a Latin run from the text layer; the forms ask for optimizeSpeed)."""
		for name, (_doctype, key, _title, zh_title, form_no) in FORMATS.items():
			for lang in ("en", "zh"):
				pdf = render(name, self.records[key], lang, as_pdf=True)
				self.assertTrue(pdf.startswith(b"%PDF") and len(pdf) > 5000, f"{name} ({lang})")
				self.assertIn(b"CJK", pdf, f"{name} ({lang}): no CJK font embedded")
			text = pdf_text(pdf)
			self.assertRegex(text, pdf_pattern(zh_title), name)
			self.assertIn(self.records[key], text, f"{name}: the record's number is not in the PDF's text")
			self.assertIn(form_no, text, f"{name}: the form's number is not in the PDF's text")
