"""Helpers of the reliability tests: a second user working at the same time on a connection of their
own, table fingerprints, and clean-up of records the tests had to commit.

Tests that need two sessions must commit their fixtures first (the other connection sees only committed
rows), so they clean up after themselves with `purge`.
"""

import threading
from concurrent.futures import Future, ThreadPoolExecutor

import frappe

WAIT_SECONDS = 90


class Session:
	"""One user at work in a thread with its own Frappe context and database connection.

	`call` runs a function there and waits for it; `submit` starts it and returns a Future. Each call
	commits when it succeeds (unless commit=False) and rolls back when it fails, as a request would.
	Documents loaded in a session must only be used through that session."""

	def __init__(self, user: str):
		self.user = user
		self.site = frappe.local.site
		self.sites_path = frappe.local.sites_path
		self.pool = ThreadPoolExecutor(max_workers=1, initializer=self._connect)

	def _connect(self):
		frappe.init(site=self.site, sites_path=self.sites_path)
		frappe.connect()
		# Not flagged in_test: Frappe skips the version history in tests, and a session stands for a real
		# user. Mail is only queued.
		frappe.flags.mute_emails = True
		frappe.set_user(self.user)

	@staticmethod
	def _run(function, args, kwargs, commit: bool):
		try:
			result = function(*args, **kwargs)
		except BaseException:
			frappe.db.rollback()
			raise
		if commit:
			frappe.db.commit()
		return result

	def submit(self, function, *args, commit: bool = True, **kwargs) -> Future:
		return self.pool.submit(self._run, function, args, kwargs, commit)

	def call(self, function, *args, commit: bool = True, **kwargs):
		return self.submit(function, *args, commit=commit, **kwargs).result(timeout=WAIT_SECONDS)

	def commit(self):
		self.call(frappe.db.commit)

	def close(self):
		try:
			self.pool.submit(frappe.destroy).result(timeout=WAIT_SECONDS)
		finally:
			self.pool.shutdown(wait=True)


def run_together(*calls) -> list[tuple[object, BaseException | None]]:
	"""Start every (session, function, args...) at the same instant; (result, error) for each."""
	barrier = threading.Barrier(len(calls))

	def started(function, *args):
		barrier.wait(timeout=WAIT_SECONDS)
		return function(*args)

	futures = [session.submit(started, function, *args) for session, function, *args in calls]
	outcomes = []
	for future in futures:
		try:
			outcomes.append((future.result(timeout=WAIT_SECONDS), None))
		except Exception as error:
			outcomes.append((None, error))
	return outcomes


def fingerprint(doctypes) -> dict[str, tuple[int, int]]:
	"""(row count, XOR of a checksum of every row) per table: equal fingerprints, equal contents."""
	prints = {}
	for doctype in doctypes:
		columns = frappe.db.get_table_columns(doctype)
		row = ", ".join(f"IFNULL(CAST(`{column}` AS CHAR), '\\0')" for column in columns)
		prints[doctype] = tuple(
			frappe.db.sql(
				f"SELECT COUNT(*), IFNULL(BIT_XOR(CRC32(CONCAT_WS(0x1f, {row}))), 0) FROM `tab{doctype}`"
			)[0]
		)
	return prints


def purge(doctype: str, names) -> None:
	"""Remove committed test records with their child rows and the trail Frappe keeps of them."""
	names = [name for name in names if name]
	if not names:
		return
	for table in frappe.get_meta(doctype).get_table_fields():
		frappe.db.delete(table.options, {"parenttype": doctype, "parent": ("in", names)})
	frappe.db.delete(doctype, {"name": ("in", names)})
	frappe.db.delete("Version", {"ref_doctype": doctype, "docname": ("in", names)})
	frappe.db.delete("Comment", {"reference_doctype": doctype, "reference_name": ("in", names)})
	frappe.db.delete("ToDo", {"reference_type": doctype, "reference_name": ("in", names)})
	frappe.db.delete("Workflow Action", {"reference_doctype": doctype, "reference_name": ("in", names)})
	frappe.db.delete("Notification Log", {"document_type": doctype, "document_name": ("in", names)})
	frappe.db.delete("Deleted Document", {"deleted_doctype": doctype, "deleted_name": ("in", names)})
	for queued in frappe.get_all(
		"Email Queue", filters={"reference_doctype": doctype, "reference_name": ("in", names)}, pluck="name"
	):
		frappe.db.delete("Email Queue Recipient", {"parent": queued})
		frappe.db.delete("Email Queue", {"name": queued})


APP = "petition_management"
# Where a job's messages and traces go: none of these may grow on a second run.
OUTBOX = (
	"Email Queue",
	"Email Queue Recipient",
	"Notification Log",
	"Comment",
	"Communication",
	"Version",
	"ToDo",
	"Error Log",
)


def app_doctypes(include_children: bool = True) -> list[str]:
	"""Every stored (not single, not virtual) DocType of the app's modules."""
	filters = {"module": ("in", frappe.get_module_list(APP)), "issingle": 0, "is_virtual": 0}
	if not include_children:
		filters["istable"] = 0
	return frappe.get_all("DocType", filters=filters, pluck="name", order_by="name")


def scheduled_jobs(hooks_module) -> list[str]:
	"""Every method path in the app's scheduler_events, whatever the frequency or cron line."""
	jobs = []
	for frequency, methods in hooks_module.scheduler_events.items():
		if frequency == "cron":
			for cron_methods in methods.values():
				jobs.extend(cron_methods)
		else:
			jobs.extend(methods)
	return jobs
