"""The probes of the field-leak tests (test_field_leaks): every path that returns record data, the protected
values no response may hold, and which of them a role may read in which context."""

import json

import frappe

from petition_management.tests.security import fixtures as fx
from petition_management.tests.security import matrix as m
from petition_management.tests.security.http import Client

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
PERSONAL_DOCTYPES = (
	"Petitioner",
	"Petitioner Identity",
	"Petition Letter",
	"Petition Letter Sender",
	"Petition Visit",
	"Petition Case",
	"Online Petition",
)
# the identity values as a list view or a report builder would ask for them: the DocTypes' own columns,
# and from the records that link to a person, the identity tables and link and child columns named in
# `fields` expressions (Frappe joins a table named there only after checking read permission on it)
IDENTITY_COLUMNS = ["id_number", "phone", "phone_normalized", "address", "birth_date"]
PROTECTED_COLUMNS = {
	"Petitioner": ["`tabPetitioner Identity`.id_number", "`tabPetitioner Identity`.phone"],
	"Petitioner Identity": IDENTITY_COLUMNS,
	"Petition Letter": [
		"`tabPetition Letter Sender`.sender_phone",
		"`tabPetitioner Identity`.address",
		"petitioner.id_number_masked",
	],
	"Petition Letter Sender": ["sender_phone", "sender_address"],
	"Petition Visit": ["`tabPetitioner Identity`.id_number", "`tabPetition Party`.petitioner"],
	"Petition Case": ["`tabPetitioner Identity`.phone", "`tabPetition Party`.petitioner"],
	"Online Petition": ["subject", "full_name"],
}
# a filter on an identity value that matches the petitioner, and one that does not: (DocType queried,
# DocType of the filter, field, matching pattern, other pattern)
ORACLES = (
	("Petitioner Identity", "Petitioner Identity", "phone", "%-1234-5678", "%-0000-0000"),
	("Petition Letter Sender", "Petition Letter Sender", "sender_phone", "%98765432", "%00000000"),
	("Petitioner", "Petitioner Identity", "phone", "%-1234-5678", "%-0000-0000"),
	("Petition Case", "Petitioner Identity", "id_number", "%" + fx.SECRET_ID[-6:], "%000000"),
	("Petition Letter", "Petition Letter Sender", "sender_address", "%Hidden%", "%Nowhere%"),
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
	# the masked copies: on the Petitioner for its readers; a case's or visit's form prints them for the
	# readers of identities only (utils/print_identity.py)
	masked_allowed = role in m.PETITIONER_READERS and context not in ("Petition Case", "Petition Visit")
	return FULL_SECRETS if masked_allowed else FULL_SECRETS + MASKED


class Probe:
	"""One request, the context it answers in, and its label."""

	def __init__(
		self,
		label: str,
		context: str,
		method: str,
		path: str,
		params: dict | None = None,
		frappe_500: bool = False,
	):
		self.label, self.context, self.method, self.path, self.params = label, context, method, path, params
		# Frappe's own 500 for this request is known and listed in SECURITY.md (no data in it either)
		self.frappe_500 = frappe_500

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
		own_columns = [c for c in columns if not c.startswith("`") and "." not in c]
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
		probes += print_probes(doctype, name)
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
	for doctype, txt, searchfield in (
		("Petitioner", fx.SECRET_PHONE, None),
		("Petitioner", fx.SECRET_ID, None),
		("Petitioner Identity", fx.SECRET_PHONE, None),
		("Petitioner Identity", "5678", "phone"),
		("Petitioner Identity", "1963", "id_number"),
		("Petition Letter Sender", "Hidden", "sender_address"),
	):
		for method in ("frappe.desk.search.search_link", "frappe.desk.search.search_widget"):
			params = {"doctype": doctype, "txt": txt, "page_length": 20, "ignore_user_permissions": 1}
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
				"fields": ["petitioner", "petitioner_name", "parent"],
				"filters": [["parent", "=", world.records["Petition Case"]]],
			},
		)
	)
	probes += expression_probes(world)
	for probe in probes:
		probe.frappe_500 = probe.frappe_500 or names_identity_table(probe)
	for report in script_reports():
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
			probes += print_probes(doctype, name)
	return probes


IDENTITY_TABLES = ("Petitioner Identity", "Petition Letter Sender")


def names_identity_table(probe: Probe) -> bool:
	"""A query of another DocType naming an identity table: refused to non-readers (403); for readers
	Frappe's child-table join or MariaDB fails on it (a 500 listed in SECURITY.md, no data either)."""
	text = json.dumps(probe.params or {})
	return any(f"`tab{table}`" in text for table in IDENTITY_TABLES if table != probe.context)


def expression_probes(world) -> list[Probe]:
	"""`fields` that reach the identity tables through an expression, a function or a linked table."""
	letter = world.records["Petition Letter"]
	asks = {
		# a table named inside a function is never joined (MariaDB refuses the column: Frappe's 500,
		# test_scope_reads covers it); named as a column, Frappe checks read permission before joining
		"Petition Letter": [
			["name", "petitioner.full_name", "`tabPetitioner Identity`.id_number"],
			["name", "`tabPetition Letter Sender`.sender_address"],
			["`tabPetition Letter Sender`.*"],
		],
		"Petitioner": [
			["name", "(select id_number from `tabPetitioner Identity` limit 1) as x"],
			["name", "`tabPetitioner Identity`.*"],
			["*", "`tabPetitioner Identity`.phone_normalized"],
		],
	}
	probes = []
	for doctype, field_sets in asks.items():
		name = letter if doctype == "Petition Letter" else world.records["Petitioner"]
		for fields in field_sets:
			for path, method in (
				(f"/api/resource/{doctype}", "GET"),
				("/api/method/frappe.desk.reportview.get", "POST"),
			):
				params = {"fields": fields, "filters": name_filter(name)}
				if method == "POST":
					params["doctype"] = doctype
				probes.append(Probe(f"expression {path} {fields[-1]}", doctype, method, path, params))
	return probes


def print_probes(doctype: str, name: str) -> list[Probe]:
	"""The record as each of its print formats renders it (the Standard one and the enabled others)."""
	custom = frappe.get_all(
		"Print Format", filters={"doc_type": doctype, "disabled": 0}, pluck="name", order_by="name"
	)
	return [
		Probe(
			f"get_html_and_style {print_format}",
			doctype,
			"GET",
			"/api/method/frappe.www.printview.get_html_and_style",
			{"doc": doctype, "name": name, "print_format": print_format, "no_letterhead": 1},
		)
		for print_format in ["Standard", *custom]
	]


def script_reports() -> list[str]:
	"""Every Script Report of the app."""
	return frappe.get_all(
		"Report",
		filters={"module": "Petition Management", "report_type": "Script Report", "is_standard": "Yes"},
		pluck="name",
		order_by="name",
	)


def field_present(data: dict, field: str) -> bool:
	"""Whether a (child) field holds a value in a REST document."""
	if "." in field:
		table, fieldname = field.split(".", 1)
		return any(row.get(fieldname) for row in data.get(table) or [])
	return bool(data.get(field))
