// Copyright (c) 2026, Petition Management contributors
// For license information, please see license.txt

frappe.listview_settings["Petition Case"] = {
	add_fields: ["workflow_state", "deadline_status", "is_key_case"],
	onload(listview) {
		petition_management.list.translate_filter_options(listview);
		if (frappe.user.has_role("Petition Leader")) {
			listview.page.add_inner_button(__("My Key Cases"), () =>
				frappe.set_route("List", "Petition Case", {
					is_key_case: 1,
					key_leader: frappe.session.user,
				})
			);
		}
	},
};
