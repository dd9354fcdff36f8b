"""What a user may see, list filters as SQL, and periods: the common ground of every report.

A list filter is a triple `(fieldname, operator, value)` in Frappe's own filter language ("=", "in",
"between", "is" "set", "descendants of (inclusive)", ...). `Scope.where()` turns a list of them into the
WHERE clause Frappe's list view would run for the same user (DatabaseQuery: role permissions, User
Permissions, shares, and the app's permission_query_conditions), and `drill()` into the route options that
open that list. A figure computed with one and the list opened with the other count the same rows.
"""

import datetime
import functools
import json
from dataclasses import dataclass

import frappe
from frappe import _
from frappe.model.db_query import DatabaseQuery
from frappe.utils import add_days, add_months, add_years, get_first_day, get_last_day, getdate, nowdate

CASE = "Petition Case"
TRANSFER = "Petition Transfer"

Filter = tuple[str, str, object]


class ReportFilterError(frappe.ValidationError):
	pass


def refused_as_message(execute):
	"""Wrap a Script Report's execute(): bad filters or a missing permission come back as the report's
	message (and Frappe's message dialog) instead of an exception escaping execute(). Frappe v15 arms a
	15-second watcher in Report.execute_script_report and cancels it only when execute() returns; when it
	raises, the watcher fires and turns the report into a prepared (background) report for everybody."""

	@functools.wraps(execute)
	def wrapper(filters: dict | None = None):
		try:
			return execute(filters)
		except (ReportFilterError, frappe.PermissionError) as error:
			return [], [], str(error)

	return wrapper


class Scope:
	"""The records of `doctype` that `user` may read, as `frappe.get_list` sees them."""

	def __init__(self, doctype: str, user: str | None = None):
		self.doctype = doctype
		self.user = user or frappe.session.user
		self.table = f"`tab{doctype}`"
		self._query = DatabaseQuery(doctype, user=self.user)
		# raises frappe.PermissionError when the user may not read the DocType at all
		self.match = self._query.build_match_conditions()

	def condition(self, filters: list[Filter] | tuple = ()) -> str:
		"""The SQL of list filters, exactly as the list view writes it (ifnull included)."""
		parts = [self._query.prepare_filter_condition([self.doctype, *plain(f)]) for f in filters]
		return " and ".join(f"({part})" for part in parts) or "1=1"

	def where(self, filters: list[Filter] | tuple = ()) -> str:
		parts = [f"({self.match})"] if self.match else []
		return " and ".join([*parts, self.condition(filters)])

	def count(self, filters: list[Filter] | tuple = ()) -> int:
		return frappe.db.sql(f"select count(*) from {self.table} where {self.where(filters)}")[0][0]


def plain(f: Filter) -> list:
	"""A filter whose value JSON and SQL both read: dates as ISO strings, tuples as lists."""
	field, operator, value = f
	if isinstance(value, list | tuple):
		value = [str(v) if isinstance(v, datetime.date) else v for v in value]
	elif isinstance(value, datetime.date):
		value = str(value)
	return [field, operator, value]


def route_options(filters: list[Filter] | tuple) -> dict:
	"""`frappe.route_options` for the list view (list_view.js parse_filters_from_route_options): one
	condition on a field as `[operator, value]`, several as a list of JSON strings."""
	by_field: dict[str, list] = {}
	for f in filters:
		field, operator, value = plain(f)
		condition = [operator, value]
		if condition not in by_field.setdefault(field, []):
			by_field[field].append(condition)
	return {
		field: conditions[0]
		if len(conditions) == 1
		else [json.dumps(c, ensure_ascii=False) for c in conditions]
		for field, conditions in by_field.items()
	}


def drill(doctype: str, filters: list[Filter] | tuple) -> dict:
	"""What a figure's link opens: the list of `doctype` with these filters."""
	return {"doctype": doctype, "route_options": route_options(filters)}


@dataclass(frozen=True)
class Period:
	"""A closed range of dates, by default from the first of January to today."""

	start: datetime.date
	end: datetime.date

	@classmethod
	def from_filters(cls, filters: dict, from_key: str = "from_date", to_key: str = "to_date") -> "Period":
		end = getdate(filters.get(to_key) or nowdate())
		start = getdate(filters.get(from_key) or datetime.date(end.year, 1, 1))
		if start > end:
			frappe.throw(
				_("The From Date must be on or before the To Date."),
				ReportFilterError,
				title=_("Invalid Period"),
			)
		return cls(start, end)

	def filter(self, fieldname: str) -> Filter:
		return (fieldname, "between", [self.start, self.end])

	def previous_year(self) -> "Period":
		return Period(getdate(add_years(self.start, -1)), getdate(add_years(self.end, -1)))

	def whole_months(self) -> int:
		"""How many calendar months the period is made of; 0 when it does not start on the first of a month
		and end on the last day of one."""
		if self.start.day != 1 or self.end != getdate(get_last_day(self.end)):
			return 0
		return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

	def days(self) -> int:
		return (self.end - self.start).days + 1

	def shift_to_previous(self) -> "Shift":
		"""How far back the previous period of the same length lies: as many whole months when the period is
		made of whole months (February after January, the first quarter after the fourth), else as many
		days."""
		months = self.whole_months()
		return Shift("month", months) if months else Shift("day", self.days())

	def shifted_back(self, shift: "Shift") -> "Period":
		"""The period `shift` earlier, ending the day before this one starts when `shift` is its length."""
		start = shift.back(self.start)
		end = getdate(add_days(self.start, -1)) if shift.unit != "year" else shift.back(self.end)
		return Period(start, end)

	def clip(self, start: datetime.date, end: datetime.date) -> "Period":
		return Period(max(start, self.start), min(end, self.end))

	def months(self) -> list[str]:
		"""The months the period touches, as "YYYY-MM"."""
		months, month = [], get_first_day(self.start)
		while month <= self.end:
			months.append(month.strftime("%Y-%m"))
			month = getdate(add_months(month, 1))
		return months


@dataclass(frozen=True)
class Shift:
	"""A distance back in time, in years, months or days: a comparison period's rows are keyed by their
	dates moved forward by it, so that each lines up with the row of the same dates in the period."""

	unit: str  # "year", "month" or "day"
	amount: int

	def interval(self) -> str:
		"""The SQL interval that moves a comparison date forward onto the period."""
		return f"interval {int(self.amount)} {self.unit}"

	def back(self, day: datetime.date) -> datetime.date:
		if self.unit == "year":
			return getdate(add_years(day, -self.amount))
		if self.unit == "month":
			return getdate(add_months(day, -self.amount))
		return getdate(add_days(day, -self.amount))

	def month_back(self, first: datetime.date, last: datetime.date) -> tuple[datetime.date, datetime.date]:
		"""The dates of the comparison period that key to the month from `first` to `last`."""
		if self.unit == "day":
			return self.back(first), self.back(last)
		start = self.back(first)
		return start, getdate(get_last_day(start))


SAME_PERIOD_LAST_YEAR = Shift("year", 1)


def month_range(key: str) -> tuple[datetime.date, datetime.date]:
	"""First and last day of a "YYYY-MM" month."""
	first = getdate(f"{key}-01")
	return first, getdate(get_last_day(first))


def today() -> datetime.date:
	return getdate(nowdate())
