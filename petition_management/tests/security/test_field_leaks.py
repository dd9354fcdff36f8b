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
probes can fail. All leaks and all server errors are reported at once.
"""

import json
import time
from concurrent.futures import ThreadPoolExecutor

import frappe
from frappe.tests.utils import FrappeTestCase

from petition_management.tests.security import fixtures as fx
from petition_management.tests.security import matrix as m
from petition_management.tests.security.http import Client, check_server

FULL_SECRETS = (
	fx.SECRET_ID,
	fx.SECRET_PHONE,
	fx.SECRET_PHONE_TYPED,
	fx.SECRET_ADDRESS,
	fx.OLD_PHONE,
	fx.LETTER_OLD_PHONE,
	fx.LETTER_PHONE,
	fx.LETTER_ADDRESS,
	*fx.SECRET_BIRTH,
)
MASKED = (fx.MASKED_ID, fx.MASKED_PHONE, fx.OLD_PHONE_MASKED)
PERSONAL_DOCTYPES = ("Petitioner", "Petition Letter", "Petition Visit", "Petition Case", "Online Petition")
# protected fields as a list view or a report builder would ask for them (child columns included)
PROTECTED_COLUMNS = {
	"Petitioner": ["id_number", "phone", "phone_normalized", "address", "birth_date"],
	"Petition Letter": ["sender_phone", "sender_address"],
	"Petition Visit": ["`tabPetition Party`.id_number_masked", "`tabPetition Party`.phone_masked"],
	"Petition Case": ["`tabPetition Party`.id_number_masked", "`tabPetition Party`.phone_masked"],
	"Online Petition": ["id_number", "phone", "address", "access_code_hash"],
}
# a filter on a protected field that matches the petitioner, and one that does not
ORACLES = {
	"Petitioner": ("phone", "%5678", "%0000"),
	"Petition Letter": ("sender_phone", "%5432", "%0000"),
}
SCRIPT_REPORTS = (
	"Petition Ledger",
	"Petition Statistics",
	"Overdue and Due Soon",
	"Repeat Petitions",
	"Cross-level Petitions",
	"Unit Performance",
)


def as_text(value) -> str:
	"""A response body as text in which escaped and unescaped values both show."""
	if isinstance(value, str):
		text = value
	else:
		text = json.dumps(value, ensure_ascii=False, default=str)
	return text + "\n" + json.dumps(text, ensure_ascii=False)


def forbidden_for(role: str, context: str) -> tuple[str, ...]:
	"""The strings no response to `role` may hold in `context` (a DocType, "report" or "search")."""
	if role in m.PROTECTED_READERS:
		return ()
	masked_allowed = role in m.PETITIONER_READERS and context not in ("Petition Case", "Petition Visit")
	return FULL_SECRETS if masked_allowed else FULL_SECRETS + MASKED


class Probe:
	"""One request, the context it answers in, and its label."""

	def __init__(self, label: str, context: str, method: str, path: str, params: dict | None = None):
		self.label, self.context, self.method, self.path, self.params = label, context, method, path, params

	def send(self, client: Client):
		if self.method == "GET":
			return client.get(self.path, self.params)
		return client.post(self.path, self.params)


def name_filter(name: str) -> list:
	return [["name", "=", name]]


def probes_for(world) -> list[Probe]:
	probes = []
	for doctype in PERSONAL_DOCTYPES:
		name = world.records[doctype]
		columns = PROTECTED_COLUMNS[doctype]
		own_columns = [c for c in columns if not c.startswith("`")]
		add = probes.append
		add(Probe("resource", doctype, "GET", f"/api/resource/{doctype}/{name}"))
		add(Probe("resource list *", doctype, "GET", f"/api/resource/{doctype}", {"fields": ["*"]}))
		add(
			Probe(
				"resource list protected first",
				doctype,
				"GET",
				f"/api/resource/{doctype}",
				{"fields": [*columns, "name"], "filters": name_filter(name)},
			)
		)
		add(
			Probe(
				"client.get",
				doctype,
				"GET",
				"/api/method/frappe.client.get",
				{"doctype": doctype, "name": name},
			)
		)
		add(
			Probe(
				"client.get_list",
				doctype,
				"GET",
				"/api/method/frappe.client.get_list",
				{"doctype": doctype, "fields": [*columns, "name"], "filters": name_filter(name)},
			)
		)
		add(
			Probe(
				"client.get_list aggregate",
				doctype,
				"GET",
				"/api/method/frappe.client.get_list",
				{
					"doctype": doctype,
					"fields": [f"max({c}) as x{i}" for i, c in enumerate(columns)],
					"filters": name_filter(name),
				},
			)
		)
		if own_columns:
			add(
				Probe(
					"client.get_value",
					doctype,
					"GET",
					"/api/method/frappe.client.get_value",
					{"doctype": doctype, "fieldname": own_columns, "filters": name_filter(name)},
				)
			)
			add(
				Probe(
					"validate_link",
					doctype,
					"GET",
					"/api/method/frappe.client.validate_link",
					{"doctype": doctype, "docname": name, "fields": own_columns},
				)
			)
		add(
			Probe(
				"form.load.getdoc",
				doctype,
				"GET",
				"/api/method/frappe.desk.form.load.getdoc",
				{"doctype": doctype, "name": name},
			)
		)
		add(
			Probe(
				"form.load.get_docinfo",
				doctype,
				"GET",
				"/api/method/frappe.desk.form.load.get_docinfo",
				{"doctype": doctype, "name": name},
			)
		)
		for fields in (["*"], [*columns, "name"]):
			add(
				Probe(
					f"reportview.get {fields[0]}",
					doctype,
					"POST",
					"/api/method/frappe.desk.reportview.get",
					{"doctype": doctype, "fields": fields, "filters": name_filter(name)},
				)
			)
			add(
				Probe(
					f"reportview.export_query CSV {fields[0]}",
					doctype,
					"POST",
					"/api/method/frappe.desk.reportview.export_query",
					{
						"doctype": doctype,
						"file_format_type": "CSV",
						"fields": fields if fields == ["*"] else [f"`tab{doctype}`.name", *columns],
						"filters": name_filter(name),
						"title": "x",
					},
				)
			)
		if own_columns:
			add(
				Probe(
					"reportview.get order/group by",
					doctype,
					"POST",
					"/api/method/frappe.desk.reportview.get",
					{
						"doctype": doctype,
						"fields": ["name"],
						"group_by": own_columns[0],
						"order_by": own_columns[0],
					},
				)
			)
			add(
				Probe(
					"listview.get_group_by_count",
					doctype,
					"POST",
					"/api/method/frappe.desk.listview.get_group_by_count",
					{"doctype": doctype, "current_filters": [], "field": own_columns[0]},
				)
			)
		for print_format in print_formats(doctype):
			add(
				Probe(
					f"get_html_and_style {print_format}",
					doctype,
					"GET",
					"/api/method/frappe.www.printview.get_html_and_style",
					{"doc": doctype, "name": name, "print_format": print_format, "no_letterhead": 1},
				)
			)
		# the print page itself (the same renderer as above)
		add(
			Probe(
				"/printview Standard",
				doctype,
				"GET",
				"/printview",
				{"doctype": doctype, "name": name, "format": "Standard", "no_letterhead": 1},
			)
		)
	# the Petitioner found by a phone or an ID number it does not show
	for txt, searchfield in (
		(fx.SECRET_PHONE, None),
		(fx.SECRET_ID, None),
		("5678", "phone"),
		("1963", "id_number"),
	):
		for method in ("frappe.desk.search.search_link", "frappe.desk.search.search_widget"):
			params = {"doctype": "Petitioner", "txt": txt, "page_length": 20}
			if searchfield:
				params["searchfield"] = searchfield
			probes.append(
				Probe(f"{method} {searchfield or txt}", "search", "POST", f"/api/method/{method}", params)
			)
	probes.append(
		Probe(
			"find_likely_duplicates by phone",
			"search",
			"POST",
			"/api/method/petition_management.api.petitioner.find_likely_duplicates",
			{"full_name": "_T Sec 其他人", "phone": fx.SECRET_PHONE},
		)
	)
	probes.append(
		Probe(
			"child table get_list",
			"Petition Case",
			"GET",
			"/api/method/frappe.client.get_list",
			{
				"doctype": "Petition Party",
				"parent": "Petition Case",
				"fields": ["id_number_masked", "phone_masked", "parent"],
				"filters": [["parent", "=", world.records["Petition Case"]]],
			},
		)
	)
	for report in SCRIPT_REPORTS:
		filters = {"from_date": "2000-01-01", "to_date": "2099-12-31"}
		probes.append(
			Probe(
				f"query_report.run {report}",
				"report",
				"POST",
				"/api/method/frappe.desk.query_report.run",
				{"report_name": report, "filters": filters},
			)
		)
		probes.append(
			Probe(
				f"query_report.export_query {report}",
				"report",
				"POST",
				"/api/method/frappe.desk.query_report.export_query",
				{"report_name": report, "filters": filters, "file_format_type": "CSV", "visible_idx": []},
			)
		)
	for doctype, name in world.records.items():
		if doctype not in PERSONAL_DOCTYPES:
			probes.append(Probe("resource", doctype, "GET", f"/api/resource/{doctype}/{name}"))
			probes.append(
				Probe("resource list *", doctype, "GET", f"/api/resource/{doctype}", {"fields": ["*"]})
			)
			for print_format in print_formats(doctype):
				probes.append(
					Probe(
						f"get_html_and_style {print_format}",
						doctype,
						"GET",
						"/api/method/frappe.www.printview.get_html_and_style",
						{"doc": doctype, "name": name, "print_format": print_format, "no_letterhead": 1},
					)
				)
	return probes


def print_formats(doctype: str) -> list[str]:
	custom = frappe.get_all(
		"Print Format", filters={"doc_type": doctype, "disabled": 0}, pluck="name", order_by="name"
	)
	return ["Standard", *custom]


class TestFieldLeaks(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		check_server()
		cls.addClassCleanup(fx.purge)  # runs even when setUpClass fails half-way
		cls.world = fx.build_leak_world()
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


def field_present(data: dict, field: str) -> bool:
	"""Whether a (child) field holds a value in a REST document."""
	if "." in field:
		table, fieldname = field.split(".", 1)
		return any(row.get(fieldname) for row in data.get(table) or [])
	return bool(data.get(field))
