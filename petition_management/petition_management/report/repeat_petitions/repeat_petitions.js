// Copyright (c) 2026, Petition Management contributors
// For license information, please see license.txt
// Shared filters and drill-down: public/js/petition_reports.js

// Wrapped: report scripts share the page's global scope.
(() => {
	const R = petition_management.reports;

	frappe.query_reports["Repeat Petitions"] = {
		filters: [
			...R.period(),
			R.group_by([
				["Category", "Category"],
				["Month", "Month"],
				["Channel", "Channel"],
				["Unit", "Lead Unit"],
			]),
			R.category(),
			R.channel(),
			R.lead_unit(),
		],
		...R.drill_down,
	};
})();
