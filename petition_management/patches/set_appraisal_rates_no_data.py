"""Mark the rates without data on the Petition Appraisals made before the "no data" Checks: a rate has no
data when its base figure is 0 (rules/appraisal: Rate.PARTS), which the stored figures say for approved
appraisals too (the Checks only say what the figures already do). Also the Metric lines of their score
details. Two statements."""

import frappe

from petition_management.petition_management.doctype.petition_appraisal.petition_appraisal import (
	NO_DATA_FIELDS,
)
from petition_management.rules.appraisal import Rate


def execute():
	assignments = ", ".join(
		f"`{NO_DATA_FIELDS[rate]}` = (`{base}` = 0)" for rate, (_count, base) in Rate.PARTS.items()
	)
	frappe.db.sql(f"update `tabPetition Appraisal` set {assignments}")
	metric_without_data = " or ".join(
		f"(line.metric = %({rate})s and appraisal.`{base}` = 0)"
		for rate, (_count, base) in Rate.PARTS.items()
	)
	frappe.db.sql(
		f"""update `tabPetition Appraisal Score Line` line
		join `tabPetition Appraisal` appraisal
			on appraisal.name = line.parent and line.parenttype = 'Petition Appraisal'
		set line.no_data = ({metric_without_data})
		where line.line_type = 'Metric'""",
		Rate.LABELS,
	)
