# Copyright (c) 2026, Petition Management contributors
# For license information, please see license.txt

from frappe.model.document import Document


class PetitionHoliday(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		day_type: DF.Literal["Day Off", "Make-up Working Day"]
		description: DF.Data | None
		holiday_date: DF.Date
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
	# end: auto-generated types

	pass
