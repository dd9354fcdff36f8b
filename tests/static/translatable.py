"""Collect the user-facing strings of the app: labels, options, descriptions, roles, workflow states
and actions, workspace labels, and every literal passed to _() in Python or Jinja and __() in JS."""

import ast
import json
import re
from pathlib import Path

JS_CALL = re.compile(r"""__\(\s*(?P<q>["'`])(?P<text>(?:\\.|(?!(?P=q)).)*)(?P=q)""")
JINJA_CALL = re.compile(r"""\b_\(\s*(?P<q>["'])(?P<text>(?:\\.|(?!(?P=q)).)*)(?P=q)""")
DOCTYPE_TEXT_KEYS = ("label", "description")
SKIP_FIELDTYPES = {"Column Break", "Tab Break"}


def python_strings(path: Path) -> set[str]:
	found = set()
	tree = ast.parse(path.read_text(encoding="utf-8"))
	for node in ast.walk(tree):
		if (
			isinstance(node, ast.Call)
			and isinstance(node.func, ast.Name)
			and node.func.id in ("_", "_lt")
			and node.args
			and isinstance(node.args[0], ast.Constant)
			and isinstance(node.args[0].value, str)
		):
			found.add(node.args[0].value)
	return found


def rule_error_templates(path: Path) -> set[str]:
	"""The message templates of the pure rules' exceptions: class-level string constants of *Error classes."""
	found = set()
	for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
		if not (isinstance(node, ast.ClassDef) and node.name.endswith("Error")):
			continue
		for item in node.body:
			if (
				isinstance(item, ast.Assign)
				and all(isinstance(t, ast.Name) and t.id.isupper() for t in item.targets)
				and isinstance(item.value, ast.Constant)
				and isinstance(item.value.value, str)
			):
				found.add(item.value.value)
	return found


def regex_strings(path: Path, pattern: re.Pattern) -> set[str]:
	text = path.read_text(encoding="utf-8")
	return {m.group("text").replace("\\'", "'").replace('\\"', '"') for m in pattern.finditer(text)}


def doctype_strings(doc: dict) -> set[str]:
	found = {doc["name"]}
	for field in doc.get("fields", []):
		if field.get("fieldtype") in SKIP_FIELDTYPES and not field.get("label"):
			continue
		found.update(field[k] for k in DOCTYPE_TEXT_KEYS if field.get(k))
		if (
			field.get("fieldtype") == "Select"
			and field.get("options")
			and field["fieldname"] != "naming_series"
		):
			found.update(o for o in field["options"].split("\n") if o.strip())
	return found


def workflow_strings(doc: dict) -> set[str]:
	found = {doc.get("workflow_name") or doc.get("name")}
	found.update(s["state"] for s in doc.get("states", []))
	found.update(t["action"] for t in doc.get("transitions", []))
	return found


def workspace_strings(doc: dict) -> set[str]:
	found = {doc["label"]}
	found.update(link["label"] for link in doc.get("links", []) if link.get("label"))
	found.update(s["label"] for s in doc.get("shortcuts", []) if s.get("label"))
	return found


def json_strings(path: Path) -> set[str]:
	doc = json.loads(path.read_text(encoding="utf-8"))
	if isinstance(doc, list):
		return {row["role_name"] for row in doc if isinstance(row, dict) and row.get("role_name")}
	kind = doc.get("doctype")
	if kind == "DocType":
		return doctype_strings(doc)
	if kind == "Workflow":
		return workflow_strings(doc)
	if kind == "Workspace":
		return workspace_strings(doc)
	if kind in ("Report", "Print Format", "Number Card", "Dashboard Chart", "Web Form"):
		return {doc.get("name")} - {None}
	return set()


def collect(app_root: Path) -> dict[str, set[str]]:
	"""Map each user-facing string to the files it comes from."""
	package = app_root / "petition_management"
	found: dict[str, set[str]] = {}

	def add(strings, path):
		for s in strings:
			if s and s.strip():
				found.setdefault(s, set()).add(str(path.relative_to(app_root)))

	for path in package.rglob("*"):
		if "tests" in path.parts or not path.is_file():
			continue
		if "rules" in path.parts:
			if path.suffix == ".py":
				add(rule_error_templates(path), path)
			continue
		if path.suffix == ".py":
			add(python_strings(path), path)
		elif path.suffix == ".js":
			add(regex_strings(path, JS_CALL), path)
		elif path.suffix in (".html", ".md"):
			add(regex_strings(path, JINJA_CALL), path)
		elif path.suffix == ".json":
			add(json_strings(path), path)
	return found
