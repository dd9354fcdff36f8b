"""Counts grouped by one dimension (month, channel, category, unit, ...), with a drill-down per cell.

`count_by()` runs ONE statement: `SUM(CASE WHEN <measure> THEN 1 ELSE 0 END)` per measure, grouped by the
dimension's key, so the number of queries never depends on the number of cases. `grouped_rows()` lays the
counts out as report rows; each cell carries in `_drill` the list filters of exactly the records it counts
(the report's filters + the row's key + the measure's filters), which the report's JS formatter turns into
a link to the filtered list.
"""

from dataclasses import dataclass

import frappe
from frappe import _

from petition_management.reports.query import CASE, Filter, Period, Scope, Shift, drill, month_range
from petition_management.utils.translation import APP_CONTEXT, option

GROUP = "group"  # fieldname of the dimension's column in every grouped report
NAMES = "__names"


@dataclass(frozen=True)
class Measure:
	"""A figure: the records matching `filters` (list filters); or, when the rule compares two columns
	(which no list filter can), matching the SQL condition `sql`, and the drill-down lists their names."""

	fieldname: str
	label: str
	filters: tuple = ()
	sql: str | None = None

	def column(self, width: int = 110) -> dict:
		return {"fieldname": self.fieldname, "label": self.label, "fieldtype": "Int", "width": width}

	def drill_filters(self, names: list[str]) -> list[Filter]:
		return [("name", "in", names)] if self.sql else list(self.filters)

	def named(self, scope: Scope) -> "Measure":
		"""The same figure counted by its SQL, so that its drill-down lists the names of its records: for
		figures whose rows no list filter can select (the cases a unit co-handles)."""
		return Measure(self.fieldname, self.label, self.filters, self.sql or scope.condition(self.filters))


@dataclass(frozen=True)
class Dimension:
	"""Group by a field's value, or by the month of a date field (`by_month`). The values of a Select field
	of `options_of` (a DocType) are shown translated, in that DocType's wording."""

	fieldname: str
	label: str
	by_month: bool = False
	options_of: str | None = None

	def column(self) -> dict:
		return {"fieldname": GROUP, "label": self.label, "fieldtype": "Data", "width": 200}

	def key_sql(self, table: str, shift: Shift | None = None) -> str:
		"""The group key; `shift` moves dates forward so that a comparison period's months key like the
		period's."""
		column = f"{table}.`{self.fieldname}`"
		if not self.by_month:
			return f"ifnull({column}, '')"
		if shift:
			column = f"date_add({column}, {shift.interval()})"
		return f"ifnull(date_format({column}, '%Y-%m'), '')"

	def filters(self, key: str, period: Period | None = None, shift: Shift | None = None) -> list[Filter]:
		"""The list filters of the rows with this key (in `period`, `shift` before the key's month)."""
		if key == "":
			return [(self.fieldname, "is", "not set")]
		if not self.by_month:
			return [(self.fieldname, "=", key)]
		first, last = month_range(key)
		if shift:
			first, last = shift.month_back(first, last)
		span = period.clip(first, last) if period else Period(first, last)
		return [(self.fieldname, "between", [span.start, span.end])]

	def display(self, key: str) -> str:
		if key == "":
			return _("Not Set", context=APP_CONTEXT)
		return option(self.options_of, key) if self.options_of else key


def case_dimension(group_by: str | None) -> Dimension:
	"""The dimensions a user may group Petition Cases by (the reports' "Group By" filter)."""
	dimensions = {
		"Month": lambda: Dimension("received_on", _("Month", context=APP_CONTEXT), by_month=True),
		"Channel": lambda: Dimension("channel", _("Channel"), options_of=CASE),
		"Category": lambda: Dimension("category", _("Category")),
		"Unit": lambda: Dimension("lead_unit", _("Lead Unit")),
		"Source": lambda: Dimension("source_type", _("Source", context=APP_CONTEXT), options_of=CASE),
		"Higher Level": lambda: Dimension("cross_level_to", _("Higher Level"), options_of=CASE),
	}
	return dimensions.get(group_by or "Month", dimensions["Month"])()


def case_filters(filters: dict) -> list[Filter]:
	"""The optional case filters the reports share."""
	found: list[Filter] = []
	if filters.get("category"):
		found.append(("category", "descendants of (inclusive)", filters["category"]))
	for fieldname in ("channel", "source_type", "lead_unit"):
		if filters.get(fieldname):
			found.append((fieldname, "=", filters[fieldname]))
	return found


def count_by(
	scope: Scope,
	dimension: Dimension,
	base: list[Filter],
	measures: list[Measure],
	shift: Shift | None = None,
	condition: str | None = None,
) -> dict[str, dict]:
	"""{key: {measure: count, measure + "__names": [names] for SQL measures}} in one statement; `condition`
	(SQL) narrows the records further than the list filters of `base` can."""
	columns = [f"{dimension.key_sql(scope.table, shift)} as _key"]
	for measure in measures:
		counted = measure.sql or scope.condition(measure.filters)
		columns.append(f"sum(case when {counted} then 1 else 0 end) as `{measure.fieldname}`")
		if measure.sql:
			columns.append(
				f"group_concat(case when {counted} then {scope.table}.name end) as `{measure.fieldname}{NAMES}`"
			)
	where = scope.where(base) + (f" and ({condition})" if condition else "")
	rows = frappe.db.sql(
		f"select {', '.join(columns)} from {scope.table} where {where} group by _key", as_dict=True
	)
	counts = {}
	for row in rows:
		key = row.pop("_key")
		counts[key] = {}
		for measure in measures:
			counts[key][measure.fieldname] = int(row[measure.fieldname] or 0)
			if measure.sql:
				names = row.get(measure.fieldname + NAMES)
				counts[key][measure.fieldname + NAMES] = names.split(",") if names else []
	return counts


def ordered_keys(dimension: Dimension, counts: dict, period: Period | None, measures: list[Measure]) -> list:
	"""Months in order, every month of the period even when empty; other keys by their first figure."""
	if dimension.by_month and period:
		return sorted(set(period.months()) | set(counts))
	first = measures[0].fieldname
	return sorted(counts, key=lambda key: (-counts[key].get(first, 0), key == "", key))


def cells(
	row: dict,
	doctype: str,
	counts: dict,
	filters: list[Filter],
	measures: list[Measure],
	suffix: str = "",
):
	"""Put each measure's count and drill-down in `row` (fieldname + `suffix`)."""
	row.setdefault("_drill", {})
	for measure in measures:
		fieldname = measure.fieldname + suffix
		row[fieldname] = counts.get(measure.fieldname, 0)
		names = counts.get(measure.fieldname + NAMES, [])
		row["_drill"][fieldname] = drill(doctype, [*filters, *measure.drill_filters(names)])


def grouped_rows(
	scope: Scope,
	dimension: Dimension,
	base: list[Filter],
	measures: list[Measure],
	period: Period | None,
	counts: dict,
) -> list[dict]:
	"""One row per key, then a total row; every count with its drill-down."""
	rows = []
	for key in ordered_keys(dimension, counts, period, measures):
		row = {GROUP: dimension.display(key), "_key": key}
		cells(row, scope.doctype, counts.get(key, {}), row_filters(dimension, key, base, period), measures)
		rows.append(row)
	rows.append(total_row(scope.doctype, base, measures, counts))
	return rows


def row_filters(
	dimension: Dimension, key: str, base: list[Filter], period: Period | None, shift: Shift | None = None
) -> list[Filter]:
	"""The report's filters and the row's own; a month replaces the period (it is clipped to it)."""
	own = dimension.filters(key, period, shift)
	if dimension.by_month and key:
		base = [f for f in base if f[0] != dimension.fieldname]
	return [*base, *own]


def total_row(
	doctype: str, base: list[Filter], measures: list[Measure], counts: dict, suffix: str = ""
) -> dict:
	totals: dict = {}
	for measure in measures:
		totals[measure.fieldname] = sum(c.get(measure.fieldname, 0) for c in counts.values())
		if measure.sql:
			totals[measure.fieldname + NAMES] = [
				n for c in counts.values() for n in c.get(measure.fieldname + NAMES, [])
			]
	row = {GROUP: _("Total", context=APP_CONTEXT), "_total": 1}
	cells(row, doctype, totals, base, measures, suffix)
	return row


def rate(part: int, whole: int) -> float | None:
	"""Percent, one decimal; None when there is nothing to divide by."""
	return round(100.0 * part / whole, 1) if whole else None


def change(current: int, previous: int) -> float | None:
	"""Year-on-year change in percent; None when last year had none."""
	return round(100.0 * (current - previous) / previous, 1) if previous else None


def bar_chart(rows: list[dict], fieldnames: list[str], labels: list[str], limit: int = 20) -> dict | None:
	"""A bar chart of some columns over the groups (no total row); at most `limit` groups."""
	groups = [row for row in rows if not row.get("_total")][:limit]
	if not groups:
		return None
	return {
		"data": {
			"labels": [row[GROUP] for row in groups],
			"datasets": [
				{"name": label, "values": [row.get(fieldname) or 0 for row in groups]}
				for fieldname, label in zip(fieldnames, labels, strict=True)
			],
		},
		"type": "bar",
	}
