"""Repeat-petition look-up: the cases of the same people, ranked by the pure matching rules.

Only indexed columns are read (Petitioner.id_number, Petitioner.phone_normalized, Petition Party.petitioner),
so the look-up touches the few cases of these people, never all cases.
"""

import frappe
from frappe.utils import add_days, getdate, nowdate, strip_html_tags

from petition_management.petition_management.doctype.petition_settings.petition_settings import get_settings
from petition_management.rules.repeats import Candidate, Incoming, Match, rank_candidates

MAX_CASES_PER_LOOKUP = 200


def record_key(petitioner: str) -> str:
	"""The same Petitioner record is the same identity, even with no ID number or phone on file."""
	return f"record:{petitioner}"


def identity_keys(petitioners: list[str]) -> tuple[set[str], set[str]]:
	"""(identity numbers incl. record keys, normalized phones) of these petitioners."""
	if not petitioners:
		return set(), set()
	rows = frappe.get_all(
		"Petitioner",
		filters={"name": ("in", petitioners)},
		fields=["name", "id_number", "phone_normalized"],
	)
	ids = {r.id_number for r in rows if r.id_number} | {record_key(r.name) for r in rows}
	return ids, {r.phone_normalized for r in rows if r.phone_normalized}


def same_people(petitioners: list[str]) -> list[str]:
	"""These petitioners and every Petitioner record sharing an ID number or a phone with them."""
	id_numbers, phones = identity_keys(petitioners)
	id_numbers = {i for i in id_numbers if not i.startswith("record:")}
	people = set(petitioners)
	if id_numbers:
		people.update(
			frappe.get_all("Petitioner", filters={"id_number": ("in", list(id_numbers))}, pluck="name")
		)
	if phones:
		people.update(
			frappe.get_all("Petitioner", filters={"phone_normalized": ("in", list(phones))}, pluck="name")
		)
	return list(people)


def candidate_cases(people: list[str], exclude: str | None) -> list[dict]:
	"""The cases of these people: open ones, and closed ones within the Settings' look-back window."""
	if not people:
		return []
	case_names = frappe.get_all(
		"Petition Party",
		filters={"parenttype": "Petition Case", "petitioner": ("in", people)},
		pluck="parent",
		distinct=True,
		limit=MAX_CASES_PER_LOOKUP,
	)
	case_names = [n for n in case_names if n != exclude]
	if not case_names:
		return []
	cases = frappe.get_all(
		"Petition Case",
		filters={"name": ("in", case_names)},
		fields=["name", "category", "subject", "content", "received_on", "workflow_state", "is_final"],
	)
	window_start = getdate(add_days(nowdate(), -int(get_settings().repeat_window_days or 365)))
	parties = frappe.get_all(
		"Petition Party",
		filters={"parenttype": "Petition Case", "parent": ("in", case_names)},
		fields=["parent", "petitioner"],
	)
	keys = {
		p.name: p
		for p in frappe.get_all(
			"Petitioner",
			filters={"name": ("in", list({p.petitioner for p in parties}))},
			fields=["name", "id_number", "phone_normalized"],
		)
	}
	for case in cases:
		people_of_case = [
			keys[p.petitioner] for p in parties if p.parent == case.name and p.petitioner in keys
		]
		set_identity_keys(case, people_of_case)
		case.is_open = is_open_case(case)
		case.in_window = getdate(case.received_on) >= window_start
	return [c for c in cases if c.is_open or c.in_window or c.is_final]


FINISHED_STATES = ("Closed", "Archived", "Not Accepted")


def is_open_case(case) -> bool:
	return case.get("workflow_state") not in FINISHED_STATES


def set_identity_keys(case, people_of_case: list) -> None:
	"""The case's identity numbers (with record keys) and phones, from its parties' Petitioner rows."""
	case.id_numbers = {p.id_number for p in people_of_case if p.id_number} | {
		record_key(p.name) for p in people_of_case
	}
	case.phones = {p.phone_normalized for p in people_of_case if p.phone_normalized}


def incoming_petition(petitioners: list[str], category: str | None, text: str | None) -> Incoming:
	"""The new petition as the matching rules see it, received today."""
	id_numbers, phones = identity_keys(petitioners)
	return Incoming(
		id_numbers=frozenset(id_numbers),
		phones=frozenset(phones),
		category=category,
		content=strip_html_tags(text or ""),
		received_on=getdate(nowdate()),
	)


def as_candidate(case, content: str, is_open: bool, is_final: bool) -> Candidate:
	"""A stored case (with its identity keys set) as the matching rules see it."""
	return Candidate(
		case_name=case.name,
		id_numbers=frozenset(case.id_numbers),
		phones=frozenset(case.phones),
		category=case.category,
		content=strip_html_tags(content),
		received_on=getdate(case.received_on),
		is_open=is_open,
		is_final=is_final,
	)


def find_repeats(
	petitioners: list[str],
	category: str | None = None,
	text: str | None = None,
	exclude: str | None = None,
	limit: int = 5,
) -> list[Match]:
	candidates = [
		as_candidate(c, c.content or c.subject or "", is_open=c.is_open, is_final=bool(c.get("is_final")))
		for c in candidate_cases(same_people(petitioners), exclude)
	]
	return rank_candidates(incoming_petition(petitioners, category, text), candidates, limit=limit)
