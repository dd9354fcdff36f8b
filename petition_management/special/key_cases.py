"""Key cases (重点信访事项): one issue, one leader, one team.

A Petition Case marked key has a responsible leader (an enabled user with the role Petition Leader)
and a team of users. The leader's visits on the case are logged until the case is Closed or Archived:
each visit is made by the key leader or by a team member who is a leader, on a day not in the future
(and not before the case was received), and a logged visit can never be changed or removed.

`validate_key_case(case_doc)` is called by the Petition Case controller's validate; it may also be
called on its own, outside a save, in which case the stored case is the reference.
"""

import frappe
from frappe import _
from frappe.utils import getdate, nowdate

LEADER_ROLE = "Petition Leader"
CASE_STATES_CLOSED = ("Closed", "Archived")
VISIT_FIELDS = ("visit_date", "leader", "visit_note")


class KeyCaseError(frappe.ValidationError):
	pass


class KeyLeaderError(KeyCaseError):
	pass


class KeyTeamError(KeyCaseError):
	pass


class LeaderVisitError(KeyCaseError):
	pass


class LeaderVisitLockedError(LeaderVisitError):
	"""A logged leader's visit changed or removed."""


def validate_key_case(case_doc):
	before = _stored_case(case_doc)
	validate_key_leader(case_doc, before)
	validate_key_team(case_doc, before)
	validate_leader_visits(case_doc, before)


def _stored_case(case_doc):
	before = case_doc.get_doc_before_save()
	if before is None and not case_doc.is_new() and frappe.db.exists(case_doc.doctype, case_doc.name):
		before = frappe.get_doc(case_doc.doctype, case_doc.name)
	return before


def is_enabled_user(user: str | None) -> bool:
	return bool(user and frappe.db.get_value("User", {"name": user, "enabled": 1}))


def is_leader(user: str | None) -> bool:
	return is_enabled_user(user) and LEADER_ROLE in frappe.get_roles(user)


def team_members(case_doc) -> list[str]:
	return [row.user for row in case_doc.get("key_team") or [] if row.user]


def key_people(case_doc) -> set[str]:
	"""The key leader and the team: the people who may log a leader's visit (if they are leaders)."""
	return {user for user in [case_doc.get("key_leader"), *team_members(case_doc)] if user}


def validate_key_leader(case_doc, before=None):
	if not case_doc.get("is_key_case"):
		return
	if not case_doc.get("key_leader"):
		frappe.throw(
			_("A key case needs its responsible leader."),
			KeyLeaderError,
			title=_("Responsible Leader Missing"),
		)
	changed = (
		before is None or before.get("key_leader") != case_doc.key_leader or not before.get("is_key_case")
	)
	if changed and not is_leader(case_doc.key_leader):
		frappe.throw(
			_("The responsible leader {0} must be an enabled user with the role Petition Leader.").format(
				frappe.bold(case_doc.key_leader)
			),
			KeyLeaderError,
			title=_("Not a Leader"),
		)


def validate_key_team(case_doc, before=None):
	old_team = set(team_members(before)) if before else set()
	seen = set()
	for row in case_doc.get("key_team") or []:
		if row.user in seen:
			frappe.throw(
				_("{0} is listed twice in the key case team.").format(frappe.bold(row.user)), KeyTeamError
			)
		seen.add(row.user)
		if row.user not in old_team and not is_enabled_user(row.user):
			frappe.throw(
				_("{0} is not an enabled user, so they cannot join the key case team.").format(
					frappe.bold(row.user)
				),
				KeyTeamError,
			)


def validate_leader_visits(case_doc, before=None):
	old_rows = {row.name: row for row in (before.get("leader_visits") or [])} if before else {}
	rows = case_doc.get("leader_visits") or []
	kept = {row.name for row in rows if row.name in old_rows}
	removed = [old_rows[name] for name in old_rows if name not in kept]
	if removed:
		frappe.throw(
			_("A logged leader's visit cannot be removed (the visit of {0} on {1}).").format(
				removed[0].leader, frappe.format(removed[0].visit_date, "Date")
			),
			LeaderVisitLockedError,
			title=_("Visit Log Is Kept"),
		)
	for row in rows:
		old = old_rows.get(row.name)
		if old is not None:
			validate_unchanged(row, old)
		else:
			validate_new_visit(case_doc, row)


def validate_unchanged(row, old):
	for fieldname in VISIT_FIELDS:
		new_value, old_value = row.get(fieldname), old.get(fieldname)
		if fieldname == "visit_date":
			new_value, old_value = (
				getdate(new_value) if new_value else None,
				getdate(old_value) if old_value else None,
			)
		if (new_value or None) != (old_value or None):
			frappe.throw(
				_("Row {0}: a logged leader's visit cannot be changed; log a new visit instead.").format(
					row.idx
				),
				LeaderVisitLockedError,
				title=_("Visit Log Is Kept"),
			)


def validate_new_visit(case_doc, row):
	if not row.leader:
		row.leader = frappe.session.user
	if not case_doc.get("is_key_case"):
		frappe.throw(
			_("Row {0}: leaders' visits are logged on key cases only.").format(row.idx), LeaderVisitError
		)
	state = case_doc.get("workflow_state")
	if state in CASE_STATES_CLOSED:
		frappe.throw(
			_("Row {0}: case {1} is {2}, so no more leaders' visits can be logged.").format(
				row.idx, case_doc.name, _(state)
			),
			LeaderVisitError,
			title=_("Case Closed"),
		)
	if row.leader not in key_people(case_doc) or not is_leader(row.leader):
		frappe.throw(
			_(
				"Row {0}: {1} is not the responsible leader or a leader of the key case team, so their visit cannot be logged here."
			).format(row.idx, frappe.bold(row.leader)),
			LeaderVisitError,
			title=_("Not a Key Case Leader"),
		)
	if not row.visit_date:
		row.visit_date = nowdate()
	visit_date = getdate(row.visit_date)
	if visit_date > getdate(nowdate()):
		frappe.throw(
			_("Row {0}: the visit date {1} is in the future.").format(
				row.idx, frappe.format(visit_date, "Date")
			),
			LeaderVisitError,
		)
	received = case_doc.get("received_on")
	if received and visit_date < getdate(received):
		frappe.throw(
			_("Row {0}: the visit date {1} is before the case was received ({2}).").format(
				row.idx, frappe.format(visit_date, "Date"), frappe.format(received, "Date")
			),
			LeaderVisitError,
		)


# --- lists ------------------------------------------------------------------------------------------------


def key_cases_of(user: str) -> list[dict]:
	"""The key cases whose responsible leader or team includes `user`, with their visit counts; one query."""
	return frappe.db.sql(
		"""SELECT c.name, c.subject, c.workflow_state, c.key_leader, c.lead_unit, c.current_due,
			c.deadline_status, c.received_on, (c.key_leader = %(user)s) AS is_responsible_leader,
			COUNT(v.name) AS visit_count, MAX(v.visit_date) AS last_visit
		FROM `tabPetition Case` c
		LEFT JOIN `tabPetition Leader Visit` v ON v.parent = c.name AND v.parenttype = 'Petition Case'
			AND v.parentfield = 'leader_visits'
		WHERE c.is_key_case = 1 AND (
			c.key_leader = %(user)s OR EXISTS (
				SELECT 1 FROM `tabPetition Key Team Member` m
				WHERE m.parent = c.name AND m.parenttype = 'Petition Case' AND m.user = %(user)s))
		GROUP BY c.name
		ORDER BY (c.workflow_state IN %(closed)s), c.current_due IS NULL, c.current_due, c.name""",
		{"user": user, "closed": CASE_STATES_CLOSED},
		as_dict=True,
	)


def key_case_route(user: str) -> str:
	"""The desk list of a leader's key cases (responsible leader)."""
	return f"/app/petition-case?is_key_case=1&key_leader={user}"
