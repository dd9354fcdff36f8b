// Copyright (c) 2026, Petition Management contributors
// For license information, please see license.txt

frappe.ui.form.on("Petitioner Identity", {
	refresh(frm) {
		if (!frm.is_new()) {
			frm.add_custom_button(__("Petitioner"), () =>
				frappe.set_route("Form", "Petitioner", frm.doc.petitioner)
			);
		}
	},
	after_save(frm) {
		// back to the person once the identity is on file
		if (frappe.get_prev_route()?.[1] === "Petitioner") {
			frappe.set_route("Form", "Petitioner", frm.doc.petitioner);
		}
	},
});
