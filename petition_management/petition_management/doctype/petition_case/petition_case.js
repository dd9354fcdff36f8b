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
		frm.events.add_issue_transfers_button(frm);
	},

	// 交办: the lead and co-handling units in one dialog; an Accepted case then starts handling
	// (api/transfers.py issue_transfers)
	add_issue_transfers_button(frm) {
		const open = ["Accepted", "In Handling"].includes(frm.doc.workflow_state);
		if (frm.is_new() || !open || !frappe.model.can_create("Petition Transfer")) {
			return;
		}
		const label = __("Issue Transfers");
		frm.add_custom_button(label, () => frm.events.issue_transfers_dialog(frm));
		frm.change_custom_button_type(label, null, "primary");
	},

	async issue_transfers_dialog(frm) {
		const { message: transfers } = await frappe.call({
			method: "frappe.client.get_list",
			args: {
				doctype: "Petition Transfer",
				filters: { petition_case: frm.doc.name, workflow_state: ["!=", "Withdrawn"] },
				fields: ["unit", "transfer_role"],
				limit_page_length: 0,
			},
		});
		const lead = (transfers || []).find((row) => row.transfer_role === "Lead Unit");
		const taken = (transfers || []).map((row) => row.unit);
		const unit_filters = { is_group: 0, is_active: 1, name: ["not in", taken.length ? taken : [""]] };
		const dialog = new frappe.ui.Dialog({
			title: __("Issue Transfers"),
			fields: [
				lead
					? {
							fieldtype: "HTML",
							fieldname: "lead_note",
							options: `<p>${__("Lead unit: {0}", [
								`<b>${frappe.utils.escape_html(lead.unit)}</b>`,
							])}</p>`,
					  }
					: {
							fieldtype: "Link",
							fieldname: "lead_unit",
							label: __("Lead Unit"),
							options: "Handling Unit",
							reqd: 1,
							get_query: () => ({ filters: unit_filters }),
					  },
				{
					fieldtype: "MultiSelectList",
					fieldname: "co_units",
					label: __("Co-handling Units"),
					reqd: lead ? 1 : 0,
					get_data: async (txt) => {
						const chosen_lead = dialog.get_value("lead_unit");
						const rows = await frappe.db.get_link_options("Handling Unit", txt, unit_filters);
						return rows
							.filter((row) => row.value !== chosen_lead)
							.map((row) => ({
								value: row.value,
								label: frappe.utils.escape_html(row.value),
								description: frappe.utils.escape_html(row.description || ""),
							}));
					},
				},
				{ fieldtype: "Column Break", fieldname: "column_break_due" },
				{
					fieldtype: "Date",
					fieldname: "due_date",
					label: __("Reply Due"),
					default: frm.doc.handling_due,
					description: __("At most the case's handling due date."),
				},
				{ fieldtype: "Section Break", fieldname: "section_instructions" },
				{ fieldtype: "Small Text", fieldname: "instructions", label: __("Instructions") },
			],
			primary_action_label: __("Issue Transfers"),
			primary_action: (values) => frm.events.issue_transfers(frm, dialog, values),
		});
		// Frappe's multi-select writes this button's label untranslated
		dialog.fields_dict.co_units.$wrapper.find(".clear-selections").text(__("Clear All"));
		dialog.show();
	},

	async issue_transfers(frm, dialog, values) {
		dialog.disable_primary_action();
		try {
			const { message } = await frappe.call({
				method: "petition_management.api.transfers.issue_transfers",
				args: {
					case: frm.doc.name,
					lead_unit: values.lead_unit || null,
					co_units: values.co_units || [],
					due_date: values.due_date || null,
					instructions: values.instructions || null,
				},
				freeze: true,
			});
			dialog.hide();
			frappe.show_alert({
				message: message.started_handling
					? __("{0} transfer(s) issued; the case is now In Handling.", [message.transfers.length])
					: __("{0} transfer(s) issued.", [message.transfers.length]),
				indicator: "green",
			});
			frm.reload_doc();
		} finally {
			dialog.enable_primary_action();
		}
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
