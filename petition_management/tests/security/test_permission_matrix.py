"""Every cell of the permission matrix (matrix.py), over HTTP, with real users logged in to the site.

For each DocType of the app and each of the nine roles (seven app roles, a Website User, the Guest):
- read: GET /api/resource/<DocType>/<name> of unit A's record (and unit B's, where rows are scoped by
  unit), and the list /api/resource/<DocType> holds exactly the records the role may read;
- write: PUT one field; allowed: saved; refused: HTTP 403 and the record unchanged;
- create: POST a valid new record; allowed: created; refused: HTTP 403 and nothing created;
- submit: frappe.client.submit; approve: frappe.model.workflow.apply_workflow with the approval action;
- delete: DELETE; allowed: gone; refused: HTTP 403 and still there.
Refusals are checked against the database (read in a fresh transaction after each request). Every
failing cell is reported at once.
"""

import json

import frappe
from frappe.tests.utils import FrappeTestCase

from petition_management.tests.security import fixtures as fx
from petition_management.tests.security import matrix as m
from petition_management.tests.security.http import Client, check_server, exc_type, message

SINGLE = "Petition Settings"
REFUSED_STATUS = 403
# Refusals that are a workflow's or a controller's rather than a role permission's.
RULE_REFUSALS = (403, 417)


def text_value(role: str) -> str:
	return f"_T Sec written by {fx.ROLE_LOGINS.get(role, 'guest')}"


def write_spec(world, doctype: str, role: str) -> tuple[str, object, object]:
	"""(field, value, probe) that `role` writes on the DocType's record: a harmless field of each
	DocType; `probe` is what the stored value then holds."""
	index = m.ROLES.index(role)
	text = text_value(role)
	if doctype == "Appraisal Run":
		# every other field is set only once; the Office and the Supervisor switch the scheme back and forth
		scheme = world.default_scheme if role == m.SUPERVISOR else world.records["Appraisal Scheme"]["A"]
		return "scheme", scheme, scheme
	if doctype == "Dispute Screening Round":
		dispute = {
			"description": text,
			"parties_type": "Neighbours",
			"kind": "Neighbourhood",
			"risk_level": "Low",
			"status": "Open",
		}
		return "disputes", [dispute], text
	if doctype == "Petition Supervision":
		return ("response" if role in (m.HANDLER, m.HEAD, m.LEADER) else "instructions"), text, text
	if doctype == "Petition Transfer":
		return ("instructions" if role == m.OFFICE else "handling_opinion"), text, text
	if doctype == "Petition Extension" and role == m.DIRECTOR:
		return "rejection_reason", text, text
	scalars = {
		"Handling Unit": ("phone", f"0571-8{index:03d}"),
		"Petition Digest Log": ("overdue", 10 + index),
		"Petition Settings": ("due_soon_days", {m.OFFICE: 4, m.DIRECTOR: 5}.get(role, 6)),
	}
	if doctype in scalars:
		fieldname, value = scalars[doctype]
		return fieldname, value, value
	texts = {
		"Appraisal Scheme": "notes",
		"Emergency Incident": "after_action_summary",
		"Mediation Case": "outcome_note",
		"Online Petition": "subject",
		"Petition Appraisal": "manual_veto_reason",
		"Petition Case": "request",
		"Petition Category": "description",
		"Petition Extension": "reason",
		"Petition Letter": "request",
		"Petition Return Visit": "notes",
		"Petition Review": "grounds",
		"Petition Visit": "request",
		"Petitioner": "notes",
		"Reception Day": "notes",
		"Reception Schedule": "notes",
	}
	return texts[doctype], text, text


def stored(doctype: str, name: str, fieldname: str):
	"""(value, modified) as stored; a table field's value is its rows' descriptions."""
	meta = frappe.get_meta(doctype)
	df = meta.get_field(fieldname)
	if meta.issingle:
		values = dict(single_values(doctype))
		return values.get(fieldname), tuple(values.items())
	modified = str(frappe.db.get_value(doctype, name, "modified"))
	if df.fieldtype == "Table":
		rows = frappe.get_all(
			df.options, filters={"parent": name, "parenttype": doctype}, pluck="description"
		)
		return " | ".join(rows), modified
	return frappe.db.get_value(doctype, name, fieldname), modified


def same(stored, written) -> bool:
	if stored is None:
		return False
	if isinstance(written, str):
		return written in str(stored)
	return str(stored) == str(written)


def single_values(doctype: str) -> tuple:
	"""Every stored value of a Single, to tell whether anything changed."""
	return tuple(
		frappe.db.sql(
			"select field, value from `tabSingles` where doctype = %s order by field, value", doctype
		)
	)


def fresh():
	"""A new transaction: see what the server committed since."""
	frappe.db.rollback()


class Outcomes:
	"""Every cell checked, and the failures."""

	def __init__(self):
		self.checked: set[tuple[str, str, str]] = set()
		self.failures: list[str] = []
		self.count = 0

	def record(self, doctype, action, role, ok: bool, detail: str):
		self.checked.add((doctype, action, role))
		self.count += 1
		if not ok:
			self.failures.append(f"{doctype} | {action} | {role}: {detail}")


def describe(response) -> str:
	return f"HTTP {response.status_code} {exc_type(response)} {message(response)[:200]}".strip()


class TestPermissionMatrix(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		check_server()
		# cleanups run even when setUpClass fails half-way (last registered, first run)
		cls.addClassCleanup(fx.purge)
		cls.addClassCleanup(fx.restore_settings, fx.settings_rows())
		cls.world = fx.build_matrix_world()
		cls.clients = {
			role: Client(user, fx.PASSWORD).login() if user else Client()
			for role, user in cls.world.users.items()
		}

	# --- the declared table --------------------------------------------------------------------------

	def test_matrix_declares_every_doctype_action_and_role(self):
		self.assertCountEqual(m.MATRIX, [*fx.app_doctypes(), SINGLE])
		for doctype, actions in m.MATRIX.items():
			self.assertCountEqual(actions, m.ACTIONS, doctype)
			meta = frappe.get_meta(doctype)
			for action, cells in actions.items():
				self.assertCountEqual(cells, m.ROLES, f"{doctype} {action}")
				self.assertTrue(set(cells.values()) <= {m.Y, m.N, m.U, m.NA}, f"{doctype} {action}")
			if meta.issingle:
				self.assertEqual(actions["create"], actions["write"], doctype)
				self.assertEqual(actions["submit"], actions["write"], doctype)
				self.assertEqual(actions["delete"], m.NOT_APPLICABLE, doctype)
			elif not meta.is_submittable:
				self.assertEqual(actions["submit"], m.NOT_APPLICABLE, doctype)
			has_workflow = bool(frappe.db.exists("Workflow", {"document_type": doctype, "is_active": 1}))
			self.assertEqual(has_workflow, doctype in m.APPROVAL_STEPS, doctype)
			if not has_workflow:
				self.assertEqual(actions["approve"], m.NOT_APPLICABLE, doctype)

	def test_approval_steps_are_the_workflows_and_match_the_cells(self):
		for doctype, steps in m.APPROVAL_STEPS.items():
			workflow = frappe.get_doc("Workflow", {"document_type": doctype, "is_active": 1})
			for action, state, actor in steps:
				allowed = {t.allowed for t in workflow.transitions if t.action == action and t.state == state}
				self.assertEqual(allowed, {actor}, f"{doctype}: {action} from {state}")
			actors = {actor for _action, _state, actor in steps}
			for role in m.ROLES:
				expected = m.N if role not in actors else m.cell(doctype, "approve", role)
				self.assertEqual(m.cell(doctype, "approve", role), expected, f"{doctype} {role}")
				if role in actors:
					self.assertIn(expected, (m.Y, m.U), f"{doctype} {role}")

	# --- every cell over HTTP -------------------------------------------------------------------------

	def test_every_cell_over_http(self):
		outcomes = Outcomes()
		self.check_reads(outcomes)
		self.check_writes(outcomes)
		self.check_creates(outcomes)
		self.check_submits(outcomes)
		self.check_approvals(outcomes)
		self.check_deletes(outcomes)
		untested = sorted(
			f"{doctype} | {action} | {role}"
			for doctype, action, role, _cell in m.cells()
			if (doctype, action, role) not in outcomes.checked
		)
		self.assertEqual(untested, [], "cells never tested")
		self.assertEqual(
			outcomes.failures,
			[],
			f"{len(outcomes.failures)} of {outcomes.count} checks failed:\n" + "\n".join(outcomes.failures),
		)

	# read -------------------------------------------------------------------------------------------------

	def check_reads(self, outcomes: Outcomes):
		for doctype, actions in m.MATRIX.items():
			records = self.world.records[doctype]
			for role in m.ROLES:
				cell = actions["read"][role]
				client = self.clients[role]
				visible = set()
				for unit, name in records.items():
					allowed = cell == m.Y or (cell == m.U and unit == "A")
					response = client.read(doctype, name)
					if allowed:
						ok = (
							response.status_code == 200
							and response.json().get("data", {}).get("name") == name
						)
						visible.add(name)
					else:
						ok = response.status_code == REFUSED_STATUS and "data" not in response.json()
					outcomes.record(
						doctype,
						"read",
						role,
						ok,
						f"{name} (unit {unit}) expected {cell}: {describe(response)}",
					)
				if doctype == SINGLE:
					continue
				response = client.list(
					doctype,
					fields=["name"],
					filters=[["name", "in", list(records.values())]],
					limit_page_length=0,
				)
				if cell == m.N:
					ok = response.status_code == REFUSED_STATUS
				else:
					listed = {row["name"] for row in response.json().get("data", [])} if response.ok else None
					ok = listed == visible
				outcomes.record(
					doctype, "read", role, ok, f"list expected {sorted(visible)}: {describe(response)}"
				)

	# write ------------------------------------------------------------------------------------------------

	def write_targets(self, doctype: str, role: str) -> list[tuple[str, str, bool]]:
		"""(unit, name, allowed) of the records `role` writes on."""
		cell = m.cell(doctype, "write", role)
		records = self.world.records[doctype]
		own = self.world.own_write_records.get((doctype, role), records["A"])
		targets = [("A", own, cell in (m.Y, m.U))]
		if "B" in records and cell == m.U:
			targets.append(("B", records["B"], False))
		return targets

	def check_writes(self, outcomes: Outcomes):
		for doctype in m.MATRIX:
			# the refused first: a wrong success must not hide behind a later allowed write
			roles = sorted(m.ROLES, key=lambda role: m.cell(doctype, "write", role) != m.N)
			for role in roles:
				fieldname, value, probe = write_spec(self.world, doctype, role)
				for unit, name, allowed in self.write_targets(doctype, role):
					fresh()
					before = stored(doctype, name, fieldname)
					response = self.clients[role].update(doctype, name, {fieldname: value})
					fresh()
					after = stored(doctype, name, fieldname)
					if allowed:
						ok = response.status_code == 200 and same(after[0], probe) and after[1] != before[1]
					else:
						expected = (
							RULE_REFUSALS if m.cell(doctype, "write", role) == m.U else (REFUSED_STATUS,)
						)
						ok = response.status_code in expected and after == before
					outcomes.record(
						doctype,
						"write",
						role,
						ok,
						f"{name} (unit {unit}) {fieldname}={value!r} expected "
						f"{'allowed' if allowed else 'refused'}: {describe(response)}",
					)

	# create -----------------------------------------------------------------------------------------------

	def check_creates(self, outcomes: Outcomes):
		self.created: dict[tuple[str, str], str] = {}
		for doctype in m.MATRIX:
			roles = sorted(m.ROLES, key=lambda role: m.cell(doctype, "create", role) in (m.Y, m.U))
			for role in roles:
				cell = m.cell(doctype, "create", role)
				attempts = []
				if cell in (m.Y, m.U):
					attempts.append(("A", self.world.create_payloads[(doctype, role, "A")], True))
				if cell == m.U:
					attempts.append(("B", self.world.create_payloads[(doctype, role, "B")], False))
				if cell in (m.N, m.NA):
					attempts.append(("A", self.world.create_payloads[(doctype, None, "A")], False))
				for unit, payload, allowed in attempts:
					fresh()
					before = self.snapshot(doctype)
					response = self.clients[role].create(doctype, payload)
					fresh()
					after = self.snapshot(doctype)
					if allowed:
						name = response.json().get("data", {}).get("name") if response.ok else None
						ok = response.status_code == 200 and bool(name) and frappe.db.exists(doctype, name)
						if ok:
							self.created[(doctype, role)] = name
					else:
						expected = RULE_REFUSALS if cell == m.U else (REFUSED_STATUS,)
						ok = response.status_code in expected and after == before
					outcomes.record(
						doctype,
						"create",
						role,
						ok,
						f"unit {unit} expected {'allowed' if allowed else 'refused'}: {describe(response)}",
					)

	def snapshot(self, doctype: str):
		if doctype == SINGLE:
			return single_values(SINGLE)
		return frappe.db.count(doctype)

	# submit -----------------------------------------------------------------------------------------------

	def check_submits(self, outcomes: Outcomes):
		for doctype, actions in m.MATRIX.items():
			cells = actions["submit"]
			name = self.world.submit_records.get(doctype) or self.world.records[doctype]["A"]
			roles = sorted(m.ROLES, key=lambda role: cells[role] == m.Y)
			for role in roles:
				fresh()
				doc = frappe.get_doc(doctype, name)
				before = self.state(doctype, name)
				response = self.clients[role].call("frappe.client.submit", doc=json.loads(doc.as_json()))
				fresh()
				after = self.state(doctype, name)
				if cells[role] == m.Y:
					ok = response.status_code == 200 and (after[1] == 1 or doctype == SINGLE)
				else:
					expected = (REFUSED_STATUS,) if cells[role] == m.N else RULE_REFUSALS
					ok = response.status_code in expected and after == before
				outcomes.record(
					doctype, "submit", role, ok, f"{name} expected {cells[role]}: {describe(response)}"
				)

	# approve ----------------------------------------------------------------------------------------------

	def check_approvals(self, outcomes: Outcomes):
		for doctype, actions in m.MATRIX.items():
			cells = actions["approve"]
			steps = m.APPROVAL_STEPS.get(doctype)
			if not steps:
				name = self.world.records[doctype]["A"]
				for role in m.ROLES:
					self.try_approval(outcomes, doctype, role, name, "Approve", allowed=False)
				continue
			for action, _state, actor in steps:
				records = {
					unit: self.world.approval_records[(doctype, action, unit)]
					for unit in ("A", "B")
					if (doctype, action, unit) in self.world.approval_records
				}
				for role in m.ROLES:
					if role == actor:
						continue
					for name in records.values():
						self.try_approval(outcomes, doctype, role, name, action, allowed=False)
				if "B" in records:
					self.try_approval(outcomes, doctype, actor, records["B"], action, allowed=False)
				self.try_approval(
					outcomes, doctype, actor, records["A"], action, allowed=cells[actor] in (m.Y, m.U)
				)

	def try_approval(self, outcomes, doctype, role, name, action, allowed: bool):
		fresh()
		doc = frappe.get_doc(doctype, name)
		before = self.state(doctype, name)
		response = self.clients[role].call(
			"frappe.model.workflow.apply_workflow", doc=json.loads(doc.as_json()), action=action
		)
		fresh()
		after = self.state(doctype, name)
		if allowed:
			ok = response.status_code == 200 and after[0] != before[0]
		else:
			ok = 400 <= response.status_code < 500 and after == before
		outcomes.record(
			doctype,
			"approve",
			role,
			ok,
			f"{action} on {name} expected {'allowed' if allowed else 'refused'}: {describe(response)}",
		)

	def state(self, doctype: str, name: str) -> tuple:
		"""(workflow state, docstatus, modified) as stored."""
		meta = frappe.get_meta(doctype)
		if meta.issingle:
			return (None, 0, single_values(doctype))
		fields = ["docstatus", "modified"]
		values = frappe.db.get_value(doctype, name, fields, as_dict=True)
		if not values:
			return (None, None, None)
		state = (
			frappe.db.get_value(doctype, name, "workflow_state") if meta.has_field("workflow_state") else None
		)
		return (state, values.docstatus, str(values.modified))

	# delete -----------------------------------------------------------------------------------------------

	def check_deletes(self, outcomes: Outcomes):
		for doctype, actions in m.MATRIX.items():
			cells = actions["delete"]
			for role in sorted(m.ROLES, key=lambda role: cells[role] == m.Y):
				if cells[role] == m.Y:
					name = self.created.get((doctype, role)) or self.world.delete_records.get((doctype, role))
					if not name:
						outcomes.record(doctype, "delete", role, False, "no record of its own to delete")
						continue
				else:
					name = self.world.records[doctype]["A"]
				fresh()
				before = self.snapshot(doctype)
				response = self.clients[role].delete(doctype, name)
				fresh()
				exists = bool(frappe.db.exists(doctype, name)) if doctype != SINGLE else True
				if cells[role] == m.Y:
					ok = response.status_code == 202 and not exists
				else:
					expected = (REFUSED_STATUS,) if cells[role] == m.N else RULE_REFUSALS
					ok = response.status_code in expected and exists and self.snapshot(doctype) == before
				outcomes.record(
					doctype, "delete", role, ok, f"{name} expected {cells[role]}: {describe(response)}"
				)
