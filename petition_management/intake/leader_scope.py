"""What a leader sees of the intake: the letters, visits and petitioners of the cases they see.

A Petition Leader is a unit's leader in charge: like its cases (handling/permissions.py), a leader sees
the letters and visits that became a case of their units (or a key case of theirs), the visits they
received themselves or were told of as the unit's leader in charge, and the petitioners of those cases
and visits. Everything else stays with the roles that work the intake for the whole bureau: reception,
the petition office, the director, supervisors and system managers see every letter, visit and
petitioner; a leader who also holds one of those roles gets that role's view.

The rules are SQL conditions (`permission_query_conditions`) and, for one record, the same condition
asked of its stored row (`has_permission`, which can only deny): the incoming values never decide.
"""

import frappe

from petition_management.handling.permissions import UNRESTRICTED_ROLES, case_query

LEADER = "Petition Leader"
INTAKE_UNRESTRICTED_ROLES = UNRESTRICTED_ROLES | {"Petition Reception Officer"}
LETTER, VISIT, PETITIONER = "Petition Letter", "Petition Visit", "Petitioner"


def is_restricted_leader(user: str) -> bool:
	if user == "Administrator":
		return False
	roles = set(frappe.get_roles(user))
	return LEADER in roles and not roles & INTAKE_UNRESTRICTED_ROLES


def visible_cases_sql(user: str) -> str:
	return f"select `tabPetition Case`.name from `tabPetition Case` where {case_query(user)}"


def own_visits_sql(user: str) -> str:
	who = frappe.db.escape(user)
	return f"""select own.name from `tabPetition Visit` own
		where own.receiving_leader = {who} or own.leader_in_charge = {who}"""


def letter_condition(user: str) -> str:
	return f"`tabPetition Letter`.petition_case in ({visible_cases_sql(user)})"


def visit_condition(user: str) -> str:
	who = frappe.db.escape(user)
	return f"""(`tabPetition Visit`.petition_case in ({visible_cases_sql(user)})
		or `tabPetition Visit`.receiving_leader = {who} or `tabPetition Visit`.leader_in_charge = {who})"""


def petitioner_condition(user: str) -> str:
	return f"""`tabPetitioner`.name in (
		select party.petitioner from `tabPetition Party` party
		where (party.parenttype = 'Petition Case' and party.parent in ({visible_cases_sql(user)}))
			or (party.parenttype = 'Petition Visit' and party.parent in ({own_visits_sql(user)})))"""


CONDITIONS = {LETTER: letter_condition, VISIT: visit_condition, PETITIONER: petitioner_condition}


def query(doctype: str, user: str | None) -> str:
	user = user or frappe.session.user
	return CONDITIONS[doctype](user) if is_restricted_leader(user) else ""


def letter_query(user: str | None = None, doctype: str | None = None) -> str:
	return query(LETTER, user)


def visit_query(user: str | None = None, doctype: str | None = None) -> str:
	return query(VISIT, user)


def petitioner_query(user: str | None = None, doctype: str | None = None) -> str:
	return query(PETITIONER, user)


def allowed(doc, user: str | None) -> bool | None:
	"""None (no objection) or False, decided on the stored row; a new record is not a leader's to make."""
	user = user or frappe.session.user
	if not is_restricted_leader(user):
		return None
	if doc.is_new() or not doc.get("name"):
		return False
	condition = CONDITIONS[doc.doctype](user)
	found = frappe.db.sql(
		f"select 1 from `tab{doc.doctype}` where `tab{doc.doctype}`.name = %s and {condition}", doc.name
	)
	return None if found else False


def letter_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	return allowed(doc, user)


def visit_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	return allowed(doc, user)


def petitioner_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	return allowed(doc, user)
