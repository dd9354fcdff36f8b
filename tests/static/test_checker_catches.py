"""The static checker accepts a small valid app and rejects each kind of broken file."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from frappe_rules import Problem, check_app  # noqa: E402

MOD = "petition_management/petition_management"
CASE = f"{MOD}/doctype/petition_case/petition_case.json"
ITEM = f"{MOD}/doctype/petition_case_item/petition_case_item.json"
UNIT = f"{MOD}/doctype/petition_unit/petition_unit.json"
WORKFLOW = "petition_management/workflow/petition_case.json"
PRINT = f"{MOD}/print_format/petition_slip/petition_slip.json"
PRINT_HTML = f"{MOD}/print_format/petition_slip/petition_slip.html"
REPORT = f"{MOD}/report/open_cases/open_cases.json"
REPORT_PY = f"{MOD}/report/open_cases/open_cases.py"
NOTIFY = f"{MOD}/notification/case_closed/case_closed.json"
SPACE = f"{MOD}/workspace/petitions/petitions.json"
PERM = {"role": "Petition Office", "read": 1, "write": 1, "create": 1, "delete": 1, "report": 1}


def doctype(name: str, fields: list[dict], **props) -> dict:
	return {
		"doctype": "DocType",
		"name": name,
		"module": "Petition Management",
		"fields": fields,
		"field_order": [f["fieldname"] for f in fields],
		"permissions": [dict(PERM)],
		**props,
	}


def controller(name: str, base: str = "Document") -> str:
	module = "frappe.utils.nestedset" if base == "NestedSet" else "frappe.model.document"
	return f"from {module} import {base}\n\n\nclass {name.replace(' ', '')}({base}):\n\tpass\n"


def valid_app() -> dict[str, object]:
	"""Relative path -> JSON object or text of a minimal app that must pass every rule."""
	case_fields = [
		{"fieldname": "subject", "fieldtype": "Data", "reqd": 1, "in_list_view": 1},
		{"fieldname": "status", "fieldtype": "Select", "options": "Open\nClosed", "default": "Open"},
		{"fieldname": "workflow_state", "fieldtype": "Link", "options": "Workflow State", "hidden": 1},
		{"fieldname": "unit", "fieldtype": "Link", "options": "Petition Unit"},
		{"fieldname": "unit_name", "fieldtype": "Data", "fetch_from": "unit.unit_name", "read_only": 1},
		{"fieldname": "assigned_to", "fieldtype": "Link", "options": "User"},
		{"fieldname": "items", "fieldtype": "Table", "options": "Petition Case Item"},
		{"fieldname": "secret_note", "fieldtype": "Small Text", "permlevel": 1},
	]
	case = doctype(
		"Petition Case",
		case_fields,
		autoname="format:PC-{YYYY}-{#####}",
		naming_rule="Expression",
		title_field="subject",
		search_fields="subject,status",
		sort_field="modified",
		sort_order="DESC",
	)
	case["permissions"].append({"role": "Petition Office", "permlevel": 1, "read": 1, "write": 1})
	item = doctype(
		"Petition Case Item", [{"fieldname": "note", "fieldtype": "Data", "in_list_view": 1}], istable=1
	)
	item["permissions"] = []
	unit_fields = [
		{"fieldname": "unit_name", "fieldtype": "Data", "reqd": 1, "unique": 1},
		{"fieldname": "lft", "fieldtype": "Int", "hidden": 1, "read_only": 1},
		{"fieldname": "rgt", "fieldtype": "Int", "hidden": 1, "read_only": 1},
		{"fieldname": "is_group", "fieldtype": "Check", "default": "0"},
		{"fieldname": "old_parent", "fieldtype": "Link", "options": "Petition Unit"},
		{"fieldname": "parent_petition_unit", "fieldtype": "Link", "options": "Petition Unit"},
	]
	unit = doctype(
		"Petition Unit",
		unit_fields,
		is_tree=1,
		nsm_parent_field="parent_petition_unit",
		autoname="field:unit_name",
		naming_rule="By fieldname",
	)
	states = [
		{"state": "Draft", "doc_status": "0", "allow_edit": "Petition Office"},
		{"state": "Accepted", "doc_status": "0", "allow_edit": "Petition Office"},
		{"state": "Rejected", "doc_status": "0", "allow_edit": "System Manager"},
	]
	transitions = [
		{"state": "Draft", "action": "Accept", "next_state": "Accepted", "allowed": "Petition Office"},
		{"state": "Draft", "action": "Reject", "next_state": "Rejected", "allowed": "Petition Office"},
	]
	return {
		"petition_management/hooks.py": 'app_name = "petition_management"\n',
		"petition_management/modules.txt": "Petition Management\n",
		"petition_management/setup/roles.json": [{"role_name": "Petition Office"}],
		CASE: case,
		CASE.replace(".json", ".py"): controller("Petition Case"),
		ITEM: item,
		ITEM.replace(".json", ".py"): controller("Petition Case Item"),
		UNIT: unit,
		UNIT.replace(".json", ".py"): controller("Petition Unit", "NestedSet"),
		WORKFLOW: {
			"doctype": "Workflow",
			"name": "Petition Case",
			"workflow_name": "Petition Case",
			"document_type": "Petition Case",
			"workflow_state_field": "workflow_state",
			"states": states,
			"transitions": transitions,
		},
		PRINT: {
			"doctype": "Print Format",
			"name": "Petition Slip",
			"module": "Petition Management",
			"doc_type": "Petition Case",
			"standard": "Yes",
			"custom_format": 1,
			"print_format_type": "Jinja",
		},
		PRINT_HTML: "<h1>{{ doc.subject }}</h1>{% if doc.unit %}<p>{{ _(doc.unit) | e }}</p>{% endif %}\n",
		REPORT: {
			"doctype": "Report",
			"name": "Open Cases",
			"report_name": "Open Cases",
			"module": "Petition Management",
			"ref_doctype": "Petition Case",
			"report_type": "Script Report",
			"is_standard": "Yes",
			"roles": [{"role": "Petition Office"}],
		},
		REPORT_PY: "def execute(filters=None):\n\treturn [], []\n",
		NOTIFY: {
			"doctype": "Notification",
			"name": "Case Closed",
			"module": "Petition Management",
			"document_type": "Petition Case",
			"channel": "Email",
			"event": "Value Change",
			"value_changed": "status",
			"condition": "doc.status == 'Closed'",
			"subject": "Case {{ doc.name }} closed",
			"recipients": [{"receiver_by_role": "Petition Office"}],
		},
		NOTIFY.replace(".json", ".md"): "Case **{{ doc.subject }}** is closed.\n",
		SPACE: {
			"doctype": "Workspace",
			"name": "Petitions",
			"label": "Petitions",
			"module": "Petition Management",
			"content": json.dumps([{"type": "shortcut", "data": {"shortcut_name": "Cases", "col": 3}}]),
			"shortcuts": [{"label": "Cases", "type": "DocType", "link_to": "Petition Case"}],
			"links": [
				{"type": "Card Break", "label": "Reports"},
				{"type": "Link", "label": "Open", "link_type": "Report", "link_to": "Open Cases"},
			],
		},
	}


def write_app(root: Path, files: dict[str, object]) -> Path:
	for rel, content in files.items():
		path = root / rel
		path.parent.mkdir(parents=True, exist_ok=True)
		path.write_text(
			content if isinstance(content, str) else json.dumps(content, indent=1), encoding="utf-8"
		)
	return root


def field(files, path, fieldname):
	return next(f for f in files[path]["fields"] if f["fieldname"] == fieldname)


def add_field(files, path, **f):
	files[path]["fields"].append(f)
	files[path]["field_order"].append(f["fieldname"])


def _drop_tree_fields(files):
	files[UNIT]["fields"] = [f for f in files[UNIT]["fields"] if f["fieldname"] not in ("lft", "rgt")]
	files[UNIT]["field_order"] = [f["fieldname"] for f in files[UNIT]["fields"]]


BREAKAGES = {
	"bad fieldtype": (
		lambda f: field(f, CASE, "subject").update(fieldtype="Textarea"),
		"fieldtype 'Textarea'",
	),
	"link to unknown doctype": (
		lambda f: add_field(f, CASE, fieldname="holiday", fieldtype="Link", options="Holiday List"),
		"'Holiday List' is not a DocType",
	),
	"table to non-child doctype": (
		lambda f: field(f, CASE, "items").update(options="Petition Unit"),
		"not a child table",
	),
	"duplicate fieldname": (lambda f: add_field(f, CASE, fieldname="subject", fieldtype="Data"), "duplicate"),
	"reserved fieldname name": (lambda f: add_field(f, CASE, fieldname="name", fieldtype="Data"), "reserved"),
	"reserved fieldname owner": (
		lambda f: add_field(f, CASE, fieldname="owner", fieldtype="Data"),
		"reserved",
	),
	"bad fieldname": (
		lambda f: add_field(f, CASE, fieldname="Bad Name", fieldtype="Data"),
		"fieldname must be",
	),
	"select default not in options": (
		lambda f: field(f, CASE, "status").update(default="Pending"),
		"'Pending' is not one of the Select options",
	),
	"dynamic link without doctype field": (
		lambda f: add_field(f, CASE, fieldname="ref", fieldtype="Dynamic Link", options="subject"),
		"Dynamic Link",
	),
	"fetch_from bad link": (
		lambda f: field(f, CASE, "unit_name").update(fetch_from="subject.x"),
		"fetch_from",
	),
	"autoname field missing": (lambda f: f[UNIT].update(autoname="field:nope"), "'nope' does not exist"),
	"unknown naming rule": (lambda f: f[CASE].update(naming_rule="By magic"), "naming_rule 'By magic'"),
	"naming rule mismatch": (lambda f: f[CASE].update(naming_rule="Random"), "does not match autoname"),
	"naming_series without field": (
		lambda f: f[CASE].update(autoname="naming_series:", naming_rule='By "Naming Series" field'),
		"naming_series",
	),
	"unknown autoname form": (
		lambda f: f[CASE].update(autoname="PC-YYYY", naming_rule=""),
		"not a Frappe naming",
	),
	"unknown role in permissions": (
		lambda f: f[CASE]["permissions"].append({"role": "Ghost", "read": 1}),
		"unknown role 'Ghost'",
	),
	"unknown permission key": (
		lambda f: f[CASE]["permissions"][0].update(approve=1),
		"unknown key 'approve'",
	),
	"submit on non-submittable": (lambda f: f[CASE]["permissions"][0].update(submit=1), "not is_submittable"),
	"permlevel without permission row": (
		lambda f: f[CASE].update(permissions=[dict(PERM)]),
		"permlevel 1 but no permission row",
	),
	"child table with permissions": (
		lambda f: f[ITEM].update(permissions=[dict(PERM)]),
		"must not have permissions",
	),
	"field_order mismatch": (lambda f: f[CASE]["field_order"].remove("status"), "field_order"),
	"module not in modules.txt": (lambda f: f[CASE].update(module="Other Module"), "modules.txt"),
	"folder does not match name": (
		lambda f: f[CASE].update(name="Petition Cases"),
		"doctype/petition_cases/",
	),
	"tree without lft/rgt": (_drop_tree_fields, "'lft'"),
	"tree without nsm_parent_field": (lambda f: f[UNIT].pop("nsm_parent_field"), "nsm_parent_field"),
	"missing controller": (lambda f: f.pop(CASE.replace(".json", ".py")), "controller petition_case.py"),
	"workflow transition to undeclared state": (
		lambda f: f[WORKFLOW]["transitions"][0].update(next_state="Escalated"),
		"'Escalated' is not declared",
	),
	"workflow allowed role missing": (
		lambda f: f[WORKFLOW]["transitions"][0].update(allowed="Ghost"),
		"unknown role 'Ghost'",
	),
	"workflow submitted back to draft": (
		lambda f: (
			f[WORKFLOW]["states"][1].update(doc_status="1")
			or f[WORKFLOW]["transitions"].append(
				{"state": "Accepted", "action": "Reopen", "next_state": "Draft", "allowed": "Petition Office"}
			)
		),
		"docstatus 1 -> 0",
	),
	"workflow unreachable state": (lambda f: f[WORKFLOW]["transitions"].pop(), "'Rejected' is unreachable"),
	"workflow state field missing": (
		lambda f: f[WORKFLOW].update(workflow_state_field="wf_state"),
		"workflow_state_field 'wf_state'",
	),
	"print format jinja unclosed if": (
		lambda f: f.update({PRINT_HTML: "<p>{% if doc.subject %}{{ doc.subject }}</p>"}),
		"Jinja error",
	),
	"print format unknown filter": (
		lambda f: f.update({PRINT_HTML: "{{ doc.subject | no_such_filter }}"}),
		"no_such_filter",
	),
	"print format unknown doctype": (lambda f: f[PRINT].update(doc_type="Petition"), "doc_type 'Petition'"),
	"script report without execute": (lambda f: f.update({REPORT_PY: "def run():\n\tpass\n"}), "execute"),
	"report unknown role": (lambda f: f[REPORT]["roles"].append({"role": "Ghost"}), "unknown role 'Ghost'"),
	"notification bad event": (lambda f: f[NOTIFY].update(event="Update"), "event 'Update'"),
	"notification jinja error": (
		lambda f: f.update({NOTIFY.replace(".json", ".md"): "{{ doc.x"}),
		"Jinja error",
	),
	"workspace link to unknown doctype": (
		lambda f: f[SPACE]["shortcuts"][0].update(link_to="Petition"),
		"DocType 'Petition' does not exist",
	),
	"invalid json": (lambda f: f.update({ITEM: '{"doctype": "DocType",'}), "invalid JSON"),
}


def test_valid_app_has_no_problems(tmp_path):
	assert check_app(write_app(tmp_path, valid_app())) == []


@pytest.mark.parametrize("case", sorted(BREAKAGES), ids=sorted(BREAKAGES))
def test_each_breakage_is_reported(tmp_path, case):
	files = copy.deepcopy(valid_app())
	mutate, expected = BREAKAGES[case]
	mutate(files)
	problems = check_app(write_app(tmp_path, files))
	assert problems, f"{case}: no problem reported"
	assert any(expected in str(p) for p in problems), f"{case}: {expected!r} not in {problems}"


def test_problem_is_frozen():
	problem = Problem("a.json", "broken")
	with pytest.raises(AttributeError):
		problem.path = "b.json"


def test_missing_app_package_is_a_problem(tmp_path):
	assert check_app(tmp_path)


def _cli(root: Path) -> subprocess.CompletedProcess:
	script = HERE / "frappe_rules.py"
	return subprocess.run(
		[sys.executable, str(script), str(root)], capture_output=True, text=True, check=False
	)


def test_cli_exit_codes(tmp_path):
	good = _cli(write_app(tmp_path / "good", valid_app()))
	assert good.returncode == 0, good.stdout + good.stderr
	assert "static: checked 3 DocTypes, 1 workflow, 1 print format, 1 report" in good.stdout
	assert good.stdout.rstrip().endswith("0 problems")
	files = valid_app()
	field(files, CASE, "subject")["fieldtype"] = "Textarea"
	bad = _cli(write_app(tmp_path / "bad", files))
	assert bad.returncode == 1, bad.stdout + bad.stderr
	assert "Textarea" in bad.stdout


JSON_VALUES = st.recursive(
	st.none() | st.booleans() | st.integers(-3, 3) | st.text(max_size=8),
	lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
	max_leaves=6,
)


@settings(max_examples=60, deadline=None)
@given(
	target=st.sampled_from([CASE, UNIT, WORKFLOW, PRINT, REPORT, NOTIFY, SPACE]),
	key=st.sampled_from(
		[
			"fields",
			"permissions",
			"autoname",
			"states",
			"transitions",
			"roles",
			"links",
			"shortcuts",
			"doc_type",
		]
	),
	value=JSON_VALUES,
)
def test_malformed_values_never_crash_the_checker(target, key, value):
	files = copy.deepcopy(valid_app())
	files[target][key] = value
	with tempfile.TemporaryDirectory() as tmp:
		problems = check_app(write_app(Path(tmp), files))
	assert not [p for p in problems if "checker crashed" in p.message], problems


ROWS = {CASE: "fields", UNIT: "permissions", WORKFLOW: "transitions", REPORT: "roles", SPACE: "links"}


@settings(max_examples=80, deadline=None)
@given(
	target=st.sampled_from(sorted(ROWS)),
	key=st.sampled_from(
		[
			"fieldname",
			"fieldtype",
			"options",
			"default",
			"permlevel",
			"role",
			"read",
			"state",
			"link_to",
			"type",
		]
	),
	value=JSON_VALUES,
)
def test_malformed_rows_never_crash_the_checker(target, key, value):
	files = copy.deepcopy(valid_app())
	files[target][ROWS[target]][0][key] = value
	with tempfile.TemporaryDirectory() as tmp:
		problems = check_app(write_app(Path(tmp), files))
	assert not [p for p in problems if "checker crashed" in p.message], problems
