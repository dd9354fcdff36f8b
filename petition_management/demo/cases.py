"""Demo cases: registered from the demo letters and visits, then walked along the case Workflow so that
every state has examples (registered, pending, accepted, not accepted, answered on the spot)."""

import frappe
from frappe.model.workflow import apply_workflow

from petition_management.intake.cases import link_repeat, register_case

# How far each registered case is taken, in turn: (actions, values saved before each action).
PATHS = (
	(),
	(("Propose Acceptance Decision", {"acceptance_proposal": "Accept"}),),
	(("Propose Acceptance Decision", {"acceptance_proposal": "Accept"}), ("Approve Acceptance", {})),
	(("Propose Acceptance Decision", {"acceptance_proposal": "Accept"}), ("Approve Acceptance", {})),
	(
		(
			"Propose Acceptance Decision",
			{
				"acceptance_proposal": "Do Not Accept",
				"non_acceptance_reason": "该事项属于劳动争议，应依法申请劳动仲裁。",
				"legal_channel": "Arbitration",
				"competent_body": "县劳动人事争议仲裁委员会",
			},
		),
		("Approve Non-Acceptance", {}),
	),
	(
		(
			"Close as Answered on the Spot",
			{"consolidated_reply": "已当场向信访人解释相关政策，信访人表示理解。"},
		),
	),
)


def open_sources() -> list:
	"""Letters and visits still waiting for an outcome, oldest first."""
	sources = []
	for doctype, date_field in (("Petition Letter", "received_on"), ("Petition Visit", "visit_datetime")):
		filters = {"status": "Open", "petition_case": ("is", "not set")}
		if doctype == "Petition Letter":
			filters["is_anonymous"] = 0
		names = frappe.get_all(doctype, filters=filters, pluck="name", order_by=f"{date_field} asc")
		sources += [frappe.get_doc(doctype, name) for name in names]
	return sources


def walk(case_name: str, path):
	for action, values in path:
		case = frappe.get_doc("Petition Case", case_name)
		if values:
			case.update(values)
			case.save()
		apply_workflow(case, action)


def make_cases(context):
	"""Register the demo's open letters and visits; those already registered are closed, so a second run
	finds nothing to do."""
	sources = open_sources()
	originals = []
	for index, source in enumerate(sources):
		if index % 7 == 6 and originals:
			source.db_set(
				{"outcome": "Repeat of an Existing Case", "repeat_of": originals[0], "status": "Closed"}
			)
			link_repeat(source, originals[0])
			continue
		source.db_set({"outcome": "Registered as a Case", "status": "Closed"})
		case = register_case(source)
		walk(case, PATHS[index % len(PATHS)])
		originals.append(case)
		context.add("Petition Case", case)
