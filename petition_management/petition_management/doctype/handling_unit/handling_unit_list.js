// Copyright (c) 2026, Petition Management contributors
// For license information, please see license.txt

// Select values in the app's wording (Frappe's list view translates them without the DocType as context)
frappe.listview_settings["Handling Unit"] = {
	formatters: petition_management.list.select_formatters("Handling Unit", ["unit_type"]),
	onload: (listview) => petition_management.list.translate_filter_options(listview),
};
