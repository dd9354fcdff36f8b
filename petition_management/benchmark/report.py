"""The figures beside their goals: a markdown table on the console and a JSON file with the machine,
the versions and N."""

import json
import os
import platform
import subprocess
from dataclasses import dataclass
from datetime import datetime

import frappe


@dataclass(frozen=True)
class Goal:
	key: str
	label: str
	unit: str
	limit: float
	text: str


GOALS = (
	Goal(
		"registration",
		"register a visit and its case through every controller, vs bare inserts of same-width scratch DocTypes",
		"x",
		1.5,
		"<= 1.5x",
	),
	Goal("repeat_lookup", "repeat-petition look-up at N (median)", "ms", 5, "<= 5 ms"),
	Goal("month_statistics", "the month statistics report at N", "s", 0.2, "<= 0.2 s"),
	Goal("appraisal_run", "an appraisal run for a year, 200 units", "s", 5, "<= 5 s"),
	Goal(
		"daily_job",
		"the daily deadline job at N (queries at N and at N/10)",
		"s",
		20,
		"<= 20 s, same query count at N and N/10",
	),
	Goal(
		"list_page",
		"a unit handler's list page (permission query, 20 rows by due date)",
		"ms",
		50,
		"<= 50 ms",
	),
	Goal(
		"statistics_page",
		"the public statistics page (get_context as a guest, warm cache; cold in brackets)",
		"hits/s",
		0,
		"cached, rate-limited",
	),
)


def is_met(goal: Goal, figure: dict) -> bool | None:
	if figure.get("value") is None:
		return None
	if goal.key == "statistics_page":  # no time goal: the warm cache must send no grouped query
		return figure.get("warm", {}).get("queries", 1) == 0
	met = figure["value"] <= goal.limit
	if goal.key == "daily_job" and met:
		at_tenth = figure.get("queries_at_tenth")
		# a run on reused data has no N/10 count: the goal is then neither met nor missed
		return None if at_tenth is None else at_tenth == figure.get("queries")
	return met


def measured_text(goal: Goal, figure: dict) -> str:
	if figure.get("value") is None:
		return f"not measured ({figure.get('error', 'skipped')})"
	text = f"{figure['value']} {goal.unit}".replace(" x", "x")
	if goal.key == "registration":
		text += f" ({figure['real_ms']} ms vs {figure['bare_ms']} ms)"
	if goal.key == "daily_job":
		text += (
			f"; {figure.get('queries')} queries ({figure.get('digests')} digests) at N, "
			f"{figure.get('queries_at_tenth')} ({figure.get('digests_at_tenth')} digests) at N/10"
		)
	if goal.key == "appraisal_run" and figure.get("split"):
		split = figure["split"]
		text += (
			f" (gather {split['gather']} s, score {split['score']} s, write {split['write']} s; "
			f"{split['queries']} queries)"
		)
	if goal.key == "statistics_page":
		warm, cold = figure["warm"], figure["cold"]
		text = (
			f"{warm['hits_per_second']} hits/s, {warm['ms']} ms, {warm['queries']} queries "
			f"(cold {cold['hits_per_second']} hits/s, {cold['ms']} ms, {cold['queries']} queries)"
		)
	if goal.key == "list_page":
		text += f" (busiest unit; median unit {figure['median_unit']['ms']} ms, smallest {figure['smallest_unit']['ms']} ms)"
	return text


def table(figures: dict) -> str:
	lines = ["| figure | measured | goal | met |", "|---|---|---|---|"]
	for goal in GOALS:
		figure = figures.get(goal.key, {})
		met = {True: "yes", False: "**no**", None: "-"}[is_met(goal, figure)]
		lines.append(f"| {goal.label} | {measured_text(goal, figure)} | {goal.text} | {met} |")
	return "\n".join(lines)


def machine() -> dict:
	meminfo = dict(line.split(":", 1) for line in open("/proc/meminfo").read().splitlines() if ":" in line)
	cpu = next(
		(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), ""
	)
	variables = dict(
		frappe.db.sql(
			"""show variables where variable_name in ('innodb_buffer_pool_size', 'innodb_flush_log_at_trx_commit',
			'innodb_flush_method', 'version')"""
		)
	)
	return {
		"host": platform.node(),
		"cpus": os.cpu_count(),
		"cpu_model": cpu,
		"memory_gb": round(int(meminfo["MemTotal"].split()[0]) / 1024 / 1024, 1),
		"load_average": os.getloadavg(),
		"os": platform.platform(),
		"mariadb": variables.get("version"),
		"innodb_buffer_pool_mb": int(variables.get("innodb_buffer_pool_size", 0)) // (1024 * 1024),
		"innodb_flush_log_at_trx_commit": variables.get("innodb_flush_log_at_trx_commit"),
		"innodb_flush_method": variables.get("innodb_flush_method"),
	}


def versions() -> dict:
	import petition_management

	return {
		"python": platform.python_version(),
		"frappe": frappe.__version__,
		"petition_management": petition_management.__version__,
		"commit": git_commit(),
	}


def git_commit() -> str | None:
	path = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
	try:
		return subprocess.run(
			["git", "-C", path, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=5
		).stdout.strip()
	except (OSError, subprocess.SubprocessError):
		return None


def write_json(path: str, result: dict):
	for goal in GOALS:
		figure = result["figures"].get(goal.key)
		if figure is not None:
			figure.update(
				{"label": goal.label, "unit": goal.unit, "goal": goal.text, "met": is_met(goal, figure)}
			)
	os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
	with open(path, "w") as file:
		json.dump(result, file, indent=1, ensure_ascii=False, default=str)


def header(result: dict) -> str:
	m = result["machine"]
	return (
		f"Petition benchmark, {result['date']}: N = {result['n']:,} cases on {result['site']}; "
		f"{m['cpus']} CPUs ({m['cpu_model']}), {m['memory_gb']} GB, MariaDB {m['mariadb']} "
		f"(buffer pool {m['innodb_buffer_pool_mb']} MB); Frappe {result['versions']['frappe']}"
	)


def now_text() -> str:
	return datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
