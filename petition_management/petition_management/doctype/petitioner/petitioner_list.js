// Copyright (c) 2026, Petition Management contributors
// For license information, please see license.txt

// The ID type filter in the app's wording (Frappe translates its options without the DocType as context)
frappe.listview_settings["Petitioner"] = {
	onload: (listview) => petition_management.list.translate_filter_options(listview),
};
