"""Backup and restore: a site with the demo data and attached files, backed up with `bench backup
--with-files` and restored into another site with `bench restore`, has the same number of records of
every DocType, the same File records and the same files on disk.

Run with the bench's Python from the bench's sites folder:

    cd ~/frappe-bench/sites && ../env/bin/python /path/to/tests/bench/check_backup_restore.py

Scratch sites (created when missing, never any other site): PM_BACKUP_SITE (default
pm-backup.localhost) with the app and the demo data, and PM_RESTORE_SITE (default
pm-restore.localhost), overwritten by every run. MariaDB root password: PM_DB_ROOT_PASSWORD (default
root). Prints a table of every DocType whose count differs (or all with --verbose) and exits 1 on
any difference.
"""

import hashlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import frappe

APP = "petition_management"
SOURCE = os.environ.get("PM_BACKUP_SITE", "pm-backup.localhost")
TARGET = os.environ.get("PM_RESTORE_SITE", "pm-restore.localhost")
DB_ROOT_PASSWORD = os.environ.get("PM_DB_ROOT_PASSWORD", "root")
SITES = Path.cwd()
BENCH = SITES.parent
# Files attached by this check: one public, one private, on a demo case (kept from run to run).
ATTACHMENTS = {
	"_T-backup-check-public.txt": (0, "公开附件：备份与恢复检查。"),
	"_T-backup-check-private.txt": (1, "私有附件：备份与恢复检查，不得公开。"),
}


def say(message: str):
	print(f"==> {message}", flush=True)


def bench(*args: str, retries: int = 0):
	"""Run a bench command in the bench folder; retry (after a pause) when asked, then fail loudly."""
	for attempt in range(retries + 1):
		result = subprocess.run(["bench", *args], cwd=BENCH, capture_output=True, text=True)
		if result.returncode == 0:
			return result.stdout
		if attempt < retries:
			time.sleep(60)
	sys.stdout.write(result.stdout[-4000:])
	sys.stderr.write(result.stderr[-4000:])
	raise SystemExit(f"bench {' '.join(args)} failed with exit code {result.returncode}")


def site_exists(site: str) -> bool:
	return (SITES / site / "site_config.json").exists()


def new_site(site: str):
	bench(
		"new-site",
		site,
		"--db-root-username",
		"root",
		"--db-root-password",
		DB_ROOT_PASSWORD,
		"--admin-password",
		"admin",
		"--no-mariadb-socket",
	)


def prepare_source():
	if not site_exists(SOURCE):
		say(f"creating {SOURCE}")
		new_site(SOURCE)
	bench("--site", SOURCE, "set-config", "--parse", "pause_scheduler", "1")
	bench("--site", SOURCE, "set-config", "--parse", "petition_demo_site", "1")
	if APP not in bench("--site", SOURCE, "list-apps"):
		say(f"installing {APP} on {SOURCE}")
		bench("--site", SOURCE, "install-app", APP, retries=2)
	else:
		say(f"migrating {SOURCE} to this version of the app")
		bench("--site", SOURCE, "migrate")
	say(f"loading the demo data on {SOURCE}")
	bench("--site", SOURCE, "petition-demo")
	attach_files()


def attach_files():
	with connected(SOURCE):
		case = frappe.get_all("Petition Case", order_by="creation asc", limit=1, pluck="name")
		if not case:
			raise SystemExit(f"no Petition Case on {SOURCE} after petition-demo")
		for file_name, (is_private, text) in ATTACHMENTS.items():
			if frappe.db.exists("File", {"file_name": file_name, "attached_to_doctype": "Petition Case"}):
				continue
			frappe.get_doc(
				{
					"doctype": "File",
					"file_name": file_name,
					"attached_to_doctype": "Petition Case",
					"attached_to_name": case[0],
					"is_private": is_private,
					"content": text.encode("utf-8"),
				}
			).insert(ignore_permissions=True)
		frappe.db.commit()


class connected:
	"""frappe.init/connect to a site, destroyed on exit."""

	def __init__(self, site: str):
		self.site = site

	def __enter__(self):
		frappe.init(site=self.site, sites_path=str(SITES))
		frappe.connect()

	def __exit__(self, *exc):
		frappe.destroy()


def app_doctypes(site: str) -> list[str]:
	with connected(site):
		return frappe.get_all(
			"DocType", filters={"module": ("in", frappe.get_module_list(APP))}, pluck="name"
		)


def counts(site: str) -> dict[str, int]:
	"""Rows of every DocType with a table, the values of the Single DocTypes, the installed apps."""
	with connected(site):
		tables = set(frappe.db.get_tables(cached=False))
		doctypes = frappe.get_all("DocType", filters={"issingle": 0, "is_virtual": 0}, pluck="name")
		found = {
			doctype: frappe.db.count(doctype) for doctype in sorted(doctypes) if f"tab{doctype}" in tables
		}
		found["(Singles values)"] = frappe.db.sql("select count(*) from `tabSingles`")[0][0]
		found["(installed apps)"] = len(frappe.get_installed_apps())
		return found


def files_on_disk(site: str) -> dict[str, str]:
	"""relative path -> sha1 of every public and private file of the site (backups left out)."""
	found = {}
	for folder in ("public/files", "private/files"):
		root = SITES / site / folder
		for path in sorted(root.rglob("*")) if root.exists() else []:
			if path.is_file():
				found[str(path.relative_to(SITES / site))] = hashlib.sha1(path.read_bytes()).hexdigest()
	return found


def take_backup(folder: str) -> dict[str, str]:
	say(f"bench backup --with-files of {SOURCE}")
	bench("--site", SOURCE, "backup", "--with-files", "--backup-path", folder)
	made = {}
	for path in Path(folder).iterdir():
		if path.name.endswith("-database.sql.gz"):
			made["database"] = str(path)
		elif path.name.endswith("-private-files.tar"):
			made["private"] = str(path)
		elif path.name.endswith("-files.tar"):
			made["public"] = str(path)
	missing = {"database", "public", "private"} - set(made)
	if missing:
		raise SystemExit(f"the backup in {folder} lacks: {', '.join(sorted(missing))}")
	return made


def restore(backup: dict[str, str]):
	if not site_exists(TARGET):
		say(f"creating {TARGET}")
		new_site(TARGET)
	say(f"bench restore into {TARGET}")
	bench(
		"--site",
		TARGET,
		"restore",
		backup["database"],
		"--with-public-files",
		backup["public"],
		"--with-private-files",
		backup["private"],
		"--db-root-username",
		"root",
		"--db-root-password",
		DB_ROOT_PASSWORD,
	)
	bench("--site", TARGET, "set-config", "--parse", "pause_scheduler", "1")


def compare(before: dict, after: dict) -> list[tuple[str, object, object]]:
	return [
		(key, before.get(key), after.get(key))
		for key in sorted(set(before) | set(after))
		if before.get(key) != after.get(key)
	]


def table(rows, headers) -> str:
	widths = [max(len(str(value)) for value in column) for column in zip(headers, *rows, strict=True)]
	lines = [
		"  ".join(str(value).ljust(width) for value, width in zip(row, widths, strict=True))
		for row in [headers, *rows]
	]
	lines.insert(1, "  ".join("-" * width for width in widths))
	return "\n".join(lines)


def main() -> int:
	verbose = "--verbose" in sys.argv
	started = time.perf_counter()
	prepare_source()
	source_counts, source_files = counts(SOURCE), files_on_disk(SOURCE)
	with tempfile.TemporaryDirectory(prefix="pm-backup-") as folder:
		backup = take_backup(folder)
		if counts(SOURCE) != source_counts:
			raise SystemExit(f"{SOURCE} changed while it was backed up: run the check again")
		restore(backup)
	target_counts, target_files = counts(TARGET), files_on_disk(TARGET)

	count_differences = compare(source_counts, target_counts)
	file_differences = compare(source_files, target_files)
	ours = [doctype for doctype in app_doctypes(SOURCE) if doctype in source_counts]
	shown = (
		[(key, source_counts.get(key), target_counts.get(key)) for key in sorted(source_counts)]
		if verbose
		else count_differences
	)
	if shown:
		print(table(shown, ("DocType", SOURCE, TARGET)))
	for path, before, after in file_differences:
		print(
			f"file {path}: {'missing' if after is None else 'extra' if before is None else 'content differs'} on {TARGET}"
		)
	records = sum(source_counts.values())
	attached = sum(1 for path in source_files if any(path.endswith(name) for name in ATTACHMENTS))
	summary = (
		f"{len(source_counts)} DocTypes ({len(ours)} of {APP}: {sum(source_counts[d] for d in ours)} records), "
		f"{records} records in all, "
		f"{source_counts.get('File', 0)} File records, {len(source_files)} files on disk "
		f"({attached} attached by this check); {time.perf_counter() - started:.0f} s"
	)
	if count_differences or file_differences or attached < len(ATTACHMENTS):
		print(
			f"backup/restore FAILED: {len(count_differences)} count and {len(file_differences)} file differences; {summary}"
		)
		return 1
	print(f"backup/restore check passed: {TARGET} equals {SOURCE}: {summary}")
	return 0


if __name__ == "__main__":
	sys.exit(main())
