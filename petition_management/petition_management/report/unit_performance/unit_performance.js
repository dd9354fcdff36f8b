// Copyright (c) 2026, Petition Management contributors
// For license information, please see license.txt

frappe.query_reports["Unit Performance"] = {
	filters: [
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			default: frappe.datetime.year_start(),
			reqd: 1,
		},
		{
			fieldname: "to_date",
			label: __("To Date"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
			reqd: 1,
		},
		{
			fieldname: "unit",
			label: __("Handling Unit"),
			fieldtype: "Link",
			options: "Handling Unit",
		},
	],

	// Every figure opens the list of the records it counts (`_drill` comes from the server).
	formatter(value, row, column, data, default_formatter) {
		let formatted = default_formatter(value, row, column, data);
		if (data && data._total) formatted = `<b>${formatted}</b>`;
		const target = data && data._drill && data._drill[column.fieldname];
		if (!target || !value) return formatted;
		const payload = encodeURIComponent(JSON.stringify(target));
		return `<a class="pm-drill" data-drill="${payload}" title="${__("Show the records")}">${formatted}</a>`;
	},

	onload(report) {
		$(report.page.wrapper)
			.off("click.pm_drill")
			.on("click.pm_drill", "a.pm-drill", (event) => {
				event.preventDefault();
				const target = JSON.parse(decodeURIComponent($(event.currentTarget).attr("data-drill")));
				frappe.open_in_new_tab = event.ctrlKey || event.metaKey;
				frappe.route_options = target.route_options;
				frappe.set_route("List", target.doctype);
			});
	},
};
