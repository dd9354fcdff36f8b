# Copyright (c) 2026, Petition Management contributors
# For license information, please see license.txt

from frappe.model.document import Document


class PetitionDigestLog(Document):
	"""One row per person and day: the daily deadline digest was sent (never twice)."""

	pass
