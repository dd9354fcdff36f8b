// Copyright (c) 2026, Petition Management contributors
// For license information, please see license.txt

frappe.views.calendar["Reception Day"] = {
	field_map: {
		start: "reception_date",
		end: "reception_date",
		id: "name",
		title: "title",
		allDay: "allDay",
	},
	filters: [
		{
			fieldtype: "Link",
			fieldname: "leader",
			options: "User",
			label: __("Leader"),
		},
	],
	get_events_method: "frappe.desk.calendar.get_events",
};
