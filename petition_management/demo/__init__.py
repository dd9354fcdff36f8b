"""Demo data for a showcase site: every feature of the app with believable records.

`bench --site SITE petition-demo` loads it (see commands.py); re-running adds nothing twice.
Each DocType adds its own step to STEPS as the app grows.
"""

import frappe
from faker import Faker

from petition_management.demo import (
	appraisal,
	cases,
	extensions,
	history,
	letters,
	lifecycle,
	masters,
	petitioners,
	portal,
	special,
	tracking,
	transfers,
	users,
	visits,
)

# Each step takes the demo context (fakers, created names) and returns nothing.
STEPS = (
	masters.complete_setup,
	users.make_users,
	masters.make_settings,
	masters.make_units,
	masters.make_categories,
	petitioners.make_petitioners,
	letters.make_letters,
	portal.make_online_petitions,
	visits.make_visits,
	cases.make_cases,
	lifecycle.make_lifecycle,
	transfers.make_transfers,
	special.make_special,
	extensions.make_extensions,
	tracking.make_tracking,
	history.make_history,
	appraisal.make_appraisals,
)
DEMO_MARKER = "petition_management_demo_loaded"


class DemoContext:
	"""What the steps share: seeded fakers for both languages and the names they created."""

	def __init__(self, seed: int = 2026):
		self.zh = Faker("zh_CN")
		self.en = Faker("en_US")
		for fake in (self.zh, self.en):
			fake.seed_instance(seed)
		self.created: dict[str, list[str]] = {}

	def add(self, doctype: str, name: str):
		self.created.setdefault(doctype, []).append(name)


def has_demo_data() -> bool:
	return bool(frappe.db.get_default(DEMO_MARKER))


def make_demo(seed: int = 2026, commit: bool = True) -> DemoContext:
	context = DemoContext(seed)
	for step in STEPS:
		step(context)
		if commit:
			frappe.db.commit()
	frappe.db.set_default(DEMO_MARKER, "1")
	if commit:
		frappe.db.commit()
	return context
