"""The app's Workflows (petition_management/workflow/*.json, one file per workflow, each with its
`shipped_version`), installed and upgraded by setup/shipped.py, with the states and actions they need."""

import json
from pathlib import Path

import frappe

from petition_management.setup.shipped import Shipped

WORKFLOW_DIR = Path(__file__).resolve().parents[1] / "workflow"

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


def load_workflow_definitions() -> list[dict]:
	return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(WORKFLOW_DIR.glob("*.json"))]


def ensure_states_and_actions(shipped: Shipped):
	for row in shipped.values.get("states", []):
		if not frappe.db.exists("Workflow State", row["state"]):
			frappe.get_doc(
				{
					"doctype": "Workflow State",
					"workflow_state_name": row["state"],
					"style": style_of(row["state"]),
				}
			).insert(ignore_permissions=True)
	for row in shipped.values.get("transitions", []):
		if not frappe.db.exists("Workflow Action Master", row["action"]):
			frappe.get_doc(
				{"doctype": "Workflow Action Master", "workflow_action_name": row["action"]}
			).insert(ignore_permissions=True)


def shipped_workflow(definition: dict) -> Shipped:
	return Shipped.from_definition(definition, before_write=ensure_states_and_actions)


def shipped_workflows() -> list[Shipped]:
	return [shipped_workflow(definition) for definition in load_workflow_definitions()]


def ensure_workflows():
	"""Install the shipped Workflows the site lacks, upgrade those it never changed (setup/shipped.py)."""
	from petition_management.setup.shipped import sync_shipped_records

	sync_shipped_records(shipped_workflows(), echo=False)


def delete_workflows():
	for shipped in shipped_workflows():
		if frappe.db.exists("Workflow", shipped.name):
			frappe.delete_doc("Workflow", shipped.name, force=True, ignore_permissions=True)
