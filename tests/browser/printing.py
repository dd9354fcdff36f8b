"""Printing from the desk: the print view's preview and its PDF button, the PDF read with pdftotext."""

import subprocess
import unicodedata

PREVIEW = "iframe.print-format-container"

# CJK Radicals Supplement forms that stand for a whole character (Unicode's EquivalentUnifiedIdeograph);
# NFKC leaves them alone (it maps the Kangxi radicals only)
RADICALS = str.maketrans(
	"⺊⺌⺟⺠⺧⺩⻄⻅⻆⻉⻋⻑⻓⻔⻗⻘⻙⻚⻛⻜⻝⻢⻣⻤⻥⻦⻧⻨⻩⻪⻬⻮⻳",
	"卜小母民牛王西见角贝车長长门雨青韦页风飞食马骨鬼鱼鸟卤麦黄黾齐齿龟",
)


def print_preview_text(desk, print_format: str) -> str:
	"""Ctrl+P on the form opens the print view; the preview of `print_format` (its default or picked)."""
	page = desk.page
	name = page.evaluate("() => cur_frm.docname")
	page.keyboard.press("Control+p")
	page.wait_for_function("() => (frappe.get_route() || [])[0] === 'print'")
	selector = page.locator(".print-preview-sidebar [data-fieldname=print_format] input")
	selector.wait_for(state="visible")
	if selector.input_value() != print_format:
		desk.pick_link(page.locator(".print-preview-sidebar [data-fieldname=print_format]"), print_format)
	frame = page.frame_locator(PREVIEW)
	frame.locator(f".print-format:has-text('{name}')").wait_for()
	desk.settle()
	return frame.locator(".print-format").inner_text()


def print_pdf_text(desk) -> str:
	"""The PDF button's download, as the text pdftotext reads from it. The CJK font maps some glyphs to
	radicals (⽇ for 日, ⺠ for 民): NFKC and RADICALS give the characters back."""
	page = desk.page
	with page.expect_popup() as opened:
		page.locator(".page-actions button:visible", has_text="PDF").first.click()
	popup = opened.value
	url = popup.url
	popup.close()
	assert "download_pdf" in url, f"the PDF button opened {url}"
	response = page.context.request.get(url, timeout=60_000)
	assert response.ok, f"PDF: HTTP {response.status}"
	body = response.body()
	assert body.startswith(b"%PDF"), f"not a PDF: {body[:80]!r}"
	text = subprocess.run(
		["pdftotext", "-enc", "UTF-8", "-", "-"], input=body, capture_output=True, check=True
	).stdout.decode("utf-8")
	return unicodedata.normalize("NFKC", text).translate(RADICALS)
