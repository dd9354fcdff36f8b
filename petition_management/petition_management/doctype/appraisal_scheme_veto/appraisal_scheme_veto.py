# Copyright (c) 2026, Petition Management contributors
# For license information, please see license.txt

from frappe.model.document import Document


class AppraisalSchemeVeto(Document):
	pass
