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
from frappe.utils import add_years, get_last_day, getdate

from petition_management.reports.query import Filter, Period, Scope, drill, month_range

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


@dataclass(frozen=True)
class Dimension:
	"""Group by a field's value, or by the month of a date field (`by_month`)."""

	fieldname: str
	label: str
	by_month: bool = False
	translate: bool = False

	def column(self) -> dict:
		return {"fieldname": GROUP, "label": self.label, "fieldtype": "Data", "width": 200}

	def key_sql(self, table: str, shift_years: int = 0) -> str:
		"""The group key; `shift_years` moves dates forward so that last year's months key like this year's."""
		column = f"{table}.`{self.fieldname}`"
		if not self.by_month:
			return f"ifnull({column}, '')"
		if shift_years:
			column = f"date_add({column}, interval {int(shift_years)} year)"
		return f"ifnull(date_format({column}, '%Y-%m'), '')"

	def filters(self, key: str, period: Period | None = None, shift_years: int = 0) -> list[Filter]:
		"""The list filters of the rows with this key (in `period`, `shift_years` before the key's month)."""
		if key == "":
			return [(self.fieldname, "is", "not set")]
		if not self.by_month:
			return [(self.fieldname, "=", key)]
		first, last = month_range(key)
		if shift_years:
			first = getdate(add_years(first, -shift_years))
			last = getdate(get_last_day(first))
		span = period.clip(first, last) if period else Period(first, last)
		return [(self.fieldname, "between", [span.start, span.end])]

	def display(self, key: str) -> str:
		if key == "":
			return _("Not Set")
		return _(key) if self.translate else key


def case_dimension(group_by: str | None) -> Dimension:
	"""The dimensions a user may group Petition Cases by (the reports' "Group By" filter)."""
	dimensions = {
		"Month": lambda: Dimension("received_on", _("Month"), by_month=True),
		"Channel": lambda: Dimension("channel", _("Channel"), translate=True),
		"Category": lambda: Dimension("category", _("Category")),
		"Unit": lambda: Dimension("lead_unit", _("Lead Unit")),
		"Source": lambda: Dimension("source_type", _("Source"), translate=True),
		"Higher Level": lambda: Dimension("cross_level_to", _("Higher Level"), translate=True),
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
	shift_years: int = 0,
) -> dict[str, dict]:
	"""{key: {measure: count, measure + "__names": [names] for SQL measures}} in one statement."""
	columns = [f"{dimension.key_sql(scope.table, shift_years)} as _key"]
	for measure in measures:
		condition = measure.sql or scope.condition(measure.filters)
		columns.append(f"sum(case when {condition} then 1 else 0 end) as `{measure.fieldname}`")
		if measure.sql:
			columns.append(
				f"group_concat(case when {condition} then {scope.table}.name end) as `{measure.fieldname}{NAMES}`"
			)
	rows = frappe.db.sql(
		f"select {', '.join(columns)} from {scope.table} where {scope.where(base)} group by _key",
		as_dict=True,
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
	dimension: Dimension, key: str, base: list[Filter], period: Period | None, shift_years: int = 0
) -> list[Filter]:
	"""The report's filters and the row's own; a month replaces the period (it is clipped to it)."""
	own = dimension.filters(key, period, shift_years)
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
	row = {GROUP: _("Total"), "_total": 1}
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
