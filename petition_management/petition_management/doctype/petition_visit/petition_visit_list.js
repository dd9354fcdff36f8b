// Copyright (c) 2026, Petition Management contributors
// For license information, please see license.txt

frappe.listview_settings["Petition Visit"] = {
	add_fields: [
		"status",
		"has_special_circumstances",
		"is_group_visit",
		"number_of_visitors",
		"outcome",
	],

	get_indicator(doc) {
		if (doc.status === "Closed") {
			return [__(doc.outcome || "Closed"), "green", "status,=,Closed"];
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
		return [__("Open"), "orange", "status,=,Open"];
	},
};
