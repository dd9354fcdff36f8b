// Copyright (c) 2026, Petition Management contributors
// For license information, please see license.txt

frappe.ui.form.on("Petition Category", {
	setup(frm) {
		frm.set_query("parent_petition_category", () => ({
			filters: { is_group: 1, name: ["!=", frm.doc.name || ""] },
		}));
		frm.set_query("default_handling_unit", () => ({ filters: { is_active: 1, is_group: 0 } }));
	},
	other_legal_channel(frm) {
		if (!frm.doc.other_legal_channel) {
			frm.set_value("legal_channel", "");
		}
	},
});
