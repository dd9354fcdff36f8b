// Copyright (c) 2026, Petition Management contributors
// Repeat detection at registration, shared by the Petition Visit and Petition Letter forms.

frappe.provide("petition_management.intake");

petition_management.intake.show_repeat_candidates = async function (frm, petitioners) {
	petitioners = (petitioners || []).filter(Boolean);
	if (frm.is_new() || !petitioners.length || frm.doc.outcome || frm.doc.status === "Closed") {
		return;
	}
	const { message: matches } = await frappe.call({
		method: "petition_management.api.repeats.find_repeat_candidates",
		args: { petitioners, category: frm.doc.category, text: frm.doc.content, exclude: null },
	});
	if (!matches || !matches.length) {
		return;
	}
	const links = matches
		.map(
			(m) =>
				`<a href="/app/petition-case/${encodeURIComponent(m.case)}">${frappe.utils.escape_html(
					m.case
				)}</a> ${frappe.utils.escape_html(m.subject || "")}`
		)
		.join("<br>");
	frm.dashboard.set_headline_alert(
		`<div>${__("Possibly a repeat of an open or recent case:")}<br>${links}</div>`,
		"orange"
	);
	frm.add_custom_button(__("Mark as Repeat of {0}", [matches[0].case]), async () => {
		await frm.set_value("outcome", "Repeat of an Existing Case");
		await frm.set_value("repeat_of", matches[0].case);
		frm.save();
	});
};
