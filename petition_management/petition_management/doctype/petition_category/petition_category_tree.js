// Copyright (c) 2026, Petition Management contributors
// For license information, please see license.txt

frappe.treeview_settings["Petition Category"] = {
	breadcrumb: "Petition Management",
	title: __("Petition Categories"),
	get_tree_nodes: "frappe.desk.treeview.get_children",
	add_tree_node: "frappe.desk.treeview.add_node",
	fields: [
		{ fieldtype: "Data", fieldname: "category_name", label: __("Category Name", null, "Petition Category"), reqd: true },
		{ fieldtype: "Check", fieldname: "is_group", label: __("Is Group") },
	],
	ignore_fields: ["parent_petition_category"],
};
