"""What Frappe queued about a record, read back from the Email Queue: recipients, subject and body as the
recipient will see them (the stored MIME message decoded)."""

import email
from email import policy
from typing import NamedTuple

import frappe


class QueuedMail(NamedTuple):
	recipients: list[str]
	subject: str
	html: str
	text: str
	priority: int


def queued_mails(doctype: str, name: str) -> list[QueuedMail]:
	"""Each Email Queue entry about the record, oldest first."""
	rows = frappe.get_all(
		"Email Queue",
		filters={"reference_doctype": doctype, "reference_name": name},
		fields=["name", "message", "priority"],
		order_by="creation asc, name asc",
	)
	mails = []
	for row in rows:
		message = email.message_from_string(row.message, policy=policy.default)
		html = message.get_body(preferencelist=("html",))
		text = message.get_body(preferencelist=("plain",))
		mails.append(
			QueuedMail(
				recipients=sorted(
					frappe.get_all("Email Queue Recipient", filters={"parent": row.name}, pluck="recipient")
				),
				subject=str(message["Subject"]),
				html=html.get_content() if html else "",
				text=text.get_content() if text else "",
				priority=row.priority,
			)
		)
	return mails
