// Copyright (c) 2026, Petition Management contributors
// For license information, please see license.txt

const SPECIAL_FIELDS = ["is_agitated", "is_unwell", "is_elderly"];

frappe.ui.form.on("Petition Visit", {
	setup(frm) {
		const enabled_users = () => ({ filters: { enabled: 1, user_type: "System User" } });
		frm.set_query("receiving_leader", enabled_users);
		frm.set_query("suggested_unit", () => ({ filters: { is_group: 0, is_active: 1 } }));
	},

	onload(frm) {
		petition_visit
			.load_limits(frm)
			.then(() => petition_visit.show_group_status(frm, frm.is_new()));
	},

	refresh(frm) {
		petition_management.intake.show_repeat_candidates(
			frm,
			(frm.doc.petitioners || []).map((row) => row.petitioner)
		);
		petition_visit.show_group_status(frm);
		petition_visit.add_outcome_buttons(frm);
		if (!frm.is_new() && (frm.doc.is_group_visit || frm.doc.has_special_circumstances)) {
			frm.add_custom_button(__("Open Emergency Incident"), () =>
				frappe.new_doc("Emergency Incident", { source_visit: frm.doc.name })
			);
		}
		if (frm.doc.petition_case) {
			frm.add_custom_button(__("Open Case"), () =>
				frappe.set_route("Form", "Petition Case", frm.doc.petition_case)
			);
		}
	},

	number_of_visitors(frm) {
		petition_visit.show_group_status(frm, true);
	},

	is_agitated(frm) {
		petition_visit.set_special_circumstances(frm);
	},

	is_unwell(frm) {
		petition_visit.set_special_circumstances(frm);
	},

	is_elderly(frm) {
		petition_visit.set_special_circumstances(frm);
	},

	reception_type(frm) {
		if (frm.doc.reception_type === "Daily Reception") {
			frm.set_value("receiving_leader", null);
		}
	},

	category(frm) {
		// The server fills the unit from the nearest category with a default unit when saving.
		frm.set_value("suggested_unit", null);
		if (!frm.doc.category) return;
		frappe.db
			.get_value("Petition Category", frm.doc.category, "default_handling_unit")
			.then(({ message }) => {
				if (message && message.default_handling_unit) {
					frm.set_value("suggested_unit", message.default_handling_unit);
				}
			});
	},
});

const petition_visit = {
	load_limits(frm) {
		const onload = frm.doc.__onload || {};
		if (onload.group_visit_threshold) {
			frm.group_visit_threshold = onload.group_visit_threshold;
			frm.max_representatives = onload.max_representatives;
			return Promise.resolve();
		}
		return Promise.all([
			frappe.db.get_single_value("Petition Settings", "group_visit_threshold"),
			frappe.db.get_single_value("Petition Settings", "max_representatives"),
		]).then(([threshold, max_representatives]) => {
			frm.group_visit_threshold = threshold;
			frm.max_representatives = max_representatives;
		});
	},

	show_group_status(frm, update = false) {
		// update: mirror the server's flags on the form while the officer types (saving sets them anyway)
		const threshold = frm.group_visit_threshold;
		if (!threshold) return;
		const visitors = cint(frm.doc.number_of_visitors);
		const is_group = visitors >= threshold ? 1 : 0;
		if (update && cint(frm.doc.is_group_visit) !== is_group) {
			frm.set_value("is_group_visit", is_group);
			petition_visit.set_special_circumstances(frm);
		}
		if (is_group) {
			frm.set_intro(
				__(
					"Group visit of {0} people: list only the representatives they elected, at most {1}. The Petition Office and the leader in charge are notified when it is saved.",
					[visitors, frm.max_representatives]
				),
				"red"
			);
		} else {
			frm.set_intro("");
		}
	},

	set_special_circumstances(frm) {
		const special = SPECIAL_FIELDS.some((f) => cint(frm.doc[f])) || cint(frm.doc.is_group_visit);
		if (cint(frm.doc.has_special_circumstances) !== (special ? 1 : 0)) {
			frm.set_value("has_special_circumstances", special ? 1 : 0);
		}
	},

	add_outcome_buttons(frm) {
		if (frm.doc.outcome || frm.is_new() || !frm.perm[0].write) return;
		const answer = frm.add_custom_button(__("Answered on the Spot"), () =>
			petition_visit.answer_on_the_spot(frm)
		);
		const register = frm.add_custom_button(__("Register Case"), () =>
			frappe.confirm(__("Register this visit as a new Petition Case and close the visit?"), () => {
				frm.set_value("outcome", "Registered as a Case").then(() => frm.save());
			})
		);
		answer.removeClass("btn-default").addClass("btn-primary btn-lg");
		register.removeClass("btn-default").addClass("btn-primary btn-lg");
	},

	answer_on_the_spot(frm) {
		frappe.prompt(
			[
				{
					fieldname: "answer",
					fieldtype: "Text",
					label: __("Answer Given on the Spot"),
					reqd: 1,
				},
			],
			({ answer }) => {
				frm
					.set_value({ outcome: "Answered on the Spot", on_the_spot_answer: answer })
					.then(() => frm.save());
			},
			__("Answered on the Spot"),
			__("Record and Close")
		);
	},
};
