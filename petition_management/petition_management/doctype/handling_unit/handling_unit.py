# Copyright (c) 2026, Petition Management contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils.nestedset import NestedSet

from petition_management.utils.translation import label
from petition_management.utils.tree import validate_group_keeps_children, validate_parent_is_group


class HandlingUnitError(frappe.ValidationError):
	pass


class HandlingUnit(NestedSet):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		email: DF.Data | None
		is_active: DF.Check
		is_group: DF.Check
		leader_in_charge: DF.Link | None
		lft: DF.Int
		old_parent: DF.Link | None
		parent_handling_unit: DF.Link | None
		phone: DF.Data | None
		rgt: DF.Int
		unit_head: DF.Link | None
		unit_name: DF.Data
		unit_type: DF.Literal["Department", "Brigade", "Office", "Township or Street", "Other"]
	# end: auto-generated types

	nsm_parent_field = "parent_handling_unit"

	def validate(self):
		validate_parent_is_group(self, self.nsm_parent_field)
		validate_group_keeps_children(self, self.nsm_parent_field)
		self.validate_people()
		self.validate_deactivation()

	def validate_people(self):
		"""The unit head and the leader in charge must be enabled users who can sign."""
		for fieldname in ("unit_head", "leader_in_charge"):
			user = self.get(fieldname)
			if user and not frappe.db.get_value("User", user, "enabled"):
				frappe.throw(
					_("{0}: the user {1} is disabled.").format(
						label(self.meta, fieldname), frappe.bold(user)
					),
					HandlingUnitError,
				)

	def validate_deactivation(self):
		"""A unit cannot be made inactive while units under it are still active."""
		if self.is_active or self.is_new():
			return
		active_children = frappe.get_all(
			"Handling Unit",
			filters={"parent_handling_unit": self.name, "is_active": 1},
			pluck="name",
			limit=3,
		)
		if active_children:
			frappe.throw(
				_("Deactivate the units under {0} first: {1}.").format(
					frappe.bold(self.name), ", ".join(active_children)
				),
				HandlingUnitError,
			)


def get_active_units() -> list[str]:
	return frappe.get_all(
		"Handling Unit", filters={"is_active": 1, "is_group": 0}, pluck="name", order_by="lft"
	)
