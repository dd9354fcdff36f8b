"""Register an online petition: its Petitioner (found or new) and its Petition Letter.

The portal acts as the system on the citizen's behalf: records are inserted with ignore_permissions,
and nothing that Frappe would tell a desk user about other records (possible duplicates, links) is
passed on to the visitor.
"""

from contextlib import contextmanager

import frappe
from frappe import _
from frappe.utils import escape_html, nowdate, validate_email_address

from petition_management.intake.identity import create_letter, create_petitioner
from petition_management.rules import RuleError
from petition_management.rules.resident_id import validate_phone, validate_resident_id
from petition_management.utils.rules import throw_rule_error

ONLINE_CHANNEL = "Website Message"
RESIDENT_ID = "PRC Resident ID"
NO_ID = "None"
MAX_ID_LENGTH = 40
IDENTITY_FIELDS = ("full_name", "id_type", "id_number", "phone", "email", "address")


class OnlinePetitionError(frappe.ValidationError):
	pass


@contextmanager
def quietly():
	"""Drop the messages Frappe queues for the user while the system registers records."""
	log = frappe.local.message_log
	kept = len(log)
	try:
		yield
	finally:
		del log[kept:]


def throw_escaped_rule_error(error: RuleError, title: str):
	"""A rule's message may quote the visitor's input: escape it, it is shown as HTML."""
	error.values = tuple(escape_html(v) if isinstance(v, str) else v for v in error.values)
	throw_rule_error(error, OnlinePetitionError, title=title)


def normalized_id_number(id_type: str | None, id_number: str | None) -> str | None:
	"""The ID number as the Petitioner keeps it, checked as at intake; None when not given."""
	number = (id_number or "").strip()
	if not number or not id_type or id_type == NO_ID:
		return None
	if id_type == RESIDENT_ID:
		try:
			return validate_resident_id(number).number
		except RuleError as error:
			throw_escaped_rule_error(error, _("Invalid Resident ID Number"))
	if len(number) > MAX_ID_LENGTH:
		frappe.throw(
			_("An ID number can be at most {0} characters long, not {1}.").format(MAX_ID_LENGTH, len(number)),
			OnlinePetitionError,
			title=_("Invalid ID Number"),
		)
	return number


def validate_phone_number(phone: str | None) -> None:
	if not (phone or "").strip():
		return
	try:
		validate_phone(phone)
	except RuleError as error:
		throw_escaped_rule_error(error, _("Invalid Phone Number"))


def validate_email(email: str | None) -> None:
	if email and not validate_email_address(email):
		frappe.throw(
			_("{0} is not a valid e-mail address.").format(escape_html(email)),
			OnlinePetitionError,
			title=_("Invalid E-mail Address"),
		)


def create_candidate_petitioner(petition) -> str:
	"""A new Petitioner for every named submission, marked "identity unverified": a website visitor never
	attaches a petition to an existing record (by ID number or e-mail) and so never files in another
	person's name, nor learns whether a number is registered. The office checks the candidate and merges
	it into the person's record when they are already registered."""
	id_type = petition.id_type if petition.id_number else NO_ID
	values = {
		"full_name": petition.full_name,
		"email": petition.email,
		"identity_unverified": 1,
		"id_type": id_type,
		"id_number": petition.id_number,
		"phone": petition.phone,
		"address": petition.address,
	}
	with quietly():
		doc = create_petitioner(values, ignore_permissions=True)
	return doc.name


def text_to_html(text: str | None) -> str:
	"""Plain text as escaped paragraphs: markup the visitor typed is shown as text, never run."""
	paragraphs = [p.strip() for p in (text or "").replace("\r\n", "\n").split("\n\n") if p.strip()]
	return "".join("<p>{}</p>".format(escape_html(p).replace("\n", "<br>")) for p in paragraphs)


def register_letter(petition) -> str:
	"""The Petition Letter of the submission, received today: its acceptance clock starts now."""
	values = {
		"channel": ONLINE_CHANNEL,
		"received_on": nowdate(),
		"petitioner": petition.petitioner,
		"sender_name": petition.full_name,
		"sender_email": petition.email,
		"sender_phone": petition.phone,
		"sender_address": petition.address,
		"category": petition.category,
		"subject": petition.subject,
		"content": text_to_html(petition.content),
		"request": petition.request,
	}
	with quietly():
		letter = create_letter(values, ignore_permissions=True)
	return letter.name
