"""Bench commands of the app: `bench --site SITE petition-demo`."""

import click
from frappe.commands import get_site, pass_context


@click.command("petition-demo")
@click.option("--seed", default=2026, show_default=True, help="Seed for the fake names and texts.")
@pass_context
def petition_demo(context, seed):
	"""Load the Petition Management demo data (zh_CN and en); safe to run again."""
	import frappe

	from petition_management.demo import make_demo

	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	try:
		created = make_demo(seed=seed)
		counts = ", ".join(f"{len(names)} {doctype}" for doctype, names in created.created.items())
		click.echo(f"Demo data on {site}: {counts}")
	finally:
		frappe.destroy()


commands = [petition_demo]
