// Copyright (c) 2026, Petition Management contributors
// For license information, please see license.txt

// The status in the app's wording (Frappe's indicator translates it without the DocType as context)
frappe.listview_settings["Mediation Case"] = {
	add_fields: ["status"],
	get_indicator: petition_management.list.status_indicator("Mediation Case"),
	onload: (listview) => petition_management.list.translate_filter_options(listview),
};
