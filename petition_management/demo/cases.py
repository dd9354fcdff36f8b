"""Demo cases: registered from the demo letters and visits on the day they came in, then decided along
the case Workflow over the next days, by the reception, the office and the director. Every decision
state has examples (registered, pending, accepted, not accepted and archived, answered on the spot);
lifecycle.py takes accepted cases on to their replies and archive."""

import frappe
from frappe.utils import add_days, add_to_date, get_datetime, getdate

from petition_management.demo.acting import act, acting_as, staff
from petition_management.demo.clock import demo_clock
from petition_management.demo.handling_texts import NON_ACCEPTANCE, archive_number
from petition_management.intake.cases import link_repeat, register_case


def non_acceptance(case: str) -> dict:
	"""The office's proposal not to accept: the category's legal channel, or a matter already decided."""
	channel = legal_channel_of(case)
	reason, body = NON_ACCEPTANCE.get(channel, NON_ACCEPTANCE[""])
	return {
		"acceptance_proposal": "Do Not Accept",
		"non_acceptance_reason": reason,
		"legal_channel": channel or None,
		"competent_body": body,
	}


def legal_channel_of(case: str) -> str:
	"""The legal channel of the case's category (litigation, arbitration...), or ""."""
	category = frappe.db.get_value("Petition Case", case, "category")
	return (category and frappe.db.get_value("Petition Category", category, "legal_channel")) or ""


def to_archive(case: str) -> dict:
	return {"archive_number": archive_number(getdate().year)}


# a step: (login, days after receipt, action, values saved first: a dict, or a function of the case)
ACCEPT = ("office", 1, "Propose Acceptance Decision", {"acceptance_proposal": "Accept"})
APPROVE = ("director", 2, "Approve Acceptance", {})
NOT_ACCEPT = ("office", 1, "Propose Acceptance Decision", non_acceptance)
REFUSE = ("director", 2, "Approve Non-Acceptance", {})
ON_THE_SPOT = (
	"reception",
	0,
	"Close as Answered on the Spot",
	{"consolidated_reply": "已当场向信访人解释相关政策，信访人表示理解。"},
)
# the notice is kept with the file once the petitioner has had it for a while
ARCHIVE_REFUSAL = ("office", 20, "Archive", to_archive)

# How far each registered case is taken, in turn. Accepted cases are the larger share: lifecycle.py walks them on, transfers.py routes the youngest.
PATHS = (
	(ACCEPT, APPROVE),
	(),
	(ACCEPT, APPROVE),
	(ACCEPT,),
	(ACCEPT, APPROVE),
	(NOT_ACCEPT, REFUSE),
	(ACCEPT, APPROVE),
	(ON_THE_SPOT,),
	(ACCEPT, APPROVE),
	(ACCEPT, APPROVE),
	(NOT_ACCEPT, REFUSE, ARCHIVE_REFUSAL),
	(ACCEPT, APPROVE),
)
REPEAT_EVERY = 7  # every seventh petition repeats the first demo case


def open_sources() -> list:
	"""Letters and visits still waiting for an outcome, in the order they came in."""
	sources = []
	for doctype, date_field in (("Petition Letter", "received_on"), ("Petition Visit", "visit_datetime")):
		filters = {"status": "Open", "petition_case": ("is", "not set")}
		if doctype == "Petition Letter":
			filters["is_anonymous"] = 0
		names = frappe.get_all(doctype, filters=filters, pluck="name", order_by=f"{date_field} asc")
		sources += [frappe.get_doc(doctype, name) for name in names]
	return sorted(sources, key=lambda source: (registered_at(source), source.doctype, source.name))


def received_day(source):
	return getdate(source.visit_datetime if source.doctype == "Petition Visit" else source.received_on)


def registered_at(source):
	"""A visit is registered half an hour after it began, a letter in the morning of its arrival."""
	if source.doctype == "Petition Visit":
		return add_to_date(get_datetime(source.visit_datetime), minutes=30)
	return get_datetime(f"{source.received_on} 09:30:00")


def path_for(case: str, index: int) -> tuple:
	"""The case's turn in PATHS; a matter for the courts, arbitration or reconsideration is not accepted."""
	path = PATHS[index % len(PATHS)]
	if APPROVE in path and legal_channel_of(case):
		return (NOT_ACCEPT, REFUSE)
	return path


def walk(clock, case: str, received, path):
	for login, days, action, values in path:
		clock.at(add_days(received, days), 10 + days % 6)
		act(staff(login), "Petition Case", case, action, values(case) if callable(values) else values)


def make_cases(context):
	"""Register the demo's open letters and visits; those already registered are closed, so a second run
	finds nothing to do."""
	sources = open_sources()
	if not sources:
		return
	originals = []
	with demo_clock() as clock:
		for index, source in enumerate(sources):
			clock.new_story()
			received = received_day(source)
			clock.move(registered_at(source))
			if index % REPEAT_EVERY == REPEAT_EVERY - 1 and originals:
				source.db_set(
					{"outcome": "Repeat of an Existing Case", "repeat_of": originals[0], "status": "Closed"}
				)
				link_repeat(source, originals[0])
				continue
			source.db_set({"outcome": "Registered as a Case", "status": "Closed"})
			with acting_as(staff("reception")):
				case = register_case(source)
			walk(clock, case, received, path_for(case, len(originals)))
			originals.append(case)
			context.add("Petition Case", case)
