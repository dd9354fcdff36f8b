"""The official forms: every standard Print Format renders a demo-like record in English and in
Chinese, gives a PDF with an embedded CJK font, keeps petitioners' identifiers away from units, and
survives a field an administrator adds or relabels with Customize Form."""

import io
import re
import unicodedata

import frappe
from frappe.custom.doctype.property_setter.property_setter import make_property_setter
from frappe.tests.utils import FrappeTestCase
from frappe.translate import print_language
from frappe.utils import add_days, add_to_date, now_datetime, nowdate
from pypdf import PdfReader

from petition_management.rules.resident_id import mask_id_number, mask_phone
from petition_management.setup.letter_head import LETTER_HEAD, ensure_letter_head
from petition_management.setup.workflows import ensure_workflows
from petition_management.tests.utils import (
	make_category,
	make_outgoing_email_account,
	make_petitioner,
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


def make_case(petitioner: str, **values):
	case = frappe.get_doc(
		{
			"doctype": "Petition Case",
			"source_type": "Visit",
			"received_on": add_days(nowdate(), -3),
			"category": CATEGORY,
			"subject": "_T 小区物业擅自提高停车费",
			"content": f"<p>幸福小区物业自本月起将停车费由每月150元提高到300元，未经业主大会同意。联系电话{PHONE}。</p>",
			"request": "请求责令物业恢复原收费标准。",
			"petitioners": [{"petitioner": petitioner}],
			**values,
		}
	).insert()
	return case


def make_records() -> dict[str, str]:
	"""Demo-like records for every form, as Administrator; signatures and decisions set directly."""
	frappe.set_user("Administrator")
	today = nowdate()
	petitioner = make_petitioner(
		"_T 张伟", gender="Male", id_type="PRC Resident ID", id_number=ID_NUMBER, phone=PHONE, address=ADDRESS
	)
	visit = frappe.get_doc(
		{
			"doctype": "Petition Visit",
			"visit_datetime": add_to_date(now_datetime(), hours=-2),
			"reception_type": "Daily Reception",
			"reception_officer": u("reception"),
			"number_of_visitors": 1,
			"petitioners": [{"petitioner": petitioner}],
			"category": CATEGORY,
			"subject": "_T 咨询物业费收费标准",
			"content": "<p>来访人询问物业服务费的政府指导价标准。</p>",
			"request": "希望了解收费依据。",
			"outcome": "Answered on the Spot",
			"on_the_spot_answer": "已当场解释本市物业服务收费管理办法及投诉渠道。",
		}
	).insert()
	letter = frappe.get_doc(
		{
			"doctype": "Petition Letter",
			"channel": "Post",
			"received_on": today,
			"petitioner": petitioner,
			"category": CATEGORY,
			"subject": "_T 反映小区电梯长期停运",
			"content": "<p>本小区3号楼电梯停运两个月，物业以维修资金不足为由拖延。</p>",
			"request": "请求督促尽快修复电梯。",
		}
	).insert()
	case = make_case(petitioner)
	frappe.db.set_value(
		"Petition Case",
		case.name,
		{
			"workflow_state": "Accepted",
			"acceptance_proposal": "Accept",
			"proposal_note": "属于住建部门职责，建议受理并交办。",
			"proposed_by": u("office"),
			"decided_by": u("director"),
			"decided_on": today,
			"accepted_on": today,
			"handling_due": add_days(today, 60),
			"consolidated_reply": "<p>经核查，物业未经业主大会同意擅自提价，已责令其恢复原收费标准并退还多收费用。</p>",
			"replied_on": today,
			"reply_signed_by": u("leader"),
		},
	)
	refused = make_case(petitioner, subject="_T 追讨拖欠工资")
	frappe.db.set_value(
		"Petition Case",
		refused.name,
		{
			"workflow_state": "Not Accepted",
			"acceptance_proposal": "Do Not Accept",
			"non_acceptance_reason": "属于劳动争议，应当通过劳动仲裁解决。",
			"competent_body": "_T 县劳动人事争议仲裁委员会",
			"legal_channel": "Arbitration",
			"decided_by": u("director"),
			"decided_on": today,
		},
	)
	transfer = frappe.get_doc(
		{
			"doctype": "Petition Transfer",
			"petition_case": case.name,
			"unit": UNIT,
			"transfer_role": "Lead Unit",
			"instructions": "请于期限内核实情况、依法处理，并将处理意见经单位负责人、分管领导签字后报信访办。",
		}
	).insert()
	frappe.db.set_value(
		"Petition Transfer",
		transfer.name,
		{
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


class TestPrintFormats(FrappeTestCase):
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

	def test_a_copy_made_with_duplicate_renders_the_same_form(self):
		"""An administrator customises a form by duplicating it: the copy's HTML includes the standard one."""
		standard = frappe.get_doc("Print Format", "Reply Receipt")
		copy = frappe.copy_doc(standard)
		copy.update({"name": "_T Our Reply Receipt", "standard": "No", "module": None})
		copy.insert()
		html = frappe.get_print("Petition Transfer", self.records["transfer"], copy.name)
		self.assertIn("Form PM-07", html)
		self.assertIn("经现场核查", html)

	def test_each_form_reads_in_english_with_its_key_fields(self):
		case = frappe.get_doc("Petition Case", self.records["case"])
		extension = frappe.get_doc("Petition Extension", self.records["extension"])
		self.assertTrue(extension.handling_due_after > extension.handling_due_before)
		expected = {
			"Visit Work Record": [
				"Visit",
				"_T 咨询物业费收费标准",
				"已当场解释",
				"_T 张伟",
				"陈静",
				"Answered on the Spot",
			],
			"Letter Work Record": ["Letter", "_T 反映小区电梯长期停运", "Post", "_T 张伟", "Registered By"],
			"Case Acceptance Registration Form": [
				"_T 小区物业擅自提高停车费",
				"_T 张伟",
				"Accept",
				"孙建国",
				"赵磊",
			],
			"Notice of Acceptance": [
				"_T 张伟",
				case.get_formatted("handling_due"),
				"was accepted by this body",
			],
			"Notice of Non-Acceptance": [
				"_T 县劳动人事争议仲裁委员会",
				"Arbitration",
				"属于劳动争议",
				"Competent Body",
				"You may take the matter to: _T 县劳动人事争议仲裁委员会, Arbitration.",
			],
			"Case Transfer Notice": [
				UNIT,
				"_T 小区物业擅自提高停车费",
				"_T 张伟",
				"Lead Unit",
				"请于期限内核实情况",
			],
			"Reply Receipt": ["经现场核查", "已责令物业恢复原收费标准", "周明", "吴立新", "Leader in Charge"],
			"Extension Notice": [
				"_T 张伟",
				"extended by 30 days",
				extension.get_formatted("handling_due_before"),
				extension.get_formatted("handling_due_after"),
				"需委托专业机构",
				"孙建国",
			],
			"Reply Letter": ["已责令其恢复原收费标准", "吴立新", "within 30 days"],
		}
		for name, (_doctype, key, title, _zh, form_no) in FORMATS.items():
			html = render(name, self.records[key])
			for text in [
				title,
				f"Form {form_no}",
				"Letters and Calls Bureau",
				self.records[key],
				*expected[name],
			]:
				self.assertIn(text, html, f"{name}: {text!r} missing")

	def test_each_form_reads_in_chinese(self):
		labels = {
			"Visit Work Record": ["来访", "接待人员", "当场答复"],
			"Letter Work Record": ["来信", "渠道", "收到日期", "来信人姓名"],
			"Case Acceptance Registration Form": ["受理", "信访人", "登记人"],
			"Notice of Acceptance": ["予以受理", "办理期限"],
			"Notice of Non-Acceptance": ["有权处理机关", "仲裁"],
			"Case Transfer Notice": ["主办单位", "交办"],
			"Reply Receipt": ["单位负责人", "分管领导", "办理意见"],
			"Extension Notice": ["延长30日", "延期后办理期限", "经本机关负责人批准"],
			"Reply Letter": ["复查", "答复如下"],
		}
		for name, (_doctype, key, title, zh_title, form_no) in FORMATS.items():
			html = form_body(render(name, self.records[key], "zh"))
			for text in [zh_title, f"表{form_no}", "信访局", *labels[name]]:
				self.assertIn(text, html, f"{name} (zh): {text!r} missing")
			self.assertNotIn(title, html, f"{name} (zh) still shows its English title")

	def test_each_form_gives_a_pdf_with_chinese_text(self):
		for name, (_doctype, key, _title, zh_title, _no) in FORMATS.items():
			for lang in ("en", "zh"):
				pdf = render(name, self.records[key], lang, as_pdf=True)
				self.assertTrue(pdf.startswith(b"%PDF") and len(pdf) > 5000, f"{name} ({lang})")
				self.assertIn(b"CJK", pdf, f"{name} ({lang}): no CJK font embedded")
			self.assertRegex(pdf_text(pdf), pdf_pattern(zh_title), name)

	def test_unit_facing_forms_never_show_the_petitioners_id_or_phone(self):
		identifiers = [ID_NUMBER, mask_id_number(ID_NUMBER), PHONE, mask_phone(PHONE), ADDRESS]
		transfer = self.records["transfer"]
		for name in UNIT_FACING:
			english, chinese = render(name, transfer), render(name, transfer, "zh")
			self.assertIn("_T 张伟", english)
			for html, labels in (
				(english, ["ID Number", "Phone", "Address"]),
				(chinese, ["证件号码", "联系电话", "地址"]),
			):
				for value in identifiers + labels:
					self.assertNotIn(value, html, f"{name}: {value!r} printed")
			text = pdf_text(render(name, transfer, "zh", as_pdf=True))
			self.assertRegex(text, pdf_pattern("张伟"))
			for value in ("证件号码", "联系电话", "北京市朝阳区幸福路8号"):
				self.assertNotRegex(text, pdf_pattern(value), f"{name} (PDF): {value!r} printed")
		# the registration form, printed by the petition office, does carry the masked identifiers
		html = render("Case Acceptance Registration Form", self.records["case"])
		self.assertIn(mask_id_number(ID_NUMBER), html)
		self.assertNotIn(ID_NUMBER, html)

	def test_masked_identifiers_print_only_for_users_allowed_to_read_them(self):
		masked = mask_id_number(ID_NUMBER)
		frappe.set_user(u("reception"))
		self.assertIn(masked, render("Visit Work Record", self.records["visit"]))
		frappe.set_user(u("supervisor"))
		html = render("Visit Work Record", self.records["visit"])
		self.assertIn("_T 张伟", html)
		self.assertNotIn(masked, html)
		self.assertNotIn(mask_phone(PHONE), html)

	def test_letter_head_is_created_once_and_an_admins_edit_is_printed_and_kept(self):
		frappe.db.set_value("Letter Head", LETTER_HEAD, "content", "<div>_T 某县信访局</div>")
		self.assertEqual(ensure_letter_head(), LETTER_HEAD)
		self.assertEqual(frappe.db.count("Letter Head", {"name": LETTER_HEAD}), 1)
		html = frappe.get_print(
			"Petition Case", self.records["case"], "Notice of Acceptance", letterhead=LETTER_HEAD
		)
		self.assertIn("_T 某县信访局", html)
		self.assertNotIn("Letters and Calls Bureau", html)
		without = frappe.get_print(
			"Petition Case", self.records["case"], "Notice of Acceptance", no_letterhead=1
		)
		self.assertNotIn("_T 某县信访局", without)
		self.assertIn("Notice of Acceptance", without)


class TestPrintFormatsWithCustomizedDocTypes(FrappeTestCase):
	"""An administrator's Custom Field and relabelled field (Customize Form) break no form."""

	DOCTYPES = (
		"Petition Visit",
		"Petition Letter",
		"Petition Case",
		"Petition Transfer",
		"Petition Extension",
	)
	FIELDNAME = "custom_print_test_note"

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		make_print_users()
		# Custom Fields change tables (DDL commits): add them before any test record exists
		for doctype in cls.doctypes():
			frappe.get_doc(
				{
					"doctype": "Custom Field",
					"dt": doctype,
					"fieldname": cls.FIELDNAME,
					"label": "_T Print Test Note",
					"fieldtype": "Data",
					"insert_after": "naming_series",
					"reqd": 0,
				}
			).insert(ignore_permissions=True)
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		for doctype in cls.doctypes():
			name = frappe.db.get_value("Custom Field", {"dt": doctype, "fieldname": cls.FIELDNAME})
			if name:
				frappe.delete_doc("Custom Field", name, ignore_permissions=True)
		frappe.db.commit()
		super().tearDownClass()

	@classmethod
	def doctypes(cls):
		return [dt for dt in cls.DOCTYPES if frappe.db.exists("DocType", dt)]

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		for doctype in self.doctypes():
			frappe.clear_cache(doctype=doctype)

	def test_forms_render_with_a_custom_field_and_a_relabelled_field(self):
		make_property_setter("Petition Case", "subject", "label", "_T Matter Complained Of", "Data")
		make_property_setter("Petition Transfer", "case_subject", "label", "_T Matter Transferred", "Data")
		records = make_records()
		for doctype, name in (("Petition Case", records["case"]), ("Petition Transfer", records["transfer"])):
			frappe.db.set_value(doctype, name, self.FIELDNAME, "_T custom value")
		for name, (_doctype, key, title, zh_title, _no) in FORMATS.items():
			html = render(name, records[key])
			self.assertIn(title, html, name)
			self.assertIn(records[key], html, name)
			self.assertIn(zh_title, render(name, records[key], "zh"), name)
		self.assertIn("_T Matter Complained Of", render("Case Acceptance Registration Form", records["case"]))
		self.assertIn("_T Matter Transferred", render("Case Transfer Notice", records["transfer"]))
		pdf = render("Reply Receipt", records["transfer"], "zh", as_pdf=True)
		self.assertTrue(pdf.startswith(b"%PDF"))
