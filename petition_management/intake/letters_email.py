"""Letters that arrive by e-mail.

An Email Account with "Append To" = Petition Letter makes Frappe's mail pull
(`frappe.email.receive.InboundMail`) insert a new Petition Letter with only the subject, the sender's
address and the sender's name, then insert the mail as a Communication linked to it. The letter's
`before_insert` recognises that first insert (`is_created_by_mail_pull`); the Communication then calls
`PetitionLetter.on_communication_update`, which hands over to `fill_from_inbound_mail` here.
"""

import frappe
from frappe.utils import escape_html, getdate, nowdate
from frappe.utils.html_utils import sanitize_html

EMAIL_CHANNEL = "E-mail"


def is_created_by_mail_pull(letter) -> bool:
	"""True for the letter `InboundMail._create_reference_document` inserts.

	It sets the subject, sender fields and `flags.ignore_mandatory`, and no content: the form and the
	API cannot save a letter without content, so only the mail pull inserts one like this.
	"""
	return bool(
		letter.is_new() and letter.flags.ignore_mandatory and letter.sender_email and not letter.content
	)


def match_petitioner(email: str | None) -> str | None:
	"""The Petitioner whose e-mail is `email`, when exactly one has it (the comparison ignores case)."""
	if not email:
		return None
	names = frappe.get_all("Petitioner", filters={"email": email.strip()}, pluck="name", limit=2)
	return names[0] if len(names) == 1 else None


def is_inbound_mail(communication) -> bool:
	return (
		communication.communication_type == "Communication"
		and communication.communication_medium == "Email"
		and communication.sent_or_received == "Received"
	)


def fill_from_inbound_mail(letter, communication) -> None:
	"""Complete a letter from the inbound mail linked to it: its body, its date and its attachments.

	The body and the date are taken only while the letter has no content, i.e. from the mail that created
	it; a later mail in the same thread only adds its attachments.
	"""
	if not is_inbound_mail(communication):
		return
	if not letter.content:
		letter.content = mail_body_html(communication)
		letter.channel = EMAIL_CHANNEL
		letter.received_on = min(getdate(communication.communication_date or nowdate()), getdate(nowdate()))
		letter.flags.ignore_permissions = True  # the mail pull runs as the scheduler's user
		letter.save()
	copy_attachments(letter, communication)


def mail_body_html(communication) -> str:
	"""The mail's body as sanitized HTML: its HTML part, or its text part in paragraphs."""
	html = communication.content or ""
	if "<" in html and ">" in html:
		return sanitize_html(html)
	text = (communication.text_content or html or "").strip()
	paragraphs = [part.strip() for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]
	return "".join("<p>{}</p>".format(escape_html(part).replace("\n", "<br>")) for part in paragraphs)


def copy_attachments(letter, communication) -> None:
	"""Attach the mail's files to the letter too (same stored file), once each."""
	files = frappe.get_all(
		"File",
		filters={"attached_to_doctype": "Communication", "attached_to_name": communication.name},
		fields=["file_url", "file_name", "is_private"],
	)
	for file in files:
		if frappe.db.exists(
			"File",
			{
				"attached_to_doctype": letter.doctype,
				"attached_to_name": letter.name,
				"file_url": file.file_url,
			},
		):
			continue
		frappe.get_doc(
			{
				"doctype": "File",
				"file_url": file.file_url,
				"file_name": file.file_name,
				"is_private": file.is_private,
				"attached_to_doctype": letter.doctype,
				"attached_to_name": letter.name,
			}
		).insert(ignore_permissions=True)
