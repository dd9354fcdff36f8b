// Copyright (c) 2026, Petition Management contributors
// For license information, please see license.txt
// Shared filters and drill-down: public/js/petition_reports.js

// Wrapped: report scripts share the page's global scope.
(() => {
	const R = petition_management.reports;

	frappe.query_reports["Petition Statistics"] = {
		filters: [
			...R.period(),
			R.group_by([
				["Month", "Month"],
				["Channel", "Channel"],
				["Category", "Category"],
				["Unit", "Lead Unit"],
				["Source", "Source"],
			]),
			R.category(),
			R.channel(),
			R.lead_unit(),
		],
		...R.drill_down,
	};
})();
