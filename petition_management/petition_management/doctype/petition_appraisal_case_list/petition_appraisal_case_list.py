# Copyright (c) 2026, Petition Management contributors
# For license information, please see license.txt

"""One figure of a Petition Appraisal and the names of the cases behind it, kept when the appraisal
leaves Draft (petition_appraisal.py, set_case_lists), so that the drill-down of an appraisal under review
or approved lists exactly the cases it counted."""

from frappe.model.document import Document


class PetitionAppraisalCaseList(Document):
	pass
