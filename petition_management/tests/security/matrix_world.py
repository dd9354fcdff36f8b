"""The world of the permission matrix: a record of unit A's and of unit B's for every DocType, the records
before each approval step, and a valid new record for each role allowed to create one."""

import frappe
from frappe.utils import add_days, add_to_date, now_datetime, nowdate

from petition_management.tests.security import matrix as m
from petition_management.tests.security.fixtures import (
	CATEGORY,
	OLD_YEAR,
	ROLE_LOGINS,
	UNIT_A,
	UNIT_B,
	World,
	email,
)
from petition_management.tests.security.records import Builder, scheme_values
from petition_management.tests.security.worlds import build_world
from petition_management.tests.utils import make_petitioner


def build_matrix_world() -> World:
	"""Users, units and records for every cell of the matrix (see test_permission_matrix)."""
	return build_world(add_matrix_records)


def add_matrix_records(b: Builder):
	w = b.world
	case_a, transfer_a = b.handled_case(UNIT_A)
	case_b, transfer_b = b.handled_case(UNIT_B)
	closed = b.case("Closed")
	w.case_a, w.case_b = case_a, case_b
	# a leader sees the letters, visits and petitioners of their units' cases (intake/leader_scope.py)
	letter_a, letter_b = b.letter(), b.letter()
	visit_a, visit_b = b.visit(), b.visit()
	for record, case in ((letter_a, case_a), (letter_b, case_b)):
		frappe.db.set_value("Petition Letter", record, "petition_case", case)
	for record, case in ((visit_a, case_a), (visit_b, case_b)):
		frappe.db.set_value("Petition Visit", record, "petition_case", case)
	person_b = b.party_of(case_b, "_T Sec 乙单位信访人")
	# the records every role reads, writes and (when refused) tries to delete: unit A's and unit B's
	w.records = {
		"Appraisal Run": {"A": b.appraisal_run(OLD_YEAR)},
		"Appraisal Scheme": {"A": b.scheme()},
		"Dispute Screening Round": {
			"A": b.screening_round(UNIT_A, f"{OLD_YEAR}-01-01"),
			"B": b.screening_round(UNIT_B, f"{OLD_YEAR}-01-01"),
		},
		"Emergency Incident": {"A": b.incident()},
		"Handling Unit": {"A": UNIT_A},
		"Mediation Case": {"A": b.mediation(UNIT_A, email("head")), "B": b.mediation(UNIT_B, w.head_b)},
		"Online Petition": {"A": b.online_petition()},
		"Petition Appraisal": {"A": b.appraisal(UNIT_A, OLD_YEAR), "B": b.appraisal(UNIT_B, OLD_YEAR)},
		"Petition Case": {"A": case_a, "B": case_b},
		"Petition Category": {"A": CATEGORY},
		"Petition Digest Log": {"A": b.digest_log(f"{OLD_YEAR}-01-01")},
		"Petition Extension": {"A": b.extension(case_a), "B": b.extension(case_b)},
		"Petition Letter": {"A": letter_a, "B": letter_b},
		"Petition Letter Sender": {"A": letter_a},
		"Petition Return Visit": {"A": b.return_visit(closed)},
		"Petition Review": {"A": b.review(closed)},
		"Petition Settings": {"A": "Petition Settings"},
		"Petition Shipped Record": {"A": frappe.db.get_value("Petition Shipped Record", {})},
		"Petition Supervision": {"A": b.supervision(case_a, UNIT_A), "B": b.supervision(case_b, UNIT_B)},
		"Petition Transfer": {"A": transfer_a, "B": transfer_b},
		"Petition Visit": {"A": visit_a, "B": visit_b},
		"Petitioner": {"A": w.petitioner, "B": person_b},
		"Petitioner Identity": {"A": w.petitioner},
		"Reception Day": {"A": b.reception_day("2031-05-05")},
		"Reception Schedule": {"A": b.reception_schedule("2031-03-01", "2031-03-31")},
	}
	w.default_scheme = b.default_scheme()
	# a unit person's response closes the order's response: each writes on an order of their own; the
	# Director writes on an extension waiting for approval (a draft is the requester's)
	pending_case, _transfer = b.handled_case(UNIT_A)
	pending_extension = b.extension(pending_case)
	frappe.db.set_value("Petition Extension", pending_extension, "workflow_state", "Pending Approval")
	w.own_write_records = {
		("Petition Supervision", m.HANDLER): b.supervision(case_a, UNIT_A),
		("Petition Supervision", m.HEAD): b.supervision(case_a, UNIT_A),
		("Petition Extension", m.DIRECTOR): pending_extension,
	}
	# submit: a decided review the Director submits
	second_closed = b.case("Closed")
	w.submit_records = {
		"Petition Review": b.review(second_closed, outcome="Upheld", opinion="<p>_T Sec 维持原处理意见</p>")
	}
	add_approval_records(b)
	add_create_payloads(b)
	# delete: a role allowed to delete but not to create deletes one of these
	w.delete_records = {("Online Petition", m.OFFICE): b.online_petition()}


def add_approval_records(b: Builder):
	"""A record in the state before each approval step, of unit A (and B for unit-scoped steps)."""
	w = b.world
	reply = {
		"handling_opinion": "<p>_T Sec 经核查属实</p>",
		"reply_draft": "<p>_T Sec 已责令整改</p>",
		"reply_submitted_by": email("handler"),
		"reply_submitted_on": now_datetime(),
		"acknowledged_by": email("handler"),
		"acknowledged_on": nowdate(),
	}
	head_signed = {**reply, "head_signed_by": email("head"), "head_signed_on": now_datetime()}
	leader_signed = {**head_signed, "leader_signed_by": email("leader"), "leader_signed_on": now_datetime()}
	transfer_values = {
		"Reply Drafted": reply,
		"Signed by Unit Head": head_signed,
		"Signed by Leader": leader_signed,
	}
	w.approval_records = {}
	for doctype, steps in m.APPROVAL_STEPS.items():
		for action, state, actor in steps:
			units = ["A", "B"] if m.cell(doctype, "approve", actor) == m.U else ["A"]
			for unit in units:
				unit_name = UNIT_A if unit == "A" else UNIT_B
				if doctype == "Petition Case":
					name = b.case("Pending Acceptance")
				elif doctype == "Petition Transfer":
					name = b.handled_case(unit_name, state, **transfer_values[state])[1]
				elif doctype == "Petition Extension":
					case, _transfer = b.handled_case(unit_name)
					name = b.extension(case)
					frappe.db.set_value(
						doctype,
						name,
						{"workflow_state": state, "requested_by": w.keeper, "requested_on": now_datetime()},
					)
				elif doctype == "Petition Appraisal":
					name = b.appraisal(unit_name, OLD_YEAR - 1)
					frappe.db.set_value(doctype, name, "workflow_state", state)
				w.approval_records[(doctype, action, unit)] = name


def add_create_payloads(b: Builder):
	"""For each DocType: one valid new record per role allowed to create it (and, for unit-scoped
	creation, one for the other unit), and one for the refused roles to try."""
	w = b.world
	w.create_payloads = {}
	for doctype, actions in m.MATRIX.items():
		cells = actions["create"]
		allowed = [role for role in m.ROLES if cells[role] in (m.Y, m.U)]
		for index, role in enumerate(allowed):
			w.create_payloads[(doctype, role, "A")] = create_payload(b, doctype, role, UNIT_A, index)
			if cells[role] == m.U:
				w.create_payloads[(doctype, role, "B")] = create_payload(b, doctype, role, UNIT_B, index + 20)
		w.create_payloads[(doctype, None, "A")] = create_payload(b, doctype, None, UNIT_A, 40)


def create_payload(b: Builder, doctype: str, role: str | None, unit: str, index: int) -> dict:
	"""A new record's values that pass every rule, so that only permissions can refuse it."""
	login = ROLE_LOGINS.get(role, "refused")
	label = f"_T Sec new {login} {index}"
	year = 2000 + index
	today = nowdate()
	if doctype == "Appraisal Run":
		return {"scheme": b.default_scheme(), "parent_unit": UNIT_A, "period_type": "Year", "year": year}
	if doctype == "Appraisal Scheme":
		values = scheme_values(label)
		values.pop("doctype")
		return values
	if doctype == "Dispute Screening Round":
		return {"unit": unit, "period_start": f"{year}-01-16"}
	if doctype == "Emergency Incident":
		return {
			"incident_time": str(add_to_date(now_datetime(), hours=-2)),
			"place": label,
			"situation": label,
		}
	if doctype == "Handling Unit":
		return {"unit_name": label}
	if doctype == "Mediation Case":
		return {
			"subject": label,
			"unit": unit,
			"mediator": email("head") if unit == UNIT_A else b.world.head_b,
			"opened_on": today,
			"dispute_description": label,
		}
	if doctype == "Online Petition":
		return {"full_name": label, "address": label, "subject": label, "content": label}
	if doctype == "Petition Appraisal":
		return {"unit": unit, "scheme": b.default_scheme(), "period_type": "Year", "year": year}
	if doctype == "Petition Case":
		return {
			"source_type": "Letter",
			"received_on": today,
			"subject": label,
			"content": f"<p>{label} 内容</p>",
			"petitioners": [{"petitioner": b.world.plain_petitioner}],
		}
	if doctype == "Petition Category":
		return {"category_name": label}
	if doctype == "Petition Digest Log":
		return {"user": b.world.keeper, "digest_date": f"{year}-02-01", "overdue": 1}
	if doctype == "Petition Shipped Record":
		return {"reference_doctype": "Workflow", "reference_name": "Petition Case", "installed_version": 1}
	if doctype == "Petition Extension":
		case, _transfer = b.handled_case(unit)
		return {"petition_case": case, "days": 3, "reason": label}
	if doctype == "Petition Letter":
		return {"channel": "Post", "received_on": today, "subject": label, "content": f"<p>{label}</p>"}
	if doctype == "Petition Return Visit":
		return {"petition_case": b.case("Closed"), "status": "Scheduled", "visit_date": today}
	if doctype == "Petition Review":
		return {
			"petition_case": b.case("Closed"),
			"review_type": "Review",
			"requested_on": today,
			"reviewing_body": label,
		}
	if doctype == "Petition Settings":
		return {"due_soon_days": 3}
	if doctype == "Petition Supervision":
		return {"petition_case": b.world.case_a, "unit": UNIT_A, "reason": "Other", "instructions": label}
	if doctype == "Petition Transfer":
		return {
			"petition_case": b.case("Accepted"),
			"unit": unit,
			"transfer_role": "Lead Unit",
			"instructions": label,
		}
	if doctype == "Petition Visit":
		return {
			"visit_datetime": str(now_datetime()),
			"reception_officer": email("reception"),
			"number_of_visitors": 1,
			"petitioners": [{"petitioner": b.world.plain_petitioner}],
			"subject": label,
			"content": f"<p>{label}</p>",
		}
	if doctype == "Petitioner":
		return {"full_name": label, "id_type": "None"}
	if doctype == "Petitioner Identity":
		person = make_petitioner(label)
		return {"petitioner": person, "id_type": "None", "address": label}
	if doctype == "Petition Letter Sender":
		return {"petition_letter": b.letter(with_sender=False), "sender_address": label}
	if doctype == "Reception Day":
		return {
			"reception_date": str(add_days("2032-01-05", 7 * index)),
			"leader": email("leader"),
			"place": label,
		}
	if doctype == "Reception Schedule":
		start = add_days("2033-01-01", 40 * index)
		return {
			"schedule_name": label,
			"from_date": str(start),
			"to_date": str(add_days(start, 13)),
			"rota": [{"leader": email("leader"), "weekday": "Tuesday", "place": label}],
		}
	raise KeyError(doctype)
