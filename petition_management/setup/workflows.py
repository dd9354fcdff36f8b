"""The app's Workflows (setup/workflows/*.json): created when absent, with their states and actions."""

import frappe

from petition_management.setup.records import delete_records, insert_if_absent, load_definitions

# Indicator colours of the states, by the words they contain (Workflow State.style).
STATE_STYLES = (
	("Not Accepted", "Danger"),
	("Returned", "Danger"),
	("Objected", "Warning"),
	("Withdrawn", "Inverse"),
	("Pending", "Warning"),
	("Signed", "Info"),
	("Accepted", "Success"),
	("Replied", "Success"),
	("Closed", "Success"),
	("Archived", "Inverse"),
)


def style_of(state: str) -> str:
	return next((style for word, style in STATE_STYLES if word in state), "Primary")


def ensure_states_and_actions(definition: dict):
	for row in definition.get("states", []):
		if not frappe.db.exists("Workflow State", row["state"]):
			frappe.get_doc(
				{
					"doctype": "Workflow State",
					"workflow_state_name": row["state"],
					"style": style_of(row["state"]),
				}
			).insert(ignore_permissions=True)
	for row in definition.get("transitions", []):
		if not frappe.db.exists("Workflow Action Master", row["action"]):
			frappe.get_doc(
				{"doctype": "Workflow Action Master", "workflow_action_name": row["action"]}
			).insert(ignore_permissions=True)


def ensure_workflows():
	for definition in load_definitions("workflows"):
		ensure_states_and_actions(definition)
		insert_if_absent(definition)


def delete_workflows():
	delete_records("workflows")
