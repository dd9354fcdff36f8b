// Copyright (c) 2026, Petition Management contributors
// For license information, please see license.txt
// Shared filters and drill-down: public/js/petition_reports.js

// Wrapped: report scripts share the page's global scope.
(() => {
	const R = petition_management.reports;

	frappe.query_reports["Unit Performance"] = {
		filters: [...R.period(), R.link("unit", "Handling Unit", "Handling Unit")],
		...R.drill_down,
	};
})();
