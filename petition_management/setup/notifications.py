"""The app's Notifications, shipped as JSON in setup/notifications/ (each with its `shipped_version`).

They are ordinary (not standard) Notification records: an administrator may change their subject,
message, recipients or condition, or disable them, in the desk. setup/shipped.py installs them, upgrades
the ones the site never changed and keeps (and reports) the ones an administrator changed. A deleted
one comes back on the next migrate; disable it to silence it.
"""

import json
from pathlib import Path

import frappe

from petition_management.setup.shipped import Shipped

NOTIFICATIONS_DIR = Path(__file__).parent / "notifications"


def load_notification_definitions() -> list[dict]:
	return [json.loads(path.read_text(encoding="utf-8")) for path in sorted(NOTIFICATIONS_DIR.glob("*.json"))]


def get_notification_names() -> list[str]:
	return [row["name"] for row in load_notification_definitions()]


def shipped_notifications() -> list[Shipped]:
	return [
		Shipped.from_definition(
			definition,
			may_create=lambda doctype=definition["document_type"]: frappe.db.exists("DocType", doctype),
		)
		for definition in load_notification_definitions()
	]


def ensure_notifications():
	"""Create each shipped Notification that the site does not have (setup/shipped.py)."""
	from petition_management.setup.shipped import sync_shipped_records

	sync_shipped_records(shipped_notifications(), echo=False)


def delete_notifications():
	for name in get_notification_names():
		if frappe.db.exists("Notification", name):
			frappe.delete_doc("Notification", name, force=True, ignore_permissions=True)
