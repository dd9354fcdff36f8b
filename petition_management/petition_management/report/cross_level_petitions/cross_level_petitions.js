// Copyright (c) 2026, Petition Management contributors
// For license information, please see license.txt
// Shared filters and drill-down: public/js/petition_reports.js

// Wrapped: report scripts share the page's global scope.
(() => {
	const R = petition_management.reports;

	frappe.query_reports["Cross-level Petitions"] = {
		filters: [
			...R.period(),
			R.compare_with(),
			R.group_by([
				["Month", "Month"],
				["Channel", "Channel"],
				["Category", "Category"],
				["Unit", "Lead Unit"],
				["Higher Level", "Higher Level"],
			]),
			R.category(),
			R.channel(),
			R.lead_unit(),
		],
		...R.drill_down,
	};
})();
