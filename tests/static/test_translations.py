"""Every user-facing string of the app ships with its Simplified Chinese translation."""

import csv
from pathlib import Path

from translatable import collect

APP_ROOT = Path(__file__).resolve().parents[2]
ZH_CSV = APP_ROOT / "petition_management" / "translations" / "zh.csv"


def load_zh() -> dict[str, str]:
	with ZH_CSV.open(encoding="utf-8", newline="") as f:
		return {row[0]: row[1] for row in csv.reader(f) if row and len(row) >= 2}


def test_every_user_facing_string_has_a_zh_translation():
	zh = load_zh()
	missing = {text: sorted(paths) for text, paths in collect(APP_ROOT).items() if not zh.get(text)}
	assert not missing, "missing zh translations:\n" + "\n".join(
		f"  {text!r}  ({', '.join(paths)})" for text, paths in sorted(missing.items())
	)


def test_zh_translations_are_not_copies_of_the_source():
	copies = [src for src, dst in load_zh().items() if src == dst and not src.isdigit()]
	assert not copies, f"untranslated rows: {copies}"


def test_placeholders_survive_translation():
	bad = []
	for src, dst in load_zh().items():
		for n in range(5):
			token = "{" + str(n) + "}"
			if (token in src) != (token in dst):
				bad.append(src)
	assert not bad, f"placeholders differ: {bad}"
