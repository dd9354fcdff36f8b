// Copyright (c) 2026, Petition Management contributors
// For license information, please see license.txt

frappe.ui.form.on("Petition Review", {
	setup(frm) {
		frm.set_query("petition_case", () => ({
			filters: { workflow_state: ["in", ["Replied", "Closed", "Archived"]] },
		}));
	},

	refresh(frm) {
		if (frm.doc.docstatus === 0 && !frm.is_new() && frm.doc.opinion_due) {
			frm.set_intro(
				__("The opinion is due on {0}. The Petition Director decides by submitting it.", [
					frappe.datetime.str_to_user(frm.doc.opinion_due),
				]),
				"blue"
			);
		}
	},
});
