// Copyright (c) 2026, Petition Management contributors
// For license information, please see license.txt

frappe.query_reports["Petition Ledger"] = {
	filters: [
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			default: frappe.datetime.year_start(),
			reqd: 1,
		},
		{
			fieldname: "to_date",
			label: __("To Date"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
			reqd: 1,
		},
		{
			fieldname: "category",
			label: __("Category"),
			fieldtype: "Link",
			options: "Petition Category",
		},
		{
			fieldname: "channel",
			label: __("Channel"),
			fieldtype: "Select",
			options: [
				"",
				{ value: "Visit", label: __("Visit") },
				{ value: "Post", label: __("Post") },
				{ value: "E-mail", label: __("E-mail") },
				{ value: "Leader's Mailbox", label: __("Leader's Mailbox") },
				{ value: "Website Message", label: __("Website Message") },
				{ value: "Fax", label: __("Fax") },
				{ value: "Phone Call", label: __("Phone Call") },
				{ value: "Referred by Higher Authority", label: __("Referred by Higher Authority") },
			],
		},
		{
			fieldname: "source_type",
			label: __("Source"),
			fieldtype: "Select",
			options: [
				"",
				{ value: "Visit", label: __("Visit") },
				{ value: "Letter", label: __("Letter") },
				{ value: "Online", label: __("Online") },
				{ value: "Higher-authority Referral", label: __("Higher-authority Referral") },
			],
		},
		{
			fieldname: "lead_unit",
			label: __("Lead Unit"),
			fieldtype: "Link",
			options: "Handling Unit",
		},
		{
			fieldname: "workflow_state",
			label: __("State"),
			fieldtype: "Select",
			options: [
				"",
				{ value: "Registered", label: __("Registered") },
				{ value: "Pending Acceptance", label: __("Pending Acceptance") },
				{ value: "Accepted", label: __("Accepted") },
				{ value: "Not Accepted", label: __("Not Accepted") },
				{ value: "In Handling", label: __("In Handling") },
				{ value: "Replied", label: __("Replied") },
				{ value: "Closed", label: __("Closed") },
				{ value: "Archived", label: __("Archived") },
			],
		},
		{
			fieldname: "is_key_case",
			label: __("Key Cases Only"),
			fieldtype: "Check",
		},
		{
			fieldname: "cross_level",
			label: __("Cross-level Petitions Only"),
			fieldtype: "Check",
		},
	],
};
