// Copyright (c) 2026, Petition Management contributors
// For license information, please see license.txt

frappe.ui.form.on("Mediation Case", {
	setup(frm) {
		frm.set_query("screening_round", () => (frm.doc.unit ? { filters: { unit: frm.doc.unit } } : {}));
	},
	refresh(frm) {
		if (frm.is_new() || frm.doc.status === "Closed" || !frm.perm[0].write) {
			return;
		}
		frm.add_custom_button(__("Close Case"), () =>
			frappe.confirm(__("Close this mediation case? It can no longer be changed afterwards."), () =>
				frm.save().then(() => frm.call("close_case").then(() => frm.reload_doc()))
			)
		);
	},
});
