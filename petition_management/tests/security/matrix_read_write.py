"""The permission matrix's read and write cells, over HTTP: a mixin of TestPermissionMatrix, which has the
world and a logged-in client per role."""

import frappe

from petition_management.tests.security import matrix as m
from petition_management.tests.security.fixtures import ROLE_LOGINS
from petition_management.tests.security.matrix_outcomes import (
	REFUSED_STATUS,
	RULE_REFUSALS,
	SINGLE,
	Outcomes,
	describe,
	fresh,
	single_values,
)


def text_value(role: str) -> str:
	return f"_T Sec written by {ROLE_LOGINS.get(role, 'guest')}"


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
		"Petition Shipped Record": ("installed_version", 10 + index),
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
		"Petitioner Identity": "address",
		"Petition Letter Sender": "sender_address",
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


class ReadWriteChecks:
	"""check_reads and check_writes of TestPermissionMatrix."""

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
