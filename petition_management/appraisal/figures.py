"""Gather the appraisal figures of many units at once: a few grouped SQL queries for all the units,
whatever the number of units or cases (never a query per unit or per case).

Each figure is one `FigureQuery`: the unit it is grouped by, the case it counts and the FROM/WHERE body.
The same body gives the names of one unit's cases (`case_names`), so the drill-down list of a figure is
exactly the cases it counted; `case_lists` gives the names behind every figure of one unit at once, which
an appraisal keeps when it leaves Draft. The conditions follow the definitions of
petition_management/rules/appraisal/ (`case_sets` in its reference.py is the reference the bench tests
compare these queries with).

`gather` counts the same conditions, faster (README, Benchmark): the figures of the period's cases in one
pass over the covering index of Petition Case (`CASE_CONDITIONS`, one conditional count each: a case
belongs to one lead unit, so counting rows is counting distinct cases), the overdue transfers' (unit,
case) pairs counted in Python (no sort of wide keys on the server), then the repeated and supervised
figures. Every statement lets MariaDB dive into the index for each unit of the `IN` list
(`eq_range_index_dive_limit=0`): past its default limit of 200 values it guesses instead and reads the
whole table.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

import frappe

from petition_management.handling.transfers import TransferState
from petition_management.rules.appraisal import SATISFIED_VALUES, Figure

SETTLED_ON = "coalesce(c.replied_on, c.closed_on)"
PERIOD_CASES = "c.lead_unit in %(units)s and c.received_on between %(start)s and %(end)s"
DECIDED = "c.decided_on is not null and c.acceptance_due is not null"
SETTLE_DUE = f"""c.handling_due is not null
	and ({SETTLED_ON} <= %(as_of)s or c.handling_due < %(as_of)s)"""
SETTLED = f"{SETTLED_ON} <= %(as_of)s"
REPEAT_IN_WINDOW = f"""exists (select 1 from `tabPetition Repeat Note` r
	where r.parent = c.name and r.parenttype = 'Petition Case' and r.parentfield = 'repeat_notes'
	and r.repeat_date > {SETTLED_ON} and r.repeat_date <= date_add({SETTLED_ON}, interval %(window)s day))"""
SURVEYED = "ifnull(c.satisfaction, '') != ''"
CASES = "from `tabPetition Case` c where"
# A transfer's finishing day: when the office accepted its reply.
FINISHED_ON = "(case when t.workflow_state = %(reply_accepted)s then date(t.office_decision_on) end)"
# A narrow index of Petition Case by name (petition_case.py, on_doctype_update): the repeated figure reads
# the lead unit of the cases its repeat notes belong to there, not in the wide table.
CASE_NAME_INDEX = "name_lead_unit_index"
# Index dives for every value of an IN list (MariaDB's default stops at 200 values).
DIVE = "set statement eq_range_index_dive_limit = 0 for "

# The figures counted on the period's cases (PERIOD_CASES): the condition a case meets to be counted.
CASE_CONDITIONS = {
	Figure.RECEIVED: "1 = 1",
	Figure.DECIDED: DECIDED,
	Figure.ACCEPTED_ON_TIME: f"{DECIDED} and c.decided_on <= c.acceptance_due",
	Figure.SETTLE_DUE: SETTLE_DUE,
	Figure.SETTLED_ON_TIME: f"{SETTLE_DUE} and {SETTLED_ON} <= c.handling_due",
	Figure.SETTLED: SETTLED,
	Figure.RESOLVED_ONCE: f"{SETTLED} and not {REPEAT_IN_WINDOW}",
	Figure.SURVEYED: SURVEYED,
	Figure.SATISFIED: f"{SURVEYED} and c.satisfaction in %(satisfied_values)s",
	Figure.CROSS_LEVEL: "c.cross_level = 1",
}


@dataclass(frozen=True)
class FigureQuery:
	unit: str
	"""The expression of the unit the figure belongs to."""
	case: str
	"""The expression of the case it counts (counted once per unit)."""
	body: str
	"""FROM ... WHERE ..., restricted to the units in %(units)s."""


QUERIES = {
	**{
		code: FigureQuery("c.lead_unit", "c.name", f"{CASES} {PERIOD_CASES} and ({condition})")
		for code, condition in CASE_CONDITIONS.items()
	},
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
	"""Every figure of every unit: {unit: {figure: count}}, in GATHER_QUERIES statements."""
	result = {unit: dict.fromkeys(Figure.ALL, 0) for unit in units}
	if not units:
		return result
	params = _params(units, start, end, as_of, window_days)
	counts = ", ".join(f"count(case when {condition} then 1 end)" for condition in CASE_CONDITIONS.values())
	rows = frappe.db.sql(
		f"{DIVE}select c.lead_unit, {counts} {CASES} {PERIOD_CASES} group by c.lead_unit", params
	)
	for unit, *values in rows:
		if unit in result:
			result[unit].update(zip(CASE_CONDITIONS, values, strict=True))
	overdue = QUERIES[Figure.OVERDUE]
	for code, pair in ((Figure.OVERDUE, overdue), (Figure.REPEATED, repeated_pairs())):
		pairs = defaultdict(set)
		for unit, case in frappe.db.sql(f"{DIVE}select {pair.unit}, {pair.case} {pair.body}", params):
			pairs[unit].add(case)
		for unit, cases in pairs.items():
			if unit in result:
				result[unit][code] = len(cases)
	supervised = QUERIES[Figure.SUPERVISED]
	rows = frappe.db.sql(
		f"""{DIVE}select {supervised.unit}, count(distinct {supervised.case}) {supervised.body}
		group by {supervised.unit}""",
		params,
	)
	for unit, count in rows:
		if unit in result:
			result[unit][Figure.SUPERVISED] = count
	return result


GATHER_QUERIES = 4
"""The statements `gather` sends, whatever the number of units and cases (after the first gathering of
the process, which also looks for CASE_NAME_INDEX)."""

_name_index_by_site: dict[str, bool] = {}


def repeated_pairs() -> FigureQuery:
	"""The repeated figure's query, reading the cases through CASE_NAME_INDEX when the site has it."""
	query = QUERIES[Figure.REPEATED]
	site = frappe.local.site
	if site not in _name_index_by_site:
		_name_index_by_site[site] = bool(frappe.db.has_index("tabPetition Case", CASE_NAME_INDEX))
	if not _name_index_by_site[site]:
		return query
	hinted = query.body.replace(
		"`tabPetition Case` c join", f"`tabPetition Case` c force index ({CASE_NAME_INDEX}) join", 1
	)
	return FigureQuery(query.unit, query.case, hinted)


def case_lists(unit: str, start: date, end: date, as_of: date, window_days: int) -> dict[str, list[str]]:
	"""The names of the cases behind every figure of one unit, in name order: {figure: [names]}, in one
	statement (a UNION ALL of the figures' queries). Their lengths are the unit's figures: what an appraisal
	keeps when it leaves Draft (petition_appraisal.py, set_case_lists)."""
	queries = {**QUERIES, Figure.REPEATED: repeated_pairs()}
	union = " union all ".join(
		f"(select distinct {frappe.db.escape(code)}, {query.case} {query.body})"
		for code, query in queries.items()
	)
	lists: dict[str, list[str]] = {code: [] for code in Figure.ALL}
	for code, name in frappe.db.sql(union, _params((unit,), start, end, as_of, window_days)):
		lists[code].append(name)
	return {code: sorted(names) for code, names in lists.items()}


def case_names(figure: str, unit: str, start: date, end: date, as_of: date, window_days: int) -> list[str]:
	"""The names of the cases behind one unit's figure, in name order."""
	query = QUERIES[figure]
	rows = frappe.db.sql(
		f"select distinct {query.case} {query.body} order by 1",
		_params((unit,), start, end, as_of, window_days),
	)
	return [row[0] for row in rows]
