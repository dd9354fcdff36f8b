"""The app's Notifications, shipped as JSON in setup/notifications/ and created on the site when absent.

They are ordinary (not standard) Notification records: an administrator may change their subject,
message, recipients or condition, or disable them, in the desk, and `bench migrate` keeps those edits
(an existing record is never overwritten). A deleted one comes back on the next migrate; disable it
to silence it.
"""

import json
from pathlib import Path

import frappe

NOTIFICATIONS_DIR = Path(__file__).parent / "notifications"


def load_notification_definitions() -> list[dict]:
	return [json.loads(path.read_text(encoding="utf-8")) for path in sorted(NOTIFICATIONS_DIR.glob("*.json"))]


def get_notification_names() -> list[str]:
	return [row["name"] for row in load_notification_definitions()]


def ensure_notifications():
	"""Create each shipped Notification that the site does not have; leave existing ones untouched."""
	for definition in load_notification_definitions():
		if frappe.db.exists("Notification", definition["name"]):
			continue
		if not frappe.db.exists("DocType", definition["document_type"]):
			continue
		frappe.get_doc(definition).insert(ignore_permissions=True)


def delete_notifications():
	for name in get_notification_names():
		if frappe.db.exists("Notification", name):
			frappe.delete_doc("Notification", name, force=True, ignore_permissions=True)
