// Copyright (c) 2026, Petition Management contributors
// For license information, please see license.txt

frappe.treeview_settings["Handling Unit"] = {
	breadcrumb: "Petition Management",
	title: __("Handling Units"),
	get_tree_nodes: "frappe.desk.treeview.get_children",
	add_tree_node: "frappe.desk.treeview.add_node",
	fields: [
		{ fieldtype: "Data", fieldname: "unit_name", label: __("Unit Name"), reqd: true },
		{
			fieldtype: "Select",
			fieldname: "unit_type",
			label: __("Unit Type"),
			options: ["Department", "Brigade", "Office", "Township or Street", "Other"],
			default: "Department",
		},
		{ fieldtype: "Check", fieldname: "is_group", label: __("Is Group") },
	],
	ignore_fields: ["parent_handling_unit"],
};
