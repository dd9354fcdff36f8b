// Copyright (c) 2026, Petition Management contributors
// For license information, please see license.txt

frappe.ui.form.on("Dispute Screening Round", {
	refresh(frm) {
		// The grid shows a Select value translated without a context: the status in the app's wording
		frm.get_field("disputes").grid.update_docfield_property("status", "formatter", (value) =>
			value ? frappe.utils.escape_html(__(value, null, "Screened Dispute")) : ""
		);
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
