"""Gather the appraisal figures of many units at once: one grouped SQL query per figure for all the
units, whatever the number of cases (never a query per unit or per case).

Each figure is one `FigureQuery`: the unit it is grouped by, the case it counts and the FROM/WHERE body.
The same body gives the count of every unit (`gather`) and the names of one unit's cases
(`case_names`), so the drill-down list of a figure is exactly the cases it counted. The conditions
follow the definitions of petition_management/rules/appraisal.py (`case_sets` there is the reference
the bench tests compare these queries with).
"""

from dataclasses import dataclass
from datetime import date, timedelta

import frappe

from petition_management.handling.transfers import TransferState
from petition_management.rules.appraisal import SATISFIED_VALUES, Figure

SETTLED_ON = "coalesce(c.replied_on, c.closed_on)"
PERIOD_CASES = "c.lead_unit in %(units)s and c.received_on between %(start)s and %(end)s"
DECIDED = f"{PERIOD_CASES} and c.decided_on is not null and c.acceptance_due is not null"
SETTLE_DUE = f"""{PERIOD_CASES} and c.handling_due is not null
	and ({SETTLED_ON} <= %(as_of)s or c.handling_due < %(as_of)s)"""
SETTLED = f"{PERIOD_CASES} and {SETTLED_ON} <= %(as_of)s"
REPEAT_IN_WINDOW = f"""exists (select 1 from `tabPetition Repeat Note` r
	where r.parent = c.name and r.parenttype = 'Petition Case' and r.parentfield = 'repeat_notes'
	and r.repeat_date > {SETTLED_ON} and r.repeat_date <= date_add({SETTLED_ON}, interval %(window)s day))"""
SURVEYED = f"{PERIOD_CASES} and ifnull(c.satisfaction, '') != ''"
CASES = "from `tabPetition Case` c where"
# A transfer's finishing day: when the office accepted its reply.
FINISHED_ON = "(case when t.workflow_state = %(reply_accepted)s then date(t.office_decision_on) end)"


@dataclass(frozen=True)
class FigureQuery:
	unit: str
	"""The expression of the unit the figure belongs to."""
	case: str
	"""The expression of the case it counts (counted once per unit)."""
	body: str
	"""FROM ... WHERE ..., restricted to the units in %(units)s."""


QUERIES = {
	Figure.RECEIVED: FigureQuery("c.lead_unit", "c.name", f"{CASES} {PERIOD_CASES}"),
	Figure.DECIDED: FigureQuery("c.lead_unit", "c.name", f"{CASES} {DECIDED}"),
	Figure.ACCEPTED_ON_TIME: FigureQuery(
		"c.lead_unit", "c.name", f"{CASES} {DECIDED} and c.decided_on <= c.acceptance_due"
	),
	Figure.SETTLE_DUE: FigureQuery("c.lead_unit", "c.name", f"{CASES} {SETTLE_DUE}"),
	Figure.SETTLED_ON_TIME: FigureQuery(
		"c.lead_unit", "c.name", f"{CASES} {SETTLE_DUE} and {SETTLED_ON} <= c.handling_due"
	),
	Figure.SETTLED: FigureQuery("c.lead_unit", "c.name", f"{CASES} {SETTLED}"),
	Figure.RESOLVED_ONCE: FigureQuery(
		"c.lead_unit", "c.name", f"{CASES} {SETTLED} and not {REPEAT_IN_WINDOW}"
	),
	Figure.SURVEYED: FigureQuery("c.lead_unit", "c.name", f"{CASES} {SURVEYED}"),
	Figure.SATISFIED: FigureQuery(
		"c.lead_unit", "c.name", f"{CASES} {SURVEYED} and c.satisfaction in %(satisfied_values)s"
	),
	Figure.OVERDUE: FigureQuery(
		"t.unit",
		"t.petition_case",
		f"""from `tabPetition Transfer` t
		where t.unit in %(units)s and t.petition_case is not null
		and ifnull(t.workflow_state, '') != %(withdrawn)s
		and t.due_date between %(start)s and %(end)s
		and t.due_date < least(coalesce({FINISHED_ON}, %(as_of)s), %(as_of)s)""",
	),
	Figure.REPEATED: FigureQuery(
		"c.lead_unit",
		"c.name",
		"""from `tabPetition Case` c join `tabPetition Repeat Note` r
			on r.parent = c.name and r.parenttype = 'Petition Case' and r.parentfield = 'repeat_notes'
		where c.lead_unit in %(units)s and r.repeat_date between %(start)s and %(end)s""",
	),
	Figure.SUPERVISED: FigureQuery(
		"s.unit",
		"s.petition_case",
		"""from `tabPetition Supervision` s
		where s.unit in %(units)s and s.petition_case is not null
		and s.ordered_on >= %(start)s and s.ordered_on < %(day_after_end)s""",
	),
	Figure.CROSS_LEVEL: FigureQuery("c.lead_unit", "c.name", f"{CASES} {PERIOD_CASES} and c.cross_level = 1"),
}


def _params(
	units: list[str] | tuple[str, ...], start: date, end: date, as_of: date, window_days: int
) -> dict:
	return {
		"units": tuple(units),
		"start": start,
		"end": end,
		"day_after_end": end + timedelta(days=1),
		"as_of": as_of,
		"window": int(window_days),
		"satisfied_values": tuple(sorted(SATISFIED_VALUES)),
		"withdrawn": TransferState.WITHDRAWN,
		"reply_accepted": TransferState.REPLY_ACCEPTED,
	}


def gather(
	units: list[str], start: date, end: date, as_of: date, window_days: int
) -> dict[str, dict[str, int]]:
	"""Every figure of every unit: {unit: {figure: count}}, one query per figure."""
	result = {unit: dict.fromkeys(Figure.ALL, 0) for unit in units}
	if not units:
		return result
	params = _params(units, start, end, as_of, window_days)
	for code, query in QUERIES.items():
		rows = frappe.db.sql(
			f"select {query.unit}, count(distinct {query.case}) {query.body} group by {query.unit}", params
		)
		for unit, count in rows:
			if unit in result:
				result[unit][code] = count
	return result


def case_names(figure: str, unit: str, start: date, end: date, as_of: date, window_days: int) -> list[str]:
	"""The names of the cases behind one unit's figure, in name order."""
	query = QUERIES[figure]
	rows = frappe.db.sql(
		f"select distinct {query.case} {query.body} order by 1",
		_params((unit,), start, end, as_of, window_days),
	)
	return [row[0] for row in rows]
