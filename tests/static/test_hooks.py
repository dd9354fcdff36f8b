"""hooks.py is one declaration: every hook key is assigned once, as a literal, so a reader sees every
permission hook, job and event of the app on one screen (as in frappe/hrms). Merging a key with
`globals()` or assigning it twice hides what the app really declares."""

import ast
from pathlib import Path

HOOKS = Path(__file__).resolve().parents[2] / "petition_management" / "hooks.py"
LITERALS = (ast.Constant, ast.Dict, ast.List, ast.Tuple, ast.Set, ast.JoinedStr)


def hook_problems(source: str) -> list[str]:
	"""What makes hooks.py more than one literal declaration per key."""
	tree = ast.parse(source)
	problems, seen = [], {}
	for node in ast.walk(tree):
		if isinstance(node, ast.Name) and node.id == "globals":
			problems.append(f"line {node.lineno}: globals()")
		if isinstance(node, ast.FunctionDef | ast.ClassDef | ast.Lambda):
			problems.append(f"line {node.lineno}: code, not a declaration")
	for node in tree.body:
		if isinstance(node, ast.AugAssign):
			problems.append(f"line {node.lineno}: augmented assignment")
			continue
		if not isinstance(node, ast.Assign):
			if not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)):
				problems.append(f"line {node.lineno}: {type(node).__name__} is not an assignment")
			continue
		for target in node.targets:
			if not isinstance(target, ast.Name):
				problems.append(f"line {node.lineno}: assignment to something other than a name")
				continue
			if target.id in seen:
				problems.append(
					f"line {node.lineno}: {target.id} assigned again (first at line {seen[target.id]})"
				)
			seen.setdefault(target.id, node.lineno)
		if not is_literal(node.value):
			problems.append(f"line {node.lineno}: {ast.unparse(node.targets[0])} is not a literal")
	return problems


def is_literal(node: ast.AST) -> bool:
	"""A literal of literals (strings may be split over lines in parentheses)."""
	if isinstance(node, ast.Constant):
		return True
	if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
		return is_literal(node.left) and is_literal(node.right)
	if isinstance(node, ast.Dict):
		return all(k is not None and is_literal(k) for k in node.keys) and all(map(is_literal, node.values))
	if isinstance(node, ast.List | ast.Tuple | ast.Set):
		return all(map(is_literal, node.elts))
	return False


def test_hooks_py_declares_every_key_once_as_a_literal():
	assert hook_problems(HOOKS.read_text(encoding="utf-8")) == []


def test_the_check_catches_a_key_declared_twice_and_merged_through_globals():
	source = (
		'has_permission = {"A": "x.a"}\n'
		'has_permission = {**globals().get("has_permission", {}), "B": "x.b"}\n'
		"def helper():\n\treturn 1\n"
	)
	problems = hook_problems(source)
	assert any("globals()" in p for p in problems)
	assert any("has_permission assigned again" in p for p in problems)
	assert any("not a literal" in p for p in problems)
	assert any("code, not a declaration" in p for p in problems)


def test_the_check_accepts_plain_literals():
	assert hook_problems('app_name = "x"\nhooks = {"a": ["b", "c"]}\ntitle = ("a" "b")\n') == []
