"""The case's whole path in the desk, each step by the person whose job it is, in Chinese, through the
forms' inputs and the Actions menu (no REST call of the test's own): reception registers a visit of a
new petitioner as a case; the office proposes acceptance and the director approves; the office issues
transfers to a lead and a co-unit; each unit's handler acknowledges and replies, its head and leader
sign; the lead unit's head asks for an extension, which the director approves; the office accepts,
records the delivery, closes and archives, then registers the petitioner's review request; the Case
Acceptance Registration Form is printed to PDF. The co-unit's handler, head and the office's acceptance of its reply are done
on a phone (390x844). Markup typed on the way never runs where it is shown or printed.

The steps run in order and share the case: a step whose predecessor failed is skipped and says so.
"""

import other_paths
import pytest
import walk_steps as walk


@pytest.fixture(scope="module")
def case():
	return walk.Walk()


def test_reception_registers_a_visit_of_a_new_petitioner_as_a_case(staff, steps, case):
	walk.register_visit(staff, steps, case)


def test_office_proposes_and_director_approves_acceptance(staff, steps, case):
	case.need("case")
	walk.propose_and_approve(staff, steps, case)


def test_office_issues_transfers_to_a_lead_and_a_co_unit(staff, steps, case):
	case.need("accepted")
	walk.issue_transfers(staff, steps, case)


def test_lead_unit_head_asks_for_an_extension_the_director_approves(staff, steps, case):
	case.need("transfers")
	other_paths.extension_approved(staff, steps, case)


def test_co_unit_answers_on_a_phone(staff, steps, case):
	case.need("transfers")
	walk.answer_transfer(staff, steps, case, case.co, walk.CO_UNIT, phone=True)


def test_lead_unit_answers(staff, steps, case):
	case.need("co_answered")
	walk.answer_transfer(staff, steps, case, case.lead, walk.LEAD_UNIT, phone=False)


def test_office_replies_delivers_closes_and_archives(staff, steps, case):
	case.need("lead_answered")
	walk.reply_close_archive(staff, steps, case)


def test_office_registers_a_review_request(staff, steps, case):
	case.need("archived")
	other_paths.review_requested(staff, steps, case)


def test_case_acceptance_registration_form_prints_to_pdf(staff, steps, case):
	case.need("case")
	walk.print_registration_form(staff, steps, case)
