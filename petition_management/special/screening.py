"""Dispute screening (矛盾纠纷排查) every half month, the grassroots-resolution share, and who sees the
rounds and the mediation cases.

- `open_screening_rounds` (scheduler, the 1st and the 16th): one Draft round per active, non-group
  Handling Unit for the current half month, with the open disputes of the unit's previous round carried
  over. Running it again opens nothing more (a unique index on unit and period backs the check).
- `grassroots_share(period_start, period_end)`: over the Submitted rounds of the period, the disputes
  (a dispute carried over from round to round counts once) and the share resolved at the grassroots.
- Row-level permissions of Dispute Screening Round and Mediation Case: the office, the director, the
  supervisors and system managers see all; a unit's handlers, head and leader in charge see the unit's
  records and those of the units below it. Parties are described by type only; ID numbers and phone
  numbers are refused in the free text.
"""

import datetime
import re

import frappe
from frappe import _
from frappe.utils import getdate, nowdate

from petition_management.handling.permissions import UNRESTRICTED_ROLES
from petition_management.handling.transfers import user_units
from petition_management.rules.reception import grassroots_share as share_of
from petition_management.rules.reception import half_month_period
from petition_management.utils.scope import is_read, scope_rows, stored_values, validate_scope_change

ROUND = "Dispute Screening Round"
DISPUTE = "Screened Dispute"
MEDIATION = "Mediation Case"
DENY_ALL = "1=0"
WRITING_ROLES = frozenset({"Petition Unit Handler", "Petition Unit Head"})

# An 18-digit resident ID (or an old 15-digit one), or a mainland mobile number.
PERSONAL_NUMBER = re.compile(r"(?<![0-9])(?:[0-9]{17}[0-9Xx]|[0-9]{15}|1[3-9][0-9]{9})(?![0-9])")


class RoundStatus:
	DRAFT = "Draft"
	SUBMITTED = "Submitted"


class DisputeStatus:
	OPEN = "Open"
	RESOLVED = "Resolved"
	REFERRED = "Referred"


class ScreeningError(frappe.ValidationError):
	pass


class PersonalDataError(ScreeningError):
	"""An ID number or a phone number in a free-text field."""


def refuse_personal_numbers(text: str | None, label: str):
	if text and PERSONAL_NUMBER.search(text):
		frappe.throw(
			_(
				"{0} contains what looks like an ID number or a phone number. Describe the parties by type only and leave personal details out."
			).format(label),
			PersonalDataError,
			title=_("No Personal Details"),
		)


# --- permissions --------------------------------------------------------------------------------------


def is_unrestricted(user: str) -> bool:
	return user == "Administrator" or bool(UNRESTRICTED_ROLES & set(frappe.get_roles(user)))


def scoped_units(user: str | None = None) -> list[str]:
	"""The user's units (`user_units`) and every unit below them in the tree."""
	units = user_units(user or frappe.session.user)
	if not units:
		return []
	rows = frappe.db.sql(
		"""SELECT DISTINCT child.name FROM `tabHandling Unit` child
		JOIN `tabHandling Unit` unit ON child.lft >= unit.lft AND child.rgt <= unit.rgt
		WHERE unit.name IN %(units)s""",
		{"units": units},
	)
	return sorted({row[0] for row in rows} | set(units))


def _unit_query(doctype: str, user: str | None) -> str:
	user = user or frappe.session.user
	if is_unrestricted(user):
		return ""
	units = scoped_units(user)
	if not units:
		return DENY_ALL
	return f"`tab{doctype}`.unit in ({', '.join(frappe.db.escape(unit) for unit in units)})"


def unit_record_allowed(doc, ptype: str | None = None, user: str | None = None) -> bool:
	"""Read: the unit's people and its leaders; anything else: the unit's handlers and head. Decided on the
	stored unit of an existing record, and for anything but reading on the incoming unit too
	(utils/scope.py): a unit cannot take another unit's record by sending its own unit."""
	user = user or frappe.session.user
	if is_unrestricted(user):
		return True
	if not is_read(ptype) and not WRITING_ROLES & set(frappe.get_roles(user)):
		return False
	rows = scope_rows(doc, ("unit",), ptype)
	if not all(row.get("unit") for row in rows):
		# a new record gets its unit from its round (Mediation Case) or is refused as incomplete
		return bool(doc.is_new()) and len(rows) == 1
	units = scoped_units(user)
	return all(row.get("unit") in units for row in rows)


def _has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	"""Hooks can only deny: False or None (no objection)."""
	return None if unit_record_allowed(doc, ptype, user) else False


def round_query(user: str | None = None, doctype: str | None = None) -> str:
	return _unit_query(ROUND, user)


def round_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	return _has_permission(doc, ptype, user)


def mediation_query(user: str | None = None, doctype: str | None = None) -> str:
	return _unit_query(MEDIATION, user)


def mediation_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	return _has_permission(doc, ptype, user)


def validate_unit_permission(doc):
	"""The controllers' own check (the hook does not run when code saves with ignore_permissions): the
	stored unit and the incoming one are the user's, and only the office moves a record to another unit."""
	if doc.flags.ignore_permissions:
		return
	if not unit_record_allowed(doc, "write"):
		frappe.throw(
			_("You do not work for unit {0}, so you cannot change {1}.").format(
				frappe.bold(stored_unit(doc) or doc.unit), doc.name or _(doc.doctype)
			),
			frappe.PermissionError,
		)
	validate_scope_change(doc, ("unit",), is_unrestricted(frappe.session.user))


def stored_unit(doc) -> str | None:
	stored = stored_values(doc, ("unit",))
	return stored.unit if stored else None


# --- the half-monthly job ----------------------------------------------------------------------------


def units_without_round(period_start: datetime.date) -> list[str]:
	return frappe.db.sql_list(
		"""SELECT unit.name FROM `tabHandling Unit` unit
		WHERE unit.is_active = 1 AND unit.is_group = 0
			AND NOT EXISTS (SELECT 1 FROM `tabDispute Screening Round` r
				WHERE r.unit = unit.name AND r.period_start = %(start)s)
		ORDER BY unit.lft, unit.name""",
		{"start": period_start},
	)


def open_disputes_to_carry(units: list[str], period_start: datetime.date) -> dict[str, list[dict]]:
	"""The Open disputes of each unit's latest round before the period, in one query."""
	if not units:
		return {}
	rows = frappe.db.sql(
		"""SELECT r.unit, d.name, d.description, d.parties_type, d.kind, d.risk_level, d.measures,
			d.responsible_person, d.carried_from
		FROM `tabDispute Screening Round` r
		JOIN `tabScreened Dispute` d ON d.parent = r.name AND d.parenttype = %(round)s
		WHERE r.unit IN %(units)s AND d.status = %(open)s
			AND r.period_start = (SELECT MAX(p.period_start) FROM `tabDispute Screening Round` p
				WHERE p.unit = r.unit AND p.period_start < %(start)s)
		ORDER BY r.unit, d.idx""",
		{"round": ROUND, "units": units, "open": DisputeStatus.OPEN, "start": period_start},
		as_dict=True,
	)
	carried: dict[str, list[dict]] = {}
	for row in rows:
		carried.setdefault(row.unit, []).append(
			{
				"description": row.description,
				"parties_type": row.parties_type,
				"kind": row.kind,
				"risk_level": row.risk_level,
				"measures": row.measures,
				"responsible_person": row.responsible_person,
				"status": DisputeStatus.OPEN,
				"carried_from": row.carried_from or row.name,
			}
		)
	return carried


def open_screening_rounds(today: str | datetime.date | None = None) -> list[str]:
	"""Scheduler entry (cron, the 1st and 16th): open this half month's round for every active unit
	that has none yet; returns the names of the rounds opened."""
	period_start, period_end = half_month_period(getdate(today or nowdate()))
	units = units_without_round(period_start)
	carried = open_disputes_to_carry(units, period_start)
	opened = []
	for unit in units:
		doc = frappe.get_doc(
			{
				"doctype": ROUND,
				"unit": unit,
				"period_start": period_start,
				"period_end": period_end,
				"disputes": carried.get(unit, []),
			}
		)
		try:
			doc.insert(ignore_permissions=True)
		except frappe.UniqueValidationError:
			continue  # opened meanwhile by another run
		opened.append(doc.name)
	return opened


# --- the office's overview ---------------------------------------------------------------------------


def dispute_key_sql(alias: str = "d") -> str:
	"""A dispute carried over from round to round keeps the name of the row that first listed it."""
	return f"IF(IFNULL({alias}.carried_from, '') = '', {alias}.name, {alias}.carried_from)"


def _units_condition(column: str, units: list[str] | None) -> str:
	"""None: every unit; a list: those units only (none for an empty list)."""
	if units is None:
		return ""
	return f"AND {column} IN %(units)s" if units else "AND 1=0"


def grassroots_share(period_start, period_end, units: list[str] | None = None) -> dict:
	"""Disputes of the Submitted rounds starting within the period; carried-over rows count once, as
	resolved (at the grassroots) when any round says so. `units`: None for all, else only those.
	Returns totals, the shares and a row per unit."""
	condition = _units_condition("r.unit", units)
	rows = frappe.db.sql(
		f"""SELECT r.unit,
			COUNT(DISTINCT {dispute_key_sql()}) AS total,
			COUNT(DISTINCT IF(d.status = %(resolved)s, {dispute_key_sql()}, NULL)) AS resolved,
			COUNT(DISTINCT IF(d.status = %(resolved)s AND d.resolved_at_grassroots = 1,
				{dispute_key_sql()}, NULL)) AS grassroots,
			COUNT(DISTINCT IF(d.status = %(referred)s, {dispute_key_sql()}, NULL)) AS referred
		FROM `tabDispute Screening Round` r
		JOIN `tabScreened Dispute` d ON d.parent = r.name AND d.parenttype = %(round)s
		WHERE r.status = %(submitted)s AND r.period_start BETWEEN %(start)s AND %(end)s {condition}
		GROUP BY r.unit
		ORDER BY r.unit""",
		{
			"resolved": DisputeStatus.RESOLVED,
			"referred": DisputeStatus.REFERRED,
			"round": ROUND,
			"submitted": RoundStatus.SUBMITTED,
			"start": getdate(period_start),
			"end": getdate(period_end),
			"units": units or (),
		},
		as_dict=True,
	)
	by_unit = []
	for row in rows:
		total, resolved, grassroots = int(row.total), int(row.resolved), int(row.grassroots)
		by_unit.append(
			{
				"unit": row.unit,
				"total": total,
				"resolved": resolved,
				"grassroots": grassroots,
				"referred": int(row.referred),
				"grassroots_share": share_of(grassroots, total),
			}
		)
	total = sum(row["total"] for row in by_unit)
	resolved = sum(row["resolved"] for row in by_unit)
	grassroots = sum(row["grassroots"] for row in by_unit)
	return {
		"period_start": str(getdate(period_start)),
		"period_end": str(getdate(period_end)),
		"total": total,
		"resolved": resolved,
		"grassroots": grassroots,
		"referred": sum(row["referred"] for row in by_unit),
		"grassroots_share": share_of(grassroots, total),
		"resolved_share": share_of(resolved, total),
		"units": by_unit,
		"rounds": round_counts(period_start, period_end, units),
	}


def round_counts(period_start, period_end, units: list[str] | None = None) -> dict[str, int]:
	"""How many rounds of the period are Draft and Submitted."""
	condition = _units_condition("unit", units)
	rows = frappe.db.sql(
		f"""SELECT status, COUNT(*) FROM `tabDispute Screening Round`
		WHERE period_start BETWEEN %(start)s AND %(end)s {condition} GROUP BY status""",
		{"start": getdate(period_start), "end": getdate(period_end), "units": units or ()},
	)
	counts = {RoundStatus.DRAFT: 0, RoundStatus.SUBMITTED: 0}
	counts.update({status: int(count) for status, count in rows})
	return counts
