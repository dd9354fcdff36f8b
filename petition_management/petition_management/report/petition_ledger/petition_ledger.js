// Copyright (c) 2026, Petition Management contributors
// For license information, please see license.txt
// Shared filters and drill-down: public/js/petition_reports.js

// Wrapped: report scripts share the page's global scope.
(() => {
	const R = petition_management.reports;

	frappe.query_reports["Petition Ledger"] = {
		filters: [
			...R.period(),
			R.category(),
			R.channel(),
			R.select("source_type", "Source", [
				["Visit", "Visit"],
				["Letter", "Letter"],
				["Online", "Online"],
				["Higher-authority Referral", "Higher-authority Referral"],
			]),
			R.lead_unit(),
			R.select("workflow_state", "State", [
				["Registered", "Registered"],
				["Pending Acceptance", "Pending Acceptance"],
				["Accepted", "Accepted"],
				["Not Accepted", "Not Accepted"],
				["In Handling", "In Handling"],
				["Replied", "Replied"],
				["Closed", "Closed"],
				["Archived", "Archived"],
			]),
			{ fieldname: "is_key_case", label: __("Key Cases Only"), fieldtype: "Check" },
			{ fieldname: "cross_level", label: __("Cross-level Petitions Only"), fieldtype: "Check" },
		],
	};
})();
