// Copyright (c) 2026, Petition Management contributors
// What the Petition Management Script Reports share: their filters and the drill-down from a figure to
// the records it counts; and what the app's list views share: Select values in the app's wording.
// Loaded in the desk by hooks.app_include_js.
//
// Translations: where the app words a string that Frappe translates too ("Post", "Open", "Subject"), its
// zh.csv rows carry a context, so that Frappe's own screens keep Frappe's wording: the DocType for the
// DocType's labels and Select options (the context the desk passes), APP for the app's own messages.

frappe.provide("petition_management.reports");
frappe.provide("petition_management.list");

(() => {
	const APP = "Petition Management";
	const CASE = "Petition Case";
	// The filters are a Petition Case's fields: their options in the case's wording
	const options = (pairs) => [
		"",
		...pairs.map(([value, label]) => ({ value, label: __(label, null, CASE) })),
	];

	Object.assign(petition_management.reports, {
		period() {
			return [
				{
					fieldname: "from_date",
					label: __("From Date", null, APP),
					fieldtype: "Date",
					default: frappe.datetime.year_start(),
					reqd: 1,
				},
				{
					fieldname: "to_date",
					label: __("To Date", null, APP),
					fieldtype: "Date",
					default: frappe.datetime.get_today(),
					reqd: 1,
				},
			];
		},

		group_by(choices, default_value) {
			return {
				fieldname: "group_by",
				label: __("Group By", null, APP),
				fieldtype: "Select",
				options: choices.map(([value, label]) => ({ value, label: __(label, null, APP) })),
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
			return { fieldname, label: __(label, null, APP), fieldtype: "Select", options: options(pairs) };
		},

		// The period a year-on-year report compares with (the report says which, with its dates)
		compare_with() {
			return {
				fieldname: "compare_with",
				label: __("Compare With", null, APP),
				fieldtype: "Select",
				options: [
					{ value: "Same Period Last Year", label: __("Same Period Last Year", null, APP) },
					{ value: "Previous Period", label: __("Previous Period", null, APP) },
				],
				default: "Same Period Last Year",
			};
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

	// Frappe's list view shows a Select value translated without a context (the column's pill, the status
	// indicator of the list and of the form, the standard filters' options): these show it in its DocType's
	// wording, `__(value, null, doctype)`.
	const in_wording_of = (doctype, value) => __(value, null, doctype);

	Object.assign(petition_management.list, {
		/** listview_settings.get_indicator: the status, in the DocType's wording. */
		status_indicator(doctype) {
			return (doc) =>
				doc.status
					? [
							in_wording_of(doctype, doc.status),
							frappe.utils.guess_colour(doc.status),
							`status,=,${doc.status}`,
					  ]
					: null;
		},

		/** listview_settings.formatters for Select columns: Frappe's pill, in the DocType's wording. */
		select_formatters(doctype, fieldnames) {
			const pill = (value, df) => {
				if (!value) return "";
				const text = frappe.utils.escape_html(in_wording_of(doctype, value));
				const label = frappe.utils.escape_html(__(df.label, null, doctype));
				return `<span class="ellipsis" title="${label}: ${text}">
					<span class="filterable indicator-pill ${frappe.utils.guess_colour(value)} ellipsis"
						data-filter="${df.fieldname},=,${frappe.utils.escape_html(value)}">
						<span class="ellipsis">${text}</span>
					</span>
				</span>`;
			};
			return Object.fromEntries(fieldnames.map((fieldname) => [fieldname, pill]));
		},

		/** For listview_settings.onload: the standard filters' Select options in the DocType's wording. */
		translate_filter_options(listview) {
			const doctype = listview.doctype;
			Object.values(listview.page.fields_dict || {}).forEach((field) => {
				const df = field.df;
				if (df.fieldtype !== "Select" || typeof df.options !== "string") return;
				df.options = df.options
					.split("\n")
					.map((value) => (value ? { value, label: in_wording_of(doctype, value) } : ""));
				field.set_options();
			});
		},
	});
})();
