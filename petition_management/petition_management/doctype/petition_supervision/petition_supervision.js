// Copyright (c) 2026, Petition Management contributors
// For license information, please see license.txt

const ORDERING_ROLES = ["Petition Office", "Petition Supervisor", "System Manager"];

frappe.ui.form.on("Petition Supervision", {
	setup(frm) {
		frm.set_query("petition_case", () => ({
			filters: { workflow_state: ["not in", ["Not Accepted", "Replied", "Closed", "Archived"]] },
		}));
		frm.set_query("unit", () => ({ filters: { is_active: 1 } }));
	},

	refresh(frm) {
		frm.set_intro(frm.doc.status === "Escalated" && !frm.doc.response
			? __("No response by {0}: escalated to {1}.", [
				frappe.datetime.str_to_user(frm.doc.response_due),
				frm.doc.escalated_to || __("nobody"),
			])
			: "", "orange");
		const can_close = ["Responded", "Escalated"].includes(frm.doc.status)
			&& frappe.user.has_role(ORDERING_ROLES);
		if (!frm.is_new() && can_close) {
			frm.add_custom_button(__("Close Order"), () => close_order(frm));
		}
	},
});

function close_order(frm) {
	frappe.prompt(
		{ fieldname: "note", fieldtype: "Small Text", label: __("Closing Note") },
		({ note }) => frm.call("close_order", { note }).then(() => frm.reload_doc()),
		__("Close Supervision Order"),
		__("Close Order")
	);
}
