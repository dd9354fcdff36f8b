"""Write the new appraisals of a run in a few multi-row INSERTs instead of one controller insert each.

What a controller insert of a new Draft appraisal does, done set-based (README, Benchmark):
- the document is built and scored in memory by its controller (`PetitionAppraisal.prepare_new`: scheme,
  period, title, no case lists while in Draft, score and score lines) and takes the Workflow's first
  state; the run has already checked that the unit has no appraisal of the period (one query);
- the names come from the naming series as Frappe's would, one block of numbers reserved in `tabSeries`
  (one statement), the child rows get Frappe's random names;
- the parents and the score lines go in one INSERT each (`frappe.db.bulk_insert`), with owner, creation,
  modified, docstatus and idx set as Frappe sets them; a new document gets no Version in Frappe v15;
- the Workflow Actions Frappe would open for each (the roles allowed to act on the first state) go in
  two INSERTs (Workflow Action and its permitted roles); the Workflow's e-mail alert is queued per
  document as Frappe does;
- then each document's after_insert, on_update and on_change run as after a save (`run_method`), so the
  site's Notifications, Server Scripts, assignment rules and other apps' doc_events still apply; Frappe's
  own Workflow Action hook finds the actions already open and stops.

Not run for these documents: the controller's `validate` and the `before_*` events (Server Scripts of
type Before Insert / Before Save included): their work is done above.
"""

import frappe
from frappe.model.naming import NamingSeries, parse_naming_series
from frappe.model.workflow import get_workflow_name, send_email_alert, validate_workflow
from frappe.utils import cint, now
from frappe.workflow.doctype.workflow_action.workflow_action import (
	get_doc_workflow_state,
	get_next_possible_transitions,
	send_workflow_action_email,
)

from petition_management.utils.bulk_rows import child_row, insert_rows, row_stamp

NUMBER = "\0"
WORKFLOW_ACTION = "Workflow Action"
PERMITTED_ROLE = "Workflow Action Permitted Role"


def reserve_names(series: str, count: int) -> list[str]:
	"""`count` names of the naming series, as `make_autoname` would give them one by one."""
	found = {}

	def block(prefix: str, digits: int) -> str:
		current = frappe.db.sql("select current from `tabSeries` where name = %s for update", (prefix,))
		if current and current[0][0] is not None:
			frappe.db.sql("update `tabSeries` set current = current + %s where name = %s", (count, prefix))
			start = cint(current[0][0])
		else:
			frappe.db.sql("insert into `tabSeries` (name, current) values (%s, %s)", (prefix, count))
			start = 0
		found.update(start=start, digits=digits)
		return NUMBER

	template = parse_naming_series(NamingSeries(series).series, number_generator=block)
	digits = found["digits"]
	return [template.replace(NUMBER, str(found["start"] + i).zfill(digits)) for i in range(1, count + 1)]


def insert_new(docs: list) -> None:
	"""Insert new documents of one DocType (built in memory, with their child rows) set-based."""
	if not docs:
		return
	doctype = docs[0].doctype
	user, stamp = frappe.session.user, now()
	series = docs[0].naming_series or frappe.get_meta(doctype).get_field("naming_series").default
	for doc, name in zip(docs, reserve_names(series, len(docs)), strict=True):
		doc.naming_series = series
		doc.update({**row_stamp(name, user, stamp), "idx": 0})
		if get_workflow_name(doctype):
			validate_workflow(doc)  # a new document: the Workflow's first state
	parents, children = [], {}
	for doc in docs:
		parents.append(doc.get_valid_dict(convert_dates_to_str=True, ignore_virtual=True))
		for table in doc.meta.get_table_fields():
			for idx, row in enumerate(doc.get(table.fieldname), 1):
				children.setdefault(table.options, []).append(
					child_row(row, doc.name, doctype, table.fieldname, idx, user, stamp)
				)
	insert_rows(doctype, parents)
	for child_doctype, rows in children.items():
		insert_rows(child_doctype, rows)
	open_workflow_actions(docs, user, stamp)
	for doc in docs:
		doc.flags.in_insert = True
		for method in ("after_insert", "on_update", "on_change"):
			doc.run_method(method)
		doc.flags.in_insert = False
		doc.clear_cache()


def open_workflow_actions(docs: list, user: str, stamp: str) -> None:
	"""The Workflow Actions Frappe's `process_workflow_actions` opens for new documents, set-based."""
	workflow = get_workflow_name(docs[0].doctype)
	if not workflow:
		return
	actions, roles = [], []
	transitions_by_state = {}
	alert = send_email_alert(workflow)
	for doc in docs:
		state = get_doc_workflow_state(doc)
		if state not in transitions_by_state:
			transitions_by_state[state] = get_next_possible_transitions(workflow, state, doc)
		transitions = transitions_by_state[state]
		if any(t.condition for t in transitions):
			transitions = get_next_possible_transitions(workflow, state, doc)  # a condition per document
		allowed = sorted({t.allowed for t in transitions})
		if not allowed:
			continue
		action = frappe.generate_hash(length=10)
		actions.append(
			{
				**row_stamp(action, user, stamp),
				"reference_doctype": doc.doctype,
				"reference_name": doc.name,
				"workflow_state": state,
				"status": "Open",
			}
		)
		for idx, role in enumerate(allowed, 1):
			roles.append(
				{
					**row_stamp(frappe.generate_hash(length=10), user, stamp),
					"parent": action,
					"parenttype": WORKFLOW_ACTION,
					"parentfield": "permitted_roles",
					"idx": idx,
					"role": role,
				}
			)
		if alert:
			frappe.enqueue(
				send_workflow_action_email,
				queue="short",
				doc=doc,
				transitions=transitions,
				enqueue_after_commit=True,
				now=frappe.flags.in_test,
			)
	insert_rows(WORKFLOW_ACTION, actions)
	insert_rows(PERMITTED_ROLE, roles)
