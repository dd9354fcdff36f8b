"""Seed N cases fast: rows from rows.py, written with multi-row INSERTs (`executemany` on the raw
cursor, which PyMySQL sends as batched VALUES lists) in chunks of CHUNK rows.

Frappe's `bulk_insert` builds each statement with pypika in Python (about 1,900 rows/s on the 2-core
bench); the raw cursor does about twice that, and the database, not Python, becomes the limit.
Seeding goes in two stages, every 10th case first, so that a figure can be taken at N/10 with the same
spreads before the rest arrives (`after_stage`).
"""

import time
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date

import frappe

from petition_management.benchmark.cleanup import seeded_condition
from petition_management.benchmark.plan import STAGES, Plan, make_plan, petitioner_stages
from petition_management.benchmark.rows import CaseBuilder, petitioner_row
from petition_management.benchmark.text import make_pools

CHUNK = 5000
NUMERIC = frozenset({"Check", "Int", "Float", "Currency", "Percent"})
DOCTYPES = (
	"Petitioner",
	"Petitioner Identity",
	"Petition Case",
	"Petition Party",
	"Petition Repeat Note",
	"Petition Transfer",
	"Petition Return Visit",
)


class UnknownColumnError(Exception):
	pass


class BulkWriter:
	"""Buffer rows per DocType and write them CHUNK at a time; every table column gets a value (0 for
	numbers, NULL otherwise, unless given)."""

	def __init__(self, commit: bool, chunk: int = CHUNK):
		self.commit, self.chunk = commit, chunk
		self.buffers: dict[str, list[tuple]] = defaultdict(list)
		self.columns: dict[str, list[str]] = {}
		self.defaults: dict[str, dict] = {}
		self.counts: Counter = Counter()

	def prepare(self, doctype: str):
		meta = frappe.get_meta(doctype)
		columns = frappe.db.get_table_columns(doctype)
		numeric = {df.fieldname for df in meta.fields if df.fieldtype in NUMERIC}
		self.columns[doctype] = columns
		self.defaults[doctype] = {
			c: 0 if c in numeric or c in ("docstatus", "idx") else None for c in columns
		}

	def add(self, doctype: str, values: dict):
		if doctype not in self.columns:
			self.prepare(doctype)
		defaults = self.defaults[doctype]
		unknown = values.keys() - defaults.keys()
		if unknown:
			raise UnknownColumnError(f"{doctype} has no column {sorted(unknown)}")
		self.buffers[doctype].append(tuple(values.get(c, d) for c, d in defaults.items()))
		if len(self.buffers[doctype]) >= self.chunk:
			self.flush(doctype)

	def flush(self, doctype: str):
		rows = self.buffers.pop(doctype, None)
		if not rows:
			return
		columns = self.columns[doctype]
		sql = "insert into `tab{}` ({}) values ({})".format(
			doctype, ", ".join(f"`{c}`" for c in columns), ", ".join(["%s"] * len(columns))
		)
		frappe.db._cursor.executemany(sql, rows)
		self.counts[doctype] += len(rows)
		if self.commit:
			frappe.db.commit()

	def flush_all(self):
		for doctype in list(self.buffers):
			self.flush(doctype)


def seed_cases(
	n: int,
	masters: dict,
	today: date,
	seed: int = 2026,
	commit: bool = True,
	after_stage: Callable[[int, Counter], None] | None = None,
	progress: Callable[[str], None] | None = None,
) -> dict:
	"""Seed n cases and everything around them; return the counts and timings."""
	say = progress or (lambda message: None)
	started = time.perf_counter()
	units, categories = masters["units"], masters["categories"]
	category_unit = [units.index(unit_of(c)) if unit_of(c) in units else 0 for c in categories]
	pools = make_pools(seed, categories)
	plan = make_plan(n, len(categories), len(units), category_unit, today, seed)
	say(f"planned {n} cases and {plan.petitioners} petitioners in {time.perf_counter() - started:.1f} s")
	builder = CaseBuilder(plan, pools, units, categories, seed)
	stages = petitioner_stages(plan)
	writer = BulkWriter(commit)
	stage_seconds = {}
	for stage in (1, 2):
		stage_start = time.perf_counter()
		for p in range(plan.petitioners):
			if stages[p] == stage:
				person, identity = petitioner_row(p, pools)
				writer.add("Petitioner", person)
				writer.add("Petitioner Identity", identity)
		for k, i in enumerate(cases_of_stage(plan, stage), 1):
			for doctype, values in builder.rows(i):
				writer.add(doctype, values)
			if k % 50000 == 0:
				say(f"stage {stage}: {k} cases ({sum(writer.counts.values())} rows written)")
		writer.flush_all()
		stage_seconds[stage] = round(time.perf_counter() - stage_start, 1)
		say(f"stage {stage} seeded in {stage_seconds[stage]} s: {dict(writer.counts)}")
		if after_stage:
			after_stage(stage, writer.counts)
	seconds = round(sum(stage_seconds.values()), 1)
	rows = sum(writer.counts.values())
	return {
		"counts": dict(writer.counts),
		"rows": rows,
		"seconds": seconds,
		"rows_per_second": round(rows / seconds) if seconds else None,
		"stage_seconds": stage_seconds,
		"from_date": str(plan.start),
		"to_date": str(plan.today),
		"petitioners": plan.petitioners,
	}


def cases_of_stage(plan: Plan, stage: int):
	return range(0, plan.n, STAGES) if stage == 1 else (i for i in range(plan.n) if i % STAGES)


def unit_of(category: str) -> str | None:
	return frappe.db.get_value("Petition Category", category, "default_handling_unit")


def seeded_counts() -> dict[str, int]:
	"""How many seeded records each table holds now."""
	return {
		doctype: frappe.db.sql(f"select count(*) from `tab{doctype}` where {seeded_condition(doctype)}")[0][0]
		for doctype in DOCTYPES
	}
