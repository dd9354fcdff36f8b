// Copyright (c) 2026, Petition Management contributors
// For license information, please see license.txt

frappe.ui.form.on("Dispute Screening Round", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.status !== "Draft" || !frm.perm[0].write) {
			return;
		}
		frm.add_custom_button(__("Submit Round"), () =>
			frappe.confirm(__("Submit this round? It can no longer be changed afterwards."), () =>
				frm.save().then(() => frm.call("submit_round").then(() => frm.reload_doc()))
			)
		).addClass("btn-primary");
	},
});
