"""Static checker for a Frappe v15 app: validates its DocType JSON (and, via frappe_rules_other, its
workflows, print formats, reports, workspaces, notifications, web forms, number cards and charts)
without Frappe installed.

Usage: python tests/static/frappe_rules.py [app_root]   (default: the repo holding this file)
Exit status 1 when any problem is found.
"""

from __future__ import annotations

import re
import sys
from functools import cached_property
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import frappe_v15 as v15
from frappe_rules_other import (
	OTHER_CHECKS,
	AppIndex,
	Doc,
	Problem,
	check_location,
	check_shape,
	flag,
	load_app,
	scrub,
)

__all__ = ["Problem", "check_app", "main"]

FIELDNAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")
# doctype.py validate_name: starts with a letter; letters, digits, spaces, underscores, hyphens; <= 61 chars
DOCTYPE_NAME_RE = re.compile(r"^[A-Za-z][\w -]*$", re.ASCII)
# an assignment (a single "=") in a depends_on expression, which doctype.py rejects
ASSIGNMENT_RE = re.compile(r"^[\w.:]+\s*=\s*[\w.@'\"]")
OLD_STYLE_SERIES_RE = re.compile(r"\.#+")


class DocTypeChecker:
	def __init__(self, doc: Doc, index: AppIndex):
		self.d, self.index, self.rel = doc.data, index, index.rel(doc.path)
		self.doc = doc
		self.name = self.d.get("name") or ""
		self.problems: list[Problem] = []
		raw = self.d.get("fields")
		self.rows = [f for f in raw if isinstance(f, dict)] if isinstance(raw, list) else []
		if not isinstance(raw, list) or len(self.rows) != len(raw):
			self.add("fields must be a list of objects")
		self.by_name = {f["fieldname"]: f for f in self.rows if isinstance(f.get("fieldname"), str)}

	def add(self, message: str) -> None:
		self.problems.append(Problem(self.rel, message))

	def field_is(self, fieldname, *types) -> bool:
		return fieldname in self.by_name and self.by_name[fieldname].get("fieldtype") in types

	def run(self) -> list[Problem]:
		self.check_name()
		self.check_fields()
		self.check_doctype_properties()
		self.check_naming()
		self.check_tree()
		self.check_permissions()
		self.check_controller()
		return self.problems

	def check_name(self) -> None:
		if not DOCTYPE_NAME_RE.match(self.name) or len(self.name) > 61:
			self.add(
				f"DocType name {self.name!r} must start with a letter, use letters/digits/space/_/-, <= 61"
			)

	def check_fields(self) -> None:
		seen: set[str] = set()
		is_table = flag(self.d.get("istable"))
		for i, f in enumerate(self.rows, 1):
			name, kind = f.get("fieldname"), f.get("fieldtype")
			where = f"field {name!r}" if name else f"field row {i}"
			if not isinstance(name, str) or not FIELDNAME_RE.match(name) or len(name) > 64:
				self.add(
					f"{where}: fieldname must be lowercase letters/digits/_ starting with a letter, <= 64"
				)
			elif name in seen:
				self.add(f"{where}: duplicate fieldname")
			elif name in v15.FORBIDDEN_FIELDNAMES:
				self.add(f"{where}: fieldname is reserved by Frappe (default/standard field)")
			if isinstance(name, str):
				seen.add(name)
			if kind not in v15.VALID_FIELDTYPES:
				self.add(f"{where}: fieldtype {kind!r} does not exist in Frappe v15")
				continue
			self.check_field(where, f, kind, is_table)
		order = self.d.get("field_order")
		names = [f.get("fieldname") for f in self.rows]
		if order is not None and (
			sorted(map(str, order)) != sorted(map(str, names)) or len(set(order)) != len(order)
		):
			missing = sorted(set(map(str, names)) - set(map(str, order)))
			extra = sorted(set(map(str, order)) - set(map(str, names)))
			self.add(f"field_order does not list exactly the fields (missing {missing}, unknown {extra})")
		folds = [i for i, f in enumerate(self.rows) if f.get("fieldtype") == "Fold"]
		if len(folds) > 1:
			self.add("there can be only one Fold")
		if folds and (
			folds[0] + 1 >= len(self.rows) or self.rows[folds[0] + 1].get("fieldtype") != "Section Break"
		):
			self.add("Fold must come right before a Section Break")

	def check_field(self, where: str, f: dict, kind: str, is_table: bool) -> None:
		opts = f.get("options")
		if kind in ("Link", *v15.TABLE_FIELDTYPES):
			self.check_link_options(where, kind, opts)
		elif kind == "Dynamic Link":
			target = self.by_name.get(opts) if isinstance(opts, str) else None
			ok = target is not None and (
				target.get("fieldtype") == "Select"
				or (target.get("fieldtype") == "Link" and target.get("options") == "DocType")
			)
			if not ok:
				self.add(
					f"{where}: Dynamic Link options {opts!r} must name a Link-to-DocType (or Select) field"
				)
		elif kind == "Select":
			choices = [c.strip() for c in str(opts or "").split("\n")]
			if f.get("default") not in (None, "") and not any(choices):
				self.add(f"{where}: Select has a default but no options")
			elif f.get("default") not in (None, "") and str(f["default"]) not in choices:
				self.add(f"{where}: default {f['default']!r} is not one of the Select options")
		elif kind == "Data" and opts and opts not in v15.DATA_FIELD_OPTIONS:
			self.add(f"{where}: Data options {opts!r} not one of {sorted(v15.DATA_FIELD_OPTIONS)}")
		elif kind == "Rating" and opts and not (str(opts).isdigit() and 3 <= int(opts) <= 10):
			self.add(f"{where}: Rating options must be 3..10")
		if kind == "Check" and str(f.get("default", 0)) not in ("0", "1", ""):
			self.add(f"{where}: Check default must be 0 or 1")
		if kind in v15.FLOAT_LIKE_FIELDTYPES and f.get("precision") not in (None, ""):
			if not (str(f["precision"]).isdigit() and 1 <= int(f["precision"]) <= 6):
				self.add(f"{where}: precision must be between 1 and 6")
		no_value = kind in v15.NO_VALUE_FIELDTYPES
		if flag(f.get("reqd")) and no_value and kind not in v15.TABLE_FIELDTYPES:
			self.add(f"{where}: a {kind} field cannot be mandatory")
		if flag(f.get("reqd")) and flag(f.get("hidden")) and f.get("default") in (None, ""):
			self.add(f"{where}: hidden and mandatory without a default")
		if flag(f.get("unique")) and kind not in v15.UNIQUE_FIELDTYPES:
			self.add(f"{where}: a {kind} field cannot be unique")
		if flag(f.get("search_index")) and kind in v15.NOT_INDEXABLE_FIELDTYPES:
			self.add(f"{where}: a {kind} field cannot be indexed")
		banned = v15.NOT_IN_LIST_VIEW_CHILD if is_table else v15.NOT_IN_LIST_VIEW
		if flag(f.get("in_list_view")) and kind in banned:
			self.add(f"{where}: in_list_view not allowed for {kind}")
		if flag(f.get("in_global_search")) and no_value:
			self.add(f"{where}: in_global_search not allowed for {kind}")
		for key in v15.DEPENDS_ON_KEYS:
			value = f.get(key)
			if value is not None and not isinstance(value, str):
				self.add(f"{where}: {key} must be a string")
			elif value and ASSIGNMENT_RE.match(value):
				self.add(f"{where}: {key} {value!r} is an assignment, not a condition")
		if f.get("fetch_from"):
			self.check_fetch_from(where, f)
		level = f.get("permlevel") or 0
		if not isinstance(level, int) or level < 0:
			self.add(f"{where}: permlevel must be a non-negative integer")
		if not no_value and f.get("fieldname") in self.reserved_attributes():
			self.add(f"{where}: fieldname clashes with a method/property of the Document controller")

	def reserved_attributes(self) -> frozenset[str]:
		extra = v15.NESTED_SET_ATTRIBUTES if flag(self.d.get("is_tree")) else frozenset()
		return v15.DOCUMENT_ATTRIBUTES | extra | frozenset(self.controller_methods())

	def check_link_options(self, where: str, kind: str, opts) -> None:
		if not isinstance(opts, str) or not opts.strip():
			self.add(f"{where}: {kind} field needs options naming a DocType")
		elif opts != self.name and not self.index.doctype_exists(opts):
			self.add(f"{where}: {kind} options {opts!r} is not a DocType of the app or Frappe core")
		elif kind in v15.TABLE_FIELDTYPES and not (opts == self.name and flag(self.d.get("istable"))):
			if not self.index.is_child(opts):
				self.add(f"{where}: {kind} options {opts!r} is not a child table (istable: 1)")
			elif kind == "Table MultiSelect" and self.index.fields(opts) is not None:
				if not any(f.get("fieldtype") == "Link" for f in self.index.fields(opts).values()):
					self.add(f"{where}: Table MultiSelect child {opts!r} needs a Link field")

	def check_fetch_from(self, where: str, f: dict) -> None:
		value = f["fetch_from"]
		source, _, target = str(value).strip().partition(".")
		if not target or source == f.get("fieldname"):
			self.add(f"{where}: fetch_from {value!r} must be <link_field>.<field> of another field")
		elif not self.field_is(source, "Link", "Dynamic Link"):
			self.add(f"{where}: fetch_from {value!r}: {source!r} is not a Link field here")
		elif not self.index.has_field(self.by_name[source].get("options"), target):
			self.add(
				f"{where}: fetch_from {value!r}: {self.by_name[source].get('options')} has no {target!r}"
			)

	def check_doctype_properties(self) -> None:
		d = self.d
		if d.get("module") not in self.index.modules:
			self.add(f"module {d.get('module')!r} is not a line of modules.txt {self.index.modules}")
		for key in (
			"title_field",
			"image_field",
			"timeline_field",
			"is_published_field",
			"website_search_field",
		):
			if d.get(key) and d[key] not in self.by_name:
				self.add(f"{key} {d[key]!r} is not a field")
		if d.get("image_field") in self.by_name and not self.field_is(d["image_field"], "Attach Image"):
			self.add("image_field must be an Attach Image field")
		if d.get("timeline_field") in self.by_name and not self.field_is(
			d["timeline_field"], "Link", "Dynamic Link"
		):
			self.add("timeline_field must be a Link or Dynamic Link field")
		for name in [s.strip() for s in (d.get("search_fields") or "").split(",") if s.strip()]:
			if name not in self.by_name or self.by_name[name].get("fieldtype") in v15.NO_VALUE_FIELDTYPES:
				self.add(f"search_fields: {name!r} is not a value field")
		standard = set(self.by_name) | set(v15.DEFAULT_FIELDS) | set(v15.CHILD_TABLE_FIELDS)
		for part in [p.split()[0] for p in (d.get("sort_field") or "").split(",") if p.strip()]:
			if part not in standard:
				self.add(f"sort_field {part!r} is not a field")
		if d.get("sort_order") and d["sort_order"] not in v15.SORT_ORDERS:
			self.add(f"sort_order {d['sort_order']!r} must be ASC or DESC")
		if d.get("document_type") not in (None, *v15.DOCUMENT_TYPES):
			self.add(f"document_type {d['document_type']!r} is not one of {sorted(v15.DOCUMENT_TYPES)}")
		if flag(d.get("has_web_view")) and "route" not in self.by_name:
			self.add("has_web_view needs a 'route' field")
		if flag(d.get("website_search_field")) and "title" not in self.by_name:
			self.add("website_search_field needs a 'title' field")
		for i, link in enumerate(d.get("links") or [], 1):
			dt, fieldname = link.get("link_doctype"), link.get("link_fieldname")
			if not self.index.doctype_exists(dt):
				self.add(f"links row {i}: link_doctype {dt!r} does not exist")
			elif not flag(link.get("is_child_table")) and not self.index.has_field(dt, fieldname or ""):
				self.add(f"links row {i}: {dt} has no field {fieldname!r}")

	def check_naming(self) -> None:
		auto = self.d.get("autoname") or ""
		rule = self.d.get("naming_rule") or ""
		if not isinstance(auto, str):
			self.add("autoname must be a string")
			return
		low = auto.lower()
		if auto.startswith("field:"):
			form = "field:"
			if auto[6:] not in self.by_name:
				self.add(f"autoname {auto!r}: field {auto[6:]!r} does not exist")
		elif auto.startswith("naming_series:"):
			form = "naming_series:"
			if "naming_series" not in self.by_name:
				self.add("autoname 'naming_series:' needs a field named naming_series")
		elif auto.startswith("format:"):
			form = "format:"
			if len(re.findall(r"\{#+\}", auto)) > 1:
				self.add(f"autoname {auto!r}: only one {{#}} series is allowed")
			for word in re.findall(r"\{(\w+)\}", auto):
				known = set(self.by_name) | set(v15.DEFAULT_FIELDS) | v15.NAMING_DATE_WORDS
				if word not in known | self.index.naming_variables:
					self.add(f"autoname {auto!r}: {{{word}}} is neither a field nor a date word")
		elif low in ("prompt", "hash") or auto == "autoincrement" or auto == "":
			form = low
		elif "#" in auto and OLD_STYLE_SERIES_RE.search(auto):
			form = "<SERIES>.#"
		else:
			self.add(
				f"autoname {auto!r} is not a Frappe naming form (hash, autoincrement, Prompt, field:, ...)"
			)
			return
		if rule and rule not in v15.NAMING_RULES:
			self.add(f"naming_rule {rule!r} is not one of {sorted(v15.NAMING_RULES)}")
		elif rule and v15.NAMING_RULE_AUTONAME[rule] != form:
			self.add(f"naming_rule {rule!r} does not match autoname {auto!r}")
		if rule == "By script" and "autoname" not in self.controller_methods():
			self.add("naming_rule 'By script' needs an autoname() method in the controller")

	def check_tree(self) -> None:
		if not flag(self.d.get("is_tree")):
			return
		for fieldname, kind in v15.TREE_FIELDS.items():
			if not self.field_is(fieldname, kind):
				self.add(f"is_tree DocType needs field {fieldname!r} of type {kind}")
		parent = self.d.get("nsm_parent_field")
		if not parent:
			self.add(f"is_tree DocType needs nsm_parent_field (Frappe's default: parent_{scrub(self.name)})")
		elif not (self.field_is(parent, "Link") and self.by_name[parent].get("options") == self.name):
			self.add(f"nsm_parent_field {parent!r} must be a Link field to {self.name}")
		if self.field_is("old_parent", "Link") and self.by_name["old_parent"].get("options") != self.name:
			self.add(f"old_parent must link to {self.name}")
		if self.controller_text() is not None and "NestedSet" not in self.controller_text():
			self.add("is_tree DocType's controller must extend frappe.utils.nestedset.NestedSet")

	def check_permissions(self) -> None:
		perms = self.d.get("permissions") or []
		if flag(self.d.get("istable")):
			if perms:
				self.add("a child table (istable) must not have permissions")
			return
		seen, levels = set(), set()
		for i, p in enumerate(perms, 1):
			if not isinstance(p, dict):
				self.add(f"permission row {i} is not an object")
				continue
			role, level = p.get("role"), p.get("permlevel") or 0
			where = f"permission row {i} ({role}, level {level})"
			for key in sorted(set(p) - v15.PERMISSION_KEYS):
				self.add(f"{where}: unknown key {key!r}")
			for key in sorted(set(p) & (v15.PERMISSION_RIGHTS | {"if_owner"})):
				if p[key] not in (0, 1):
					self.add(f"{where}: {key} must be 0 or 1")
			if not isinstance(level, int) or not 0 <= level <= 9:
				self.add(f"{where}: permlevel must be an integer 0..9")
			if role not in self.index.roles:
				self.add(f"{where}: unknown role {role!r}")
			if not any(flag(p.get(k)) for k in ("select", "read", "write", "submit", "cancel", "create")):
				self.add(f"{where}: no basic permission set")
			if (role, level, flag(p.get("if_owner"))) in seen:
				self.add(f"{where}: duplicate row for the same role, level and if_owner")
			seen.add((role, level, flag(p.get("if_owner"))))
			levels.add(level)
			self.check_permission_row(where, p, role, level, perms)
		for f in self.rows:
			level = f.get("permlevel") or 0
			if isinstance(level, int) and level > 0 and level not in levels:
				self.add(f"field {f.get('fieldname')!r} has permlevel {level} but no permission row has it")

	def check_permission_row(self, where: str, p: dict, role, level, perms) -> None:
		has = lambda key: flag(p.get(key))  # noqa: E731
		if has("cancel") and not has("submit"):
			self.add(f"{where}: cancel without submit")
		if (has("submit") or has("cancel") or has("amend")) and not has("write"):
			self.add(f"{where}: submit/cancel/amend without write")
		if has("import") and not has("create"):
			self.add(f"{where}: import without create")
		if (has("submit") or has("amend")) and not flag(self.d.get("is_submittable")):
			self.add(f"{where}: submit/amend on a DocType that is not is_submittable")
		if has("import") and not flag(self.d.get("allow_import")):
			self.add(f"{where}: import on a DocType without allow_import")
		if isinstance(level, int) and level > 0 and role not in ("All", "Desk User"):
			if not any(q.get("role") == role and not (q.get("permlevel") or 0) for q in perms):
				self.add(f"{where}: role needs a level-0 row before level {level}")

	def controller_path(self) -> Path:
		return self.doc.path.parent / f"{scrub(self.name)}.py"

	@cached_property
	def _controller(self) -> str | None:
		path = self.controller_path()
		return path.read_text(encoding="utf-8") if path.is_file() else None

	def controller_text(self) -> str | None:
		return self._controller

	def controller_methods(self) -> list[str]:
		return re.findall(r"^(?:\t| {4})def (\w+)\(", self._controller or "", re.M)

	def check_controller(self) -> None:
		if flag(self.d.get("custom")):
			return
		text, cls = self.controller_text(), re.sub(r"[ -]", "", self.name)
		if text is None:
			self.add(f"controller {self.controller_path().name} is missing (Frappe imports class {cls})")
		elif not re.search(rf"^class {re.escape(cls)}\(", text, re.M):
			self.add(f"controller {self.controller_path().name} does not define class {cls}")


def check_app(app_root: Path) -> list[Problem]:
	problems, _ = _check(app_root)
	return problems


def _check(app_root: Path) -> tuple[list[Problem], AppIndex | None]:
	index, problems = load_app(Path(app_root))
	if index is None:
		return problems, None
	names = [d.data.get("name") for d in index.docs if d.data["doctype"] == "DocType"]
	for name in sorted({n for n in names if names.count(n) > 1 and n}):
		problems.append(Problem(index.rel(index.package), f"DocType {name!r} is defined more than once"))
	for doc in index.docs:
		kind = doc.data["doctype"]
		index.counts[kind] += 1
		try:
			if shape := check_shape(doc, index):
				problems += shape
				continue
			problems += check_location(doc, index)
			if kind == "DocType":
				problems += DocTypeChecker(doc, index).run()
			elif kind in OTHER_CHECKS:
				problems += OTHER_CHECKS[kind](doc, index)
		except Exception as e:  # malformed structure: report it, never hide it
			problems.append(Problem(index.rel(doc.path), f"checker crashed on this {kind}: {e!r}"))
	return list(dict.fromkeys(problems)), index


def _plural(n: int, word: str) -> str:
	return f"{n} {word}{'' if n == 1 else 's'}"


def main(argv: list[str] | None = None) -> int:
	args = sys.argv[1:] if argv is None else argv
	root = Path(args[0]) if args else Path(__file__).resolve().parents[2]
	problems, index = _check(root)
	for problem in problems:
		print(problem)
	c = index.counts if index else {}
	others = sum(c.values()) - sum(c.get(k, 0) for k in ("DocType", "Workflow", "Print Format", "Report"))
	print(
		f"static: checked {_plural(c.get('DocType', 0), 'DocType')}, {_plural(c.get('Workflow', 0), 'workflow')}, "
		f"{_plural(c.get('Print Format', 0), 'print format')}, {_plural(c.get('Report', 0), 'report')}, "
		f"{_plural(others, 'other document')}, {_plural(index.json_files if index else 0, 'JSON file')}, "
		f"{_plural(len(problems), 'problem')}"
	)
	return 1 if problems else 0


if __name__ == "__main__":
	sys.exit(main())
