# Copyright (c) 2026, Petition Management contributors
# For license information, please see license.txt

from frappe.model.document import Document


class PetitionShippedRecord(Document):
	"""Written by migrate only (petition_management/setup/shipped.py): which version of a shipped
	Workflow, Notification, Letter Head or Appraisal Scheme this site installed, and whether it was
	changed on the site since."""

	pass
