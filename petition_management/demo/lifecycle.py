"""Demo life cycle: the accepted demo cases, oldest first, are walked on by the demo staff along the case
and transfer Workflows, each as far as its scenario says: transferred to a lead unit (and a co-handling
unit), handled, the reply receipt signed by the unit head and the leader in charge, accepted by the
office, the consolidated reply recorded, delivered, visited again and archived. Every step happens on
its own day (clock.py), so the oldest cases are the furthest on and some transfers are overdue.

Runs once: when a case has ever reached In Handling, it adds nothing.
"""

from collections.abc import Callable
from typing import NamedTuple

import frappe
from frappe.utils import add_days, getdate

from petition_management.demo.acting import act, acting_as, staff
from petition_management.demo.clock import demo_clock
from petition_management.demo.handling_texts import RETURN_VISITS, archive_number
from petition_management.demo.transfers import tie_handlers_to_units
from petition_management.demo.unit_work import CO_DAYS, LEAD_DAYS, Step, issue, route_steps, take, unit_people
from petition_management.handling.transfers import TransferRole, lead_transfer
from petition_management.petition_management.doctype.petition_settings.petition_settings import get_settings
from petition_management.tracking import daily

CASE = "Petition Case"


class Scenario(NamedTuple):
	case_state: str  # how far the case goes: In Handling, Replied, Closed or Archived
	lead: str  # the route of the lead unit's transfer (unit_work.ROUTES)
	co: str | None = None  # the route of a co-handling unit's transfer; None: the lead unit alone
	due_days: int | None = None  # a unit deadline shorter than the case's, in days after the issue
	satisfaction: str | None = None  # the return visit is done and the petitioner says so


# Oldest case first: the furthest on, then the overdue ones, then the younger cases in handling.
SCENARIOS = (
	Scenario("Archived", "Reply Accepted", "Reply Accepted", satisfaction="Satisfied"),
	Scenario("Archived", "Reworked", satisfaction="Basically Satisfied"),
	Scenario("Closed", "Reply Accepted", satisfaction="Dissatisfied"),
	Scenario("Closed", "Reply Accepted", "Withdrawn"),
	Scenario("Closed", "Reply Accepted"),
	Scenario("Replied", "Reply Accepted", "Reply Accepted"),
	Scenario("In Handling", "Issued", due_days=15),
	Scenario("In Handling", "Acknowledged", "Issued", due_days=15),
	Scenario("Replied", "Reply Accepted"),
	Scenario("In Handling", "Returned"),
	Scenario("In Handling", "Signed by Leader", "Reply Accepted"),
	Scenario("In Handling", "Signed by Unit Head"),
	Scenario("In Handling", "Objection Rejected", "Objected"),
	Scenario("In Handling", "Reply Drafted"),
	Scenario("In Handling", "Acknowledged", "Reply Drafted"),
)
# a lead unit's partner when the scenario has a co-handling unit
CO_UNITS = {
	"住房和城乡建设局": "城关街道办事处",
	"公安局": "城关街道办事处",
	"治安管理大队": "城关街道办事处",
	"交警大队": "住房和城乡建设局",
	"人力资源和社会保障局": "住房和城乡建设局",
	"自然资源局": "住房和城乡建设局",
	"市场监督管理局": "公安局",
}
DELIVERY_METHODS = ("Post", "In Person", "E-mail")


class Event(NamedTuple):
	day: int  # days after the issue of the transfers
	hour: int
	order: int
	run: Callable[[], object]


def make_lifecycle(context):
	tie_handlers_to_units()
	cases = cases_to_walk()
	if not cases:
		return
	with demo_clock() as clock:
		for index, (case, scenario) in enumerate(zip(cases, SCENARIOS, strict=False)):
			clock.new_story()
			for transfer in walk_case(clock, case, scenario, index):
				context.add("Petition Transfer", transfer)
			context.add("Petition Case (walked)", case.name)
	refresh_deadline_statuses()


def cases_to_walk() -> list:
	"""Accepted cases whose lead unit the demo staffs, oldest first; none once the demo has walked cases."""
	if frappe.db.exists(CASE, {"workflow_state": ("in", ("In Handling", "Replied"))}) or frappe.db.exists(
		CASE, {"replied_on": ("is", "set")}
	):
		return []
	cases = frappe.get_all(
		CASE,
		filters={"workflow_state": "Accepted"},
		fields=["name", "subject", "category", "accepted_on", "suggested_unit"],
		order_by="accepted_on asc, received_on asc, name asc",
	)
	walkable = []
	for index, case in enumerate(cases):
		case.lead = lead_transfer(case.name)
		case.lead_unit = case.lead.unit if case.lead else lead_unit_for(case, index)
		if unit_people(case.lead_unit):
			walkable.append(case)
	return walkable


def lead_unit_for(case, index: int) -> str:
	"""The category's unit when the demo staffs it, else one of the staffed units in turn."""
	if case.suggested_unit in CO_UNITS:
		return case.suggested_unit
	units = sorted(CO_UNITS)
	return units[index % len(units)]


def co_unit_for(lead_unit: str) -> str | None:
	"""The lead unit's usual partner, or another unit the demo staffs (an older demo may lack some)."""
	candidates = [CO_UNITS.get(lead_unit), *sorted(CO_UNITS)]
	return next((unit for unit in candidates if unit and unit != lead_unit and unit_people(unit)), None)


def walk_case(clock, case, scenario: Scenario, index: int) -> list[str]:
	"""Take the case's steps in the order of their days; return the transfers it issued."""
	issue_day = getdate(case.lead.issued_on) if case.lead else add_days(case.accepted_on, 1)
	issued = {}
	events = case_events(case, scenario, issue_day, issued, index)
	for event in sorted(events):
		clock.at(add_days(issue_day, event.day), event.hour, event.order % 60)
		event.run()
	return [name for key, name in issued.items() if not (case.lead and key == "lead")]


def case_events(case, scenario: Scenario, issue_day, names: dict, index: int) -> list[Event]:
	"""Every step of the case's story, with its day: transfers, unit work, then the case's own steps.
	`names` gets the transfers' names (lead, co) as they are issued."""
	events = []

	def add(day: int, hour: int, run):
		events.append(Event(day, hour, len(events), run))

	due = add_days(issue_day, scenario.due_days) if scenario.due_days else None
	if case.lead:
		names["lead"] = case.lead.name
	else:
		add(0, 10, lambda: names.update(lead=issue(case.name, case.lead_unit, TransferRole.LEAD, due)))
	transfer_steps = [("lead", unit_people(case.lead_unit), route_steps(scenario.lead, LEAD_DAYS))]
	co_unit = scenario.co and co_unit_for(case.lead_unit)
	if co_unit:
		add(0, 10, lambda: names.update(co=issue(case.name, co_unit, TransferRole.CO, due)))
		transfer_steps.append(("co", unit_people(co_unit), route_steps(scenario.co, CO_DAYS)))
	add(0, 11, lambda: act(staff("office"), CASE, case.name, "Start Handling"))
	for key, people, steps in transfer_steps:
		for step in steps:
			add(step.day, step.hour, transfer_step(names, key, step, people, case))
	if scenario.case_state != "In Handling":
		replied = max(step.day for step in transfer_steps[0][2]) + 1
		add_closing_events(add, case.name, scenario, replied, index)
	return events


def transfer_step(names: dict, key: str, step: Step, people: dict, case):
	return lambda: take(names[key], step.action, people, case)


def add_closing_events(add, case: str, scenario: Scenario, replied: int, index: int):
	"""Reply recorded; then delivered and closed, visited again, archived, as far as the scenario goes."""
	add(replied, 15, lambda: record_reply(case))
	if scenario.case_state == "Replied":
		return
	closed = replied + 3
	add(closed, 11, lambda: close(case, DELIVERY_METHODS[index % len(DELIVERY_METHODS)]))
	visited = closed + get_settings().return_visit_days  # the day the visit is scheduled for
	if scenario.satisfaction:
		add(visited, 10, lambda: complete_return_visit(case, scenario.satisfaction))
	if scenario.case_state == "Archived":
		add(visited + 3, 16, lambda: archive(case))


def record_reply(case: str):
	"""The office records the lead unit's signed summary as the consolidated reply."""
	reply = frappe.db.get_value("Petition Transfer", lead_transfer(case).name, "reply_draft")
	act(staff("office"), CASE, case, "Record Consolidated Reply", {"consolidated_reply": reply})


def close(case: str, method: str):
	"""The office records how and when the written reply reached the petitioner (the day before)."""
	replied_on = frappe.db.get_value(CASE, case, "replied_on")
	delivered_on = max(getdate(replied_on), add_days(getdate(), -1))
	act(staff("office"), CASE, case, "Close Case", {"delivery_method": method, "delivered_on": delivered_on})


def complete_return_visit(case: str, satisfaction: str):
	method, notes = RETURN_VISITS[satisfaction]
	with acting_as(staff("office")):
		visit = frappe.get_doc("Petition Return Visit", {"petition_case": case})
		visit.update(
			{
				"status": "Completed",
				"visit_date": getdate(),
				"method": method,
				"satisfaction": satisfaction,
				"notes": notes,
			}
		)
		visit.save()


def archive(case: str):
	number = archive_number(getdate().year)
	act(staff("office"), CASE, case, "Archive", {"archive_number": number})


def refresh_deadline_statuses():
	"""What the daily job does overnight (statuses only, no digests): as of today."""
	daily.refresh_deadline_statuses(getdate())
