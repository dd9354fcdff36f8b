"""Public statistics of petition cases: monthly received, closed and on-time figures, by category and
by lead unit. Aggregates only (counts and rates from grouped SQL), never a case, a text or a person.

Definitions (the appraisal's, petition_management/appraisal/figures.py):
- received: cases whose received date falls in the period;
- closed: cases closed in the period;
- settled: cases replied to (or closed, when answered on the spot) in the period; of those that had a
  handling deadline, "on time" are the ones settled on or before it. The on-time rate is on time /
  settled with a deadline.
"""

from datetime import date

import frappe
from frappe import _
from frappe.utils import add_months, get_first_day, get_last_day, getdate, nowdate

MONTHS = 12
SETTLED_ON = "coalesce(c.replied_on, c.closed_on)"
TOP_CATEGORY = """(select top.name from `tabPetition Category` top
	where top.lft <= cat.lft and top.rgt >= cat.rgt and ifnull(top.parent_petition_category, '') = ''
	order by top.lft limit 1)"""


def period(month: str | None = None, today: date | None = None) -> tuple[date, date, list[str]]:
	"""(start, end, months 'YYYY-MM'): one month when given ('YYYY-MM'), else the last twelve."""
	today = getdate(today or nowdate())
	if month:
		try:
			start = get_first_day(getdate(f"{month}-01"))
		except Exception:
			start = None
		if start and start <= today:
			return start, get_last_day(start), [f"{start:%Y-%m}"]
	end = get_last_day(today)
	start = get_first_day(add_months(today, -(MONTHS - 1)))
	months = [f"{getdate(add_months(start, i)):%Y-%m}" for i in range(MONTHS)]
	return start, end, months


def _counts(select_group: str, date_expr: str, where: str, start: date, end: date, join: str = "") -> dict:
	rows = frappe.db.sql(
		f"""select {select_group} as grp, count(*) as total,
			sum(case when c.handling_due is not null then 1 else 0 end) as with_due,
			sum(case when c.handling_due is not null and {SETTLED_ON} <= c.handling_due then 1 else 0 end)
				as on_time
		from `tabPetition Case` c {join}
		where {date_expr} between %(start)s and %(end)s {where}
		group by grp""",
		{"start": start, "end": end},
		as_dict=True,
	)
	return {row.grp: row for row in rows}


def figures(group: str, start: date, end: date) -> dict:
	"""{group value: {received, closed, settled_with_due, on_time}} grouped by month, category or unit."""
	if group == "month":
		select = {
			"received": "date_format(c.received_on, '%%Y-%%m')",
			"closed": "date_format(c.closed_on, '%%Y-%%m')",
			"settled": f"date_format({SETTLED_ON}, '%%Y-%%m')",
		}
		join = ""
	elif group == "category":
		select = dict.fromkeys(("received", "closed", "settled"), f"coalesce({TOP_CATEGORY}, '')")
		join = "left join `tabPetition Category` cat on cat.name = c.category"
	else:
		select = dict.fromkeys(("received", "closed", "settled"), "ifnull(c.lead_unit, '')")
		join = ""
	received = _counts(select["received"], "c.received_on", "", start, end, join)
	closed = _counts(select["closed"], "c.closed_on", "", start, end, join)
	settled = _counts(select["settled"], SETTLED_ON, "", start, end, join)
	result = {}
	for key in set(received) | set(closed) | set(settled):
		result[key] = {
			"received": int(received[key].total) if key in received else 0,
			"closed": int(closed[key].total) if key in closed else 0,
			"settled_with_due": int(settled[key].with_due or 0) if key in settled else 0,
			"on_time": int(settled[key].on_time or 0) if key in settled else 0,
		}
	return result


def rate(on_time: int, with_due: int) -> float | None:
	return round(100.0 * on_time / with_due, 1) if with_due else None


def _row(label: str, values: dict | None) -> dict:
	values = values or {"received": 0, "closed": 0, "settled_with_due": 0, "on_time": 0}
	return {
		"label": label,
		**values,
		"on_time_rate": rate(values["on_time"], values["settled_with_due"]),
	}


def public_statistics(month: str | None = None, today: date | None = None) -> dict:
	"""What the public statistics page shows: the monthly series, and the period by category and unit."""
	start, end, months = period(month, today)
	by_month = figures("month", start, end)
	monthly = [_row(m, by_month.get(m)) for m in months]
	by_category = figures("category", start, end)
	by_unit = figures("unit", start, end)
	unassigned = _("Not Yet Assigned")
	uncategorized = _("Not Categorized")
	categories = sorted(
		(_row(key or uncategorized, value) for key, value in by_category.items()),
		key=lambda r: (-r["received"], r["label"]),
	)
	units = sorted(
		(_row(key or unassigned, value) for key, value in by_unit.items()),
		key=lambda r: (-r["received"], r["label"]),
	)
	totals = {k: sum(r[k] for r in monthly) for k in ("received", "closed", "settled_with_due", "on_time")}
	return {
		"start": start,
		"end": end,
		"month": months[0] if len(months) == 1 else None,
		"months": months,
		"monthly": monthly,
		"by_category": categories,
		"by_unit": units,
		"totals": _row(_("Total"), totals),
		"chart": chart(monthly),
	}


def chart(monthly: list[dict], height: int = 160) -> dict:
	"""Bar geometry of received and closed per month for an inline SVG (no script needed)."""
	peak = max([r["received"] for r in monthly] + [r["closed"] for r in monthly] + [1])
	slot, bar = 40, 14
	bars = []
	for i, row in enumerate(monthly):
		x = i * slot + 6
		for offset, key in ((0, "received"), (bar + 2, "closed")):
			h = round(height * row[key] / peak, 1)
			bars.append({"x": x + offset, "y": round(height - h, 1), "h": h, "kind": key, "value": row[key]})
	return {
		"width": slot * len(monthly),
		"height": height,
		"bars": bars,
		"labels": [{"x": i * slot + 6 + bar, "text": r["label"][5:]} for i, r in enumerate(monthly)],
		"peak": peak,
	}
