# Copyright (c) 2026, Petition Management contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, nowdate

from petition_management.intake import letters_email
from petition_management.intake.cases import flag_final_matter, link_repeat, register_case
from petition_management.petition_management.doctype.petition_category.petition_category import (
	get_suggested_unit,
)
from petition_management.utils.deadlines import limit_due_date
from petition_management.utils.text_limits import validate_text_lengths

REFERRAL_CHANNEL = "Referred by Higher Authority"
NO_REPLY = "No Reply Required"
REGISTERED = "Registered as a Case"
REPEAT = "Repeat of an Existing Case"
FINAL_OUTCOMES = (REGISTERED, REPEAT)
# Fields whose change moves the acceptance clock
CLOCK_FIELDS = ("received_on", "channel", "referral_deadline", "is_anonymous")


class PetitionLetterError(frappe.ValidationError):
	pass


class AnonymousLetterError(PetitionLetterError):
	pass


class PetitionLetter(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		acceptance_due: DF.Date | None
		category: DF.Link | None
		channel: DF.Literal[
			"Post",
			"E-mail",
			"Leader's Mailbox",
			"Website Message",
			"Fax",
			"Phone Call",
			"Referred by Higher Authority",
		]
		content: DF.TextEditor
		is_anonymous: DF.Check
		naming_series: DF.Literal["PL-.YYYY.-"]
		outcome: DF.Literal["", "No Reply Required", "Registered as a Case", "Repeat of an Existing Case"]
		petition_case: DF.Link | None
		petitioner: DF.Link | None
		received_on: DF.Date
		referral_authority: DF.Data | None
		referral_deadline: DF.Date | None
		referral_reference: DF.Data | None
		repeat_of: DF.Link | None
		request: DF.SmallText | None
		sender_address_on_file: DF.Check
		sender_email: DF.Data | None
		sender_name: DF.Data | None
		status: DF.Literal["Open", "Closed"]
		subject: DF.Data
		suggested_unit: DF.Link | None
	# end: auto-generated types

	def before_insert(self):
		if letters_email.is_created_by_mail_pull(self):
			self.channel = letters_email.EMAIL_CHANNEL
		if not self.petitioner:
			self.petitioner = letters_email.match_petitioner(self.sender_email)

	def validate(self):
		validate_text_lengths(self)
		self.validate_received_on()
		self.validate_referral()
		self.set_sender_from_petitioner()
		self.set_sender_address_on_file()
		self.set_is_anonymous()
		self.set_suggested_unit()
		flag_final_matter(self)
		self.validate_outcome_is_final()
		self.set_outcome_of_anonymous()
		self.validate_outcome()
		self.set_acceptance_due()
		self.set_status()

	def on_update(self):
		self.apply_outcome()

	def on_trash(self):
		# the sender's phone and address go with the letter (before Frappe's check for linked records)
		if frappe.db.exists("Petition Letter Sender", self.name):
			frappe.delete_doc("Petition Letter Sender", self.name, ignore_permissions=True, force=True)

	def on_communication_update(self, communication):
		"""Called by Frappe's Communication whenever a mail linked to this letter is saved."""
		letters_email.fill_from_inbound_mail(self, communication)
		self.notify_update()

	def validate_received_on(self):
		if getdate(self.received_on) > getdate(nowdate()):
			frappe.throw(
				_("Received On {0} is in the future.").format(frappe.format(self.received_on, "Date")),
				PetitionLetterError,
			)

	def validate_referral(self):
		if not self.is_referred():
			return
		if not (self.referral_authority or "").strip():
			frappe.throw(
				_("A letter referred by a higher authority needs the referring authority."),
				PetitionLetterError,
			)
		if self.referral_deadline and getdate(self.referral_deadline) < getdate(self.received_on):
			frappe.throw(
				_("The referral deadline {0} is before the letter was received ({1}).").format(
					frappe.format(self.referral_deadline, "Date"), frappe.format(self.received_on, "Date")
				),
				PetitionLetterError,
			)

	def set_sender_from_petitioner(self):
		if not self.petitioner:
			return
		full_name, email = frappe.db.get_value("Petitioner", self.petitioner, ["full_name", "email"]) or (
			None,
			None,
		)
		self.sender_name = self.sender_name or full_name
		self.sender_email = self.sender_email or email

	def set_is_anonymous(self):
		self.is_anonymous = int(
			not self.petitioner and not (self.has_sender_name() and self.has_sender_address())
		)

	def has_sender_name(self) -> bool:
		name = (self.sender_name or "").strip()
		# Frappe's mail pull puts the address itself as the name when the From header has none
		return bool(name) and name.lower() != (self.sender_email or "").strip().lower()

	def has_sender_address(self) -> bool:
		# For a letter that came by e-mail the sender's e-mail address is an address to reply to
		if self.channel == letters_email.EMAIL_CHANNEL and (self.sender_email or "").strip():
			return True
		return bool(self.sender_address_on_file)

	def set_sender_address_on_file(self):
		"""Decided from the stored Petition Letter Sender, never from the incoming letter."""
		if self.flags.sender_address_on_file is not None:
			# set by the server (intake/identity.py, the Petition Letter Sender), never by a request
			on_file = bool(self.flags.sender_address_on_file)
		elif self.is_new():
			on_file = False
		else:
			on_file = bool(frappe.db.get_value("Petition Letter Sender", self.name, "sender_address"))
		self.sender_address_on_file = int(on_file)

	def set_suggested_unit(self):
		if self.category and not self.suggested_unit:
			self.suggested_unit = get_suggested_unit(self.category)

	def validate_outcome_is_final(self):
		"""A case registered or a repeat noted cannot be undone from the letter."""
		before = self.get_doc_before_save()
		if not before or before.outcome not in FINAL_OUTCOMES:
			return
		if self.has_value_changed("outcome") or self.has_value_changed("repeat_of"):
			frappe.throw(
				_("Letter {0} already has the outcome {1}; it cannot be changed.").format(
					self.name, _(before.outcome)
				),
				PetitionLetterError,
			)

	def set_outcome_of_anonymous(self):
		if self.is_anonymous:
			if self.outcome in FINAL_OUTCOMES:
				frappe.throw(
					_(
						"This letter has no sender name or no address, so it is anonymous: it is registered with no reply required and cannot have the outcome {0}."
					).format(_(self.outcome)),
					AnonymousLetterError,
					title=_("Anonymous Letter"),
				)
			self.outcome = NO_REPLY
		elif self.has_value_changed("is_anonymous") and not self.is_new() and self.outcome == NO_REPLY:
			# The sender's name and address were completed: the letter is open again for a decision
			self.outcome = ""

	def validate_outcome(self):
		if self.outcome == REPEAT:
			if not self.repeat_of:
				frappe.throw(_("Choose the existing case this letter repeats."), PetitionLetterError)
		else:
			self.repeat_of = None

	def set_acceptance_due(self):
		if self.is_anonymous:
			self.acceptance_due = None
			return
		if self.acceptance_due and not any(self.has_value_changed(field) for field in CLOCK_FIELDS):
			return
		due = limit_due_date(self.received_on, "acceptance_days")
		if self.is_referred() and self.referral_deadline and getdate(self.referral_deadline) < due:
			due = getdate(self.referral_deadline)
		self.acceptance_due = due

	def set_status(self):
		self.status = "Closed" if self.outcome else "Open"

	def apply_outcome(self):
		if self.outcome == REGISTERED and not self.petition_case:
			register_case(self)
		elif self.outcome == REPEAT and (
			self.has_value_changed("outcome") or self.has_value_changed("repeat_of")
		):
			link_repeat(self, self.repeat_of)

	def is_referred(self) -> bool:
		return self.channel == REFERRAL_CHANNEL
