"""Shared model of the app (JSON index, roles, Jinja) and the checks for every non-DocType document:
Workflow, Print Format, Report, Workspace, Notification, Web Form, Number Card, Dashboard Chart.

Stdlib + jinja2 only; frappe_rules.py holds the DocType rules and the public entry point.
"""

from __future__ import annotations

import ast
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import frappe_v15 as v15
from jinja2 import Environment, TemplateSyntaxError

SKIP_DIRS = {"node_modules", "__pycache__", ".git", ".venv"}


@dataclass(frozen=True)
class Problem:
	path: str
	message: str

	def __str__(self) -> str:
		return f"{self.path}: {self.message}"


@dataclass
class Doc:
	path: Path
	data: dict


@dataclass
class AppIndex:
	root: Path
	package: Path
	modules: list[str] = field(default_factory=list)
	docs: list[Doc] = field(default_factory=list)
	doctypes: dict[str, dict] = field(default_factory=dict)
	reports: set[str] = field(default_factory=set)
	cards: set[str] = field(default_factory=set)
	charts: set[str] = field(default_factory=set)
	roles: set[str] = field(default_factory=lambda: set(v15.KNOWN_ROLES))
	jinja_filters: set[str] | None = field(default_factory=set)
	naming_variables: set[str] = field(default_factory=set)
	json_files: int = 0
	counts: Counter = field(default_factory=Counter)

	def rel(self, path: Path) -> str:
		try:
			return path.relative_to(self.root).as_posix()
		except ValueError:
			return path.as_posix()

	def doctype_exists(self, name) -> bool:
		return isinstance(name, str) and (
			name in self.doctypes or name in v15.CORE_DOCTYPES or name in v15.CORE_CHILD_DOCTYPES
		)

	def is_child(self, name: str) -> bool:
		if name in self.doctypes:
			return bool(self.doctypes[name].get("istable"))
		return name in v15.CORE_CHILD_DOCTYPES

	def report_exists(self, name) -> bool:
		return name in self.reports or name in v15.CORE_REPORTS

	def fields(self, doctype: str) -> dict[str, dict] | None:
		"""Fields of an app DocType by fieldname; None when the DocType is not the app's (not known here)."""
		meta = self.doctypes.get(doctype)
		if meta is None:
			return None
		rows = meta.get("fields") if isinstance(meta.get("fields"), list) else []
		return {
			f["fieldname"]: f for f in rows if isinstance(f, dict) and isinstance(f.get("fieldname"), str)
		}

	def has_field(self, doctype: str, fieldname: str) -> bool:
		"""True when doctype has fieldname (standard columns count); True for non-app DocTypes (unknown)."""
		fields = self.fields(doctype)
		return fields is None or fieldname in fields or fieldname in v15.DEFAULT_FIELDS


def scrub(text: str) -> str:
	# frappe/__init__.py scrub: spaces and hyphens to underscores, lower case
	return str(text).replace(" ", "_").replace("-", "_").lower()


def flag(value) -> bool:
	return value not in (None, 0, "0", "", False)


def find_package(root: Path) -> Path | None:
	if (root / "hooks.py").is_file():
		return root
	candidates = [d for d in sorted(root.iterdir()) if d.is_dir() and (d / "hooks.py").is_file()]
	with_modules = [d for d in candidates if (d / "modules.txt").is_file()]
	return (with_modules or candidates or [None])[0]


def _hook_value(package: Path, name: str):
	hooks = package / "hooks.py"
	try:
		tree = ast.parse(hooks.read_text(encoding="utf-8"))
	except (OSError, SyntaxError, ValueError):
		return None
	for node in tree.body:
		if isinstance(node, ast.Assign) and any(
			isinstance(t, ast.Name) and t.id == name for t in node.targets
		):
			try:
				return ast.literal_eval(node.value)
			except ValueError:
				return ...
	return None


def _jinja_hook_filters(index: AppIndex) -> set[str] | None:
	"""Filter names the app's `jinja` hook adds; None when they cannot be known statically."""
	hook = _hook_value(index.package, "jinja")
	if hook is None:
		return set()
	if not isinstance(hook, dict):
		return None
	paths = hook.get("filters") or []
	names: set[str] = set()
	for dotted in [paths] if isinstance(paths, str) else paths:
		module_file = index.package.parent / (dotted.replace(".", "/") + ".py")
		if module_file.is_file():  # a whole module: every function in it becomes a filter
			names |= set(re.findall(r"^def (\w+)\(", module_file.read_text(encoding="utf-8"), re.M))
		else:
			names.add(dotted.rsplit(".", 1)[-1])
	return names


def load_app(root: Path) -> tuple[AppIndex | None, list[Problem]]:
	root = Path(root).resolve()
	if not root.is_dir():
		return None, [Problem(str(root), "app root does not exist")]
	package = find_package(root)
	if package is None:
		return None, [Problem(str(root), "no app package (a folder with hooks.py) found")]
	index = AppIndex(root=root, package=package)
	problems: list[Problem] = []
	modules_txt = package / "modules.txt"
	if modules_txt.is_file():
		index.modules = [m.strip() for m in modules_txt.read_text(encoding="utf-8").splitlines() if m.strip()]
	else:
		problems.append(Problem(index.rel(modules_txt), "modules.txt is missing"))
	for path in sorted(package.rglob("*.json")):
		if SKIP_DIRS.intersection(path.relative_to(package).parts):
			continue
		index.json_files += 1
		try:
			data = json.loads(path.read_text(encoding="utf-8"))
		except json.JSONDecodeError as e:
			problems.append(
				Problem(index.rel(path), f"invalid JSON: {e.msg} (line {e.lineno}, column {e.colno})")
			)
			continue
		except (UnicodeDecodeError, OSError) as e:
			problems.append(Problem(index.rel(path), f"unreadable JSON file: {e}"))
			continue
		items = data if isinstance(data, list) else [data]
		for item in items:
			if isinstance(item, dict) and isinstance(item.get("doctype"), str):
				index.docs.append(Doc(path, item))
	for doc in index.docs:
		kind, name = doc.data["doctype"], doc.data.get("name")
		if kind == "DocType" and isinstance(name, str):
			index.doctypes.setdefault(name, doc.data)
		elif kind == "Report":
			index.reports.add(name or doc.data.get("report_name"))
		elif kind == "Number Card":
			index.cards.add(name or doc.data.get("label"))
		elif kind == "Dashboard Chart":
			index.charts.add(name or doc.data.get("chart_name"))
		elif kind == "Role":
			index.roles.add(doc.data.get("role_name") or name)
	problems += _load_roles(index, package / "setup" / "roles.json")
	_load_roles(index, package / "fixtures" / "role.json")
	index.jinja_filters = _jinja_hook_filters(index)
	variables = _hook_value(package, "naming_series_variables")
	index.naming_variables = set(variables) if isinstance(variables, dict) else set()
	return index, problems


def _load_roles(index: AppIndex, path: Path) -> list[Problem]:
	if not path.is_file():
		return []
	try:
		rows = json.loads(path.read_text(encoding="utf-8"))
	except (json.JSONDecodeError, UnicodeDecodeError):
		return []  # reported by the JSON walk
	if not isinstance(rows, list):
		return [Problem(index.rel(path), "must be a list of role objects")]
	problems, seen = [], set()
	for i, row in enumerate(rows, 1):
		role = row.get("role_name") or row.get("name") if isinstance(row, dict) else None
		if not isinstance(role, str) or not role.strip():
			problems.append(Problem(index.rel(path), f"row {i}: needs a non-empty role_name"))
			continue
		if role in seen:
			problems.append(Problem(index.rel(path), f"role {role!r} listed twice"))
		seen.add(role)
		index.roles.add(role)
	return problems


def jinja_error(text: str, index: AppIndex) -> str | None:
	"""Compile (never render) like frappe.utils.jinja.validate_template: plain env, Frappe's filters."""
	env = Environment()
	env.filters.update(dict.fromkeys(v15.FRAPPE_JINJA_FILTERS | (index.jinja_filters or set()), str))
	try:
		env.parse(text)
		if index.jinja_filters is not None:
			env.from_string(text)
	except TemplateSyntaxError as e:
		return f"Jinja error at line {e.lineno}: {e.message}"
	return None


def microtemplate_error(text: str) -> str | None:
	"""Report .html is Frappe's JS microtemplate (public/js/frappe/microtemplate.js), not Jinja:
	check that every {% %} block closes and that the code blocks' braces balance."""
	depth, line = 0, 1
	for part in re.split(r"(\{%.*?%\})", text, flags=re.S):
		if part.startswith("{%") and part.endswith("%}"):
			code = re.sub(r"(\"|')(?:\\.|(?!\1).)*\1", "", part[2:-2].strip())
			if code.startswith("="):
				pass
			elif re.match(r"(if|for)\s", code) and "{" not in code:
				depth += 1
			elif code in ("endif", "endfor"):
				depth -= 1
			elif code != "else":
				depth += code.count("{") - code.count("}")
			if depth < 0:
				return f"template line {line}: '}}' without an open block"
		elif "{%" in part:
			return f"template line {line + part[: part.index('{%')].count(chr(10))}: '{{%' is never closed"
		line += part.count("\n")
	return None if depth == 0 else f"template: {depth} block(s) left open"


def python_error(expression: str) -> str | None:
	try:
		compile(expression, "<condition>", "eval")
	except SyntaxError as e:
		return f"not a Python expression ({e.msg})"
	return None


class Found(list):
	"""Problems of one file: `found(message)` records one."""

	def __init__(self, rel: str):
		super().__init__()
		self.rel = rel

	def __call__(self, message: str, path: str | None = None) -> None:
		self.append(Problem(path or self.rel, message))

	def roles(self, roles, index: AppIndex, what: str) -> None:
		for role in roles:
			if role not in index.roles:
				self(f"{what}: unknown role {role!r}")

	def link(self, where: str, kind, target, index: AppIndex) -> None:
		if kind == "DocType" and not index.doctype_exists(target):
			self(f"{where}: DocType {target!r} does not exist")
		if kind == "Report" and not index.report_exists(target):
			self(f"{where}: Report {target!r} does not exist")

	def jinja(self, sources, index: AppIndex) -> None:
		for where, text in sources:
			if isinstance(text, str) and (err := jinja_error(text, index)):
				self(err, where)


# Keys whose values the checks use as names (strings) or as tables (lists of objects).
STR_KEYS = frozenset(
	"""name module autoname naming_rule doc_type document_type ref_doctype report_type title_field search_fields
	sort_field sort_order image_field timeline_field nsm_parent_field workflow_state_field print_format_type
	standard is_standard html content subject message message_type condition channel event method query
	chart_type type report_name filters_json format_data label fieldname fieldtype options fetch_from role
	state next_state action allowed allow_edit update_field link_to link_type chart_name number_card_name
	receiver_by_role receiver_by_document_field link_doctype link_fieldname value_changed date_changed
	based_on value_based_on group_by_based_on aggregate_function_based_on is_published_field
	website_search_field depends_on collapsible_depends_on mandatory_depends_on read_only_depends_on""".split()
)
LIST_KEYS = frozenset(
	"""fields permissions states transitions roles links shortcuts charts number_cards quick_lists recipients
	web_form_fields""".split()
)


# Keys that are Check fields (0/1) on these doctypes, though strings elsewhere (Report.is_standard "Yes").
CHECK_KEYS = {
	"Number Card": {"is_standard"},
	"Dashboard Chart": {"is_standard"},
	"Notification": {"is_standard"},
	"Web Form": {"is_standard", "allow_edit"},
}


def check_shape(doc: Doc, index: AppIndex) -> list[Problem]:
	"""Wrong JSON types (a table that is not a list of objects, a name that is not a string)."""
	out = Found(index.rel(doc.path))
	checks = CHECK_KEYS.get(doc.data.get("doctype"), set())
	for key, value in doc.data.items():
		if key in checks:
			if value not in (0, 1, None):
				out(f"{key} must be 0 or 1")
			continue
		if key == "field_order" and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
			out("field_order must be a list of fieldnames")
		elif key in LIST_KEYS and value is not None:
			if not isinstance(value, list) or not all(isinstance(row, dict) for row in value):
				out(f"{key} must be a list of objects")
				continue
			for i, row in enumerate(value, 1):
				for k in sorted(k for k, v in row.items() if k in STR_KEYS and not isinstance(v, str | None)):
					out(f"{key} row {i}: {k} must be a string")
				if not isinstance(row.get("permlevel", 0), int) or isinstance(row.get("permlevel"), bool):
					out(f"{key} row {i}: permlevel must be an integer")
		elif key in STR_KEYS and not isinstance(value, str | None):
			out(f"{key} must be a string")
	return out


def check_location(doc: Doc, index: AppIndex) -> list[Problem]:
	"""Documents that bench migrate imports must sit at <module>/<folder>/<scrub(name)>/<scrub(name)>.json."""
	data, out = doc.data, Found(index.rel(doc.path))
	parts = doc.path.relative_to(index.package).parts
	folder, kind = parts[1] if len(parts) >= 2 else "", data["doctype"]
	if not (len(parts) == 4 and folder in v15.SYNCED_FOLDERS):
		if kind == "DocType":
			out("DocType JSON must live at <module>/doctype/<name>/<name>.json")
		elif folder in v15.SYNCED_FOLDERS:
			out(f"{kind} JSON in {folder}/ must be at {folder}/<name>/<name>.json to be synced")
		return out
	if v15.SYNCED_FOLDERS[folder] != kind:
		out(f"a {kind} document in the {folder}/ folder (expects {v15.SYNCED_FOLDERS[folder]})")
	name, module = data.get("name"), data.get("module")
	if not isinstance(name, str) or not name.strip():
		out(f"{kind} has no name")
	elif parts[2] != scrub(name) or doc.path.stem != parts[2]:
		out(f"{kind} {name!r} must be at {folder}/{scrub(name)}/{scrub(name)}.json")
	if module not in index.modules:
		out(f"module {module!r} is not a line of modules.txt {index.modules}")
	elif scrub(module) != parts[0]:
		out(f"module {module!r} lives in folder {scrub(module)}/, not {parts[0]}/")
	return out


def _sibling(doc: Doc, suffix: str) -> Path:
	return doc.path.parent / (scrub(doc.data.get("name") or doc.path.stem) + suffix)


def _read(path: Path) -> str:
	return path.read_text(encoding="utf-8")


def check_workflow(doc: Doc, index: AppIndex) -> list[Problem]:
	d, out = doc.data, Found(index.rel(doc.path))
	dt = d.get("document_type")
	if not index.doctype_exists(dt):
		out(f"workflow document_type {dt!r} is not a DocType of the app or core")
	state_field = d.get("workflow_state_field") or "workflow_state"
	if dt in index.doctypes and not index.has_field(dt, state_field):
		out(f"workflow_state_field {state_field!r} is not a field of {dt}")
	states = [s for s in d.get("states") or [] if isinstance(s, dict)]
	if not states:
		out("workflow has no states")
		return out
	status: dict[str, str] = {}
	for i, s in enumerate(states, 1):
		name = s.get("state")
		if not name:
			out(f"state row {i} has no state")
			continue
		if name in status:
			out(f"state {name!r} declared twice")
		status[name] = str(s.get("doc_status", ""))
		if status[name] not in v15.WORKFLOW_DOC_STATUSES:
			out(f"state {name!r}: doc_status must be one of '0', '1', '2'")
		out.roles([s.get("allow_edit")], index, f"state {name!r} allow_edit")
		if s.get("update_field") and not index.has_field(dt, s["update_field"]):
			out(f"state {name!r}: update_field {s['update_field']!r} is not a field of {dt}")
	edges: dict[str, set[str]] = {}
	seen = set()
	for i, t in enumerate(d.get("transitions") or [], 1):
		src, dst, action = t.get("state"), t.get("next_state"), t.get("action")
		where = f"transition {i} ({src} -[{action}]-> {dst})"
		for end in (src, dst):
			if end not in status:
				out(f"{where}: state {end!r} is not declared in states")
		if not action:
			out(f"{where}: no action")
		# one row per role: the same move for two roles is two rows, a repeated row is a mistake
		if (src, action, dst, t.get("allowed")) in seen:
			out(f"{where}: duplicate transition")
		seen.add((src, action, dst, t.get("allowed")))
		out.roles([t.get("allowed")], index, f"{where} allowed")
		move = (status.get(src), status.get(dst))
		if move[0] == "2" or move in v15.WORKFLOW_FORBIDDEN_MOVES:
			out(f"{where}: docstatus {move[0]} -> {move[1]} is not allowed by Frappe")
		if t.get("condition") and (err := python_error(t["condition"])):
			out(f"{where}: condition {err}")
		edges.setdefault(src, set()).add(dst)
	start = states[0].get("state")
	reached, todo = {start}, [start]
	while todo:
		for nxt in edges.get(todo.pop(), ()):
			if nxt not in reached:
				reached.add(nxt)
				todo.append(nxt)
	for state in status:
		if state not in reached:
			out(f"state {state!r} is unreachable from {start!r}")
	return out


def check_print_format(doc: Doc, index: AppIndex) -> list[Problem]:
	d, out = doc.data, Found(index.rel(doc.path))
	if not index.doctype_exists(d.get("doc_type")):
		out(f"print format doc_type {d.get('doc_type')!r} is not a known DocType")
	if d.get("standard") != "Yes":
		out("an app's print format must have standard 'Yes'")
	kind, custom = d.get("print_format_type") or "Jinja", flag(d.get("custom_format"))
	if kind not in v15.PRINT_FORMAT_TYPES or (custom and kind != "Jinja"):
		out(f"print_format_type {kind!r}: a custom_format print format must be 'Jinja'")
	sibling = _sibling(doc, ".html")
	sources = [(f"{out.rel} html", d["html"])] if isinstance(d.get("html"), str) and d["html"].strip() else []
	if sibling.is_file():
		sources.append((index.rel(sibling), _read(sibling)))
	if custom and not sources and not flag(d.get("raw_printing")):
		out(f"custom_format print format has no html (JSON html or {sibling.name})")
	out.jinja(sources if kind == "Jinja" else [], index)
	if d.get("format_data") and not _is_json(d["format_data"]):
		out("format_data is not valid JSON")
	return out


def _is_json(text) -> bool:
	try:
		json.loads(text)
	except (TypeError, json.JSONDecodeError):
		return False
	return True


def check_report(doc: Doc, index: AppIndex) -> list[Problem]:
	d, out = doc.data, Found(index.rel(doc.path))
	if not index.doctype_exists(d.get("ref_doctype")):
		out(f"report ref_doctype {d.get('ref_doctype')!r} is not a known DocType")
	kind = d.get("report_type")
	if kind not in v15.REPORT_TYPES:
		out(f"report_type {kind!r} is not one of {sorted(v15.REPORT_TYPES)}")
	if d.get("is_standard") != "Yes":
		out("an app's report must have is_standard 'Yes'")
	py, html = _sibling(doc, ".py"), _sibling(doc, ".html")
	if kind == "Script Report" and not py.is_file():
		out(f"Script Report needs {py.name} defining execute()")
	elif kind == "Script Report" and not re.search(r"^def execute\(", _read(py), re.M):
		out("Script Report module does not define `def execute(`", index.rel(py))
	if kind == "Query Report" and not (d.get("query") or "").strip():
		out("Query Report has no query")
	out.roles([r.get("role") for r in d.get("roles") or [] if isinstance(r, dict)], index, "report roles")
	if html.is_file() and (err := microtemplate_error(_read(html))):
		out(err, index.rel(html))
	return out


def check_workspace(doc: Doc, index: AppIndex) -> list[Problem]:
	d, out = doc.data, Found(index.rel(doc.path))
	labels: dict[str, set] = {k: set() for k in ("shortcut", "card", "chart", "number_card", "quick_list")}
	for s in d.get("shortcuts") or []:
		if s.get("type") not in v15.WORKSPACE_SHORTCUT_TYPES:
			out(f"shortcut {s.get('label')!r}: type {s.get('type')!r} is invalid")
		out.link(f"shortcut {s.get('label')!r}", s.get("type"), s.get("link_to"), index)
		labels["shortcut"].add(s.get("label") or s.get("link_to"))
	for link in d.get("links") or []:
		if link.get("type") == "Card Break":
			labels["card"].add(link.get("label"))
		elif link.get("type") != "Link":
			out(f"link {link.get('label')!r}: type must be 'Link' or 'Card Break'")
		elif link.get("link_type") not in v15.WORKSPACE_LINK_TYPES:
			out(f"link {link.get('label')!r}: link_type {link.get('link_type')!r} is invalid")
		else:
			out.link(f"link {link.get('label')!r}", link["link_type"], link.get("link_to"), index)
	for c in d.get("charts") or []:
		if c.get("chart_name") not in index.charts:
			out(f"chart {c.get('chart_name')!r} is not a Dashboard Chart of the app")
		labels["chart"].add(c.get("label") or c.get("chart_name"))
	for c in d.get("number_cards") or []:
		if c.get("number_card_name") not in index.cards:
			out(f"number card {c.get('number_card_name')!r} is not a Number Card of the app")
		labels["number_card"].add(c.get("label") or c.get("number_card_name"))
	for q in d.get("quick_lists") or []:
		out.link("quick list", "DocType", q.get("document_type"), index)
		labels["quick_list"].add(q.get("label") or q.get("document_type"))
	out.roles([r.get("role") for r in d.get("roles") or []], index, "workspace roles")
	if not _is_json(d.get("content") or "[]"):
		out("workspace content is not valid JSON")
		return out
	blocks = json.loads(d.get("content") or "[]")
	for block in blocks if isinstance(blocks, list) else []:
		if not isinstance(block, dict) or not isinstance(block.get("data") or {}, dict):
			out("workspace content blocks must be objects with a data object")
			continue
		kind, data = block.get("type"), block.get("data") or {}
		if kind in labels and data.get(f"{kind}_name") not in labels[kind]:
			out(f"content {kind} {data.get(f'{kind}_name')!r} has no matching {kind} row")
	return out


def check_notification(doc: Doc, index: AppIndex) -> list[Problem]:
	d, out = doc.data, Found(index.rel(doc.path))
	dt, event = d.get("document_type"), d.get("event")
	if not index.doctype_exists(dt):
		out(f"notification document_type {dt!r} is not a known DocType")
	if d.get("channel") not in v15.NOTIFICATION_CHANNELS:
		out(f"channel {d.get('channel')!r} is not one of {sorted(v15.NOTIFICATION_CHANNELS)}")
	if event not in v15.NOTIFICATION_EVENTS:
		out(f"event {event!r} is not one of {sorted(v15.NOTIFICATION_EVENTS)}")
	key = {"Value Change": "value_changed", "Days After": "date_changed", "Days Before": "date_changed"}.get(
		event
	)
	if key and (not d.get(key) or not index.has_field(dt, d[key])):
		out(f"event {event!r} needs {key} naming a field of {dt}, got {d.get(key)!r}")
	if event == "Method" and not d.get("method"):
		out("event 'Method' needs method")
	if d.get("condition") and (err := python_error(d["condition"])):
		out(f"condition {err}")
	for r in d.get("recipients") or []:
		out.roles([r["receiver_by_role"]] if r.get("receiver_by_role") else [], index, "recipient")
		field_name = (r.get("receiver_by_document_field") or "").split(",")[0]
		if field_name and not index.has_field(dt, field_name):
			out(f"recipient field {field_name!r} is not a field of {dt}")
	template = _sibling(doc, v15.NOTIFICATION_FORMATS.get(d.get("message_type"), ".md"))
	sources = [(f"{out.rel} subject", d.get("subject")), (f"{out.rel} message", d.get("message"))]
	out.jinja(sources + ([(index.rel(template), _read(template))] if template.is_file() else []), index)
	return out


def check_web_form(doc: Doc, index: AppIndex) -> list[Problem]:
	d, out = doc.data, Found(index.rel(doc.path))
	dt = d.get("doc_type")
	if not index.doctype_exists(dt):
		out(f"web form doc_type {dt!r} is not a known DocType")
	for f in d.get("web_form_fields") or []:
		kind, name = f.get("fieldtype"), f.get("fieldname")
		if kind not in v15.WEB_FORM_FIELDTYPES:
			out(f"web form field {name!r}: fieldtype {kind!r} is invalid")
		elif kind not in ("Section Break", "Column Break", "Page Break") and not index.has_field(dt, name):
			out(f"web form field {name!r} is not a field of {dt}")
	return out


def check_card_or_chart(doc: Doc, index: AppIndex) -> list[Problem]:
	d, out = doc.data, Found(index.rel(doc.path))
	if d["doctype"] == "Number Card":
		kind, kinds, dt_kinds = d.get("type") or "Document Type", v15.NUMBER_CARD_TYPES, {"Document Type"}
	else:
		kind, kinds = d.get("chart_type"), v15.DASHBOARD_CHART_TYPES
		dt_kinds = kinds - {"Report", "Custom"}
		if not _is_json(d.get("filters_json") or "[]"):
			out("filters_json is not valid JSON")
	if kind not in kinds:
		out(f"{d['doctype']} type {kind!r} is not one of {sorted(kinds)}")
	elif kind == "Report":
		out.link(d["doctype"], "Report", d.get("report_name"), index)
	elif kind in dt_kinds:
		dt = d.get("document_type")
		out.link(d["doctype"], "DocType", dt, index)
		for key in ("based_on", "value_based_on", "group_by_based_on", "aggregate_function_based_on"):
			if d.get(key) and index.doctype_exists(dt) and not index.has_field(dt, d[key]):
				out(f"{key} {d[key]!r} is not a field of {dt}")
	return out


OTHER_CHECKS = {
	"Workflow": check_workflow,
	"Print Format": check_print_format,
	"Report": check_report,
	"Workspace": check_workspace,
	"Notification": check_notification,
	"Web Form": check_web_form,
	"Number Card": check_card_or_chart,
	"Dashboard Chart": check_card_or_chart,
}
