"""Each official form reads in English with its key fields, and in Chinese with its Chinese labels only."""

import frappe

from petition_management.tests.test_print_formats import (
	FORMATS,
	UNIT,
	PrintFormatTestCase,
	form_body,
	render,
)


class TestPrintFormatLanguages(PrintFormatTestCase):
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
