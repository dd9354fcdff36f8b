"""Appraisal Runs: appraise every active unit that is not a group (only those under the run's group unit
when it names one) for a period, rank them, and list the units to commend and to watch.

Set-based: the figures of all the units come from a few grouped queries (figures.gather); the new
appraisals are scored in memory by their controller and written in a few multi-row INSERTs with their
Workflow Actions, then their after_insert/on_update/on_change events run (appraisal/writing.py, so
Notifications and an admin's Server Scripts still apply); a recomputed Draft is saved through its
controller (with its Version). The number of queries grows with the number of units, never with the
number of cases. Only Draft appraisals are (re)computed: one Under Review or
Approved is kept exactly as it is, and its stored score takes part in the ranking.
"""

import time

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime, nowdate

from petition_management.appraisal import APPRAISAL, SCHEME, AppraisalState
from petition_management.appraisal.figures import gather
from petition_management.appraisal.writing import insert_new
from petition_management.rules.appraisal import RankEntry, as_of_date, commend_and_watch, rank

APPRAISAL_FIELDS = ["name", "unit", "workflow_state", "score", "grade", "vetoed", "has_data"]


class Standing:
	COMMEND = "Commend"
	WATCH = "Watch"


def appraised_units(parent_unit: str | None = None) -> list[str]:
	"""The active units that are not groups; only those under ``parent_unit`` when it is given."""
	filters = {"is_group": 0, "is_active": 1}
	if parent_unit:
		lft, rgt = frappe.db.get_value("Handling Unit", parent_unit, ["lft", "rgt"])
		filters.update({"lft": (">", lft), "rgt": ("<", rgt)})
	return frappe.get_all("Handling Unit", filters=filters, pluck="name", order_by="lft asc, name asc")


def execute_run(run) -> None:
	"""Create or recompute the appraisals of the run's period, rank them and save the run. The seconds
	of each step (gather, score, write) are left in ``run.flags.timings``."""
	started = time.perf_counter()
	units = appraised_units(run.parent_unit)
	start, end = getdate(run.from_date), getdate(run.to_date)
	as_of = as_of_date(end, getdate(nowdate()))
	scheme = frappe.get_cached_doc(SCHEME, run.scheme)
	window = int(scheme.one_time_window_days)
	figures = gather(units, start, end, as_of, window)
	existing = {
		row.unit: row
		for row in frappe.get_all(
			APPRAISAL,
			filters={"unit": ("in", units or [""]), "from_date": start, "to_date": end},
			fields=APPRAISAL_FIELDS,
		)
	}
	gathered = time.perf_counter()
	appraisals, new, drafts = [], [], []
	for unit in units:
		current = existing.get(unit)
		if current and current.workflow_state not in (None, "", AppraisalState.DRAFT):
			appraisals.append(current)  # kept as it is: its stored figures and score
			continue
		if current:
			doc = frappe.get_doc(APPRAISAL, current.name)
			drafts.append(doc)
		else:
			doc = frappe.new_doc(APPRAISAL)
			doc.update(
				{
					"unit": unit,
					"period_type": run.period_type,
					"year": run.year,
					"period_number": run.period_number,
				}
			)
			new.append(doc)
		doc.scheme = run.scheme
		doc.appraisal_run = run.name
		doc.set_figures(figures[unit], as_of, window)
		if not current:
			doc.prepare_new()
		appraisals.append(doc)
	scored = time.perf_counter()
	insert_new(new)  # set-based (appraisal/writing.py)
	for doc in drafts:  # a recomputed Draft is saved through its controller (Version of the change)
		doc.save()
	set_results(run, appraisals, scheme)
	run.status = "Completed"
	run.last_run_on = now_datetime()
	run.unit_count = len(appraisals)
	run.save()
	written = time.perf_counter()
	run.flags.timings = {
		"gather": round(gathered - started, 3),
		"score": round(scored - gathered, 3),
		"write": round(written - scored, 3),
		"new": len(new),
		"recomputed": len(drafts),
	}


def set_results(run, appraisals: list, scheme) -> None:
	entries = [RankEntry(doc.name, doc.score, bool(doc.vetoed), bool(doc.has_data)) for doc in appraisals]
	ranks = rank(entries)
	commend, watch = commend_and_watch(entries, int(scheme.commend_count), int(scheme.watch_count))
	standing = {**dict.fromkeys(commend, Standing.COMMEND), **dict.fromkeys(watch, Standing.WATCH)}
	run.set("results", [])
	for doc in sorted(appraisals, key=lambda d: (ranks[d.name], d.unit)):
		run.append(
			"results",
			{
				"rank": ranks[doc.name],
				"unit": doc.unit,
				"appraisal": doc.name,
				"score": doc.score,
				"grade": doc.grade,
				"vetoed": doc.vetoed,
				"standing": standing.get(doc.name),
				"appraisal_state": doc.workflow_state,
			},
		)
	unit_of = {doc.name: doc.unit for doc in appraisals}
	vetoed = {doc.name for doc in appraisals if doc.vetoed}
	run.commend_units = "\n".join(unit_of[name] for name in commend)
	run.watch_units = "\n".join(
		_("{0} (vetoed)").format(unit_of[name]) if name in vetoed else unit_of[name] for name in watch
	)
