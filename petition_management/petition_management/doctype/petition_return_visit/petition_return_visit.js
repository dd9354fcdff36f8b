// Copyright (c) 2026, Petition Management contributors
// For license information, please see license.txt

frappe.ui.form.on("Petition Return Visit", {
	setup(frm) {
		frm.set_query("petition_case", () => ({
			filters: { workflow_state: ["in", ["Closed", "Archived"]] },
		}));
	},

	refresh(frm) {
		if (frm.doc.status === "Completed") {
			frm.set_df_property("status", "read_only", 1);
		}
	},

	status(frm) {
		if (frm.doc.status === "Completed" && !frm.doc.visited_by) {
			frm.set_value("visited_by", frappe.session.user);
		}
	},
});
