# Copyright (c) 2026, Petition Management contributors
# For license information, please see license.txt

"""The phone and address of a letter's sender, 1:1 with the Petition Letter, readable only by the roles
that need them (DocType permissions). The letter keeps whether an address is on file: a letter with no
sender name or no address is anonymous."""

import frappe
from frappe.model.document import Document

from petition_management.petition_management.doctype.petitioner_identity.petitioner_identity import (
	validate_owner_record,
)


class PetitionLetterSender(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		petition_letter: DF.Link
		sender_address: DF.SmallText | None
		sender_name: DF.Data | None
		sender_phone: DF.Data | None
	# end: auto-generated types

	def validate(self):
		validate_owner_record(self, "petition_letter", "Petition Letter")
		self.set_trimmed_text()

	def on_update(self):
		self.update_letter(bool(self.sender_address))

	def on_trash(self):
		self.update_letter(False)

	def set_trimmed_text(self):
		for fieldname in ("sender_phone", "sender_address"):
			self.set(fieldname, (self.get(fieldname) or "").strip() or None)

	def update_letter(self, address_on_file: bool):
		"""The letter learns whether an address is on file, and so whether it is anonymous: saved through
		its controller, so that a completed sender reopens an anonymous letter."""
		letter = frappe.get_doc("Petition Letter", self.petition_letter)
		if bool(letter.sender_address_on_file) == address_on_file:
			return
		letter.flags.sender_address_on_file = address_on_file
		letter.flags.ignore_permissions = self.flags.ignore_permissions
		letter.save()
