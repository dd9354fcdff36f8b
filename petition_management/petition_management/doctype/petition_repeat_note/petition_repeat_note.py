# Copyright (c) 2026, Petition Management contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document


class PetitionRepeatNote(Document):
	pass


def on_doctype_update():
	# the appraisal's repeat figure reads notes by date (README, Benchmark)
	frappe.db.add_index(
		"Petition Repeat Note",
		["repeat_date", "parent", "parenttype", "parentfield"],
		"repeat_date_parent_index",
	)
