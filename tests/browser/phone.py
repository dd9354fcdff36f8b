"""A phone's viewport (390x844): nothing wider than the screen, and the controls a person needs are on it."""

WIDTHS = """() => ({ document: document.documentElement.scrollWidth, body: document.body.scrollWidth,
	viewport: window.innerWidth,
	widest: [...document.querySelectorAll("body *")].filter((e) => e.offsetParent !== null
		&& e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 5)
		.map((e) => e.tagName.toLowerCase() + (e.className && typeof e.className === "string"
			? "." + e.className.trim().split(/\\s+/).join(".") : "")) })"""

UNCOVERED = """(e) => { const r = e.getBoundingClientRect(); const x = r.left + r.width / 2, y = r.top + r.height / 2;
	const top = document.elementFromPoint(x, y); return Boolean(top && (top === e || e.contains(top))); }"""


def assert_fits_phone(page, where: str):
	"""No horizontal scrolling: the document is exactly as wide as the viewport."""
	width = page.viewport_size["width"]
	seen = page.evaluate(WIDTHS)
	assert seen["document"] == width and seen["body"] <= width, (
		f"{where} is wider than the phone ({width}px): document {seen['document']}px, body "
		f"{seen['body']}px; sticking out: {seen['widest']}"
	)


def assert_reachable(page, locator, what: str):
	"""The control can be scrolled to, lies within the screen's width, and nothing covers it."""
	locator.scroll_into_view_if_needed()
	box = locator.bounding_box()
	width = page.viewport_size["width"]
	assert box, f"{what} is not shown on the phone"
	assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"{what} lies outside the screen: {box}"
	assert box["height"] >= 24 and box["width"] >= 24, f"{what} is too small to tap: {box}"
	assert locator.evaluate(UNCOVERED), f"{what} is covered by another element"
