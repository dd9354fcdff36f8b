// Copyright (c) 2026, Petition Management contributors
// For license information, please see license.txt

frappe.listview_settings["Dispute Screening Round"] = {
	get_indicator(doc) {
		return doc.status === "Submitted"
			? [__("Submitted"), "green", "status,=,Submitted"]
			: [__("Draft"), "orange", "status,=,Draft"];
	},
	onload(listview) {
		listview.page.add_inner_button(__("Grassroots Share"), () => show_overview());
	},
};

function show_overview() {
	const dialog = new frappe.ui.Dialog({
		title: __("Grassroots Share"),
		fields: [
			{ fieldname: "period_start", fieldtype: "Date", label: __("From Date", null, "Petition Management"), reqd: 1 },
			{ fieldname: "period_end", fieldtype: "Date", label: __("To Date", null, "Petition Management"), reqd: 1 },
			{ fieldname: "result", fieldtype: "HTML" },
		],
		primary_action_label: __("Show"),
		primary_action(values) {
			frappe
				.call("petition_management.api.screening.screening_overview", values)
				.then((r) => dialog.get_field("result").$wrapper.html(render(r.message)));
		},
	});
	const today = frappe.datetime.get_today();
	dialog.set_values({ period_start: frappe.datetime.month_start(today), period_end: today });
	dialog.show();
}

function percent(share) {
	return share === null || share === undefined ? "–" : `${(share * 100).toFixed(1)}%`;
}

function render(data) {
	const rows = data.units
		.map(
			(u) => `<tr><td>${frappe.utils.escape_html(u.unit)}</td><td>${u.total}</td><td>${u.resolved}</td>
				<td>${u.grassroots}</td><td>${u.referred}</td><td>${percent(u.grassroots_share)}</td></tr>`
		)
		.join("");
	return `<p>${__("Disputes: {0}; resolved: {1}; resolved at the grassroots: {2} ({3}).", [
		data.total,
		data.resolved,
		data.grassroots,
		percent(data.grassroots_share),
	])}</p>
	<p class="text-muted">${__("Rounds submitted: {0}; still in draft: {1}.", [
		data.rounds.Submitted,
		data.rounds.Draft,
	])}</p>
	<table class="table table-bordered table-sm">
		<thead><tr><th>${__("Handling Unit")}</th><th>${__("Disputes")}</th><th>${__("Resolved")}</th>
		<th>${__("Resolved at the Grassroots")}</th><th>${__("Referred")}</th><th>${__("Share", null, "Petition Management")}</th></tr></thead>
		<tbody>${rows}</tbody>
	</table>`;
}
