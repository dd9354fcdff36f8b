"""E-mail to petitioners through Frappe's queue, and only when the site can send mail at all."""

import frappe
from frappe import _
from frappe.email.doctype.email_account.email_account import EmailAccount


def can_send_mail() -> bool:
	return bool(EmailAccount.find_outgoing())


def send_notice(doc, recipients: list[str], subject: str, message: str) -> bool:
	"""Queue a notice to `recipients` linked to `doc`; without an outgoing account, say so on the doc."""
	if not recipients:
		return False
	if not can_send_mail():
		doc.add_comment(
			"Comment", _("Not e-mailed: this site has no outgoing e-mail account. Print the notice instead.")
		)
		return False
	frappe.sendmail(
		recipients=recipients,
		subject=subject,
		message=message,
		reference_doctype=doc.doctype,
		reference_name=doc.name,
	)
	return True
