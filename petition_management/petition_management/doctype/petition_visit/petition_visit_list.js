// Copyright (c) 2026, Petition Management contributors
// For license information, please see license.txt

// Select values in the app's wording: Frappe's list view translates them without the DocType as context
frappe.listview_settings["Petition Visit"] = {
	add_fields: [
		"status",
		"has_special_circumstances",
		"is_group_visit",
		"number_of_visitors",
		"outcome",
	],

	onload: (listview) => petition_management.list.translate_filter_options(listview),

	get_indicator(doc) {
		if (doc.status === "Closed") {
			return [__(doc.outcome || "Closed", null, "Petition Visit"), "green", "status,=,Closed"];
		}
		if (doc.is_group_visit) {
			return [
				__("Group of {0}", [cint(doc.number_of_visitors)]),
				"red",
				"is_group_visit,=,1|status,=,Open",
			];
		}
		if (doc.has_special_circumstances) {
			return [__("Special Circumstances"), "red", "has_special_circumstances,=,1|status,=,Open"];
		}
		return [__("Open", null, "Petition Visit"), "orange", "status,=,Open"];
	},
};
