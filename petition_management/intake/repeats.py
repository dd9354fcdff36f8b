"""Repeat-petition look-up: the cases of the same people, ranked by the pure matching rules.

Only indexed columns are read (Petitioner Identity.id_number and phone_normalized, Petition Party.petitioner),
so the look-up touches the few cases of these people, never all cases. The identity values are compared
server-side and never returned.
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
		"Petitioner Identity",
		filters={"petitioner": ("in", petitioners)},
		fields=["petitioner as name", "id_number", "phone_normalized"],
	)
	ids = {r.id_number for r in rows if r.id_number} | {record_key(p) for p in petitioners}
	return ids, {r.phone_normalized for r in rows if r.phone_normalized}


def same_people(petitioners: list[str]) -> list[str]:
	"""These petitioners and every Petitioner record sharing an ID number or a phone with them (one
	statement, each branch on an indexed column)."""
	if not petitioners:
		return []
	return frappe.db.sql_list(
		"""
		select name from `tabPetitioner` where name in %(people)s
		union
		select other.petitioner from `tabPetitioner Identity` given
		join `tabPetitioner Identity` other on other.id_number = given.id_number
		where given.name in %(people)s and ifnull(given.id_number, '') != ''
		union
		select other.petitioner from `tabPetitioner Identity` given
		join `tabPetitioner Identity` other on other.phone_normalized = given.phone_normalized
		where given.name in %(people)s and ifnull(given.phone_normalized, '') != ''
		""",
		{"people": list(petitioners)},
	)


def candidate_cases(people: list[str], exclude: str | None) -> list[dict]:
	"""The cases of these people (at most MAX_CASES_PER_LOOKUP): open ones, final ones, and closed ones
	within the Settings' look-back window; each with the identity keys of all its parties. One statement:
	the cases and their parties' Petitioner rows, a row per party."""
	if not people:
		return []
	rows = frappe.db.sql(
		"""
		select c.name, c.category, c.subject, c.content, c.received_on, c.workflow_state, c.is_final,
			party.petitioner, pet.id_number, pet.phone_normalized
		from (
			select distinct parent from `tabPetition Party`
			where parenttype = 'Petition Case' and petitioner in %(people)s
			limit %(limit)s
		) mine
		join `tabPetition Case` c on c.name = mine.parent
		join `tabPetition Party` party on party.parent = c.name and party.parenttype = 'Petition Case'
		left join `tabPetitioner Identity` pet on pet.name = party.petitioner
		where c.name != %(exclude)s
		""",
		{"people": list(people), "limit": MAX_CASES_PER_LOOKUP, "exclude": exclude or ""},
		as_dict=True,
	)
	window_start = getdate(add_days(nowdate(), -int(get_settings().repeat_window_days or 365)))
	cases, people_of = {}, {}
	for row in rows:
		case = cases.setdefault(
			row.name,
			frappe._dict(
				name=row.name,
				category=row.category,
				subject=row.subject,
				content=row.content,
				received_on=row.received_on,
				workflow_state=row.workflow_state,
				is_final=row.is_final,
			),
		)
		if row.petitioner:
			people_of.setdefault(case.name, []).append(
				frappe._dict(
					name=row.petitioner, id_number=row.id_number, phone_normalized=row.phone_normalized
				)
			)
	for case in cases.values():
		set_identity_keys(case, people_of.get(case.name, []))
		case.is_open = is_open_case(case)
		case.in_window = getdate(case.received_on) >= window_start
	return [c for c in cases.values() if c.is_open or c.in_window or c.is_final]


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
