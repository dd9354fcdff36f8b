// Copyright (c) 2026, Petition Management contributors
// For license information, please see license.txt

// The figures are computed on the server. Each figure has a button under "Cases" that opens the
// list of the cases behind it (petition_management.api.appraisal.case_names_for_figure): the cases kept
// when the appraisal left Draft, or in a Draft the cases as they are now; the approval steps are
// Frappe's workflow actions.
const COMPUTING_ROLES = ["Petition Office", "Petition Supervisor", "System Manager"];
const FIGURES = [
	"received",
	"decided",
	"accepted_on_time",
	"settle_due",
	"settled_on_time",
	"settled",
	"resolved_once",
	"surveyed",
	"satisfied",
	"overdue",
	"repeated",
	"supervised",
	"cross_level",
];
// Each rate's "no data" Check (a Percent field stores 0 when it has no value)
const RATES = [
	"accepted_on_time_rate",
	"settled_on_time_rate",
	"one_time_resolution_rate",
	"satisfaction_rate",
];

frappe.ui.form.on("Petition Appraisal", {
	setup(frm) {
		frm.set_query("unit", () => ({ filters: { is_group: 0 } }));
	},

	refresh(frm) {
		if (frm.is_new()) {
			return;
		}
		frm.trigger("add_case_buttons");
		frm.trigger("mark_rates_without_data");
		frm.trigger("show_state");
		const is_draft = !frm.doc.workflow_state || frm.doc.workflow_state === "Draft";
		if (is_draft && frappe.user.has_role(COMPUTING_ROLES)) {
			frm.add_custom_button(__("Recompute"), () =>
				frappe
					.call({
						method: "petition_management.api.appraisal.recompute_appraisal",
						args: { appraisal: frm.doc.name },
						freeze: true,
					})
					.then(() => frm.reload_doc())
			);
		}
		if (frm.doc.appraisal_run) {
			frm.add_custom_button(__("Appraisal Run"), () =>
				frappe.set_route("Form", "Appraisal Run", frm.doc.appraisal_run)
			);
		}
	},

	add_case_buttons(frm) {
		FIGURES.forEach((figure) => {
			const label = __(frm.fields_dict[figure].df.label, null, frm.doctype);
			frm.add_custom_button(
				`${label} (${frm.doc[figure] || 0})`,
				() => show_cases(frm, figure),
				__("Cases")
			);
		});
	},

	mark_rates_without_data(frm) {
		RATES.forEach((rate) => {
			frm.set_df_property(
				rate,
				"description",
				frm.doc[`${rate}_no_data`] ? __("No data: left out of the score.") : ""
			);
		});
	},

	show_state(frm) {
		const as_of = frappe.datetime.str_to_user(frm.doc.figures_as_of);
		const kept = frm.doc.cases_frozen_on;
		if (frm.doc.workflow_state === "Approved" && kept) {
			frm.dashboard.add_comment(
				__(
					"Approved: the figures (as of {0}) and the cases behind them, kept on {1}, are frozen.",
					[as_of, frappe.datetime.str_to_user(kept)]
				),
				"green",
				true
			);
		} else if (frm.doc.workflow_state === "Approved") {
			frm.dashboard.add_comment(
				__(
					"Approved: the figures (as of {0}) are frozen. This appraisal was approved before case lists were kept: its case lists show the cases as they are now.",
					[as_of]
				),
				"green",
				true
			);
		} else if (kept) {
			frm.dashboard.add_comment(
				__(
					"Under review: the figures (as of {0}) and the cases behind them were kept on {1}.",
					[as_of, frappe.datetime.str_to_user(kept)]
				),
				"blue",
				true
			);
		} else if (frm.doc.figures_as_of) {
			frm.dashboard.add_comment(__("Figures as of {0}.", [as_of]), "blue", true);
		}
		if (frm.doc.vetoed) {
			frm.dashboard.add_comment(
				__("One-vote veto: {0}", [frappe.utils.escape_html(frm.doc.veto_reason || "")]),
				"red",
				true
			);
		}
	},
});

function show_cases(frm, figure) {
	frappe
		.call({
			method: "petition_management.api.appraisal.case_names_for_figure",
			args: { appraisal: frm.doc.name, figure },
		})
		.then(({ message: names }) => {
			if (!names || !names.length) {
				frappe.msgprint(__("No cases behind this figure."));
				return;
			}
			frappe.route_options = { name: ["in", names] };
			frappe.set_route("List", "Petition Case");
		});
}
