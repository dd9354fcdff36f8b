// Copyright (c) 2026, Petition Management contributors
// For license information, please see license.txt

frappe.query_reports["Overdue and Due Soon"] = {
	filters: [
		{
			fieldname: "based_on",
			label: __("Based On", null, "Petition Management"),
			fieldtype: "Select",
			options: [
				{ value: "Case", label: __("Cases") },
				{ value: "Transfer", label: __("Unit Transfers") },
			],
			default: "Case",
		},
		{
			fieldname: "status",
			label: __("Deadline Status"),
			fieldtype: "Select",
			options: [
				"",
				{ value: "Overdue", label: __("Overdue") },
				{ value: "Due Soon", label: __("Due Soon") },
			],
		},
		{
			fieldname: "unit",
			label: __("Handling Unit"),
			fieldtype: "Link",
			options: "Handling Unit",
		},
		{
			fieldname: "category",
			label: __("Category"),
			fieldtype: "Link",
			options: "Petition Category",
			depends_on: "eval:doc.based_on != 'Transfer'",
		},
	],

	formatter(value, row, column, data, default_formatter) {
		const formatted = default_formatter(value, row, column, data);
		if (column.fieldname === "status" && data) {
			const color = data.is_overdue ? "red" : "orange";
			return `<span class="indicator-pill ${color}">${formatted}</span>`;
		}
		return formatted;
	},
};
