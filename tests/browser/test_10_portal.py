"""The citizens' portal as a guest, in Chinese and in English: submit a petition, keep the tracking number
and access code, follow it, be refused with a wrong code, read the public statistics. On every page:
axe-core (no critical or serious finding), keyboard reach, the page's language, no console error, no
failed request, and the markup typed into the form never runs, there or in the desk where the office
reads the submission later."""

import re
import secrets

import pytest
from audit import assert_keyboard_reaches, assert_no_serious_axe, assert_page_language
from desk import Desk
from printing import print_preview_text

# what a visitor might type: each runs alert() if it is ever rendered as markup
MARKUP = "<img src=x onerror=\"alert('pm-markup')\"><script>alert('pm-markup')</script>"
TEXTS = {
	"zh": {
		"full_name": "韩素梅",
		"address": "城关街道幸福路18号",
		"subject": "幸福路夜间施工噪音扰民",
		"content": "幸福路工地每晚施工到凌晨两点，噪音严重影响休息。",
		"request": "请责令工地按规定时间施工。",
		"not_found": "没有与该查询编号和查询码相符的信访事项",
	},
	"en": {
		"full_name": "Mary Hanson",
		"address": "18 Happiness Road",
		"subject": "Night-time construction noise",
		"content": "The site on Happiness Road works until two every night.",
		"request": "Please make the site keep to the permitted hours.",
		"not_found": "No petition matches this tracking number and access code.",
	},
}
LOCALES = {"zh": "zh-CN", "en": "en-US"}
# the statistics tables' figure cells (templates/portal/macros.html)
FIGURES = "cells => cells.map((cell) => cell.innerText.trim())"
SUBMITTED: dict[str, dict] = {}


def fill_petition(page, texts: dict, mark: str):
	page.wait_for_selector(".web-form [data-fieldname=full_name] input")
	page.wait_for_function("() => window.frappe && frappe.web_form && frappe.web_form.fields_dict")
	page.fill("[data-fieldname=full_name] input", texts["full_name"] + MARKUP)
	page.fill("[data-fieldname=address] textarea", texts["address"] + MARKUP)
	page.fill("[data-fieldname=subject] input", f"{texts['subject']} {mark}{MARKUP}")
	page.fill("[data-fieldname=content] textarea", texts["content"] + MARKUP)
	page.fill("[data-fieldname=request] textarea", texts["request"] + MARKUP)
	page.keyboard.press("Tab")


def look_up(page, number: str, code: str, found: bool):
	page.fill("#pm-status-form input[name=tracking_number]", number)
	page.fill("#pm-status-form input[name=access_code]", code)
	with page.expect_response(re.compile(r"api\.portal\.petition_status")):
		page.click("#pm-status-form button[type=submit]")
	shown = f".pm-result[data-tracking-number='{number}']" if found else ".pm-result .pm-card-warning"
	page.wait_for_selector(f"#pm-status-result {shown}")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_guest_submits_follows_and_reads_statistics(guest, steps, axe_source, lang):
	texts = TEXTS[lang]
	mark = secrets.token_hex(3)
	watch = guest(LOCALES[lang])
	page = watch.page

	with steps.step(watch, f"portal-{lang}-form"):
		page.goto("/online-petition/new")
		fill_petition(page, texts, mark)
		assert_page_language(page, lang)
		assert_no_serious_axe(page, axe_source, steps.folder, f"portal {lang}: /online-petition/new")
		assert_keyboard_reaches(page, ".web-form")
		watch.assert_clean()

	with steps.step(watch, f"portal-{lang}-confirmation"):
		page.click(".web-form-footer .submit-btn, button.submit-btn")
		page.wait_for_url("**/petition-confirmation**")
		number = page.inner_text(".pm-tracking-number").strip()
		code = page.inner_text(".pm-access-code").strip()
		assert re.fullmatch(r"[A-Z]{2}\d{8,}", number), number
		assert re.fullmatch(r"[A-Z0-9]{4}(-[A-Z0-9]{4}){3}", code), code
		assert_page_language(page, lang)
		assert_no_serious_axe(page, axe_source, steps.folder, f"portal {lang}: /petition-confirmation")
		watch.assert_clean()
	SUBMITTED[lang] = {"number": number, "mark": mark, **texts}

	with steps.step(watch, f"portal-{lang}-status-wrong-code"):
		page.goto("/petition-status")
		assert_page_language(page, lang)
		assert_keyboard_reaches(page, "#pm-status-form")
		wrong = code[:-1] + ("A" if code[-1] != "A" else "B")
		look_up(page, number, wrong, found=False)
		result = page.inner_text("#pm-status-result")
		assert texts["not_found"] in result, result
		assert page.locator("#pm-status-result [role=alert]").count() == 1
		assert mark not in result
		# one generic answer for a wrong number or code, by design a 404
		watch.assert_clean(allow_http=((404, "api.portal.petition_status"),))
		watch.reset()

	with steps.step(watch, f"portal-{lang}-status"):
		look_up(page, number, code, found=True)
		result = page.inner_text("#pm-status-result")
		assert number in result and texts["subject"] in result and mark in result, result
		assert_no_serious_axe(page, axe_source, steps.folder, f"portal {lang}: /petition-status (result)")
		watch.assert_clean()

	with steps.step(watch, f"portal-{lang}-statistics"):
		page.goto("/petition-statistics")
		assert_page_language(page, lang)
		shown = page.inner_text("main, body")
		for private in (texts["full_name"], texts["subject"], mark, number):
			assert private not in shown, f"the public statistics show {private!r}"
		assert not re.search(r"\b(PC|PT|WS)-?\d{4}-?\d{3,}", shown), "a record number on the statistics"
		# every figure is a count, a rate, or a mark for a figure withheld: nothing else is published
		figures = page.eval_on_selector_all(".pm-portal table td[data-figure]", FIGURES)
		assert figures, "the statistics show no table"
		odd = [f for f in figures if not re.fullmatch(r"\d+|\d+(\.\d+)?\s?%|—|-|n?<\s?5", f)]
		assert not odd, f"the statistics show more than figures: {odd[:10]}"
		assert_no_serious_axe(page, axe_source, steps.folder, f"portal {lang}: /petition-statistics")
		watch.assert_clean()


def test_office_reads_the_submissions_in_the_desk_and_no_markup_runs(staff, steps):
	"""What the guests typed is shown to the office in the desk: the list, the form, its letter printed."""
	if not SUBMITTED:
		pytest.skip("no petition was submitted on the portal")
	watch = staff.page("office")
	desk = Desk(watch)
	for lang, sent in SUBMITTED.items():
		with steps.step(watch, f"desk-online-petition-{lang}"):
			desk.open_from_list("Online Petition", sent["number"])
			assert sent["mark"] in desk.page.inner_text(".form-layout")
			letter = desk.doc("petition_letter")
			assert letter, f"online petition {sent['number']} has no letter"
			desk.open("Petition Letter", letter)
			shown = print_preview_text(desk, "Letter Work Record")
			assert sent["mark"] in shown, shown[:300]
			watch.assert_no_dialog()
