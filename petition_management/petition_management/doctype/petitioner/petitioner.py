# Copyright (c) 2026, Petition Management contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import escape_html, get_link_to_form

from petition_management.rules import RuleError
from petition_management.rules.repeats import normalize_name, text_similarity
from petition_management.rules.resident_id import validate_phone

NAME_SIMILARITY = 0.8
DUPLICATE_LIMIT = 10
# Upper bound of same-region names compared for similarity (read through the region index).
MAX_REGION_NAMES = 5000
IDENTITY = "Petitioner Identity"


class DuplicateReason:
	"""Stable codes telling why two Petitioners may be the same person."""

	SAME_PHONE = "same_phone"
	SAME_NAME_REGION = "same_name_region"
	SIMILAR_NAME_REGION = "similar_name_region"


class Petitioner(Document):
	"""A person who petitions. The ID number, birth date, phone and address are kept on the
	Petitioner Identity (readable by the office roles only); this record holds the masked copies."""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		email: DF.Data | None
		full_name: DF.Data
		gender: DF.Literal["", "Male", "Female"]
		id_number_masked: DF.Data | None
		id_type: DF.Literal["PRC Resident ID", "Passport", "Other", "None"]
		identity_unverified: DF.Check
		name_normalized: DF.Data | None
		notes: DF.SmallText | None
		phone_masked: DF.Data | None
		region: DF.Data | None
	# end: auto-generated types

	def validate(self):
		self.set_trimmed_text()
		self.set_name_key()
		self.validate_verified_identity()

	def on_update(self):
		self.show_likely_duplicates()

	def before_rename(self, old: str, new: str, merge: bool = False):
		"""Merging a record into another (Rename with Merge) keeps one identity: the target's."""
		if merge:
			merge_identity(old, new)

	def on_trash(self):
		if frappe.db.exists(IDENTITY, self.name):
			frappe.delete_doc(IDENTITY, self.name, ignore_permissions=True, force=True)

	def set_trimmed_text(self):
		for fieldname in ("full_name", "region", "email"):
			value = (self.get(fieldname) or "").strip()
			self.set(fieldname, value or None)

	def set_name_key(self):
		self.name_normalized = normalize_name(self.full_name) or None

	def validate_verified_identity(self):
		"""Clearing "identity unverified" says the office checked the record: its ID number must then be
		unique among the checked ones."""
		if self.is_new() or self.identity_unverified or not self.has_value_changed("identity_unverified"):
			return
		if frappe.db.exists(IDENTITY, self.name):
			identity = frappe.get_doc(IDENTITY, self.name)
			identity.flags.verifying = True
			identity.validate_unique_id_number()

	def show_likely_duplicates(self):
		"""Tell the user about records that may be the same person; saving is not blocked."""
		if not any(self.has_value_changed(f) for f in ("full_name", "region")):
			return
		matches = find_duplicates(self.full_name, self.region, exclude=self.name)
		if matches:
			frappe.msgprint(
				duplicates_message(matches),
				title=_("Possible Duplicate Petitioners"),
				indicator="orange",
			)


def on_doctype_update():
	frappe.db.add_index("Petitioner", ["region", "name_normalized"])


def merge_identity(old: str, new: str):
	"""Before `old` is merged into `new`: the target's identity stays; the old one moves to the target
	when the target has none."""
	if not frappe.db.exists(IDENTITY, old):
		return
	if frappe.db.exists(IDENTITY, new):
		frappe.delete_doc(IDENTITY, old, ignore_permissions=True, force=True)
		return
	frappe.db.set_value(IDENTITY, old, "petitioner", new, update_modified=False)
	frappe.db.sql("UPDATE `tabPetitioner Identity` SET name = %s WHERE name = %s", (new, old))


def petitioner_link(name: str, full_name: str | None) -> str:
	label = f"{full_name} ({name})" if full_name else name
	return get_link_to_form("Petitioner", name, escape_html(label))


def find_duplicates(
	full_name: str | None,
	region: str | None = None,
	phone: str | None = None,
	exclude: str | None = None,
	limit: int = DUPLICATE_LIMIT,
) -> list[dict]:
	"""Petitioners who may be the same person: the same phone, or the same or a similar name in the
	same region. Only masked identifiers are returned; the phone is matched server-side on the Petitioner
	Identity (the caller decides who may look up by phone). Reads through the indexes on
	phone_normalized, name_normalized and region; never scans the table.
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
		for row in frappe.db.sql(
			"""SELECT p.name, p.full_name, p.region, p.id_number_masked, p.phone_masked
			FROM `tabPetitioner Identity` i JOIN `tabPetitioner` p ON p.name = i.petitioner
			WHERE i.phone_normalized = %(digits)s LIMIT %(limit)s""",
			{"digits": digits, "limit": limit + 1},
			as_dict=True,
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
