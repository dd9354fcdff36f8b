# Copyright (c) 2026, Petition Management contributors
# For license information, please see license.txt

import json

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import escape_html, get_link_to_form

from petition_management.rules import RuleError
from petition_management.rules.repeats import normalize_name, text_similarity
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
NAME_SIMILARITY = 0.8
DUPLICATE_LIMIT = 10
# Upper bound of same-region names compared for similarity (read through the region index).
MAX_REGION_NAMES = 5000
# What a version log may keep of a protected field: every reader of the form sees the timeline.
HIDDEN = "***"


class PetitionerIdError(frappe.ValidationError):
	"""An ID number that does not fit its ID type."""


class PetitionerPhoneError(frappe.ValidationError):
	"""A phone number that is not a mainland mobile or landline number."""


class DuplicatePetitionerError(frappe.ValidationError):
	"""Another Petitioner already has this ID number."""


class DuplicateReason:
	"""Stable codes telling why two Petitioners may be the same person."""

	SAME_PHONE = "same_phone"
	SAME_NAME_REGION = "same_name_region"
	SIMILAR_NAME_REGION = "similar_name_region"


class Petitioner(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		address: DF.SmallText | None
		birth_date: DF.Date | None
		email: DF.Data | None
		full_name: DF.Data
		gender: DF.Literal["", "Male", "Female"]
		id_number: DF.Data | None
		id_number_masked: DF.Data | None
		id_type: DF.Literal["PRC Resident ID", "Passport", "Other", "None"]
		name_normalized: DF.Data | None
		notes: DF.SmallText | None
		phone: DF.Data | None
		phone_masked: DF.Data | None
		phone_normalized: DF.Data | None
		region: DF.Data | None
	# end: auto-generated types

	def validate(self):
		self.set_trimmed_text()
		self.validate_id_number()
		self.validate_phone_number()
		self.set_masked_values()
		self.set_name_key()
		self.validate_unique_id_number()

	def on_update(self):
		self.show_likely_duplicates()

	def set_trimmed_text(self):
		for fieldname in ("full_name", "region", "email"):
			value = (self.get(fieldname) or "").strip()
			self.set(fieldname, value or None)

	def validate_id_number(self):
		"""Normalize the number by its type; a resident ID also gives the birth date and gender."""
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
		if not self.gender:
			self.gender = resident_id.gender

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

	def set_masked_values(self):
		self.id_number_masked = mask_id_number(self.id_number) or None
		self.phone_masked = mask_phone(self.phone) or None

	def set_name_key(self):
		self.name_normalized = normalize_name(self.full_name) or None

	def validate_unique_id_number(self):
		"""One Petitioner per ID number (of one ID type)."""
		if not self.id_number:
			return
		existing = frappe.db.get_value(
			"Petitioner",
			{"id_number": self.id_number, "id_type": self.id_type, "name": ("!=", self.name or "")},
			["name", "full_name"],
			as_dict=True,
		)
		if existing:
			frappe.throw(
				_(
					"A Petitioner with this ID number is already registered: {0}. Open that record instead."
				).format(petitioner_link(existing.name, existing.full_name)),
				DuplicatePetitionerError,
				title=_("Duplicate ID Number"),
			)

	def show_likely_duplicates(self):
		"""Tell the user about records that may be the same person; saving is not blocked."""
		if not any(self.has_value_changed(f) for f in ("full_name", "region", "phone_normalized")):
			return
		matches = find_duplicates(self.full_name, self.region, self.phone_normalized, exclude=self.name)
		if matches:
			frappe.msgprint(
				duplicates_message(matches),
				title=_("Possible Duplicate Petitioners"),
				indicator="orange",
			)

	def save_version(self):
		"""Frappe's change log, with the values of protected fields masked.

		The form's timeline (docinfo.versions) and document-follow e-mails show a version's data to
		everyone who can read the record, whatever their permission level, so the log must not keep
		an ID number, phone or address in full. It still records who changed which field, and when.
		"""
		if (
			not self.meta.track_changes
			or self.flags.ignore_version
			or frappe.flags.in_install
			or (not self._doc_before_save and frappe.flags.in_patch)
		):
			return
		version = frappe.new_doc("Version")
		if version.update_version_info(self._doc_before_save, self):
			version.data = redact_version_data(self.meta, version.data)
			version.insert(ignore_permissions=True)


def on_doctype_update():
	frappe.db.add_index("Petitioner", ["region", "name_normalized"])


def petitioner_link(name: str, full_name: str | None) -> str:
	label = f"{full_name} ({name})" if full_name else name
	return get_link_to_form("Petitioner", name, escape_html(label))


def mask_protected_value(fieldname: str, value):
	if value in (None, ""):
		return value
	if fieldname == "id_number":
		return mask_id_number(value)
	if fieldname in ("phone", "phone_normalized"):
		return mask_phone(value)
	return HIDDEN


def redact_version_data(meta, data: str | None) -> str | None:
	"""Mask every field above permission level 0 in a Version's JSON diff."""
	if not data:
		return data
	protected = {df.fieldname for df in meta.fields if df.permlevel}
	diff = json.loads(data)
	for row in diff.get("changed") or []:
		if row[0] in protected:
			row[1], row[2] = mask_protected_value(row[0], row[1]), mask_protected_value(row[0], row[2])
	return frappe.as_json(diff, indent=None, separators=(",", ":"))


def find_duplicates(
	full_name: str | None,
	region: str | None = None,
	phone: str | None = None,
	exclude: str | None = None,
	limit: int = DUPLICATE_LIMIT,
) -> list[dict]:
	"""Petitioners who may be the same person: the same phone, or the same or a similar name in the
	same region. Only masked identifiers are returned. Reads through the indexes on phone_normalized,
	name_normalized and region; never scans the table.
	"""
	fields = ["name", "full_name", "region", "id_number_masked", "phone_masked"]
	found: dict[str, dict] = {}

	def add(row, reason):
		if row.name == exclude:
			return
		entry = found.setdefault(row.name, {f: row.get(f) for f in fields} | {"reasons": []})
		if reason not in entry["reasons"]:
			entry["reasons"].append(reason)

	digits = validated_phone_or_none(phone)
	if digits:
		for row in frappe.get_all(
			"Petitioner", filters={"phone_normalized": digits}, fields=fields, limit=limit + 1
		):
			add(row, DuplicateReason.SAME_PHONE)

	name_key = normalize_name(full_name)
	region = (region or "").strip()
	if name_key and region:
		for row in frappe.get_all(
			"Petitioner",
			filters={"region": region, "name_normalized": name_key},
			fields=fields,
			limit=limit + 1,
		):
			add(row, DuplicateReason.SAME_NAME_REGION)
		for row in frappe.get_all(
			"Petitioner",
			filters={"region": region, "name_normalized": ("!=", name_key)},
			fields=[*fields, "name_normalized"],
			order_by="modified desc",
			limit=MAX_REGION_NAMES,
		):
			if text_similarity(name_key, row.name_normalized) >= NAME_SIMILARITY:
				add(row, DuplicateReason.SIMILAR_NAME_REGION)

	ranked = sorted(found.values(), key=lambda m: (-len(m["reasons"]), m["name"]))
	return ranked[:limit]


def validated_phone_or_none(phone: str | None) -> str | None:
	"""The normalized phone, or None when it is blank or not a valid number (no match by it)."""
	if not phone or not phone.strip():
		return None
	try:
		return validate_phone(phone)
	except RuleError:
		return None


def reason_label(code: str) -> str:
	return {
		DuplicateReason.SAME_PHONE: _("same phone"),
		DuplicateReason.SAME_NAME_REGION: _("same name in the same region"),
		DuplicateReason.SIMILAR_NAME_REGION: _("similar name in the same region"),
	}.get(code, code)


def duplicates_message(matches: list[dict]) -> str:
	items = "".join(
		f"<li>{petitioner_link(m['name'], m['full_name'])}: {', '.join(reason_label(r) for r in m['reasons'])}</li>"
		for m in matches
	)
	intro = _("This person may already be registered. Check these records before registering a new one:")
	return f"{intro}<ul>{items}</ul>"
