# Copyright (c) 2026, Petition Management contributors
# For license information, please see license.txt

"""The petition ledger (台账): every case the user may see, with its source, petitioners, category, units,
dates, state and outcome; the deadline status is today's, from the due date of the running clock.

ID numbers and phones are shown in full only to users who may read Petitioner Identity; users who may
read Petitioners get the masked values; users who may not read Petitioners at all (the units) get none —
in the report and in its export.

One statement whatever the number of cases: the petitioners and the co-handling units are aggregated in
derived tables joined to the cases."""

import frappe
from frappe import _

from petition_management.reports.grouped import case_filters
from petition_management.reports.query import CASE, Period, Scope, refused_as_message, today
from petition_management.tracking.daily import due_soon_until
from petition_management.utils.translation import APP_CONTEXT

# The columns shown translated, with the context of their wording: the options of the Petition Case's
# fields in the words of its form, the outcome this report computes in the app's
TRANSLATED = {
	"channel": CASE,
	"source_type": CASE,
	"workflow_state": CASE,
	"deadline_status": CASE,
	"satisfaction": CASE,
	"outcome": APP_CONTEXT,
}


@refused_as_message
def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	period = Period.from_filters(filters)
	scope = Scope(CASE)
	rows = get_rows(scope, [period.filter("received_on"), *case_filters(filters), *ledger_filters(filters)])
	return get_columns(), rows


def ledger_filters(filters: dict) -> list:
	found = []
	if filters.get("workflow_state"):
		found.append(("workflow_state", "=", filters["workflow_state"]))
	for fieldname in ("is_key_case", "cross_level"):
		if filters.get(fieldname):
			found.append((fieldname, "=", 1))
	return found


def identifier_columns() -> tuple[str, str]:
	"""Full, masked or no identifiers, by what the user may read of the Petitioner."""
	if frappe.has_permission("Petitioner Identity", "read"):
		return "identity.id_number", "identity.phone"
	if frappe.has_permission("Petitioner", "read"):
		return "petitioner.id_number_masked", "petitioner.phone_masked"
	return "null", "null"


def get_rows(scope: Scope, filters: list) -> list[dict]:
	on = today()
	soon = due_soon_until(on)
	id_number, phone = identifier_columns()
	rows = frappe.db.sql(
		f"""
		select
			{scope.table}.name as case_name, received_on, channel, source_type, source_doctype, source_name,
			parties.names as petitioners, parties.id_numbers, parties.phones,
			category, subject, suggested_unit, lead_unit, co_units.units as co_units,
			acceptance_due, decided_on, accepted_on, handling_due, current_due, replied_on, closed_on,
			archived_on, workflow_state, satisfaction, repeat_count, cross_level, cross_level_to, is_key_case,
			case
				when decided_on is not null and accepted_on is null then 'Not Accepted'
				when workflow_state in ('Closed', 'Archived') and decided_on is null then 'Answered on the Spot'
				when replied_on is not null or workflow_state in ('Replied', 'Closed', 'Archived') then 'Replied'
				else 'In Progress'
			end as outcome,
			case
				when current_due is null then null
				when current_due < {frappe.db.escape(str(on))} then 'Overdue'
				when current_due <= {frappe.db.escape(str(soon))} then 'Due Soon'
				else 'On Time'
			end as deadline_status
		from {scope.table}
		left join (
			select party.parent,
				group_concat(ifnull(party.petitioner_name, petitioner.full_name) order by party.idx separator ', ')
					as names,
				group_concat(ifnull(nullif({id_number}, ''), '-') order by party.idx separator ', ') as id_numbers,
				group_concat(ifnull(nullif({phone}, ''), '-') order by party.idx separator ', ') as phones
			from `tabPetition Party` party
			join `tabPetitioner` petitioner on petitioner.name = party.petitioner
			left join `tabPetitioner Identity` identity on identity.name = party.petitioner
			where party.parenttype = 'Petition Case' and party.parentfield = 'petitioners'
			group by party.parent
		) parties on parties.parent = {scope.table}.name
		left join (
			select co.petition_case, group_concat(co.unit order by co.creation separator ', ') as units
			from `tabPetition Transfer` co
			where co.transfer_role = 'Co-handling Unit' and ifnull(co.workflow_state, '') != 'Withdrawn'
			group by co.petition_case
		) co_units on co_units.petition_case = {scope.table}.name
		where {scope.where(filters)}
		order by received_on desc, {scope.table}.name desc
		""",
		as_dict=True,
	)
	for row in rows:
		for fieldname, context in TRANSLATED.items():
			if row.get(fieldname):
				row[fieldname] = _(row[fieldname], context=context)
	return rows


def get_columns() -> list[dict]:
	def column(fieldname, label, fieldtype="Data", options=None, width=120):
		return {
			"fieldname": fieldname,
			"label": label,
			"fieldtype": fieldtype,
			"options": options,
			"width": width,
		}

	return [
		column("case_name", _("Petition Case"), "Link", CASE, 150),
		column("received_on", _("Received On"), "Date", width=100),
		column("channel", _("Channel"), width=100),
		column("source_type", _("Source", context=APP_CONTEXT), width=100),
		# Data, not a Link to DocType: Frappe checks read permission on every linked DocType of the rows
		column("source_doctype", _("Source Record Type"), width=120),
		column("source_name", _("Source Record"), "Dynamic Link", "source_doctype", 140),
		column("petitioners", _("Petitioners"), width=160),
		column("id_numbers", _("ID Numbers"), width=180),
		column("phones", _("Phones"), width=140),
		column("category", _("Category"), "Link", "Petition Category", 140),
		column("subject", _("Subject", context=APP_CONTEXT), width=200),
		column("suggested_unit", _("Suggested Unit"), "Link", "Handling Unit", 140),
		column("lead_unit", _("Lead Unit"), "Link", "Handling Unit", 140),
		column("co_units", _("Co-handling Units"), width=160),
		column("acceptance_due", _("Acceptance Due"), "Date", width=100),
		column("decided_on", _("Decided On"), "Date", width=100),
		column("accepted_on", _("Accepted On"), "Date", width=100),
		column("handling_due", _("Handling Due"), "Date", width=100),
		column("current_due", _("Current Due Date"), "Date", width=100),
		column("deadline_status", _("Deadline Status"), width=100),
		column("replied_on", _("Replied On"), "Date", width=100),
		column("closed_on", _("Closed On"), "Date", width=100),
		column("archived_on", _("Archived On"), "Date", width=100),
		column("workflow_state", _("State", context=APP_CONTEXT), width=120),
		column("outcome", _("Outcome"), width=140),
		column("satisfaction", _("Satisfaction"), width=110),
		column("repeat_count", _("Repeat Count"), "Int", width=90),
		column("cross_level", _("Cross-level Petition"), "Check", width=90),
		column("cross_level_to", _("Higher Level"), width=90),
		column("is_key_case", _("Key Case"), "Check", width=80),
	]
