"""A unit user's reports: their own units' work, labelled as such; the cases they co-handle counted apart,
as co-handled; never a figure of another unit.

A unit's people read more cases than their units lead: the cases they co-handle (led by another unit) and,
as a key-case leader or team member, key cases of any unit (handling/permissions.py). Counted together
and grouped by lead unit, those made rows of other units with partial counts. So a user whose case list
is restricted (the Scope has match conditions) is a unit user: their reports count the cases their units
lead and the transfers to their units; the cases they co-handle come in rows of their own, "Handled As"
Co-handling Unit, each count opening the list of exactly its cases; key cases of other units are no part
of a unit's figures. The Petition Office, the Director, supervisors, reception and system managers see
every case, and every unit's row, as before.
"""

from dataclasses import dataclass

import frappe
from frappe import _

from petition_management.handling.transfers import TransferRole, TransferState, user_units
from petition_management.reports.grouped import Dimension, Measure, count_by, grouped_rows, total_row
from petition_management.reports.query import Filter, Period, Scope

PART = "part"  # fieldname of the column that says how the unit handled the row's cases


class Part:
	"""How a unit user's unit handled the cases of a row: the values of the PART column."""

	@staticmethod
	def lead() -> str:
		return _("Lead Unit")

	@staticmethod
	def co() -> str:
		return _("Co-handling Unit")


@dataclass(frozen=True)
class UnitView:
	"""The units a unit user works for (handling.transfers.user_units)."""

	units: tuple[str, ...]

	def names(self) -> str:
		return ", ".join(self.units)

	def own_cases(self) -> list[Filter]:
		"""The cases the units lead."""
		return [("lead_unit", "in", list(self.units))]

	def own_transfers(self) -> list[Filter]:
		"""The transfers to the units, as lead or as co-handling unit."""
		return [("unit", "in", list(self.units))]

	def co_handled(self, table: str) -> str:
		"""SQL: the cases the units co-handle (an active co-handling transfer) and another unit (or none yet)
		leads. No list filter can say it: their counts drill down to their names (Measure.named)."""
		units = ", ".join(frappe.db.escape(unit) for unit in self.units)
		return f"""{table}.name in (select co.petition_case from `tabPetition Transfer` co
			where co.unit in ({units}) and co.transfer_role = {frappe.db.escape(TransferRole.CO)}
			and ifnull(co.workflow_state, '') != {frappe.db.escape(TransferState.WITHDRAWN)})
			and ifnull({table}.lead_unit, '') not in ({units})"""

	def message(self) -> str:
		return _(
			"Figures of the cases your unit leads ({0}). The cases it co-handles, which another unit leads, are counted apart, as co-handled."
		).format(self.names())


def unit_view(scope: Scope) -> UnitView | None:
	"""None for a user who reads every record of the scope's DocType; else the units the user works for
	(none: a user tied to no unit, whose reports then show no unit's figures)."""
	if not scope.match:
		return None
	return UnitView(tuple(user_units(scope.user)))


def no_unit_message() -> str:
	return _(
		"No handling unit is tied to you: these figures are a unit's own work, so there are none to show."
	)


def part_column() -> dict:
	return {"fieldname": PART, "label": _("Handled As"), "fieldtype": "Data", "width": 150}


def unit_grouped_rows(
	scope: Scope,
	view: UnitView,
	dimension: Dimension,
	base: list[Filter],
	measures: list[Measure],
	period: Period | None,
) -> list[dict]:
	"""A unit user's rows of a grouped case report: the cases the units lead, grouped, and their total;
	then, when there are any, the cases they co-handle (co_handled_rows)."""
	own_base = [*base, *view.own_cases()]
	counts = count_by(scope, dimension, own_base, measures)
	rows = grouped_rows(scope, dimension, own_base, measures, period, counts)
	for row in rows:
		row[PART] = Part.lead()
	return rows + co_handled_rows(scope, view, dimension, base, measures, period)


def co_handled_rows(
	scope: Scope,
	view: UnitView,
	dimension: Dimension,
	base: list[Filter],
	measures: list[Measure],
	period: Period | None,
) -> list[dict]:
	"""The cases the units co-handle, grouped (only the groups that have some) with their total; grouped
	by lead unit, only their total (each group would be another unit's). Each count drills down to the
	names of its cases."""
	named = [measure.named(scope) for measure in measures]
	counts = count_by(scope, dimension, base, named, condition=view.co_handled(scope.table))
	if not counts:
		return []
	if dimension.fieldname == "lead_unit":
		rows = [total_row(scope.doctype, base, named, counts)]
	else:
		rows = [
			row
			for row in grouped_rows(scope, dimension, base, named, period, counts)
			if row.get("_total") or row["_key"] in counts
		]
	for row in rows:
		row[PART] = Part.co()
	return rows


def own_rows(rows: list[dict]) -> list[dict]:
	"""The rows of the units' own cases (all the rows of a user who sees every unit)."""
	return [row for row in rows if row.get(PART, Part.lead()) == Part.lead()]
