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
	// On a phone a row shows its title and this indicator only: the unit and its role (lead or co-unit)
	// go into the indicator, so that a lead's and a co-unit's transfer of one case tell apart.
	get_indicator(doc) {
		const state = doc.workflow_state || "Issued";
		const today = frappe.datetime.get_today();
		const who = [frappe.utils.escape_html(doc.unit || ""), doc.transfer_role && __(doc.transfer_role)]
			.filter(Boolean)
			.join(" · ");
		// the form's own title area has room for the state alone on a phone (390px): the form shows the rest
		const in_form = (frappe.get_route() || [])[0] === "Form";
		const label = (text) => (who && !in_form ? `${who} · ${text}` : text);
		if (!["Reply Accepted", "Withdrawn"].includes(state) && doc.due_date && doc.due_date < today) {
			return [
				label(__("Overdue")),
				"red",
				`workflow_state,not in,Reply Accepted,Withdrawn|due_date,<,${today}`,
			];
		}
		return [label(__(state)), TRANSFER_STATE_COLOURS[state] || "blue", `workflow_state,=,${state}`];
	},
};
