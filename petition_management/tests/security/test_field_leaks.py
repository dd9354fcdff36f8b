"""The ID number, phone, address and birth date of a petitioner never reach a role without their level.

Over HTTP, as each of the nine roles of the matrix, every path that returns record data is probed: the
REST resource and list, frappe.client.get / get_list / get_value / get_count, the desk's form load and
document info (versions), the report view and its CSV export, every Script Report of the app and its
export, the standard and the app's print formats (as JSON and as the /printview page), the link search,
and the app's own look-ups. A response is a leak when it holds a protected value the role may not read:
- the full values (Petitioner id_number, phone, phone_normalized, address, birth_date; the letter's
  sender_phone and sender_address) only for the roles of matrix.PROTECTED_READERS;
- the masked copies (level 0 on the Petitioner, level 1 on the petitioner rows of cases and visits) only
  for the roles that read Petitioners, and on a case or a visit only for PROTECTED_READERS.
Filters, sorting and grouping on a protected field must not work as an oracle either (a count that
depends on a phone's digits). Positive controls show that the readers do get the values, so that the
probes can fail. All leaks and all server errors are reported at once. The probes are in leak_probes.
"""

import time
from concurrent.futures import ThreadPoolExecutor

import frappe
from frappe.tests.utils import FrappeTestCase

from petition_management.tests.security import fixtures as fx
from petition_management.tests.security import matrix as m
from petition_management.tests.security.http import Client
from petition_management.tests.security.leak_probes import (
	ORACLES,
	as_text,
	field_present,
	forbidden_for,
	probes_for,
)
from petition_management.tests.security.worlds import build_leak_world, set_up_world


class TestFieldLeaks(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = set_up_world(cls, build_leak_world)
		cls.clients = {
			role: Client(user, fx.PASSWORD).login() if user else Client()
			for role, user in cls.world.users.items()
		}

	def run_for_every_role(self, task):
		with ThreadPoolExecutor(max_workers=3) as pool:
			return dict(zip(m.ROLES, pool.map(task, m.ROLES), strict=True))

	def test_field_levels_are_declared_for_every_protected_field(self):
		declared = {doctype: set(spec["fields"]) for doctype, spec in m.FIELD_LEVELS.items()}
		found: dict[str, set[str]] = {}
		for doctype in m.MATRIX:
			meta = frappe.get_meta(doctype)
			fields = {df.fieldname for df in meta.fields if df.permlevel}
			for table in meta.get_table_fields():
				child = frappe.get_meta(table.options)
				fields |= {f"{table.fieldname}.{df.fieldname}" for df in child.fields if df.permlevel}
			if fields:
				found[doctype] = fields
		self.assertEqual(found, declared)

	def test_no_protected_value_on_any_path(self):
		probes = probes_for(self.world)
		started = time.monotonic()

		def probe_all(role):
			client = self.clients[role]
			results = []
			for probe in probes:
				response = probe.send(client)
				results.append((probe, response.status_code, as_text(response.text)))
			return results

		results = self.run_for_every_role(probe_all)
		problems = []
		for role, rows in results.items():
			for probe, status, text in rows:
				if status >= 500:
					problems.append(
						f"server error: {role} | {probe.context} | {probe.label}: HTTP {status} {text[:200]}"
					)
				for secret in forbidden_for(role, probe.context):
					if secret in text:
						problems.append(
							f"leak: {role} | {probe.context} | {probe.label}: {secret!r} (HTTP {status})"
						)
		# the probes can fail: the readers do get the values on the same paths
		controls = [(role, ("Petitioner", "resource"), fx.SECRET_ID) for role in m.PROTECTED_READERS]
		for role in m.PROTECTED_READERS:
			controls += [
				(role, ("Petitioner", "client.get_value"), fx.SECRET_ADDRESS),
				(role, ("Petitioner", "resource list protected first"), fx.SECRET_PHONE_TYPED),
				(role, ("Petitioner", "reportview.export_query CSV *"), fx.SECRET_PHONE_TYPED),
				(role, ("Petitioner", "form.load.get_docinfo"), fx.OLD_PHONE_MASKED),
				(role, ("Petition Case", "form.load.getdoc"), fx.MASKED_ID),
				# the letter's change log exists (and shows the change of the phone, but not the numbers)
				(role, ("Petition Letter", "form.load.get_docinfo"), "sender_phone"),
				(role, ("Petition Letter", "get_html_and_style Letter Work Record"), fx.LETTER_PHONE),
				(role, ("Petition Letter", "/printview Standard"), fx.LETTER_ADDRESS),
				(role, ("Petition Case", "resource"), fx.MASKED_ID),
				(role, ("report", "query_report.run Petition Ledger"), fx.SECRET_ID),
			]
		controls += [(role, ("Petitioner", "resource"), fx.MASKED_PHONE) for role in (m.LEADER, m.SUPERVISOR)]
		for role, key, value in controls:
			texts = {(p.context, p.label): text for p, status, text in results[role] if status == 200}
			if value not in texts.get(key, ""):
				problems.append(f"control: {role} | {key[0]} | {key[1]} does not show {value!r}")
		self.assertEqual(problems, [], f"{len(probes)} probes per role in {time.monotonic() - started:.0f}s")

	def test_filters_on_protected_fields_are_no_oracle(self):
		def counts(role):
			client = self.clients[role]
			found = {}
			for doctype, (fieldname, matching, other) in ORACLES.items():
				for method in ("frappe.client.get_count", "frappe.desk.reportview.get_count"):
					answers = []
					for pattern in (matching, other):
						response = client.post(
							f"/api/method/{method}",
							{"doctype": doctype, "filters": [[doctype, fieldname, "like", pattern]]},
						)
						answers.append((response.status_code, response.json().get("message")))
					found[(doctype, method)] = answers
			return found

		results = self.run_for_every_role(counts)
		oracles = []
		for role, found in results.items():
			for (doctype, method), answers in found.items():
				if any(status >= 500 for status, _count in answers):
					oracles.append(f"{role} | {doctype} | {method}: server error {answers}")
				if role in m.PROTECTED_READERS:
					self.assertEqual(
						[count for _status, count in answers], [1, 0], f"{role} {doctype} {method}"
					)
				elif all(status == 200 for status, _count in answers) and answers[0][1] != answers[1][1]:
					oracles.append(f"{role} | {doctype} | {method}: counts {answers}")
		self.assertEqual(oracles, [])

	def test_each_role_reads_exactly_its_fields(self):
		"""The field-level half of the matrix: a reader gets the protected fields, nobody else does."""
		records = {
			"Petitioner": self.world.records["Petitioner"],
			"Petition Letter": self.world.records["Petition Letter"],
			"Petition Case": self.world.records["Petition Case"],
			"Petition Visit": self.world.records["Petition Visit"],
			"Petition Supervision": self.world.records["Petition Supervision"],
			"Online Petition": self.world.records["Online Petition"],
		}

		def read_all(role):
			return {doctype: self.clients[role].read(doctype, name) for doctype, name in records.items()}

		results = self.run_for_every_role(read_all)
		wrong = []
		for role, responses in results.items():
			for doctype, response in responses.items():
				if m.cell(doctype, "read", role) == m.N:
					if response.status_code != 403:
						wrong.append(
							f"{role} | {doctype}: read refused expected, HTTP {response.status_code}"
						)
					continue
				data = response.json().get("data", {})
				for field in m.FIELD_LEVELS[doctype]["fields"]:
					present = field_present(data, field)
					expected = role in m.FIELD_LEVELS[doctype]["readers"]
					if present != expected:
						wrong.append(f"{role} | {doctype}.{field}: present={present}, expected {expected}")
		self.assertEqual(wrong, [])
