# Copyright (c) 2026, Petition Management contributors
# For license information, please see license.txt

"""A petitioner's identity: ID number, birth date, phone and address, 1:1 with the Petitioner.

Only the roles that need them read these values (DocType permissions: reception, the petition office,
the director, system managers), so Frappe's own checks guard them on every path: list, search, count,
report, export, print, the change log. The Petitioner keeps the masked copies everyone else sees.
"""

import frappe
from frappe import _
from frappe.model.document import Document

from petition_management.rules import RuleError
from petition_management.rules.resident_id import (
	mask_id_number,
	mask_phone,
	validate_phone,
	validate_resident_id,
)
from petition_management.utils.rules import throw_rule_error

RESIDENT_ID = "PRC Resident ID"
NO_ID = "None"
MAX_ID_LENGTH = 40


class PetitionerIdError(frappe.ValidationError):
	"""An ID number that does not fit its ID type."""


class PetitionerPhoneError(frappe.ValidationError):
	"""A phone number that is not a mainland mobile or landline number."""


class DuplicatePetitionerError(frappe.ValidationError):
	"""Another Petitioner already has this ID number."""


class PetitionerIdentity(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		address: DF.SmallText | None
		birth_date: DF.Date | None
		full_name: DF.Data | None
		id_number: DF.Data | None
		id_type: DF.Literal["PRC Resident ID", "Passport", "Other", "None"]
		petitioner: DF.Link
		phone: DF.Data | None
		phone_normalized: DF.Data | None
	# end: auto-generated types

	def validate(self):
		validate_owner_record(self, "petitioner", "Petitioner")
		self.validate_id_number()
		self.validate_phone_number()
		self.set_trimmed_address()
		self.validate_unique_id_number()

	def on_update(self):
		self.set_masked_copies()
		self.show_likely_duplicates()

	def on_trash(self):
		frappe.db.set_value(
			"Petitioner",
			self.petitioner,
			{"id_type": NO_ID, "id_number_masked": None, "phone_masked": None},
			update_modified=False,
		)

	def validate_id_number(self):
		"""Normalize the number by its type; a resident ID also gives the birth date."""
		number = (self.id_number or "").strip()
		if not number or self.id_type == NO_ID:
			# no number on file is recorded as such, whatever type was chosen
			self.id_type, self.id_number, self.birth_date = NO_ID, None, None
			return
		if self.id_type == RESIDENT_ID:
			self.set_resident_id(number)
			return
		if len(number) > MAX_ID_LENGTH:
			frappe.throw(
				_("An ID number can be at most {0} characters long, not {1}.").format(
					MAX_ID_LENGTH, len(number)
				),
				PetitionerIdError,
				title=_("Invalid ID Number"),
			)
		self.id_number, self.birth_date = number, None

	def set_resident_id(self, number: str):
		try:
			resident_id = validate_resident_id(number)
		except RuleError as error:
			throw_rule_error(error, PetitionerIdError, title=_("Invalid Resident ID Number"))
		self.id_number = resident_id.number
		self.birth_date = resident_id.birth_date
		self.flags.gender = resident_id.gender

	def validate_phone_number(self):
		phone = (self.phone or "").strip()
		if not phone:
			self.phone = self.phone_normalized = None
			return
		try:
			self.phone_normalized = validate_phone(phone)
		except RuleError as error:
			throw_rule_error(error, PetitionerPhoneError, title=_("Invalid Phone Number"))
		self.phone = phone

	def set_trimmed_address(self):
		self.address = (self.address or "").strip() or None

	def validate_unique_id_number(self):
		"""One Petitioner per ID number (of one ID type)."""
		if not self.id_number or (
			not self.flags.verifying
			and frappe.db.get_value("Petitioner", self.petitioner, "identity_unverified")
		):
			# an online submission never learns whether the number is registered: the office checks it
			return
		existing = frappe.db.sql(
			"""SELECT i.petitioner, i.full_name FROM `tabPetitioner Identity` i
			JOIN `tabPetitioner` p ON p.name = i.petitioner AND p.identity_unverified = 0
			WHERE i.id_number = %(number)s AND i.id_type = %(type)s AND i.name != %(name)s LIMIT 1""",
			{"number": self.id_number, "type": self.id_type, "name": self.name or self.petitioner or ""},
			as_dict=True,
		)
		existing = existing[0] if existing else None
		if existing:
			from petition_management.petition_management.doctype.petitioner.petitioner import petitioner_link

			frappe.throw(
				_(
					"A Petitioner with this ID number is already registered: {0}. Open that record instead."
				).format(petitioner_link(existing.petitioner, existing.full_name)),
				DuplicatePetitionerError,
				title=_("Duplicate ID Number"),
			)

	def set_masked_copies(self):
		"""What everyone who reads the Petitioner may see: the ID type and the masked numbers."""
		values = {
			"id_type": self.id_type,
			"id_number_masked": mask_id_number(self.id_number) or None,
			"phone_masked": mask_phone(self.phone) or None,
		}
		if self.flags.gender and not frappe.db.get_value("Petitioner", self.petitioner, "gender"):
			values["gender"] = self.flags.gender
		frappe.db.set_value("Petitioner", self.petitioner, values)

	def show_likely_duplicates(self):
		"""Tell the user about records with the same phone; saving is not blocked."""
		if not self.has_value_changed("phone_normalized") or not self.phone_normalized:
			return
		from petition_management.petition_management.doctype.petitioner.petitioner import (
			duplicates_message,
			find_duplicates,
		)

		matches = find_duplicates(None, phone=self.phone_normalized, exclude=self.petitioner)
		if matches:
			frappe.msgprint(
				duplicates_message(matches), title=_("Possible Duplicate Petitioners"), indicator="orange"
			)


def on_doctype_update():
	frappe.db.add_index("Petitioner Identity", ["id_number", "id_type"], "id_number_type_index")


def validate_owner_record(doc, fieldname: str, doctype: str):
	"""The record this one belongs to (it is named after it) exists and never changes.

	Frappe v15 skips its own link check for a Link whose values are fetched (`fetch_from`) when the target
	is missing, and syncs the name-giving field back to the name after `validate`: both are checked here,
	on the incoming value, so that neither an unknown record nor a move to another one saves silently."""
	value = doc.get(fieldname)
	if not value or not frappe.db.exists(doctype, value):
		frappe.throw(
			_("{0} {1} does not exist.").format(_(doctype), frappe.bold(value or "")),
			frappe.LinkValidationError,
		)
	if not doc.is_new() and value != doc.name:
		frappe.throw(
			_("{0} belongs to {1} and cannot be moved to another record.").format(
				frappe.bold(doc.name), frappe.bold(doc.name)
			),
			frappe.CannotChangeConstantError,
		)
