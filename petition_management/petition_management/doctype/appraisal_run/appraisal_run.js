// Copyright (c) 2026, Petition Management contributors
// For license information, please see license.txt

// "Run" creates or recomputes the Draft appraisals of every active unit for the period, ranks them
// and lists the units to commend and to watch (petition_management.api.appraisal.run_appraisals).
const COMPUTING_ROLES = ["Petition Office", "Petition Supervisor", "System Manager"];

frappe.ui.form.on("Appraisal Run", {
	refresh(frm) {
		if (frm.is_new() || !frappe.user.has_role(COMPUTING_ROLES)) {
			return;
		}
		frm.add_custom_button(
			frm.doc.status === "Completed" ? __("Run Again") : __("Run Appraisal"),
			() =>
				frappe
					.call({
						method: "petition_management.api.appraisal.run_appraisals",
						args: { run: frm.doc.name },
						freeze: true,
						freeze_message: __("Appraising the units..."),
					})
					.then(() => frm.reload_doc())
		).addClass("btn-primary");
		frm.add_custom_button(__("Appraisals"), () => {
			frappe.route_options = { appraisal_run: frm.doc.name };
			frappe.set_route("List", "Petition Appraisal");
		});
	},
});
