"""Notices to the petitioner where the statute requires one: the acceptance decision (accepted or not
accepted), an extension of the handling time limit, and the written reply.

Channels, each only when it really exists:
- e-mail to every petitioner of the case who gave an address, through Frappe's Email Queue, when the
  site has an outgoing account (utils/mail.py; without one the case says so and the notice is printed);
- SMS to every petitioner with a phone number, through Frappe's SMS Settings
  (`frappe.core.doctype.sms_settings.sms_settings.send_sms`), when the bureau has set a gateway URL
  there. It is sent by a background job once the decision is committed (at once in tests).

Language: each petitioner gets the notice in their language: the one they used the website in when
they submitted online (Online Petition.language), else Petition Settings' "Language of Notices to
Petitioners" (zh by default). The formal text kept on the record (non-acceptance notice, extension
notice) stays in the words of the person who decided.

What the office sees: an Info comment on the case for each notice and channel it went by ("queued for
e-mail", "sent by SMS", or why not), never an address or a number.

Personal data: the phone number is at permission level 1 (Petitioner). Only the background job reads
it, server-side; the job's arguments carry the case and the notice kind only, and an SMS failure is
logged by its kind and HTTP status, never with the URL, the number or the message.
"""

from contextlib import suppress

import frappe
from frappe import _
from frappe.translate import print_language
from frappe.utils import escape_html

from petition_management.petition_management.doctype.petition_settings.petition_settings import get_settings
from petition_management.utils.mail import send_notice
from petition_management.utils.translation import option

CASE = "Petition Case"
EXTENSION = "Petition Extension"
DEFAULT_LANGUAGE = "zh"


class Notice:
	ACCEPTANCE = "acceptance"
	NON_ACCEPTANCE = "non_acceptance"
	EXTENSION = "extension"
	REPLY = "reply"
	ALL = (ACCEPTANCE, NON_ACCEPTANCE, EXTENSION, REPLY)


# --- who, in which language -----------------------------------------------------------------------------


def default_language() -> str:
	return get_settings().get("notice_language") or DEFAULT_LANGUAGE


def petitioner_languages(petitioners: list[str]) -> dict[str, str]:
	"""{petitioner: language}: the website's language of their latest online petition, else the default."""
	languages = dict.fromkeys(petitioners, default_language())
	if not petitioners:
		return languages
	rows = frappe.get_all(
		"Online Petition",
		filters={"petitioner": ("in", petitioners), "language": ("is", "set")},
		fields=["petitioner", "language"],
		order_by="submitted_on asc",
	)
	languages.update({row.petitioner: row.language for row in rows})
	return languages


def case_petitioners(case) -> list[str]:
	return list(dict.fromkeys(row.petitioner for row in case.petitioners if row.petitioner))


def contacts(case, fieldname: str) -> dict[str, list[str]]:
	"""{language: [e-mail or phone]} of the case's petitioners."""
	people = case_petitioners(case)
	if not people:
		return {}
	# server-side: the phone lives on Petitioner Identity (readable by the office roles only)
	doctype, key = ("Petitioner Identity", "petitioner") if fieldname == "phone" else ("Petitioner", "name")
	values = frappe.get_all(
		doctype, filters={key: ("in", people), fieldname: ("is", "set")}, fields=[f"{key} as name", fieldname]
	)
	languages = petitioner_languages(people)
	grouped: dict[str, list[str]] = {}
	for row in values:
		value = (row.get(fieldname) or "").strip()
		if value and value not in grouped.get(languages[row.name], []):
			grouped.setdefault(languages[row.name], []).append(value)
	return grouped


def petitioner_reference(case) -> str:
	"""The number the petitioner knows: the tracking number of an online petition, else the case's."""
	if case.source_doctype == "Petition Letter" and case.source_name:
		number = frappe.db.get_value("Online Petition", {"petition_letter": case.source_name}, "name")
		if number:
			return number
	return case.name


# --- the texts ------------------------------------------------------------------------------------------


def title(kind: str) -> str:
	return {
		Notice.ACCEPTANCE: _("Notice of Acceptance"),
		Notice.NON_ACCEPTANCE: _("Notice of Non-Acceptance"),
		Notice.EXTENSION: _("Notice of Extension"),
		Notice.REPLY: _("Notice of Reply"),
	}[kind]


def date_text(value) -> str:
	return frappe.format(value, "Date") if value else ""


def where_to_turn(case) -> str:
	return ", ".join(filter(None, (case.competent_body, option(CASE, case.legal_channel))))


def sms_text(case, kind: str, extension=None) -> str:
	"""The SMS, in the current language: short, with the number the petitioner knows."""
	reference = petitioner_reference(case)
	if kind == Notice.ACCEPTANCE:
		return _(
			"Petition {0}: your petition received on {1} has been accepted. The reply is due by {2}."
		).format(reference, date_text(case.received_on), date_text(case.handling_due))
	if kind == Notice.NON_ACCEPTANCE:
		return _(
			"Petition {0}: your petition received on {1} is not accepted. You may take the matter to: {2}. "
			"The written notice gives the reasons."
		).format(reference, date_text(case.received_on), where_to_turn(case))
	if kind == Notice.EXTENSION:
		return _(
			"Petition {0}: the time limit for handling your petition is extended by {1} days. "
			"The reply is now due by {2}."
		).format(reference, extension.days, date_text(case.handling_due))
	return _("Petition {0}: a written reply to your petition was given on {1}.").format(
		reference, date_text(case.replied_on)
	)


def email_subject(case, kind: str) -> str:
	return {
		Notice.ACCEPTANCE: _("Notice of Acceptance: {0}"),
		Notice.NON_ACCEPTANCE: _("Notice of Non-Acceptance: {0}"),
		Notice.EXTENSION: _("Notice of Extension: {0}"),
		Notice.REPLY: _("Reply to Your Petition: {0}"),
	}[kind].format(case.subject)


def email_message(case, kind: str, extension=None) -> str:
	"""The e-mail, in the current language; the formal notices are made as the record's own."""
	if kind == Notice.NON_ACCEPTANCE:
		return case.make_non_acceptance_notice()
	if kind == Notice.EXTENSION:
		from petition_management.tracking.extensions import make_notice

		return make_notice(extension, case)
	names = escape_html(case.petitioner_names or _("Petitioner"))
	received, subject = date_text(case.received_on), escape_html(case.subject or "")
	if kind == Notice.ACCEPTANCE:
		text = _(
			"{0}: your petition received on {1} ({2}) has been accepted. The reply is due by {3}."
		).format(names, received, subject, date_text(case.handling_due))
		return f"<p>{text}</p>"
	text = _("{0}: here is the written reply to your petition received on {1} ({2}).").format(
		names, received, subject
	)
	return f"<p>{text}</p>{case.consolidated_reply or ''}"


# --- sending --------------------------------------------------------------------------------------------


def send_case_notice(case, kind: str, extension=None) -> None:
	"""Send the notice by every channel there is, and record on the case how it went."""
	if kind not in Notice.ALL:
		raise ValueError(kind)
	emails = contacts(case, "email")
	if send_email_notice(case, kind, extension or case, emails, extension):
		record(case, _("{0} queued for e-mail to the petitioner.").format(title(kind)))
	sms = sms_gateway_configured() and bool(contacts(case, "phone"))
	if sms:
		frappe.enqueue(
			send_sms_notice,
			queue="short",
			enqueue_after_commit=True,
			now=bool(frappe.flags.in_test),
			case_name=case.name,
			kind=kind,
			extension_name=extension.name if extension else None,
		)
	if not emails and not sms:
		record(
			case,
			_(
				"{0} not sent: no petitioner of this case has an e-mail address, or a phone number with an "
				"SMS gateway set in SMS Settings. Print it and send it by post."
			).format(title(kind)),
		)


def send_email_notice(case, kind: str, reference_doc, emails: dict, extension=None) -> bool:
	"""One e-mail per language to the petitioners with an address; False when none went to the queue
	(without an outgoing account utils/mail.py says so on `reference_doc`)."""
	sent = False
	for language, recipients in emails.items():
		with print_language(language):
			subject, message = email_subject(case, kind), email_message(case, kind, extension)
		sent = send_notice(reference_doc, recipients, subject, message) or sent
	return sent


def sms_gateway_configured() -> bool:
	return bool(frappe.db.get_single_value("SMS Settings", "sms_gateway_url", cache=False))


def send_sms_notice(case_name: str, kind: str, extension_name: str | None = None) -> bool:
	"""Background job: the SMS to each petitioner with a phone number, in their language."""
	from frappe.core.doctype.sms_settings.sms_settings import send_sms

	if not sms_gateway_configured():
		return False
	case = frappe.get_doc(CASE, case_name)
	extension = frappe.get_doc(EXTENSION, extension_name) if extension_name else None
	sent = False
	for language, numbers in contacts(case, "phone").items():
		with print_language(language):
			message = sms_text(case, kind, extension)
		try:
			send_sms(numbers, message, success_msg=False)
		except Exception as error:
			if not sms_log_missing(error):
				record_sms_failure(case, kind, error)
				continue
		sent = True
	if sent:
		record(case, _("{0} sent to the petitioner by SMS.").format(title(kind)))
	return sent


def sms_log_missing(error: Exception) -> bool:
	"""Frappe v15's send_sms writes an "SMS Log" after the gateway accepted a message, a DocType only
	ERPNext has (frappe/frappe#28332): without it, that failure means the message went out."""
	if isinstance(error, frappe.DoesNotExistError | ImportError) and not frappe.db.exists(
		"DocType", "SMS Log"
	):
		with suppress(Exception):
			frappe.clear_last_message()
		return True
	return False


def record_sms_failure(case, kind: str, error: Exception) -> None:
	"""Tell the office, and log the failure without the URL, the number or the message."""
	response = getattr(error, "response", None)
	status = getattr(response, "status_code", None)
	reason = f"{type(error).__name__}" + (f" (HTTP {status})" if status else "")
	frappe.clear_last_message()
	frappe.log_error(title=_("SMS notice not sent"), message=f"{case.name} {kind}: {reason}")
	record(case, _("{0} could not be sent by SMS: {1}. See the Error Log.").format(title(kind), reason))


def record(case, text: str) -> None:
	case.add_comment("Info", text)
