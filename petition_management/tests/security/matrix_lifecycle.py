"""The permission matrix's create, submit, approve and delete cells, over HTTP: a mixin of
TestPermissionMatrix, which has the world and a logged-in client per role."""

import json

import frappe

from petition_management.tests.security import matrix as m
from petition_management.tests.security import matrix_outcomes as out


class LifecycleChecks:
	"""check_creates, check_submits, check_approvals and check_deletes of TestPermissionMatrix."""

	# create -----------------------------------------------------------------------------------------------

	def check_creates(self, outcomes: out.Outcomes):
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
					out.fresh()
					before = self.snapshot(doctype)
					response = self.clients[role].create(doctype, payload)
					out.fresh()
					after = self.snapshot(doctype)
					if allowed:
						name = response.json().get("data", {}).get("name") if response.ok else None
						ok = response.status_code == 200 and bool(name) and frappe.db.exists(doctype, name)
						if ok:
							self.created[(doctype, role)] = name
					else:
						expected = out.RULE_REFUSALS if cell == m.U else (out.REFUSED_STATUS,)
						ok = response.status_code in expected and after == before
					outcomes.record(
						doctype,
						"create",
						role,
						ok,
						f"unit {unit} expected {'allowed' if allowed else 'refused'}: {out.describe(response)}",
					)

	def snapshot(self, doctype: str):
		if doctype == out.SINGLE:
			return out.single_values(out.SINGLE)
		return frappe.db.count(doctype)

	# submit -----------------------------------------------------------------------------------------------

	def check_submits(self, outcomes: out.Outcomes):
		for doctype, actions in m.MATRIX.items():
			cells = actions["submit"]
			name = self.world.submit_records.get(doctype) or self.world.records[doctype]["A"]
			roles = sorted(m.ROLES, key=lambda role: cells[role] == m.Y)
			for role in roles:
				out.fresh()
				doc = frappe.get_doc(doctype, name)
				before = self.state(doctype, name)
				response = self.clients[role].call("frappe.client.submit", doc=json.loads(doc.as_json()))
				out.fresh()
				after = self.state(doctype, name)
				if cells[role] == m.Y:
					ok = response.status_code == 200 and (after[1] == 1 or doctype == out.SINGLE)
				else:
					expected = (out.REFUSED_STATUS,) if cells[role] == m.N else out.RULE_REFUSALS
					ok = response.status_code in expected and after == before
				outcomes.record(
					doctype, "submit", role, ok, f"{name} expected {cells[role]}: {out.describe(response)}"
				)

	# approve ----------------------------------------------------------------------------------------------

	def check_approvals(self, outcomes: out.Outcomes):
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
		out.fresh()
		doc = frappe.get_doc(doctype, name)
		before = self.state(doctype, name)
		response = self.clients[role].call(
			"frappe.model.workflow.apply_workflow", doc=json.loads(doc.as_json()), action=action
		)
		out.fresh()
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
			f"{action} on {name} expected {'allowed' if allowed else 'refused'}: {out.describe(response)}",
		)

	def state(self, doctype: str, name: str) -> tuple:
		"""(workflow state, docstatus, modified) as stored."""
		meta = frappe.get_meta(doctype)
		if meta.issingle:
			return (None, 0, out.single_values(doctype))
		fields = ["docstatus", "modified"]
		values = frappe.db.get_value(doctype, name, fields, as_dict=True)
		if not values:
			return (None, None, None)
		state = (
			frappe.db.get_value(doctype, name, "workflow_state") if meta.has_field("workflow_state") else None
		)
		return (state, values.docstatus, str(values.modified))

	# delete -----------------------------------------------------------------------------------------------

	def check_deletes(self, outcomes: out.Outcomes):
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
				out.fresh()
				before = self.snapshot(doctype)
				response = self.clients[role].delete(doctype, name)
				out.fresh()
				exists = bool(frappe.db.exists(doctype, name)) if doctype != out.SINGLE else True
				if cells[role] == m.Y:
					ok = response.status_code == 202 and not exists
				else:
					expected = (out.REFUSED_STATUS,) if cells[role] == m.N else out.RULE_REFUSALS
					ok = response.status_code in expected and exists and self.snapshot(doctype) == before
				outcomes.record(
					doctype, "delete", role, ok, f"{name} expected {cells[role]}: {out.describe(response)}"
				)
