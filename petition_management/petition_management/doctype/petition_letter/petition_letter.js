// Copyright (c) 2026, Petition Management contributors
// For license information, please see license.txt

frappe.ui.form.on("Petition Letter", {
	refresh(frm) {
		petition_management.intake.show_repeat_candidates(frm, [frm.doc.petitioner]);
		frm.trigger("show_outcome_buttons");
		frm.trigger("show_dashboard");
		if (!frm.is_new() && frappe.model.can_read("Petition Letter Sender")) {
			// the sender's phone and address are kept apart, for the office roles only
			frm.add_custom_button(__("Sender Phone and Address"), () =>
				frappe.db.exists("Petition Letter Sender", frm.doc.name).then((exists) =>
					exists
						? frappe.set_route("Form", "Petition Letter Sender", frm.doc.name)
						: frappe.new_doc("Petition Letter Sender", { petition_letter: frm.doc.name })
				)
			);
		}
		if (frm.doc.petition_case) {
			frm.add_custom_button(__("Petition Case"), () =>
				frappe.set_route("Form", "Petition Case", frm.doc.petition_case)
			);
		}
	},

	show_outcome_buttons(frm) {
		if (frm.is_new() || frm.doc.outcome || frm.doc.is_anonymous || !frm.perm[0]?.write) {
			return;
		}
		frm.add_custom_button(__("Register Case"), () => set_outcome(frm, "Registered as a Case"));
		frm.add_custom_button(
			__("Repeat of an Existing Case"),
			() =>
				frappe.prompt(
					{
						fieldname: "repeat_of",
						fieldtype: "Link",
						options: "Petition Case",
						label: __("Repeat of Case"),
						reqd: 1,
					},
					(values) => set_outcome(frm, "Repeat of an Existing Case", values.repeat_of),
					__("Repeat of an Existing Case"),
					__("Save")
				),
			__("Outcome")
		);
		frm.add_custom_button(
			__("No Reply Required"),
			() => set_outcome(frm, "No Reply Required"),
			__("Outcome")
		);
		frm.change_custom_button_type(__("Register Case"), null, "primary");
	},

	show_dashboard(frm) {
		if (frm.doc.is_anonymous) {
			frm.dashboard.add_comment(
				__("Anonymous letter (no name or no address): registered, no reply required."),
				"blue",
				true
			);
		} else if (!frm.doc.outcome && frm.doc.acceptance_due) {
			const overdue = frappe.datetime.get_diff(frm.doc.acceptance_due, frappe.datetime.get_today()) < 0;
			frm.dashboard.add_comment(
				__("Decide on acceptance by {0}.", [frappe.datetime.str_to_user(frm.doc.acceptance_due)]),
				overdue ? "red" : "orange",
				true
			);
		}
	},

	category(frm) {
		// the server fills the category's unit (or its nearest parent's) on save
		frm.set_value("suggested_unit", null);
	},

	petitioner(frm) {
		if (!frm.doc.petitioner) {
			return;
		}
		frappe.db.get_value("Petitioner", frm.doc.petitioner, ["full_name", "email"]).then(({ message }) => {
			if (!message) return;
			if (!frm.doc.sender_name) frm.set_value("sender_name", message.full_name);
			if (!frm.doc.sender_email && message.email) frm.set_value("sender_email", message.email);
		});
	},
});

function set_outcome(frm, outcome, repeat_of) {
	frm.set_value("outcome", outcome);
	if (repeat_of) {
		frm.set_value("repeat_of", repeat_of);
	}
	frm.save().catch(() => frm.reload_doc());
}
