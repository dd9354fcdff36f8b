// Copyright (c) 2026, Petition Management contributors
// For license information, please see license.txt

frappe.ui.form.on("Emergency Incident", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.status === "Closed" || !frm.perm[0].write) {
			return;
		}
		frm.add_custom_button(__("Escalate to the Leader in Charge"), () => escalate(frm));
		frm.add_custom_button(__("Close Incident"), () => {
			if (!frm.doc.after_action_summary) {
				frappe.msgprint(__("Write the after-action summary before closing the incident."));
				frm.scroll_to_field("after_action_summary");
				return;
			}
			frappe.confirm(__("Close this incident? It can no longer be changed afterwards."), () =>
				frm.save().then(() => frm.call("close_incident").then(() => frm.reload_doc()))
			);
		});
	},
});

function escalate(frm) {
	const dialog = new frappe.ui.Dialog({
		title: __("Escalate to the Leader in Charge"),
		fields: [
			{
				fieldname: "reason",
				fieldtype: "Small Text",
				label: __("Why the unit cannot calm the situation"),
				reqd: 1,
			},
			{
				fieldname: "police_assistance_requested",
				fieldtype: "Check",
				label: __("Police Assistance Requested"),
				default: frm.doc.police_assistance_requested,
			},
		],
		primary_action_label: __("Escalate"),
		primary_action(values) {
			dialog.hide();
			frm.call("escalate", values).then(() => frm.reload_doc());
		},
	});
	dialog.show();
}
