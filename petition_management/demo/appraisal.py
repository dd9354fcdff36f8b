"""Demo appraisal: a run for the current year over the demo units, once demo cases exist, made by the
demo Petition Office user; its appraisals stay Drafts for the Director to review."""

import frappe
from frappe.utils import getdate, nowdate

from petition_management.appraisal import RUN
from petition_management.appraisal.runs import execute_run
from petition_management.demo.users import demo_email
from petition_management.setup.appraisal_scheme import ensure_default_scheme


def make_appraisals(context):
	if not frappe.db.count("Petition Case"):
		return
	scheme = ensure_default_scheme()
	year = getdate(nowdate()).year
	if frappe.db.exists(RUN, {"period_type": "Year", "year": year, "parent_unit": ("is", "not set")}):
		return
	office = demo_email("office")
	frappe.set_user(office if frappe.db.exists("User", office) else "Administrator")
	try:
		run = frappe.get_doc({"doctype": RUN, "scheme": scheme, "period_type": "Year", "year": year}).insert()
		execute_run(run)
		context.add(RUN, run.name)
	finally:
		frappe.set_user("Administrator")
