// Copyright (c) 2026, Petition Management contributors
// For license information, please see license.txt

// Select values in the app's wording: Frappe's list view translates them without the DocType as context
frappe.listview_settings["Petition Letter"] = {
	add_fields: ["status", "outcome", "is_anonymous", "acceptance_due"],
	has_indicator_for_draft: true,
	formatters: petition_management.list.select_formatters("Petition Letter", ["channel"]),
	onload: (listview) => petition_management.list.translate_filter_options(listview),
	get_indicator(doc) {
		if (doc.is_anonymous) {
			return [__("Anonymous"), "gray", "is_anonymous,=,1"];
		}
		if (doc.outcome === "Registered as a Case") {
			return [__("Registered as a Case"), "green", "outcome,=,Registered as a Case"];
		}
		if (doc.outcome === "Repeat of an Existing Case") {
			return [__("Repeat of an Existing Case"), "purple", "outcome,=,Repeat of an Existing Case"];
		}
		if (doc.outcome === "No Reply Required") {
			return [__("No Reply Required"), "gray", "outcome,=,No Reply Required"];
		}
		const today = frappe.datetime.get_today();
		if (doc.acceptance_due && doc.acceptance_due < today) {
			return [__("Acceptance Overdue"), "red", `status,=,Open|acceptance_due,<,${today}`];
		}
		return [__("Open", null, "Petition Letter"), "orange", "status,=,Open"];
	},
};
