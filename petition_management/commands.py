"""Bench commands of the app: `bench --site SITE petition-demo` and `bench --site SITE petition-benchmark`."""

import time

import click
from frappe.commands import get_site, pass_context


@click.command("petition-demo")
@click.option("--seed", default=2026, show_default=True, help="Seed for the fake names and texts.")
@click.option("--force", is_flag=True, help="Load it on a site whose config does not say petition_demo_site.")
@pass_context
def petition_demo(context, seed, force):
	"""Load the Petition Management demo data (zh_CN and en) on a demo site; safe to run again.
	The demo users share a published password, so a site not marked as a demo site is refused."""
	import frappe

	from petition_management.demo import make_demo
	from petition_management.demo.guard import NotADemoSiteError, ensure_demo_site

	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	try:
		try:
			ensure_demo_site(force)
		except NotADemoSiteError as refused:
			click.secho(str(refused), fg="red", err=True)
			raise SystemExit(1) from None
		created = make_demo(seed=seed)
		counts = ", ".join(f"{len(names)} {doctype}" for doctype, names in created.created.items())
		click.echo(f"Demo data on {site}: {counts}")
	finally:
		frappe.destroy()


@click.command("petition-benchmark")
@click.option("--cases", default=200_000, show_default=True, help="How many cases to seed (N).")
@click.option(
	"--out", default=None, help="The JSON file [default: petition-benchmark.json in the bench folder]."
)
@click.option(
	"--repetitions", default=5, show_default=True, help="Repetitions per figure (the median is kept)."
)
@click.option("--seed", default=2026, show_default=True, help="Seed of the generated data.")
@click.option(
	"--reuse", is_flag=True, help="Measure the N cases seeded by an earlier run instead of seeding again."
)
@pass_context
def petition_benchmark(context, cases, out, repetitions, seed, reuse):
	"""Seed N cases and print the six figures that matter at a million cases, beside their goals.
	Writes seeded data to the site: never run it on a production site."""
	import os

	import frappe
	from frappe.utils import get_bench_path

	from petition_management.benchmark import report
	from petition_management.benchmark.run import run_benchmark

	site = get_site(context)
	out = os.path.abspath(out or os.path.join(get_bench_path(), "petition-benchmark.json"))
	frappe.init(site=site)
	frappe.connect()
	try:
		started = time.perf_counter()
		result = run_benchmark(cases, out, repetitions, seed, reuse, progress=echo_progress)
		click.echo("")
		click.echo(report.header(result))
		click.echo(report.table(result["figures"]))
		click.echo(f"\nSeed: {result['seed']}")
		click.echo(f"Figures written to {out}; the run took {time.perf_counter() - started:.0f} s.")
	finally:
		frappe.destroy()


@click.command("petition-adopt-shipped")
@click.argument("doctype")
@click.argument("name")
@pass_context
def petition_adopt_shipped(context, doctype, name):
	"""Replace the site's DOCTYPE NAME (a Workflow, Notification, Letter Head or Appraisal Scheme the app
	ships) with the version the app ships now. The changes made on this site are lost."""
	import frappe

	from petition_management.setup.shipped import adopt

	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	try:
		shipped = adopt(doctype, name)
		frappe.db.commit()
		click.echo(f"{doctype} {name} on {site} is now version {shipped.version} as the app ships it.")
	finally:
		frappe.destroy()


def echo_progress(message: str):
	click.echo(f"[{time.strftime('%H:%M:%S')}] {message}")


commands = [petition_demo, petition_benchmark, petition_adopt_shipped]
