"""The worlds of the security tests: after a purge, the users, the masters and the records of each suite,
committed (the permission matrix's is in matrix_world.py)."""

import frappe
from frappe.utils import add_days, getdate, now_datetime, nowdate

from petition_management.tests.security.cleanup import purge, restore_settings, settings_rows
from petition_management.tests.security.fixtures import (
	ALL_USERS,
	LETTER_OLD_PHONE,
	LETTER_PHONE,
	OLD_PHONE,
	OLD_YEAR,
	SECRET_PHONE_TYPED,
	UNIT_A,
	UNIT_B,
	World,
	email,
)
from petition_management.tests.security.http import check_server
from petition_management.tests.security.records import Builder


def set_up_world(test_class, build) -> World:
	"""For a test class's setUpClass: the server answers, the clean-ups are registered (they run even when
	set-up fails half-way: last registered, first run), then `build()` makes the world."""
	check_server()
	test_class.addClassCleanup(purge)
	test_class.addClassCleanup(restore_settings, settings_rows())
	return build()


def build_world(add_records) -> World:
	"""After a purge: the users, the masters and, as the keeper, the records `add_records(builder)` adds;
	committed."""
	purge()
	builder = Builder()
	builder.users()
	builder.masters()
	frappe.set_user(builder.world.keeper)
	try:
		add_records(builder)
	finally:
		frappe.set_user("Administrator")
	frappe.db.commit()
	return builder.world


# --- the world of the field-level leak tests ------------------------------------------------------------


def correct_later(doctype: str, name: str, fieldname: str, wrong, right):
	"""Save a wrong value, then the right one: two Versions in the record's change log."""
	for value in (wrong, right):
		doc = frappe.get_doc(doctype, name)
		doc.set(fieldname, value)
		doc.save(ignore_permissions=True, ignore_version=False)


def build_leak_world() -> World:
	"""The Petitioner with protected values on every record that can show them, for every path."""
	return build_world(add_leak_records)


def add_leak_records(b: Builder):
	w = b.world
	# changes that leave Versions (tests skip them unless asked): a phone corrected on the identity, a
	# petitioner added to a case, a letter's sender phone corrected
	correct_later("Petitioner Identity", w.petitioner, "phone", OLD_PHONE, SECRET_PHONE_TYPED)
	case = frappe.get_doc("Petition Case", b.case("Accepted", petitioner=w.plain_petitioner))
	case.append("petitioners", {"petitioner": w.petitioner})
	case.save(ignore_permissions=True, ignore_version=False)
	case_a = case.name
	transfer_a = b.transfer(case_a, UNIT_A)
	frappe.db.set_value("Petition Case", case_a, "workflow_state", "In Handling")
	letter = frappe.get_doc("Petition Letter", b.letter())
	correct_later("Petition Letter Sender", letter.name, "sender_phone", LETTER_OLD_PHONE, LETTER_PHONE)
	closed = b.case("Closed")
	visit = b.visit()
	incident = b.incident(visits=[{"visit": visit}], cases=[{"petition_case": case_a}])
	w.records = {
		"Petitioner": w.petitioner,
		"Petitioner Identity": w.petitioner,
		"Petition Letter": letter.name,
		"Petition Letter Sender": letter.name,
		"Petition Visit": visit,
		"Petition Case": case_a,
		"Online Petition": b.online_petition(),
		"Petition Transfer": transfer_a,
		"Petition Supervision": b.supervision(case_a, UNIT_A),
		"Petition Extension": b.extension(case_a),
		"Petition Return Visit": b.return_visit(closed),
		"Petition Review": b.review(closed),
		"Emergency Incident": incident,
	}


# --- the world of the bad-input corpus ------------------------------------------------------------------


def build_bad_input_world() -> World:
	"""Records in the states the bad-input corpus acts on (its `@name` references)."""
	world = build_world(add_bad_input_records)
	for user in ALL_USERS:
		# every message in Chinese: the corpus checks that each refusal is translated
		frappe.db.set_value("User", user, "language", "zh")
	frappe.db.commit()
	return world


def add_bad_input_records(b: Builder):
	w = b.world
	today = getdate(nowdate())
	w.case_registered = b.case()
	w.case_pending_own = b.case("Pending Acceptance")  # proposed by the keeper
	w.case_pending_refusal = b.case(
		"Pending Acceptance",
		acceptance_proposal="Do Not Accept",
		non_acceptance_reason="_T Sec 不属于本机关职责",
		competent_body="_T Sec 县人民法院",
		proposed_by=email("office"),
	)
	w.case_handling, w.transfer_issued = b.handled_case(UNIT_A)
	w.case_acknowledged, w.transfer_acknowledged = b.handled_case(
		UNIT_A, "Acknowledged", acknowledged_by=email("handler"), acknowledged_on=nowdate()
	)
	late_issue = add_days(today, -40)
	w.case_late, w.transfer_late = b.handled_case(UNIT_A)
	frappe.db.set_value(
		"Petition Transfer",
		w.transfer_late,
		{
			"issued_on": late_issue,
			"objection_due": add_days(late_issue, 7),
			"objection_reason": "_T Sec 不属于本单位职责",
		},
	)
	w.case_extensible, w.transfer_extensible = b.handled_case(UNIT_A)
	pending_case, _transfer = b.handled_case(UNIT_A)
	w.extension_pending = b.extension(pending_case)
	frappe.db.set_value(
		"Petition Extension",
		w.extension_pending,
		{"workflow_state": "Pending Approval", "requested_by": w.keeper, "requested_on": now_datetime()},
	)
	w.appraisal_review = b.appraisal(UNIT_A, OLD_YEAR)
	frappe.db.set_value("Petition Appraisal", w.appraisal_review, "workflow_state", "Under Review")
	w.case_closed = b.case("Closed")
	w.case_closed_reviewed = b.case("Closed")
	w.review_existing = b.review(w.case_closed_reviewed)
	long_ago = add_days(today, -200)
	w.case_closed_long_ago = b.case(
		"Closed",
		replied_on=long_ago,
		delivered_on=long_ago,
		closed_on=long_ago,
		review_request_due=add_days(long_ago, 30),
	)
	w.supervision_a = b.supervision(w.case_handling, UNIT_A)
	w.mediation_a = b.mediation(UNIT_A, email("head"))
	w.round_a = b.screening_round(UNIT_A, f"{OLD_YEAR}-01-01")
	w.visit = b.visit()
	w.letter = b.letter()
	w.online_petition = b.online_petition()
	w.tracking_number = frappe.db.get_value("Online Petition", w.online_petition, "tracking_number")
	w.scheme = b.default_scheme()
	w.unit_a, w.unit_b = UNIT_A, UNIT_B
	w.reception_user = email("reception")
	w.leader_user = email("leader")
	w.head_user = email("head")
