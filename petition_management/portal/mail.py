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
