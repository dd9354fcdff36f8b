"""Every DocType, workflow, print format, report and other JSON of the real app passes the static rules."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from frappe_rules import check_app  # noqa: E402

REPO = HERE.parents[1]
PACKAGE = REPO / "petition_management"


def test_app_package_exists():
	assert (PACKAGE / "hooks.py").is_file(), f"{PACKAGE} is not a Frappe app package"
	assert (PACKAGE / "modules.txt").is_file()
	assert any(PACKAGE.rglob("doctype/*/*.json")), "the app has no DocType JSON"


def test_app_files_follow_frappe_v15_rules():
	problems = check_app(REPO)
	assert not problems, "\n".join(str(p) for p in problems)
