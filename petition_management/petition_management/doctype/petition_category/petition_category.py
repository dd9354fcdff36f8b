# Copyright (c) 2026, Petition Management contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils.nestedset import NestedSet

from petition_management.utils.tree import validate_group_keeps_children, validate_parent_is_group


class PetitionCategoryError(frappe.ValidationError):
	pass


class PetitionCategory(NestedSet):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		category_name: DF.Data
		default_handling_unit: DF.Link | None
		description: DF.SmallText | None
		is_group: DF.Check
		legal_channel: DF.Literal[
			"", "Litigation", "Arbitration", "Administrative Reconsideration", "Other Legal Procedure"
		]
		lft: DF.Int
		old_parent: DF.Link | None
		other_legal_channel: DF.Check
		parent_petition_category: DF.Link | None
		rgt: DF.Int
	# end: auto-generated types

	nsm_parent_field = "parent_petition_category"

	def validate(self):
		validate_parent_is_group(self, self.nsm_parent_field)
		validate_group_keeps_children(self, self.nsm_parent_field)
		self.validate_legal_channel()
		self.validate_default_unit()

	def validate_legal_channel(self):
		if not self.other_legal_channel:
			self.legal_channel = None
			return
		if not self.legal_channel:
			frappe.throw(
				_("Choose the legal channel this category belongs to (litigation, arbitration, ...)."),
				PetitionCategoryError,
				title=_("Missing Legal Channel"),
			)

	def validate_default_unit(self):
		unit = self.default_handling_unit
		if not unit:
			return
		is_active, is_group = frappe.db.get_value("Handling Unit", unit, ["is_active", "is_group"]) or (0, 0)
		if not is_active:
			frappe.throw(
				_("The default handling unit {0} is not active.").format(frappe.bold(unit)),
				PetitionCategoryError,
			)
		if is_group:
			frappe.throw(
				_("The default handling unit {0} is a group; choose a unit that handles cases.").format(
					frappe.bold(unit)
				),
				PetitionCategoryError,
			)


def get_suggested_unit(category: str | None) -> str | None:
	"""The category's default unit, or the nearest ancestor's."""
	if not category:
		return None
	lft, rgt = frappe.db.get_value("Petition Category", category, ["lft", "rgt"]) or (None, None)
	if lft is None:
		return None
	rows = frappe.get_all(
		"Petition Category",
		filters={"lft": ("<=", lft), "rgt": (">=", rgt), "default_handling_unit": ("is", "set")},
		fields=["default_handling_unit"],
		order_by="lft desc",
		limit=1,
	)
	return rows[0].default_handling_unit if rows else None
