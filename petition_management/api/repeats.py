"""Repeat-petition look-up for the registration forms."""

import json

import frappe
from frappe import _

from petition_management.intake.repeats import find_repeats


@frappe.whitelist()
def find_repeat_candidates(
	petitioners: str | list[str],
	category: str | None = None,
	text: str | None = None,
	exclude: str | None = None,
) -> list[dict]:
	"""Open or recent cases of the same people on a similar matter, best first.

	Returns case names, subjects and reason codes only: never an ID number or a phone."""
	frappe.has_permission("Petition Case", "create", throw=True)  # an intake tool: who registers cases
	if isinstance(petitioners, str):
		petitioners = json.loads(petitioners) if petitioners.startswith("[") else [petitioners]
	if not isinstance(petitioners, list) or not all(isinstance(p, str) for p in petitioners):
		frappe.throw(_("Petitioners must be a list of Petitioner IDs."), frappe.ValidationError)
	matches = find_repeats([p for p in petitioners if p], category=category, text=text, exclude=exclude)
	subjects = dict(
		frappe.get_all(
			"Petition Case",
			filters={"name": ("in", [m.case_name for m in matches])},
			fields=["name", "subject"],
			as_list=True,
		)
	)
	return [
		{
			"case": m.case_name,
			"subject": subjects.get(m.case_name),
			"score": m.score,
			"similarity": m.similarity,
			"reasons": list(m.reasons),
		}
		for m in matches
	]
