// Copyright (c) 2026, Petition Management contributors
// For license information, please see license.txt

// The request, approval and rejection are Frappe's workflow actions (the "Actions" menu); the
// server checks the days against the maximum in Petition Settings and moves the due dates.
frappe.ui.form.on("Petition Extension", {
	setup(frm) {
		frm.set_query("petition_case", () => ({
			filters: { workflow_state: ["in", ["Accepted", "In Handling"]] },
		}));
		frm.set_query("requested_by_unit", () => ({ filters: { is_group: 0 } }));
	},

	refresh(frm) {
		if (frm.doc.petition_case) {
			frm.add_custom_button(__("Petition Case"), () =>
				frappe.set_route("Form", "Petition Case", frm.doc.petition_case)
			);
		}
		frm.trigger("show_due_dates");
	},

	show_due_dates(frm) {
		const { handling_due_before: before, handling_due_after: after } = frm.doc;
		if (!before || !after) {
			return;
		}
		const dates = [frappe.datetime.str_to_user(before), frappe.datetime.str_to_user(after)];
		if (frm.doc.workflow_state === "Approved") {
			frm.dashboard.add_comment(
				__("Approved: the case's handling due date moved from {0} to {1}.", dates),
				"green",
				true
			);
		} else if (frm.doc.workflow_state !== "Rejected") {
			frm.dashboard.add_comment(
				__("If approved, the case's handling due date moves from {0} to {1}.", dates),
				"blue",
				true
			);
		}
	},
});
