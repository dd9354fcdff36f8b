"""One benchmark run: masters, scratch DocTypes, the seed (with the daily job's query count taken at N/10
between its two stages), the six figures and the public statistics page, the table and the JSON."""

import os
import time
import traceback

import frappe
from frappe.utils import getdate, nowdate

from petition_management.benchmark import measure, report
from petition_management.benchmark.cleanup import delete_seeded
from petition_management.benchmark.masters import make_masters, tie_handler_to_unit
from petition_management.benchmark.scratch import drop_scratch_doctypes, make_scratch_doctypes
from petition_management.benchmark.seed import DOCTYPES, seed_cases, seeded_counts

DEFAULT_CASES = 200_000
DEFAULT_REPETITIONS = 5


def run_benchmark(
	n: int = DEFAULT_CASES,
	out: str | None = None,
	repetitions: int = DEFAULT_REPETITIONS,
	seed: int = 2026,
	reuse: bool = False,
	commit: bool = True,
	progress=None,
) -> dict:
	"""Seed n cases (or reuse the n already seeded) and measure. With commit=False (tests) everything
	stays in the open transaction except the scratch DocTypes (DDL): the caller rolls back, then calls
	`drop_scratch_doctypes()`."""
	say = progress or (lambda message: None)
	load_at_start = os.getloadavg()
	frappe.set_user("Administrator")
	today = getdate(nowdate())
	make_scratch_doctypes()
	masters = make_masters()
	done(commit)
	tenth: dict = {}
	figures: dict = {}
	try:
		seeding = seed_or_reuse(n, masters, today, seed, reuse, commit, tenth, say)
		if commit:
			frappe.db.sql(f"analyze table {', '.join(f'`tab{d}`' for d in DOCTYPES)}")
		units = measure.units_by_size()
		tie_handler_to_unit(masters["handler"], units[0])
		done(commit)
		steps = {
			"list_page": lambda: measure.list_page(masters["handler"], units, repetitions),
			"repeat_lookup": lambda: measure.repeat_lookup(repetitions),
			"month_statistics": lambda: measure.month_statistics(today, repetitions),
			"registration": lambda: measure.registration(masters["reception"], repetitions),
			"appraisal_run": lambda: measure.appraisal_run(today, max(1, repetitions // 2)),
			"daily_job": lambda: measure.daily_job(today, max(1, repetitions // 2)),
			"statistics_page": lambda: measure.statistics_page(repetitions),
		}
		for key, step in steps.items():
			say(f"measuring {key} ...")
			figures[key] = attempt(step, raise_errors=not commit)
			say(f"  {key}: {figures[key].get('value')} ({time.strftime('%H:%M:%S')})")
		measure.record_tenth(figures["daily_job"], tenth)
	finally:
		if commit:
			frappe.db.rollback()
			drop_scratch_doctypes()
	result = {
		"date": report.now_text(),
		"site": frappe.local.site,
		"n": n,
		"repetitions": repetitions,
		"machine": {**report.machine(), "load_average_at_start": load_at_start},
		"versions": report.versions(),
		"seed": seeding,
		"figures": figures,
	}
	if out:
		report.write_json(out, result)
	return result


def measure_figures(
	keys: list[str] | tuple[str, ...] = ("list_page",), repetitions: int = DEFAULT_REPETITIONS
) -> dict:
	"""Measure some figures on the data already seeded, nothing else (no seed, no scratch DocTypes):
	`bench --site SITE execute petition_management.benchmark.run.measure_figures --kwargs "{'keys': ['list_page']}"`.
	Only the figures that need no scratch DocType (all but "registration")."""
	frappe.set_user("Administrator")
	today = getdate(nowdate())
	steps = {
		"list_page": lambda handler, units: measure.list_page(handler, units, repetitions),
		"repeat_lookup": lambda handler, units: measure.repeat_lookup(repetitions),
		"month_statistics": lambda handler, units: measure.month_statistics(today, repetitions),
		"appraisal_run": lambda handler, units: measure.appraisal_run(today, max(1, repetitions // 2)),
		"daily_job": lambda handler, units: measure.daily_job(today, max(1, repetitions // 2)),
		"statistics_page": lambda handler, units: measure.statistics_page(repetitions),
	}
	masters = make_masters()
	units = measure.units_by_size()
	tie_handler_to_unit(masters["handler"], units[0])
	frappe.db.commit()
	figures = {}
	try:
		for key in keys:
			figures[key] = steps[key](masters["handler"], units)
	finally:
		frappe.db.rollback()
	return figures


def seed_or_reuse(n, masters, today, seed, reuse, commit, tenth, say) -> dict:
	existing = seeded_counts()
	if reuse and existing["Petition Case"] == n:
		say(f"reusing the {n} seeded cases (the daily job's query count at N/10 is not taken)")
		return {"reused": True, "counts": existing}
	if any(existing.values()):
		say(f"deleting the previous seed: {existing}")
		delete_seeded(commit)

	def after_stage(stage, counts):
		if stage == 1:
			tie_handler_to_unit(masters["handler"], measure.units_by_size()[0])
			done(commit)
			tenth.update(attempt(lambda: measure.daily_job(today, 1), raise_errors=not commit))
			say(f"daily job at N/10: {tenth.get('queries')} queries, {tenth.get('value')} s")
			if commit:
				frappe.db.rollback()

	return seed_cases(n, masters, today, seed, commit, after_stage, say)


def attempt(step, raise_errors: bool) -> dict:
	"""A figure, or its error (the run goes on to the other figures)."""
	try:
		return step()
	except Exception as error:
		if raise_errors:
			raise
		frappe.db.rollback()
		return {"value": None, "error": repr(error), "traceback": traceback.format_exc(limit=6)}


def done(commit: bool):
	if commit:
		frappe.db.commit()
