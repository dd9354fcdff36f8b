// Copyright (c) 2026, Petition Management contributors
// For license information, please see license.txt

frappe.ui.form.on("Petition Case", {
	refresh(frm) {
		if (frm.doc.source_name) {
			frm.add_custom_button(__("Source Record"), () =>
				frappe.set_route("Form", frm.doc.source_doctype, frm.doc.source_name)
			);
		}
		if (frm.doc.repeat_count) {
			frm.dashboard.add_comment(
				__("Petitioned again {0} time(s); see Repeat Petitions.", [frm.doc.repeat_count]),
				"orange",
				true
			);
		}
		frm.events.render_transfers(frm);
		frm.events.show_next_state_needs(frm);
	},

	// What the next step needs, in advance and all at once (STATE_NEEDS in petition_case.py)
	show_next_state_needs(frm) {
		const next = { "In Handling": "Replied", Replied: "Closed", Closed: "Archived" }[
			frm.doc.workflow_state
		];
		const needs = (frm.doc.__onload?.state_needs || {})[next] || [];
		const missing = needs.filter((fieldname) => !frm.doc[fieldname]);
		if (!missing.length) {
			return;
		}
		const labels = missing.map((fieldname) =>
			frappe.utils.escape_html(__(frappe.meta.get_label(frm.doctype, fieldname), null, frm.doctype))
		);
		frm.dashboard.add_comment(
			__("Before the case moves to {0}, fill in: {1}.", [__(next), labels.join(", ")]),
			"orange",
			true
		);
	},

	async render_transfers(frm) {
		const wrapper = frm.get_field("transfers_html").$wrapper;
		if (frm.is_new() || !frm.doc.accepted_on) {
			wrapper.empty();
			return;
		}
		const rows = await frappe.db.get_list("Petition Transfer", {
			filters: { petition_case: frm.doc.name },
			fields: ["name", "unit", "transfer_role", "workflow_state", "due_date"],
			order_by: "transfer_role desc, creation asc",
		});
		if (!rows.length) {
			wrapper.html(`<p class="text-muted">${__("No transfers issued yet.")}</p>`);
			return;
		}
		const cells = rows.map(
			(r) => `<tr>
				<td><a href="/app/petition-transfer/${encodeURIComponent(r.name)}">${frappe.utils.escape_html(r.name)}</a></td>
				<td>${frappe.utils.escape_html(r.unit)}</td>
				<td>${__(r.transfer_role)}</td>
				<td>${__(r.workflow_state || "")}</td>
				<td>${frappe.datetime.str_to_user(r.due_date)}</td>
			</tr>`
		);
		wrapper.html(`<table class="table table-bordered table-sm">
			<thead><tr><th>${__("Transfer")}</th><th>${__("Unit")}</th><th>${__("Role")}</th>
			<th>${__("State", null, "Petition Management")}</th><th>${__("Due Date")}</th></tr></thead>
			<tbody>${cells.join("")}</tbody></table>`);
	},
});
