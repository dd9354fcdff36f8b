"""A case's lifecycle dates in order and not after today (rules/lifecycle_dates.py), on every save."""

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

	lines = [
		_("{0} cannot be after today.").format(named(p.field))
		if p.earlier is None
		else _("{0} cannot be before {1}.").format(named(p.field), named(p.earlier))
		for p in problems
	]
	frappe.throw("<br>".join(lines), LifecycleDateError, title=_("Dates Out of Order"))
