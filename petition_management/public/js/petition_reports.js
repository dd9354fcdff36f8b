// Copyright (c) 2026, Petition Management contributors
// What the Petition Management Script Reports share: their filters and the drill-down from a figure to
// the records it counts. Loaded in the desk by hooks.app_include_js.

frappe.provide("petition_management.reports");

(() => {
	const options = (pairs) => ["", ...pairs.map(([value, label]) => ({ value, label: __(label) }))];

	Object.assign(petition_management.reports, {
		period() {
			return [
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
			];
		},

		group_by(choices, default_value) {
			return {
				fieldname: "group_by",
				label: __("Group By"),
				fieldtype: "Select",
				options: choices.map(([value, label]) => ({ value, label: __(label) })),
				default: default_value || choices[0][0],
			};
		},

		link(fieldname, label, doctype) {
			return { fieldname, label: __(label), fieldtype: "Link", options: doctype };
		},

		category() {
			return this.link("category", "Category", "Petition Category");
		},

		lead_unit() {
			return this.link("lead_unit", "Lead Unit", "Handling Unit");
		},

		channel() {
			return {
				fieldname: "channel",
				label: __("Channel"),
				fieldtype: "Select",
				options: options([
					["Visit", "Visit"],
					["Post", "Post"],
					["E-mail", "E-mail"],
					["Leader's Mailbox", "Leader's Mailbox"],
					["Website Message", "Website Message"],
					["Fax", "Fax"],
					["Phone Call", "Phone Call"],
					["Referred by Higher Authority", "Referred by Higher Authority"],
				]),
			};
		},

		select(fieldname, label, pairs) {
			return { fieldname, label: __(label), fieldtype: "Select", options: options(pairs) };
		},

		// Every figure opens the list of the records it counts (`_drill` comes from the server).
		drill_down: {
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
		},
	});
})();
