// Copyright (c) 2026, Petition Management contributors
// For license information, please see license.txt

frappe.ui.form.on("Petition Letter Sender", {
	refresh(frm) {
		if (!frm.is_new()) {
			frm.add_custom_button(__("Petition Letter"), () =>
				frappe.set_route("Form", "Petition Letter", frm.doc.petition_letter)
			);
		}
	},
});
