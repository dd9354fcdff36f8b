// Copyright (c) 2026, Petition Management contributors
// For license information, please see license.txt

const TRANSFER_STATE_COLOURS = {
	Issued: "blue",
	Acknowledged: "blue",
	Objected: "orange",
	Withdrawn: "gray",
	"Reply Drafted": "purple",
	"Signed by Unit Head": "purple",
	"Signed by Leader": "purple",
	Returned: "red",
	"Reply Accepted": "green",
};

frappe.listview_settings["Petition Transfer"] = {
	add_fields: ["workflow_state", "due_date", "transfer_role", "unit"],
	has_indicator_for_draft: true,
	get_indicator(doc) {
		const state = doc.workflow_state || "Issued";
		const today = frappe.datetime.get_today();
		if (!["Reply Accepted", "Withdrawn"].includes(state) && doc.due_date && doc.due_date < today) {
			return [
				__("Overdue"),
				"red",
				`workflow_state,not in,Reply Accepted,Withdrawn|due_date,<,${today}`,
			];
		}
		return [__(state), TRANSFER_STATE_COLOURS[state] || "blue", `workflow_state,=,${state}`];
	},
};
