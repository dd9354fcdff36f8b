// Copyright (c) 2026, Petition Management contributors
// For license information, please see license.txt

frappe.ui.form.on("Reception Schedule", {
	refresh(frm) {
		if (!frm.is_new()) {
			frm.add_custom_button(__("Reception Days"), () =>
				frappe.set_route("List", "Reception Day", { schedule: frm.doc.name })
			);
			frm.add_custom_button(__("Calendar"), () => frappe.set_route("List", "Reception Day", "Calendar"));
		}
	},
});
