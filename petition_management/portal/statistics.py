"""Public statistics of petition cases: monthly received, closed and on-time figures, by category and
by lead unit. Aggregates only (counts and rates from grouped SQL), never a case, a text or a person,
and never a figure that singles a petitioner out.

Definitions (the appraisal's, petition_management/appraisal/figures.py):
- received: cases whose received date falls in the period;
- closed: cases closed in the period;
- settled: cases replied to (or closed, when answered on the spot) in the period; of those that had a
  handling deadline, "on time" are the ones settled on or before it. The on-time rate is on time /
  settled with a deadline.

Disclosure (petition_management/rules/disclosure.py): a month's figures count only the cases of a
category and a unit that each have at least the threshold of Petition Settings (5) such cases that
month; a row with cases but none countable shows "<5"; a rate resting on fewer than 5 on-time or late
cases shows "n<5". Only complete months are published (a running month would change day by day and
show who came in today), and the twelve months are the sum of the months' published figures, so
neither a total nor another filter gives a hidden cell back. The month figures are kept in Redis for
CACHE_SECONDS, so a hit on a warm cache sends no grouped query; the page is rate-limited per address
(`check_rate_limit`, PAGE_LIMIT hits per PAGE_WINDOW seconds, then Frappe's 429 page).
"""

from datetime import date

import frappe
from frappe import _
from frappe.utils import add_months, cint, get_first_day, get_last_day, getdate, nowdate

from petition_management.petition_management.doctype.petition_settings.petition_settings import get_settings
from petition_management.rules.disclosure import DIMENSIONS, Figures, Row, month_figures
from petition_management.utils.translation import APP_CONTEXT

MONTHS = 12
DEFAULT_THRESHOLD = 5
CACHE_SECONDS = 600
CACHE_KEY = "petition_management:public_statistics"
# Hits of the page per address (frappe.rate_limiter's Redis counter, the page's own key).
PAGE_LIMIT = 120
PAGE_WINDOW = 60
SETTLED_ON = "coalesce(c.replied_on, c.closed_on)"
TOP_CATEGORY = """(select top.name from `tabPetition Category` top
	where top.lft <= cat.lft and top.rgt >= cat.rgt and ifnull(top.parent_petition_category, '') = ''
	order by top.lft limit 1)"""
# the date each measure counts by
MEASURES = {"received": "c.received_on", "closed": "c.closed_on", "settled": SETTLED_ON}


def disclosure_threshold() -> int:
	"""The smallest count the public statistics show (Petition Settings, 5 by default)."""
	return cint(get_settings().get("statistics_threshold")) or DEFAULT_THRESHOLD


def complete_months(today: date | None = None) -> list[str]:
	"""The last twelve complete months ('YYYY-MM'), oldest first: the running month is not published."""
	first = get_first_day(getdate(today or nowdate()))
	return [f"{getdate(add_months(first, i - MONTHS)):%Y-%m}" for i in range(MONTHS)]


def period(month: str | None = None, today: date | None = None) -> tuple[date, date, list[str]]:
	"""(start, end, months): one complete month when given ('YYYY-MM'), else the last twelve."""
	this_month = get_first_day(getdate(today or nowdate()))
	if month:
		try:
			start = get_first_day(getdate(f"{month}-01"))
		except Exception:
			start = None
		if start and start < this_month:
			return start, get_last_day(start), [f"{start:%Y-%m}"]
	months = complete_months(today)
	return getdate(f"{months[0]}-01"), get_last_day(getdate(f"{months[-1]}-01")), months


def crossings(measure: str, start: date, end: date) -> dict[str, dict]:
	"""{month: {(top category, lead unit): row}} of one measure, with total, with_due and on_time."""
	date_expr = MEASURES[measure]
	rows = frappe.db.sql(
		f"""select date_format({date_expr}, '%%Y-%%m') as period_month,
			coalesce({TOP_CATEGORY}, '') as top_category,
			ifnull(c.lead_unit, '') as unit,
			count(*) as total,
			sum(case when c.handling_due is not null then 1 else 0 end) as with_due,
			sum(case when c.handling_due is not null and {SETTLED_ON} <= c.handling_due then 1 else 0 end)
				as on_time
		from `tabPetition Case` c
		left join `tabPetition Category` cat on cat.name = c.category
		where {date_expr} between %(start)s and %(end)s
		group by period_month, top_category, unit""",
		{"start": start, "end": end},
		as_dict=True,
	)
	by_month: dict[str, dict] = {}
	for row in rows:
		by_month.setdefault(row.period_month, {})[(row.top_category, row.unit)] = row
	return by_month


def compute_month_figures(start: date, end: date, months: list[str], threshold: int) -> dict[str, Figures]:
	"""The publishable figures of each month of the period (three grouped queries)."""
	measures = {measure: crossings(measure, start, end) for measure in MEASURES}
	figures = {}
	for month in months:
		received, closed, settled = (measures[m].get(month, {}) for m in MEASURES)
		figures[month] = month_figures(
			{key: int(row.total) for key, row in received.items()},
			{key: int(row.total) for key, row in closed.items()},
			{key: int(row.with_due or 0) for key, row in settled.items()},
			{key: int(row.on_time or 0) for key, row in settled.items()},
			threshold,
		)
	return figures


def cache_key(start: date, end: date, threshold: int) -> str:
	return f"{CACHE_KEY}:{start}:{end}:{threshold}"


@frappe.read_only()
def period_figures(start: date, end: date, months: list[str], threshold: int) -> dict[str, Figures]:
	"""The months' figures, from Redis when computed in the last CACHE_SECONDS."""
	key = cache_key(start, end, threshold)
	figures = frappe.cache.get_value(key, expires=True)
	if figures is None:
		figures = compute_month_figures(start, end, months, threshold)
		frappe.cache.set_value(key, figures, expires_in_sec=CACHE_SECONDS)
	return figures


def check_rate_limit() -> None:
	"""Refuse (429) an address past PAGE_LIMIT hits in PAGE_WINDOW seconds, as Frappe's `rate_limit`
	decorator does for the portal's endpoints (api/portal.py). That decorator keys its counter by the
	`cmd` of an API call, which a page has not, so the page counts under its own key. Not applied
	outside a web request (the benchmark and the tests call the page's function directly)."""
	if not getattr(frappe.local, "request", None):
		return
	address = frappe.local.request_ip or "unknown"
	key = frappe.cache.make_key(f"rl:petition-statistics:{address}")
	if not frappe.cache.get(key):
		frappe.cache.setex(key, PAGE_WINDOW, 0)
	if frappe.cache.incrby(key, 1) > PAGE_LIMIT:
		frappe.throw(
			_("Too many requests for the statistics from your address. Please try again in a minute."),
			frappe.RateLimitExceededError,
		)


def clear_cache() -> None:
	"""Forget the cached figures (tests, and after a correction the office wants published at once)."""
	frappe.cache.delete_keys(CACHE_KEY)


def public_statistics(month: str | None = None, today: date | None = None) -> dict:
	"""What the public statistics page shows: the monthly series, and the period by category and unit."""
	start, end, months = period(month, today)
	threshold = disclosure_threshold()
	by_month = period_figures(start, end, months, threshold)
	total = sum((by_month[m] for m in months), Figures())
	placeholders = {"category": _("Not Categorized"), "unit": _("Not Yet Assigned")}
	tables = {}
	for dimension in DIMENSIONS:
		rows = [
			table_row(group or placeholders[dimension], row, threshold)
			for group, row in total.rows(dimension).items()
		]
		tables[dimension] = sorted(rows, key=row_order)
	monthly = [table_row(m, by_month[m].total, threshold) for m in months]
	return {
		"start": start,
		"end": end,
		"month": months[0] if len(months) == 1 else None,
		"months": months,
		"threshold": threshold,
		"monthly": monthly,
		"by_category": tables["category"],
		"by_unit": tables["unit"],
		"totals": table_row(_("Total", context=APP_CONTEXT), total.total, threshold),
		"chart": chart(monthly),
	}


def table_row(label: str, row: Row, threshold: int) -> dict:
	"""A row for the page: each count a number or "<5", the rate a percentage, "n<5" or None."""
	hidden = f"<{threshold}"
	return {
		"label": label,
		"received": hidden if row.received.hidden else row.received.shown,
		"closed": hidden if row.closed.hidden else row.closed.shown,
		"on_time_rate": f"n{hidden}" if row.rate.hidden else row.rate.percent,
	}


def row_order(row: dict) -> tuple:
	"""Rows shown by their received figure, largest first; hidden ones after them by name only, so
	that their order says nothing about their size."""
	shown = isinstance(row["received"], int) and row["received"] > 0
	return (0 if shown else 1, -row["received"] if shown else 0, row["label"])


def chart(monthly: list[dict], height: int = 160) -> dict:
	"""Bar geometry of received and closed per month for an inline SVG (no script needed); a hidden
	month has no bar."""
	values = [r[key] for r in monthly for key in ("received", "closed") if isinstance(r[key], int)]
	peak = max([*values, 1])
	slot, bar = 40, 14
	bars = []
	for i, row in enumerate(monthly):
		x = i * slot + 6
		for offset, key in ((0, "received"), (bar + 2, "closed")):
			value = row[key]
			h = round(height * value / peak, 1) if isinstance(value, int) else 0
			bars.append({"x": x + offset, "y": round(height - h, 1), "h": h, "kind": key, "value": value})
	return {
		"width": slot * len(monthly),
		"height": height,
		"bars": bars,
		"labels": [{"x": i * slot + 6 + bar, "text": r["label"][5:]} for i, r in enumerate(monthly)],
		"peak": peak,
	}
