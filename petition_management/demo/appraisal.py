"""Demo appraisal, once demo cases exist: a run for last year over the demo units (history.py gives it
cases), whose appraisals the demo Petition Office submits and the demo Director approves, so that they
keep their figures and the cases behind them; and a run for the current year, made by the demo Petition
Office, whose appraisals stay Drafts but one with cases, submitted for the Director's review."""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import getdate, nowdate

from petition_management.appraisal import APPRAISAL, RUN
from petition_management.appraisal.runs import execute_run
from petition_management.demo.acting import acting_as, staff
from petition_management.setup.appraisal_scheme import ensure_default_scheme

SUBMIT = "Submit for Review"
APPROVE = "Approve"


def make_appraisals(context):
	if not frappe.db.count("Petition Case"):
		return
	scheme = ensure_default_scheme()
	year = getdate(nowdate()).year
	last_year = make_run(context, scheme, year - 1) if has_cases(year - 1) else None
	if last_year:
		for name in appraisals_of(last_year, with_cases=True):
			act(staff("office"), name, SUBMIT)
			act(staff("director"), name, APPROVE)
	this_year = make_run(context, scheme, year)
	if this_year:
		for name in appraisals_of(this_year, with_cases=True)[:1]:
			act(staff("office"), name, SUBMIT)


def has_cases(year: int) -> bool:
	return bool(
		frappe.db.exists("Petition Case", {"received_on": ("between", [f"{year}-01-01", f"{year}-12-31"])})
	)


def make_run(context, scheme: str, year: int) -> str | None:
	"""The year's run over all the units, made and executed by the demo office; None when it exists."""
	if frappe.db.exists(RUN, {"period_type": "Year", "year": year, "parent_unit": ("is", "not set")}):
		return None
	with acting_as(staff("office")):
		run = frappe.get_doc({"doctype": RUN, "scheme": scheme, "period_type": "Year", "year": year}).insert()
		execute_run(run)
	context.add(RUN, run.name)
	return run.name


def appraisals_of(run: str, with_cases: bool = False) -> list[str]:
	filters = {"appraisal_run": run, "workflow_state": "Draft"}
	if with_cases:
		filters["received"] = (">", 0)
	return frappe.get_all(APPRAISAL, filters=filters, pluck="name", order_by="unit asc")


def act(user: str, name: str, action: str):
	with acting_as(user):
		apply_workflow(frappe.get_doc(APPRAISAL, name), action)
