"""The e-mail that gives the petitioner the tracking number and the access code."""

import frappe
from frappe import _
from frappe.utils import get_url

from petition_management.utils.mail import can_send_mail

STATUS_ROUTE = "/petition-status"


def send_access_code(petition, access_code: str) -> bool:
	"""Queue the mail when the petitioner gave an e-mail address and the site can send mail."""
	if not petition.email or not can_send_mail():
		return False
	message = frappe.render_template(
		"templates/portal/access_code_email.html",
		{
			"tracking_number": petition.tracking_number,
			"access_code": access_code,
			"subject": petition.subject,
			"status_url": get_url(STATUS_ROUTE),
		},
	)
	frappe.sendmail(
		recipients=[petition.email],
		subject=_("Your petition {0} has been received").format(petition.tracking_number),
		message=message,
		reference_doctype=petition.doctype,
		reference_name=petition.name,
		delayed=True,
	)
	return True


SENT_NOTE = "(The access code was removed from this queued mail once it was sent.)"
KEEP_UNSENT_HOURS = 24


def forget_sent_access_codes() -> int:
	"""Scheduler (every ten minutes): the access code stays in Frappe's Email Queue only until the mail
	is sent (or for a day when it cannot be), so that no reader of the queue finds it later. One
	statement; returns how many queued mails were cleared."""
	frappe.db.sql(
		"""UPDATE `tabEmail Queue` SET message = %(note)s
		WHERE reference_doctype = 'Online Petition' AND message != %(note)s
			AND (status = 'Sent' OR creation < NOW() - INTERVAL %(hours)s HOUR)""",
		{"note": _(SENT_NOTE), "hours": KEEP_UNSENT_HOURS},
	)
	return frappe.db.sql("SELECT ROW_COUNT()")[0][0]
