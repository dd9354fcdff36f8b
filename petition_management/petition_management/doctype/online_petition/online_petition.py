# Copyright (c) 2026, Petition Management contributors
# For license information, please see license.txt

"""Online Petition: what a citizen submitted through the web form /online-petition.

On insert it registers the Petitioner (found or new) and the Petition Letter (channel "Website
Message", received today: the acceptance clock starts), attaches the uploaded files to the letter,
and gives the visitor a tracking number and an access code. The record keeps the tracking number,
the hash of the code and the links; the personal details and the text live on the Petitioner and the
letter only (their permissions protect them), and the plain code is never stored.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cstr, getdate, now_datetime, nowdate
from frappe.utils.password import set_encrypted_password

from petition_management.portal import access, confirmation, mail, pages, submission, uploads
from petition_management.utils.translation import label

MAX_SUBJECT = 140
MAX_CONTENT = 20000
MAX_REQUEST = 2000
MAX_ADDRESS = 500
MAX_NAME = 140
ACCESS_CODE_HASH = "access_code_hash"
TEXT_FIELDS = ("full_name", "id_number", "phone", "email", "address", "subject", "content", "request")
TRANSIENT_FIELDS = (*submission.IDENTITY_FIELDS, "content", "request", "upload_tokens")


class OnlinePetitionError(submission.OnlinePetitionError):
	pass


class OnlinePetition(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		address: DF.SmallText | None
		attachment_count: DF.Int
		category: DF.Link | None
		code_emailed: DF.Check
		content: DF.Text | None
		email: DF.Data | None
		full_name: DF.Data | None
		id_number: DF.Data | None
		id_type: DF.Literal["", "PRC Resident ID", "Passport", "Other"]
		is_anonymous: DF.Check
		language: DF.Data | None
		petition_letter: DF.Link | None
		petitioner: DF.Link | None
		phone: DF.Data | None
		request: DF.SmallText | None
		subject: DF.Data | None
		submitted_on: DF.Datetime | None
		tracking_number: DF.Data | None
		upload_tokens: DF.SmallText | None
	# end: auto-generated types

	def before_insert(self):
		self.set_tracking_number()

	def validate(self):
		if not self.is_new():
			return
		# messages and the e-mail in the visitor's language
		pages.apply_visitor_language()
		self.set_trimmed_text()
		self.set_anonymous()
		self.validate_required()
		self.validate_lengths()
		self.validate_identity()
		self.validate_category()
		self.set_uploads()

	def before_save(self):
		if not self.is_new():
			return
		self.set_access_code()
		self.register()
		self.clear_transient_fields()

	def after_insert(self):
		self.store_access_code_hash()
		self.send_access_code()
		self.set_confirmation()
		self.hide_internal_fields()

	def set_tracking_number(self):
		today = getdate(nowdate())
		for _attempt in range(20):
			number = access.new_tracking_number(today)
			if not frappe.db.exists("Online Petition", number):
				self.tracking_number = number
				return
		frappe.throw(_("No tracking number is free right now; please submit again."), OnlinePetitionError)

	def set_trimmed_text(self):
		for fieldname in TEXT_FIELDS:
			value = cstr(self.get(fieldname)).strip()
			self.set(fieldname, value or None)
		if self.email:
			self.email = self.email.lower()

	def set_anonymous(self):
		"""An anonymous petition carries no identity at all, and is not kept under a website account."""
		self.is_anonymous = 1 if self.is_anonymous else 0
		if self.is_anonymous:
			for fieldname in submission.IDENTITY_FIELDS:
				self.set(fieldname, None)
			self.owner = "Guest"

	def validate_required(self):
		identity = [] if self.is_anonymous else [f for f in ("full_name", "address") if not self.get(f)]
		missing = identity + [f for f in ("subject", "content") if not self.get(f)]
		if not missing:
			return
		labels = ", ".join(label(self.meta, f) for f in missing)
		frappe.throw(
			_("Fill in {0}. To give no name or address, submit anonymously.").format(labels)
			if identity
			else _("Fill in {0}.").format(labels),
			OnlinePetitionError,
			title=_("Missing Information"),
		)

	def validate_lengths(self):
		limits = {
			"full_name": MAX_NAME,
			"subject": MAX_SUBJECT,
			"content": MAX_CONTENT,
			"request": MAX_REQUEST,
			"address": MAX_ADDRESS,
		}
		for fieldname, limit in limits.items():
			if len(self.get(fieldname) or "") > limit:
				frappe.throw(
					_("{0} can be at most {1} characters long.").format(label(self.meta, fieldname), limit),
					OnlinePetitionError,
					title=_("Too Long"),
				)

	def validate_identity(self):
		if self.is_anonymous:
			return
		if self.id_number and not self.id_type:
			frappe.throw(_("Choose the type of the ID number."), OnlinePetitionError, title=_("ID Type"))
		self.id_number = submission.normalized_id_number(self.id_type, self.id_number)
		if not self.id_number:
			self.id_type = None
		submission.validate_phone_number(self.phone)
		submission.validate_email(self.email)

	def validate_category(self):
		if self.category and frappe.db.get_value("Petition Category", self.category, "is_group"):
			frappe.throw(
				_("Choose a category without sub-categories, or leave the category empty."),
				OnlinePetitionError,
				title=_("Category"),
			)

	def set_uploads(self):
		tokens = uploads.parse_tokens(self.upload_tokens)
		self.flags.upload_files = uploads.pending_files(tokens)
		self.attachment_count = len(self.flags.upload_files)

	def set_access_code(self):
		# only the demo (demo/portal.py) sets a known code; a submission always gets a random one
		if not self.flags.access_code or frappe.flags.in_web_form:
			self.flags.access_code = access.new_access_code()
		self.flags.access_code_hash = access.hash_access_code(self.flags.access_code)

	def register(self):
		self.submitted_on = now_datetime()
		# notices to the petitioner go out in the language they used the website in (utils/notices.py)
		self.language = frappe.local.lang
		if not self.is_anonymous:
			self.petitioner = submission.create_candidate_petitioner(self)
		self.petition_letter = submission.register_letter(self)
		uploads.attach_files(self.flags.upload_files, "Petition Letter", self.petition_letter)
		self.flags.email = self.email

	def clear_transient_fields(self):
		for fieldname in TRANSIENT_FIELDS:
			self.set(fieldname, None)

	def store_access_code_hash(self):
		"""The hash lives in Frappe's password store (`__Auth`), which no API returns."""
		set_encrypted_password(self.doctype, self.name, self.flags.access_code_hash, ACCESS_CODE_HASH)

	def send_access_code(self):
		self.email = self.flags.email
		try:
			sent = mail.send_access_code(self, self.flags.access_code)
		finally:
			self.email = None
		if sent:
			self.db_set("code_emailed", 1, update_modified=False)

	def hide_internal_fields(self):
		"""The web form returns the inserted document to the visitor: keep the internal record names out
		of that answer (they stay in the database)."""
		if frappe.flags.in_web_form:
			for fieldname in ("petitioner", "petition_letter"):
				self.set(fieldname, None)

	def set_confirmation(self):
		url = confirmation.remember(
			{
				"tracking_number": self.tracking_number,
				"access_code": self.flags.access_code,
				"is_anonymous": self.is_anonymous,
				"code_emailed": self.code_emailed,
			}
		)
		self.set_onload("confirmation_url", url)
