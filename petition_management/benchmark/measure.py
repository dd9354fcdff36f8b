"""The six figures, each the median of several repetitions. Whatever a figure writes is rolled back to a
savepoint after every repetition, so each repetition does the same work on the same data.

Each function returns a dict: "value" (the figure, in the unit of report.GOALS), "samples" (every
repetition, in that unit) and details worth printing in the JSON.
"""

import statistics
import time
from contextlib import contextmanager
from datetime import timedelta

import frappe
from frappe.utils import add_to_date, get_first_day, get_last_day, getdate, now_datetime

from petition_management.benchmark.cleanup import seeded_condition
from petition_management.benchmark.masters import tie_handler_to_unit
from petition_management.benchmark.scratch import SCRATCH
from petition_management.utils.session import acting_as

LIST_FIELDS = [
	"name",
	"petition_case",
	"case_subject",
	"unit",
	"transfer_role",
	"due_date",
	"deadline_status",
	"workflow_state",
]
SAVEPOINT = "pm_benchmark"


@contextmanager
def rolled_back():
	frappe.db.savepoint(SAVEPOINT)
	try:
		yield
	finally:
		frappe.db.rollback(save_point=SAVEPOINT)


@contextmanager
def counted_queries():
	"""Count every statement sent through frappe.db.sql (as FrappeTestCase.assertQueryCount does)."""
	queries: list[str] = []
	db_class = frappe.db.__class__
	original = db_class.sql

	def counting_sql(self, query, *args, **kwargs):
		queries.append(str(query))
		return original(self, query, *args, **kwargs)

	db_class.sql = counting_sql
	try:
		yield queries
	finally:
		db_class.sql = original


def timed(function, *args, **kwargs) -> tuple[float, object]:
	start = time.perf_counter()
	result = function(*args, **kwargs)
	return time.perf_counter() - start, result


def summary(samples: list[float], scale: float = 1.0, digits: int = 3) -> dict:
	values = [round(s * scale, digits) for s in samples]
	return {"value": round(statistics.median(samples) * scale, digits), "samples": values}


# 1. Registration: a visit and its case through every controller, against bare scratch inserts


def visit_samples(count: int) -> list[dict]:
	"""Petitioners who already have cases, with a category and text of theirs."""
	rows = frappe.db.sql(
		f"""select p.petitioner, c.category, c.subject, c.content, c.request
		from `tabPetition Case` c join `tabPetition Party` p on p.parent = c.name and p.parenttype = 'Petition Case'
		where {seeded_condition("Petition Case", "c")} and c.repeat_count > 0
		order by crc32(c.name) limit %s""",
		(count,),
		as_dict=True,
	)
	return rows


def visit_values(sample: dict, reception: str) -> dict:
	return {
		"visit_datetime": add_to_date(now_datetime(), minutes=-10),
		"reception_officer": reception,
		"reception_type": "Daily Reception",
		"number_of_visitors": 1,
		"petitioners": [{"petitioner": sample.petitioner}],
		"category": sample.category,
		"subject": sample.subject,
		"content": sample.content,
		"request": sample.request,
	}


def register_real(sample: dict, reception: str) -> float:
	values = visit_values(sample, reception)
	seconds, visit = timed(
		lambda: frappe.get_doc(
			{"doctype": "Petition Visit", **values, "outcome": "Registered as a Case"}
		).insert()
	)
	if not visit.petition_case:
		raise AssertionError("the visit registered no case")
	return seconds


def register_bare(sample: dict, reception: str) -> float:
	values = visit_values(sample, reception)

	def insert_both():
		visit = frappe.get_doc({"doctype": SCRATCH["Petition Visit"], **values}).insert()
		frappe.get_doc(
			{
				"doctype": SCRATCH["Petition Case"],
				"workflow_state": "Registered",
				"source_type": "Visit",
				"source_doctype": visit.doctype,
				"source_name": visit.name,
				"received_on": getdate(values["visit_datetime"]),
				"channel": "Visit",
				**{f: values[f] for f in ("category", "subject", "content", "request", "petitioners")},
			}
		).insert()

	seconds, _ = timed(insert_both)
	return seconds


def registration(reception: str, repetitions: int) -> dict:
	samples = visit_samples(repetitions + 1)
	real, bare = [], []
	with acting_as(reception):
		for k, sample in enumerate(samples):  # the first is a warm-up
			for function, sink in ((register_real, real), (register_bare, bare)):
				with rolled_back():
					seconds = function(sample, reception)
				if k:
					sink.append(seconds)
	real_ms, bare_ms = statistics.median(real) * 1000, statistics.median(bare) * 1000
	return {
		"value": round(real_ms / bare_ms, 2),
		"samples": [round(r / b, 2) for r, b in zip(real, bare, strict=True)],
		"real_ms": round(real_ms, 1),
		"bare_ms": round(bare_ms, 1),
	}


# 2. Repeat-petition look-up


def repeat_lookup(repetitions: int) -> dict:
	from petition_management.intake.repeats import find_repeats

	samples = visit_samples(max(20, repetitions * 5) + 1)
	times, found = [], 0
	for k, sample in enumerate(samples):
		seconds, matches = timed(find_repeats, [sample.petitioner], sample.category, sample.subject)
		if k:
			times.append(seconds)
			found += bool(matches)
	return {**summary(times, 1000, 2), "lookups": len(times), "with_matches": found}


# 3. The month statistics report


def last_full_month(today) -> tuple:
	first = get_first_day(getdate(today) - timedelta(days=getdate(today).day))
	return first, getdate(get_last_day(first))


def month_statistics(today, repetitions: int) -> dict:
	from petition_management.petition_management.report.petition_statistics.petition_statistics import execute

	first, last = last_full_month(today)
	filters = {"from_date": str(first), "to_date": str(last), "group_by": "Month"}
	times, rows = [], None
	for k in range(repetitions + 1):
		seconds, result = timed(execute, dict(filters))
		rows = result[1]
		if k:
			times.append(seconds)
	received = next((r.get("received") for r in rows or [] if r.get("_total")), None)
	return {**summary(times), "month": f"{first:%Y-%m}", "received": received}


# 4. An appraisal run for a year


def appraisal_run(today, repetitions: int) -> dict:
	"""The run's seconds, with its split (the median of each step): gather the figures, score the
	appraisals in memory, write them (appraisal/runs.py, run.flags.timings)."""
	from petition_management.appraisal.runs import execute_run

	year = getdate(today).year - 1
	times, units, splits = [], 0, []
	for k in range(repetitions + 1):
		with rolled_back():
			run = year_run(year)
			with counted_queries() as queries:
				seconds, _ = timed(execute_run, run)
			units = run.unit_count
			split = dict(run.flags.timings or {}, queries=len(queries))
		if k:
			times.append(seconds)
			splits.append(split)
	steps = {
		step: round(statistics.median(s[step] for s in splits), 3)
		for step in ("gather", "score", "write", "queries")
	}
	return {**summary(times, digits=2), "year": year, "units": units, "split": steps}


def year_run(year: int):
	"""The site's Appraisal Run of the year for all units, or a new one (one run per period)."""
	run = frappe.get_doc({"doctype": "Appraisal Run", "period_type": "Year", "year": year})
	existing = frappe.db.get_value(
		"Appraisal Run", {"year": year, "period_type": "Year", "parent_unit": ("is", "not set")}
	)
	return frappe.get_doc("Appraisal Run", existing) if existing else run.insert()


# 5. The daily deadline job


def daily_job(today, repetitions: int) -> dict:
	from petition_management.tracking.daily import run_daily_deadlines

	times, query_counts, digests = [], [], 0
	for k in range(repetitions + 1):
		with rolled_back():
			with counted_queries() as queries:
				seconds, sent = timed(run_daily_deadlines, today)
			digests = len(sent)
		if k:  # the warm-up also loads caches (settings, metadata): its queries are not the job's
			times.append(seconds)
			query_counts.append(len(queries))
	return {**summary(times, digits=2), "queries": max(query_counts), "digests": digests}


def record_tenth(daily: dict, tenth: dict):
	"""The daily job's figures at N/10 (taken between the two seed stages) beside those at N."""
	daily.update(
		{
			"queries_at_tenth": tenth.get("queries"),
			"digests_at_tenth": tenth.get("digests"),
			"seconds_at_tenth": tenth.get("value"),
		}
	)


# 6. A unit handler's list page


def units_by_size() -> list[str]:
	"""The seeded units, from the one with the most transfers to the one with the fewest."""
	return frappe.db.sql_list(
		f"""select unit from `tabPetition Transfer` where {seeded_condition("Petition Transfer")}
		group by unit order by count(*) desc, unit"""
	)


def list_times(handler: str, count: int) -> tuple[list[float], list]:
	times, rows = [], []
	with acting_as(handler):
		for k in range(count + 1):
			seconds, rows = timed(
				frappe.get_list,
				"Petition Transfer",
				fields=LIST_FIELDS,
				order_by="due_date asc",
				limit_page_length=20,
			)
			if k:
				times.append(seconds)
	return times, rows


def list_page(handler: str, units: list[str], repetitions: int) -> dict:
	"""The handler of the busiest unit (the figure), then of the median and the smallest unit."""
	times, rows = list_times(handler, repetitions * 4)
	others = {}
	for label, unit in (("median_unit", units[len(units) // 2]), ("smallest_unit", units[-1])):
		with rolled_back():
			tie_handler_to_unit(handler, unit)
			others[label] = {
				"unit": unit,
				"ms": summary(list_times(handler, repetitions)[0], 1000, 2)["value"],
			}
		frappe.clear_cache(user=handler)
	busiest = units[0]
	transfers = frappe.db.count("Petition Transfer", {"unit": busiest})
	return {
		**summary(times, 1000, 2),
		"handler_unit": busiest,
		"unit_transfers": transfers,
		"rows": len(rows),
		**others,
	}


# 7. The public statistics page (a guest page): its context function in process, cold and warm cache


def statistics_page(repetitions: int) -> dict:
	"""Hits per second of /petition-statistics' get_context as a guest: with the figures' Redis cache
	cleared before each hit (cold) and kept (warm), with the statements each sends."""
	from petition_management.portal import statistics as public
	from petition_management.www import petition_statistics

	def hit():
		frappe.local.form_dict = frappe._dict()
		petition_statistics.get_context(frappe._dict())

	figures = {}
	with acting_as("Guest"):
		hit()  # loads settings and translations
		for label, clear in (("cold", True), ("warm", False)):
			times, counts = [], []
			for _ in range(max(3, repetitions * 4)):
				if clear:
					public.clear_cache()
				with counted_queries() as queries:
					seconds, _ = timed(hit)
				times.append(seconds)
				counts.append(len(queries))
			median = statistics.median(times)
			figures[label] = {
				"hits_per_second": round(1 / median, 1) if median else None,
				"ms": round(median * 1000, 2),
				"queries": max(counts),
				"samples": [round(1 / t, 1) for t in times if t],
			}
	public.clear_cache()
	return {"value": figures["warm"]["hits_per_second"], "samples": figures["warm"]["samples"], **figures}
