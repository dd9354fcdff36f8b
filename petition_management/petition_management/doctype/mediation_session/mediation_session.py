# Copyright (c) 2026, Petition Management contributors
# For license information, please see license.txt

from frappe.model.document import Document


class MediationSession(Document):
	# begin: auto-generated types
	# end: auto-generated types

	pass
