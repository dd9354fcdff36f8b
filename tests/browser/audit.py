"""Accessibility checks: axe-core (npm, injected by Playwright), keyboard reach and the page language.

Every axe finding is appended to artefacts/browser/axe.json (page, rule, impact, nodes); the portal's
tests fail on critical and serious ones, the desk's list theirs (README, "Accessibility of the desk").
"""

import json
import re
from pathlib import Path

FAILING_IMPACTS = ("critical", "serious")

RUN_AXE = """async () => {
	const result = await axe.run(document, { resultTypes: ["violations"] });
	return result.violations.map((v) => ({
		id: v.id, impact: v.impact, help: v.help,
		nodes: v.nodes.slice(0, 8).map((n) => ({ target: n.target.join(" "), html: n.html.slice(0, 240) })),
	}));
}"""

# the focusable controls a visitor must reach with Tab: visible, enabled, not hidden from the keyboard
FOCUSABLE = """(scope) => [...document.querySelectorAll(scope + " input, " + scope + " textarea, "
	+ scope + " select, " + scope + " button, " + scope + " a[href]")]
	.filter((e) => e.offsetParent !== null && !e.disabled && e.type !== "hidden" && e.tabIndex >= 0)
	.map((e) => e.name || e.dataset.fieldname || e.id || e.textContent.trim().slice(0, 40) || e.outerHTML.slice(0, 60))"""

ACTIVE = """() => { const e = document.activeElement; return e ? (e.name || e.dataset.fieldname || e.id
	|| e.textContent.trim().slice(0, 40) || e.outerHTML.slice(0, 60)) : null; }"""


def axe_findings(page, axe_source: str, folder: Path, where: str) -> list[dict]:
	if not page.evaluate("() => Boolean(window.axe)"):
		page.add_script_tag(content=axe_source)
	findings = page.evaluate(RUN_AXE)
	log = folder / "axe.json"
	entries = json.loads(log.read_text()) if log.exists() else []
	entries.append({"page": where, "url": page.url, "violations": findings})
	log.write_text(json.dumps(entries, ensure_ascii=False, indent=1))
	return findings


def assert_no_serious_axe(page, axe_source: str, folder: Path, where: str):
	bad = [f for f in axe_findings(page, axe_source, folder, where) if f["impact"] in FAILING_IMPACTS]
	assert not bad, f"axe on {where}: " + "; ".join(
		f"{f['impact']} {f['id']} ({f['help']}): {[n['target'] for n in f['nodes']]}" for f in bad
	)


def assert_keyboard_reaches(page, scope: str, presses: int = 80):
	"""Tab from the top of the page reaches every focusable control in `scope`."""
	wanted = page.evaluate(FOCUSABLE, scope)
	assert wanted, f"no focusable control in {scope}"
	page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
	reached = set()
	for _ in range(presses):
		page.keyboard.press("Tab")
		reached.add(page.evaluate(ACTIVE))
		if set(wanted) <= reached:
			return
	missing = [w for w in wanted if w not in reached]
	assert not missing, f"Tab never reaches {missing} in {scope}"


def assert_page_language(page, language: str):
	lang = page.evaluate("() => document.documentElement.lang")
	assert (lang or "").lower().startswith(language), f"<html lang={lang!r}> on a page shown in {language}"


# markup the app makes itself in the desk: its HTML fields, intros and dashboard comments
APP_MARKUP = re.compile(r"class=\"[^\"]*\bpm-|\.pm-|transfers_html|form-message|form-intro|repeat-candidates")


def desk_summary(findings_by_page: dict[str, list[dict]]) -> list[str]:
	"""One line per axe rule: its impact, whose markup (the app's or Frappe's), the forms, an example."""
	rules: dict[tuple, dict] = {}
	for where, findings in findings_by_page.items():
		for finding in findings:
			nodes = finding["nodes"]
			origin = "app" if any(APP_MARKUP.search(n["target"] + n["html"]) for n in nodes) else "Frappe"
			rule = rules.setdefault((finding["impact"], finding["id"], origin), {"pages": [], "example": ""})
			rule["pages"].append(where)
			rule["example"] = rule["example"] or nodes[0]["target"][-90:]
	order = {"critical": 0, "serious": 1, "moderate": 2, "minor": 3}
	return [
		f"{impact:8} {rule:22} {origin:6} on {len(seen['pages'])} forms, e.g. {seen['example']}"
		for (impact, rule, origin), seen in sorted(
			rules.items(), key=lambda r: (order.get(r[0][0], 9), r[0][1])
		)
	]
