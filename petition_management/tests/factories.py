"""Builders of the app's records for the bench tier: petitioners, cases, transfers, visits and letters, and
a workflow step taken as a given user.

Each builder inserts through the record's controller, as the session user or, given `as_user`, as that
user (the session is Administrator's again afterwards, also when the insert is refused). A test whose
subject is not the path to a state puts the record there directly: `state` and `stored` are written with
`db_set` after the insert, past the controller and the Workflow (that path is tested in
test_case_workflow and test_petition_transfer). Nothing here commits; users, units, categories, mail and
query counting are in utils.py.
"""

from contextlib import contextmanager

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, getdate, nowdate

from petition_management.intake.identity import create_letter, create_petitioner
from petition_management.utils.deadlines import limit_due_date

CASE, TRANSFER, VISIT, LETTER = "Petition Case", "Petition Transfer", "Petition Visit", "Petition Letter"
LEAD, CO = "Lead Unit", "Co-handling Unit"
CASE_SUBJECT = "_T 小区停车费上涨"
CASE_CONTENT = "小区物业擅自提高停车费，请求查处。"
INSTRUCTIONS = "_T 请核实并答复"


@contextmanager
def acting_as(user: str | None):
	"""Run the block as `user`, then as Administrator; with no user, as the session user."""
	if not user:
		yield
		return
	frappe.set_user(user)
	try:
		yield
	finally:
		frappe.set_user("Administrator")


def insert(values: dict, as_user: str | None = None, ignore_permissions: bool = False):
	with acting_as(as_user):
		return frappe.get_doc(values).insert(ignore_permissions=ignore_permissions)


def put_in_state(doc, state: str | None = None, stored: dict | None = None):
	"""`state` and the `stored` values written straight to the database (nothing when both are empty)."""
	values = {**({"workflow_state": state} if state else {}), **(stored or {})}
	if values:
		doc.db_set(values)
	return doc


# --- petitioners ----------------------------------------------------------------------------------------


def new_petitioner(full_name: str, **values):
	"""An unsaved Petitioner: exactly these values, so that the controller's defaults show."""
	return frappe.get_doc({"doctype": "Petitioner", "full_name": full_name, **values})


def make_petitioner(full_name: str, reuse_name: bool = False, **values) -> str:
	"""A Petitioner with no ID on file unless given (identity values go to its Petitioner Identity); an
	existing one with that ID number (or, with `reuse_name`, that full name: for records a test class
	commits once) is reused."""
	existing = None
	if values.get("id_number"):
		existing = frappe.db.get_value(
			"Petitioner Identity", {"id_number": values["id_number"]}, "petitioner"
		)
	elif reuse_name:
		existing = frappe.db.get_value("Petitioner", {"full_name": full_name})
	if existing:
		return existing
	return create_petitioner(
		{"full_name": full_name, "id_type": "None", **values}, ignore_permissions=True
	).name


# --- cases ------------------------------------------------------------------------------------------------


def make_case(
	*petitioners: str,
	as_user: str | None = None,
	state: str | None = None,
	stored: dict | None = None,
	ignore_permissions: bool = False,
	**values,
):
	"""A Petition Case of `petitioners` (a new Petitioner when none): a letter received today about a
	parking fee unless `values` say otherwise; then put in `state` with the `stored` values."""
	rows = [{"petitioner": name} for name in petitioners or (make_petitioner("_T 王芳"),)]
	doc = insert(
		{
			"doctype": CASE,
			"source_type": "Letter",
			"received_on": nowdate(),
			"subject": CASE_SUBJECT,
			"content": CASE_CONTENT,
			"petitioners": rows,
			**values,
		},
		as_user,
		ignore_permissions,
	)
	return put_in_state(doc, state, stored)


def accepted_case(
	*petitioners: str, state: str = "Accepted", handling_days: int = 60, stored: dict | None = None, **values
):
	"""A case accepted today with `handling_days` to handle it, in `state` (Accepted)."""
	today = nowdate()
	stored = {"accepted_on": today, "handling_due": add_days(today, handling_days), **(stored or {})}
	return make_case(*petitioners, state=state, stored=stored, **values)


def replied_fields(day=None) -> dict:
	"""What a case's workflow records when its reply is delivered on `day` (today): the reply, its
	delivery by post and the window for a review request."""
	day = getdate(day or nowdate())
	return {
		"replied_on": day,
		"delivery_method": "Post",
		"delivered_on": day,
		"review_request_due": limit_due_date(day, "review_request_days"),
	}


def closed_fields(day=None) -> dict:
	"""The reply delivered and the case closed on `day` (today)."""
	fields = replied_fields(day)
	return {**fields, "closed_on": fields["delivered_on"]}


# --- transfers -----------------------------------------------------------------------------------------


def issue_transfer(
	case,
	unit: str,
	role: str = LEAD,
	as_user: str | None = None,
	state: str | None = None,
	stored: dict | None = None,
	ignore_permissions: bool = False,
	**values,
):
	"""A Petition Transfer of `case` (a name or a document) to `unit`, issued through its controller
	(which checks the case and assigns the unit's handlers); then put in `state` with `stored`."""
	doc = insert(
		{
			"doctype": TRANSFER,
			"petition_case": getattr(case, "name", case),
			"unit": unit,
			"transfer_role": role,
			"instructions": INSTRUCTIONS,
			**values,
		},
		as_user,
		ignore_permissions,
	)
	return put_in_state(doc, state, stored)


def apply_as(user: str, doctype: str, name: str, action: str, **values):
	"""As `user`: save `values` on the record, then apply the workflow `action`. Returns the record as
	stored; the session is Administrator's again."""
	with acting_as(user):
		if values:
			doc = frappe.get_doc(doctype, name)
			doc.update(values)
			doc.save()
		apply_workflow(frappe.get_doc(doctype, name), action)
	return frappe.get_doc(doctype, name)


REPLY = {
	"handling_opinion": "<p>_T 经核查，情况属实。</p>",
	"reply_draft": "<p>_T 已责令物业恢复原收费标准。</p>",
}


def answer_transfer(name: str, handler: str, head: str, leader: str, office: str):
	"""A unit's whole answer to a transfer through its Workflow: acknowledged and replied (REPLY) by
	`handler`, signed by the unit's `head` and `leader`, accepted by `office`."""
	apply_as(handler, TRANSFER, name, "Acknowledge Receipt")
	apply_as(handler, TRANSFER, name, "Submit Reply", **REPLY)
	apply_as(head, TRANSFER, name, "Sign as Unit Head")
	apply_as(leader, TRANSFER, name, "Sign as Leader")
	return apply_as(office, TRANSFER, name, "Accept Reply")


# --- visits and letters --------------------------------------------------------------------------------


def new_visit(*petitioners: str, **values):
	"""An unsaved Petition Visit of `petitioners`, one visitor each, received now by the session user
	(the DocType's defaults), about a parking fee unless `values` say otherwise."""
	return frappe.get_doc(
		{
			"doctype": VISIT,
			"number_of_visitors": max(len(petitioners), 1),
			"petitioners": [{"petitioner": name} for name in petitioners],
			"subject": CASE_SUBJECT,
			"content": f"<p>{CASE_CONTENT}</p>",
			**values,
		}
	)


def make_visit(*petitioners: str, as_user: str | None = None, ignore_permissions: bool = False, **values):
	with acting_as(as_user):
		return new_visit(*petitioners, **values).insert(ignore_permissions=ignore_permissions)


def make_letter(as_user: str | None = None, ignore_permissions: bool = False, **values):
	"""A Petition Letter by post, received today, about night-time noise unless `values` say otherwise
	(a sender phone or address goes to its Petition Letter Sender)."""
	with acting_as(as_user):
		return create_letter(
			{
				"channel": "Post",
				"received_on": nowdate(),
				"subject": "_T 关于小区噪音扰民的来信",
				"content": "<p>楼下商铺夜间施工，噪音严重影响休息。</p>",
				**values,
			},
			ignore_permissions=ignore_permissions,
		)
