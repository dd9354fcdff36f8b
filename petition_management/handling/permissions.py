"""Row-level permissions of Petition Transfers and Petition Cases (hooks: permission_query_conditions
and has_permission).

- Petition Office, Director, Supervisor, System Manager, Administrator: no restriction.
- Reception Officer: no restriction on cases (they register them); no role permission on transfers.
- Unit Handler, Unit Head, Leader: the transfers to their units (`user_units`); for a lead unit also the
  co-units' transfers of the same case once their reply is accepted (never a co-unit's draft); and, read
  only, the cases with an active (not Withdrawn) transfer to one of their units.
"The cases a unit leads" is read from each transfer's `lead_unit` (the unit of its case's active lead
transfer, kept by the handling code), so the transfer rule needs no subquery. A user with several roles
gets the union. The query functions are set-based SQL; the has_permission functions apply the same rule
to one document and can only deny: they return False or None (no objection), never True, which would
silence another hook of the same DocType (Frappe takes the first answer that is not None).

Frappe lists a Workflow Action (the pending step of a document) to every user with the step's role; for
transfers and cases the same unit rule applies, so a unit never sees the names of another unit's
transfers there either.

Every rule is decided on the stored record (utils/scope.py): its transfers, its unit, its case, its key
leader and team as the database holds them; for anything but reading the incoming values must be in scope
too, so that nobody takes another unit's record by sending their own unit.
"""

import frappe

from petition_management.handling.transfers import TransferRole, TransferState, user_units
from petition_management.utils.scope import is_read, scope_rows

UNRESTRICTED_ROLES = frozenset(
	{"Administrator", "System Manager", "Petition Office", "Petition Director", "Petition Supervisor"}
)
# Reception registers cases, so it sees all of them (but no transfers).
CASE_UNRESTRICTED_ROLES = UNRESTRICTED_ROLES | {"Petition Reception Officer"}
DENY_ALL = "1=0"
CASE = "Petition Case"
KEY_TEAM = "Petition Key Team Member"


def _is_unrestricted(user: str, roles: frozenset[str]) -> bool:
	return user == "Administrator" or bool(roles & set(frappe.get_roles(user)))


def _sql_list(values: list[str]) -> str:
	return ", ".join(frappe.db.escape(value) for value in values)


def transfer_query(user: str | None = None) -> str:
	"""Two indexed branches (`unit`; `lead_unit`, `transfer_role`, `workflow_state`), no subquery: every
	transfer carries the unit of its case's active lead transfer (`lead_unit`, kept by
	handling.transfers.sync_case_lead_unit)."""
	user = user or frappe.session.user
	if _is_unrestricted(user, UNRESTRICTED_ROLES):
		return ""
	units = user_units(user)
	if not units:
		return DENY_ALL
	units_sql = _sql_list(units)
	return f"""(`tabPetition Transfer`.unit in ({units_sql})
		or (`tabPetition Transfer`.lead_unit in ({units_sql})
			and `tabPetition Transfer`.transfer_role = {frappe.db.escape(TransferRole.CO)}
			and `tabPetition Transfer`.workflow_state = {frappe.db.escape(TransferState.REPLY_ACCEPTED)}))"""


def transfer_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	return None if transfer_allowed(doc, ptype, user) else False


TRANSFER_SCOPE = ("unit", "lead_unit", "transfer_role", "workflow_state")


def transfer_allowed(doc, ptype: str | None = None, user: str | None = None) -> bool:
	"""Decided on the stored transfer, and for anything but reading on the incoming one too
	(utils/scope.py): a unit cannot take another unit's transfer by sending its own unit."""
	user = user or frappe.session.user
	if _is_unrestricted(user, UNRESTRICTED_ROLES):
		return True
	units = user_units(user)
	return all(_transfer_in_scope(row, ptype, units) for row in scope_rows(doc, TRANSFER_SCOPE, ptype))


def _transfer_in_scope(row, ptype: str | None, units: list[str]) -> bool:
	if row.get("unit") in units:
		return True
	return bool(
		is_read(ptype)
		and row.get("transfer_role") == TransferRole.CO
		and row.get("workflow_state") == TransferState.REPLY_ACCEPTED
		and row.get("lead_unit") in units
	)


def _unit_cases_sql(units_sql: str) -> str:
	"""Cases with an active transfer to one of the units."""
	return f"""select transfer.petition_case from `tabPetition Transfer` transfer
		where transfer.unit in ({units_sql})
		and ifnull(transfer.workflow_state, '') != {frappe.db.escape(TransferState.WITHDRAWN)}"""


def case_query(user: str | None = None) -> str:
	user = user or frappe.session.user
	if _is_unrestricted(user, CASE_UNRESTRICTED_ROLES):
		return ""
	units = user_units(user)
	key = key_cases_sql(user)
	if not units:
		return f"({key})"
	return f"(`tabPetition Case`.name in ({_unit_cases_sql(_sql_list(units))}) or {key})"


def key_cases_sql(user: str) -> str:
	"""A key case's responsible leader and team read it, whichever units handle it."""
	escaped = frappe.db.escape(user)
	return (
		f"`tabPetition Case`.key_leader = {escaped} or `tabPetition Case`.name in ("
		"select parent from `tabPetition Key Team Member` "
		f"where parenttype = 'Petition Case' and user = {escaped})"
	)


def is_stored_key_person(case_name: str, user: str) -> bool:
	"""The key leader or a key team member of the case as stored (never as a client sent it)."""
	return frappe.db.get_value(CASE, case_name, "key_leader") == user or bool(
		frappe.db.exists(KEY_TEAM, {"parent": case_name, "parenttype": CASE, "user": user})
	)


def case_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	return None if case_allowed(doc, ptype, user) else False


def case_allowed(doc, ptype: str | None = None, user: str | None = None) -> bool:
	"""A unit person reads, never writes, the cases their units handle; a key person reads the key case.
	Both are decided on the stored case: its transfers and its key leader and team."""
	user = user or frappe.session.user
	if _is_unrestricted(user, CASE_UNRESTRICTED_ROLES):
		return True
	if not is_read(ptype) or doc.is_new():
		return False
	return case_name_readable(doc.name, user)


def case_name_readable(case_name: str, user: str) -> bool:
	"""May a restricted user read the stored case of this name."""
	if is_stored_key_person(case_name, user):
		return True
	units = user_units(user)
	return bool(
		units
		and frappe.db.sql(
			f"select 1 from ({_unit_cases_sql(_sql_list(units))}) cases where cases.petition_case = %s limit 1",
			(case_name,),
		)
	)


# Workflow Actions of transfers and cases follow the rule of the document they point to.
ACTION_RULES = {"Petition Transfer": transfer_query, "Petition Case": case_query}


def workflow_action_query(user: str | None = None) -> str:
	user = user or frappe.session.user
	parts = []
	for doctype, query in ACTION_RULES.items():
		condition = query(user)
		if not condition:
			continue
		parts.append(
			f"""(`tabWorkflow Action`.reference_doctype != {frappe.db.escape(doctype)}
			or `tabWorkflow Action`.reference_name in (select `tab{doctype}`.name from `tab{doctype}` where {condition}))"""
		)
	return " and ".join(parts)


def workflow_action_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	if doc.reference_doctype not in ACTION_RULES or not doc.reference_name:
		return None
	if not frappe.db.exists(doc.reference_doctype, doc.reference_name):
		return None
	target = frappe.get_doc(doc.reference_doctype, doc.reference_name)
	allowed = transfer_allowed if doc.reference_doctype == "Petition Transfer" else case_allowed
	return None if allowed(target, "read", user) else False


# Extensions follow the case they extend: whoever may read the case may read its extension requests.
def extension_query(user: str | None = None) -> str:
	condition = case_query(user)
	if not condition:
		return ""
	return f"`tabPetition Extension`.petition_case in (select name from `tabPetition Case` where {condition})"


def extension_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	"""The stored case of an existing request, and for anything but reading (a new request included) the
	incoming case too, must be one the user may read."""
	user = user or frappe.session.user
	if _is_unrestricted(user, CASE_UNRESTRICTED_ROLES):
		return None
	cases = {row.get("petition_case") for row in scope_rows(doc, ("petition_case",), ptype)}
	cases.discard(None)
	cases.discard("")
	return None if all(case_name_readable(case, user) for case in cases) else False
