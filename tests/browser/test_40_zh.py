"""The zh check on the app's workspace, its lists and (collected on the way by every desk step of the
other tests) its forms: no English from the app where a zh user looks. See zh_check.py."""

from desk import Desk

# the workspace's number cards have their numbers and its charts are drawn (or say they have no data)
WIDGETS_DRAWN = """() => {
	const loading = __("Loading...");
	const shown = (e) => e.offsetParent !== null;
	const busy = [...document.querySelectorAll(".number-card-loading, .chart-loading-state")]
		.some((e) => shown(e) && e.textContent.trim() === loading);
	const charts = [...document.querySelectorAll(".widget.dashboard-widget-box")];
	const drawn = charts.every((c) => c.querySelector(".chart-container svg, .frappe-chart")
		|| [...c.querySelectorAll(".chart-loading-state")].some(shown));
	return !busy && drawn && frappe.request.ajax_count === 0;
}"""

LISTS = (
	"Petition Case",
	"Petition Transfer",
	"Petition Visit",
	"Petitioner",
	"Petition Letter",
	"Online Petition",
	"Petition Extension",
	"Petition Review",
)


def test_the_desk_speaks_chinese(staff, steps):
	watch = staff.page("office")
	desk = Desk(watch)
	with steps.step(watch, "zh-workspace"):
		desk.go("petitions")
		desk.page.wait_for_selector(".layout-main-section .widget", state="visible")
		desk.page.wait_for_function(WIDGETS_DRAWN)
		desk.settle()
	for doctype in LISTS:
		with steps.step(watch, f"zh-list-{doctype}"):
			desk.open_list(doctype)
	steps.zh.assert_chinese()
