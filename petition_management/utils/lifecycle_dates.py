"""A case's lifecycle dates in order and not after today (rules/lifecycle_dates.py), on every save; and
the dates of the steps that follow a case in another record (a review request, a return visit) against
the case's step they follow."""

import frappe
from frappe import _
from frappe.utils import getdate, nowdate

from petition_management.rules.lifecycle_dates import CASE_ORDER, date_problems
from petition_management.utils.translation import label


class LifecycleDateError(frappe.ValidationError):
	pass


def as_date(doc, fieldname: str):
	value = doc.get(fieldname)
	if value in (None, ""):
		return None
	try:
		return getdate(value)
	except Exception:
		frappe.throw(
			_("{0}: {1} is not a date.").format(frappe.bold(label(doc.meta, fieldname)), frappe.bold(value)),
			LifecycleDateError,
		)


def validate_case_dates(doc):
	"""Every date the save changed, against today and the steps before and after it: all at once."""
	dates = {fieldname: as_date(doc, fieldname) for fieldname in CASE_ORDER}
	before = doc.get_doc_before_save()
	changed = [f for f in CASE_ORDER if before is None or (as_date(before, f) != dates[f])]
	problems = date_problems(dates, getdate(nowdate()), changed)
	if not problems:
		return

	def named(fieldname: str) -> str:
		return "{} ({})".format(
			frappe.bold(label(doc.meta, fieldname)), frappe.format(dates[fieldname], "Date")
		)

	refuse(problems, named)


def refuse(problems, named) -> None:
	lines = [
		_("{0} cannot be after today.").format(named(p.field))
		if p.earlier is None
		else _("{0} cannot be before {1}.").format(named(p.field), named(p.earlier))
		for p in problems
	]
	frappe.throw("<br>".join(lines), LifecycleDateError, title=_("Dates Out of Order"))


def validate_follows_case(doc, fieldname: str, case: dict, case_fields: tuple[str, ...]) -> None:
	"""`doc.fieldname` not after today and not before the first of `case_fields` the case has reached
	(e.g. a review request after the reply's delivery, else the reply): named with the case's label."""
	value = as_date(doc, fieldname)
	step = next((f for f in case_fields if case.get(f)), None)
	dates = {"case": getdate(case[step]) if step else None, fieldname: value}
	problems = date_problems(dates, getdate(nowdate()), [fieldname], order=("case", fieldname))
	if not problems:
		return
	case_meta = frappe.get_meta("Petition Case")

	def named(key: str) -> str:
		if key == "case":
			return "{} {} ({})".format(
				_("Petition Case"), frappe.bold(label(case_meta, step)), frappe.format(dates["case"], "Date")
			)
		return "{} ({})".format(frappe.bold(label(doc.meta, key)), frappe.format(dates[key], "Date"))

	refuse(problems, named)
