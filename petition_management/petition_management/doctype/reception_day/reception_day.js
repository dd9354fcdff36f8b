// Copyright (c) 2026, Petition Management contributors
// For license information, please see license.txt

frappe.ui.form.on("Reception Day", {
	refresh(frm) {
		render_visits(frm);
		if (!frm.is_new()) {
			frm.add_custom_button(__("Register a Visit"), () => {
				frappe.new_doc("Petition Visit", {
					reception_type: "Leader's Reception Day",
					receiving_leader: frm.doc.leader,
				});
			});
			frm.add_custom_button(__("Calendar"), () => frappe.set_route("List", "Reception Day", "Calendar"));
		}
	},
});

function render_visits(frm) {
	const visits = (frm.doc.__onload && frm.doc.__onload.visits) || [];
	const wrapper = frm.get_field("visits_html").$wrapper;
	if (!visits.length) {
		wrapper.html(`<p class="text-muted">${__("No visit received yet.")}</p>`);
		return;
	}
	const rows = visits
		.map(
			(v) => `<tr>
				<td><a href="/app/petition-visit/${encodeURIComponent(v.name)}">${frappe.utils.escape_html(v.name)}</a></td>
				<td>${frappe.datetime.str_to_user(v.visit_datetime)}</td>
				<td>${frappe.utils.escape_html(v.subject || "")}</td>
				<td>${cint(v.number_of_visitors)}</td>
				<td>${v.outcome ? __(v.outcome, null, "Petition Visit") : ""}</td>
				<td>${v.petition_case ? frappe.utils.escape_html(v.petition_case) : ""}</td>
			</tr>`
		)
		.join("");
	wrapper.html(`<table class="table table-bordered table-sm">
		<thead><tr>
			<th>${__("Visit", null, "Petition Management")}</th><th>${__("Time")}</th><th>${__("Subject", null, "Petition Management")}</th>
			<th>${__("Visitors")}</th><th>${__("Outcome")}</th><th>${__("Petition Case")}</th>
		</tr></thead>
		<tbody>${rows}</tbody>
	</table>`);
}
