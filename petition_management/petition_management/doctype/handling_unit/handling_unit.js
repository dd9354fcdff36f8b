// Copyright (c) 2026, Petition Management contributors
// For license information, please see license.txt

frappe.ui.form.on("Handling Unit", {
	setup(frm) {
		const only_groups = () => ({ filters: { is_group: 1, name: ["!=", frm.doc.name || ""] } });
		frm.set_query("parent_handling_unit", only_groups);
		const enabled_users = () => ({ filters: { enabled: 1, user_type: "System User" } });
		frm.set_query("unit_head", enabled_users);
		frm.set_query("leader_in_charge", enabled_users);
	},
	refresh(frm) {
		frm.add_custom_button(__("Unit Tree"), () => frappe.set_route("Tree", "Handling Unit"));
	},
});
