// Copyright (c) 2026, Petition Management contributors
// For license information, please see license.txt

// The state changes are Frappe's workflow actions (the "Actions" menu); this form only adds the
// reply receipt, the deadlines and a link to the case.
frappe.ui.form.on("Petition Transfer", {
	setup(frm) {
		frm.set_query("unit", () => ({ filters: { is_group: 0, is_active: 1 } }));
		frm.set_query("petition_case", () => ({
			filters: { workflow_state: ["in", ["Accepted", "In Handling"]] },
		}));
	},

	refresh(frm) {
		frm.events.show_deadlines(frm);
		frm.events.show_reply_receipt(frm);
		frm.events.show_each_note_once(frm);
		if (frm.doc.petition_case) {
			frm.add_custom_button(__("Petition Case"), () =>
				frappe.set_route("Form", "Petition Case", frm.doc.petition_case)
			);
		}
	},

	// Saving a new transfer refreshes the form twice at once (the route to its new name, then
	// after_save), and Frappe keeps the notes of both refreshes and shows its "not editable due to a
	// Workflow" toast on each: every note and that toast are kept once.
	show_each_note_once(frm) {
		const seen = new Set();
		frm.layout.message.children().each((i, note) => {
			const key = `${note.className}|${note.textContent.trim()}`;
			if (seen.has(key)) {
				$(note).remove();
			}
			seen.add(key);
		});
		const message = __("This form is not editable due to a Workflow.");
		$("#alert-container .desk-alert")
			.filter((i, alert) => $(alert).find(".alert-message").text().trim() === message)
			.slice(1)
			.remove();
	},

	petition_case(frm) {
		if (!frm.doc.petition_case || frm.doc.due_date) {
			return;
		}
		frappe.db.get_value("Petition Case", frm.doc.petition_case, "handling_due").then(({ message }) => {
			if (message && message.handling_due) {
				frm.set_value("due_date", message.handling_due);
			}
		});
	},

	show_deadlines(frm) {
		if (frm.is_new() || !frm.doc.due_date) {
			return;
		}
		const today = frappe.datetime.get_today();
		const done = ["Reply Accepted", "Withdrawn"].includes(frm.doc.workflow_state);
		if (!done && frm.doc.due_date < today) {
			frm.dashboard.add_comment(
				__("The reply was due on {0}.", [frappe.datetime.str_to_user(frm.doc.due_date)]),
				"red",
				true
			);
		} else if (!done) {
			frm.dashboard.add_comment(
				__("Reply due by {0}.", [frappe.datetime.str_to_user(frm.doc.due_date)]),
				"blue",
				true
			);
		}
		if (["Issued", "Acknowledged"].includes(frm.doc.workflow_state) && frm.doc.objection_due) {
			frm.dashboard.add_comment(
				__("If the matter is not your unit's, object with a reason by {0}.", [
					frappe.datetime.str_to_user(frm.doc.objection_due),
				]),
				"orange",
				true
			);
		}
		const pending = frm.doc.__onload?.co_units_pending || [];
		if (pending.length) {
			frm.dashboard.add_comment(
				__("Your reply summarizes every unit's: it can be submitted once the replies of {0} are accepted.", [
					pending.map((unit) => frappe.utils.escape_html(unit)).join(", "),
				]),
				"orange",
				true
			);
		}
		if (frm.doc.workflow_state === "Returned" && frm.doc.return_reason) {
			frm.dashboard.add_comment(
				__("Returned for rework: {0}", [frappe.utils.escape_html(frm.doc.return_reason)]),
				"red",
				true
			);
		}
	},

	show_reply_receipt(frm) {
		const rows = [
			[__("Reply submitted"), frm.doc.reply_submitted_by, frm.doc.reply_submitted_on],
			[__("Signed by the unit head"), frm.doc.head_signed_by, frm.doc.head_signed_on],
			[__("Signed by the leader in charge"), frm.doc.leader_signed_by, frm.doc.leader_signed_on],
			[__("Decided by the Petition Office"), frm.doc.office_decision_by, frm.doc.office_decision_on],
		].filter(([, user]) => user);
		if (!rows.length) {
			return;
		}
		const items = rows
			.map(
				([label, user, on]) =>
					`<div>${label}: <b>${frappe.utils.escape_html(
						frappe.user.full_name(user)
					)}</b> ${frappe.datetime.str_to_user(on)}</div>`
			)
			.join("");
		frm.dashboard.set_headline_alert(`<div>${__("Reply receipt")}</div>${items}`, "green");
	},
});
