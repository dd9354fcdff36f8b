"""Two people, or a person and the daily job, on the same record at the same time: each on a database
connection of their own (a thread with its own Frappe context), or over HTTP against the running site.

- A save from a copy that someone else changed meanwhile is refused with Frappe's "modified meanwhile"
  error (TimestampMismatchError) and nothing is silently lost.
- Two workflow actions applied to one case at once: one wins, the other is refused, the state is a
  legal one and the version and comment trail show the winner's step only.
- The daily deadline job running while a unit saves its transfer (or the office its case): both the
  job's status and the user's edit are there afterwards, and the user's save is not refused.
"""

import json
import os
import time

import frappe
from frappe.model.workflow import WorkflowTransitionError, apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, now_datetime, nowdate
from frappe.utils.password import update_password

from petition_management.setup.workflows import ensure_workflows
from petition_management.tests.factories import issue_transfer, make_case
from petition_management.tests.reliability.sessions import Session, purge, run_together
from petition_management.tests.utils import (
	make_category,
	make_outgoing_email_account,
	make_petitioner,
	make_staffed_unit,
	make_users,
)
from petition_management.tracking.daily import run_daily_deadlines

CASE = "Petition Case"
TRANSFER = "Petition Transfer"
DOMAIN = "reliability.test.local"
UNIT = "_T Reliability Unit"
CATEGORY = "_T Reliability Category"
PASSWORD = "_T-Rel-Pass-2026!"
HTTP_TIMEOUT = 30

USERS = {
	"reception": ["Petition Reception Officer"],
	"office": ["Petition Office"],
	"office2": ["Petition Office"],
	"director": ["Petition Director"],
	"director2": ["Petition Director"],
	"handler": ["Petition Unit Handler"],
	"head": ["Petition Unit Head"],
}


def u(login: str) -> str:
	return f"{login}@{DOMAIN}"


def save_with(doc, **values):
	"""In a session: the user changes fields on the copy they opened and saves it."""
	doc.update(values)
	doc.save()
	return doc.modified


def save_fresh(doctype: str, name: str, **values):
	"""In a session: open the record again (the form reloaded), change fields and save."""
	return save_with(frappe.get_doc(doctype, name), **values)


def apply_action(doctype: str, name: str, action: str) -> str:
	"""In a session: the user clicks a workflow action on the record."""
	return apply_workflow(frappe.get_doc(doctype, name), action).workflow_state


def stored(doctype: str, name: str, fields):
	"""The committed values, read in a fresh transaction of the test's own connection."""
	frappe.db.rollback()
	return frappe.db.get_value(doctype, name, fields, as_dict=True)


class ConcurrencyTestCase(FrappeTestCase):
	"""Committed users, unit and category; every test commits its records and purges them after."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		ensure_workflows()
		for user in make_users({u(login): roles for login, roles in USERS.items()}):
			update_password(user, PASSWORD)
		make_staffed_unit(UNIT, u("head"), handlers=[u("handler")])
		make_category(CATEGORY, default_handling_unit=UNIT)
		cls.petitioner = make_petitioner("_T 周强")
		make_outgoing_email_account()
		frappe.db.commit()

	def setUp(self):
		frappe.set_user("Administrator")
		frappe.flags.mute_emails = True
		self.started = now_datetime()
		self.sessions: list[Session] = []
		self.created: dict[str, list[str]] = {CASE: [], TRANSFER: []}

	def tearDown(self):
		for session in self.sessions:
			session.close()
		frappe.set_user("Administrator")
		frappe.db.rollback()
		purge(TRANSFER, self.created[TRANSFER])
		purge(CASE, self.created[CASE])
		frappe.db.delete("Petition Digest Log", {"creation": (">=", self.started)})
		frappe.db.delete(
			"Notification Log", {"creation": (">=", self.started), "subject": ("like", "Deadlines today%")}
		)
		digest_mail = frappe.get_all(
			"Email Queue",
			filters={"creation": (">=", self.started), "reference_doctype": "Petition Digest Log"},
			pluck="name",
		)
		if digest_mail:
			frappe.db.delete("Email Queue Recipient", {"parent": ("in", digest_mail)})
			frappe.db.delete("Email Queue", {"name": ("in", digest_mail)})
		frappe.db.commit()
		frappe.flags.mute_emails = False

	def session(self, login: str) -> Session:
		session = Session(u(login) if login != "Administrator" else login)
		self.sessions.append(session)
		return session

	# --- committed records -------------------------------------------------------------------------

	def make_case(self, state: str = "Registered", **values) -> str:
		"""A committed case of the reception's, in `state` with `values` set directly; purged after."""
		case = make_case(
			self.petitioner,
			as_user=u("reception"),
			content="小区物业擅自提高停车费。",
			request="恢复原收费标准。",
			category=CATEGORY,
			state=None if state == "Registered" else state,
			stored=values,
		)
		self.created[CASE].append(case.name)
		frappe.db.commit()
		return case.name

	def overdue_case(self) -> str:
		"""A committed case In Handling, due two days ago and still marked On Time: the daily job's work."""
		return self.make_case(
			"In Handling",
			accepted_on=add_days(nowdate(), -70),
			handling_due=add_days(nowdate(), -2),
			current_due=add_days(nowdate(), -2),
			deadline_status="On Time",
		)

	def make_transfer(self, case: str, **values) -> str:
		"""A committed lead transfer of the office's to UNIT, with `values` set directly; purged after."""
		transfer = issue_transfer(case, UNIT, as_user=u("office"), stored=values)
		self.created[TRANSFER].append(transfer.name)
		frappe.db.commit()
		return transfer.name

	def versions(self, doctype: str, name: str) -> list[dict]:
		frappe.db.rollback()
		return frappe.get_all(
			"Version",
			filters={"ref_doctype": doctype, "docname": name},
			fields=["owner", "data"],
			order_by="creation asc",
		)

	def state_changes(self, doctype: str, name: str) -> list[tuple[str, str, str]]:
		"""(who, from, to) for every saved change of workflow_state."""
		changes = []
		for version in self.versions(doctype, name):
			for field, old, new in json.loads(version.data).get("changed", []):
				if field == "workflow_state":
					changes.append((version.owner, old, new))
		return changes

	def workflow_comments(self, name: str) -> list[tuple[str, str]]:
		frappe.db.rollback()
		return [
			(row.owner, row.content)
			for row in frappe.get_all(
				"Comment",
				filters={"reference_doctype": CASE, "reference_name": name, "comment_type": "Workflow"},
				fields=["owner", "content"],
				order_by="creation asc",
			)
		]


class TestModifiedMeanwhile(ConcurrencyTestCase):
	def test_saving_a_copy_changed_meanwhile_is_refused_and_nothing_is_lost(self):
		name = self.make_case()
		first, second = self.session("office"), self.session("office2")
		first_copy = first.call(frappe.get_doc, CASE, name)
		second_copy = second.call(frappe.get_doc, CASE, name)

		first.call(save_with, first_copy, subject="_T 小区停车费上涨（已核实）")
		with self.assertRaises(frappe.TimestampMismatchError):
			second.call(save_with, second_copy, request="_T 退还多收的费用。")

		case = stored(CASE, name, ["subject", "request"])
		self.assertEqual(case.subject, "_T 小区停车费上涨（已核实）")  # the first save is kept
		self.assertEqual(case.request, "恢复原收费标准。")  # the refused save changed nothing

		# the second user reloads and saves again: both changes are there, each in the history
		second.call(save_fresh, CASE, name, request="_T 退还多收的费用。")
		case = stored(CASE, name, ["subject", "request"])
		self.assertEqual((case.subject, case.request), ("_T 小区停车费上涨（已核实）", "_T 退还多收的费用。"))
		edits = [
			(version.owner, [change[0] for change in json.loads(version.data).get("changed", [])])
			for version in self.versions(CASE, name)
		]
		self.assertEqual(edits[0][0], u("office"))
		self.assertIn("subject", edits[0][1])
		self.assertNotIn("request", edits[0][1])
		self.assertEqual(edits[1][0], u("office2"))
		self.assertIn("request", edits[1][1])
		self.assertEqual(len(edits), 2)

	def test_over_http_the_second_put_with_the_same_modified_is_refused(self):
		import requests

		base = os.environ.get("PM_TEST_BASE_URL") or f"http://{frappe.local.site}:8000"
		try:
			requests.get(f"{base}/api/method/ping", timeout=5).raise_for_status()
		except requests.RequestException as error:
			self.skipTest(f"no web server serves {frappe.local.site} on port 8000: {error}")
		name = self.make_case()
		url = f"{base}/api/resource/{CASE}/{name}"
		browsers = []
		for login in ("office", "office2"):
			browser = requests.Session()
			response = browser.post(
				f"{base}/api/method/login", data={"usr": u(login), "pwd": PASSWORD}, timeout=HTTP_TIMEOUT
			)
			self.assertEqual(response.status_code, 200, response.text)
			browsers.append(browser)
		opened = [browser.get(url, timeout=HTTP_TIMEOUT).json()["data"]["modified"] for browser in browsers]
		self.assertEqual(opened[0], opened[1])

		saved = browsers[0].put(
			url, json={"subject": "_T 经HTTP修改", "modified": opened[0]}, timeout=HTTP_TIMEOUT
		)
		self.assertEqual(saved.status_code, 200, saved.text)
		refused = browsers[1].put(
			url, json={"request": "_T 经HTTP第二次修改", "modified": opened[1]}, timeout=HTTP_TIMEOUT
		)
		self.assertIn(refused.status_code, (409, 417), refused.text)
		self.assertEqual(refused.json().get("exc_type"), "TimestampMismatchError")

		case = stored(CASE, name, ["subject", "request"])
		self.assertEqual((case.subject, case.request), ("_T 经HTTP修改", "恢复原收费标准。"))
		for browser in browsers:
			browser.get(f"{base}/api/method/logout", timeout=HTTP_TIMEOUT)


class TestWorkflowRace(ConcurrencyTestCase):
	def assert_one_wins(self, outcomes, targets: dict[str, str]) -> str:
		"""Exactly one action went through and the other was refused as a conflict; the winner's state."""
		won = [
			(login, result) for (login, (result, error)) in zip(targets, outcomes, strict=True) if not error
		]
		lost = [error for (result, error) in outcomes if error]
		self.assertEqual(len(won), 1, outcomes)
		self.assertEqual(len(lost), 1, outcomes)
		self.assertIsInstance(lost[0], frappe.TimestampMismatchError | WorkflowTransitionError)
		winner, state = won[0]
		self.assertEqual(state, targets[winner])
		return winner

	def test_approve_and_send_back_at_once_one_wins_and_the_state_is_consistent(self):
		name = self.make_case("Pending Acceptance", acceptance_proposal="Accept", proposed_by=u("office"))
		approving, sending_back = self.session("director"), self.session("director2")
		outcomes = run_together(
			(approving, apply_action, CASE, name, "Approve Acceptance"),
			(sending_back, apply_action, CASE, name, "Send Back"),
		)
		targets = {u("director"): "Accepted", u("director2"): "Registered"}
		winner = self.assert_one_wins(outcomes, targets)

		case = stored(CASE, name, ["workflow_state", "decided_by", "accepted_on", "handling_due"])
		self.assertEqual(case.workflow_state, targets[winner])
		if case.workflow_state == "Accepted":
			self.assertEqual(case.decided_by, winner)
			self.assertEqual(getdate(case.accepted_on), getdate(nowdate()))
			self.assertTrue(case.handling_due)
		else:
			self.assertFalse(case.accepted_on or case.handling_due)
		# one step in the history and one workflow comment, both the winner's
		self.assertEqual(self.state_changes(CASE, name), [(winner, "Pending Acceptance", targets[winner])])
		self.assertEqual(self.workflow_comments(name), [(winner, targets[winner])])

	def test_two_office_users_propose_at_once_one_proposal_is_recorded(self):
		name = self.make_case(acceptance_proposal="Accept")
		outcomes = run_together(
			(self.session("office"), apply_action, CASE, name, "Propose Acceptance Decision"),
			(self.session("office2"), apply_action, CASE, name, "Propose Acceptance Decision"),
		)
		winner = self.assert_one_wins(
			outcomes, {u("office"): "Pending Acceptance", u("office2"): "Pending Acceptance"}
		)
		case = stored(CASE, name, ["workflow_state", "proposed_by"])
		self.assertEqual((case.workflow_state, case.proposed_by), ("Pending Acceptance", winner))
		self.assertEqual(self.state_changes(CASE, name), [(winner, "Registered", "Pending Acceptance")])
		self.assertEqual(self.workflow_comments(name), [(winner, "Pending Acceptance")])


class TestDailyJobWhileUsersEdit(ConcurrencyTestCase):
	"""The job's UPDATE and the user's save overlap: the job has updated the row and not committed yet
	when the user saves the copy they opened before the job ran."""

	def overlap(self, user_session: Session, opened, **values):
		job = self.session("Administrator")
		job.call(run_daily_deadlines, commit=False)
		saving = user_session.submit(save_with, opened, **values)
		time.sleep(1)  # the save reaches the row the job holds
		job.commit()
		return saving.result(timeout=90)

	def test_job_and_unit_edit_on_a_transfer_both_survive(self):
		case = self.make_case(
			"In Handling", accepted_on=add_days(nowdate(), -30), handling_due=add_days(nowdate(), 30)
		)
		name = self.make_transfer(
			case, workflow_state="Acknowledged", due_date=add_days(nowdate(), -1), deadline_status="On Time"
		)
		handler = self.session("handler")
		opened = handler.call(frappe.get_doc, TRANSFER, name)  # the unit opens its transfer
		self.overlap(handler, opened, handling_opinion="<p>_T 经核查，情况属实。</p>")

		transfer = stored(TRANSFER, name, ["deadline_status", "handling_opinion", "modified_by"])
		self.assertEqual(transfer.handling_opinion, "<p>_T 经核查，情况属实。</p>")  # the unit's edit
		self.assertEqual(transfer.modified_by, u("handler"))
		self.assertEqual(transfer.deadline_status, "Overdue")  # the job's status

	def test_job_and_office_edit_on_a_case_both_survive(self):
		name = self.overdue_case()
		office = self.session("office")
		opened = office.call(frappe.get_doc, CASE, name)
		self.overlap(office, opened, request="_T 尽快处理。")

		case = stored(CASE, name, ["deadline_status", "request"])
		self.assertEqual(case.request, "_T 尽快处理。")
		self.assertEqual(case.deadline_status, "Overdue")

	def test_the_job_does_not_touch_modified(self):
		"""The job's UPDATE leaves `modified` alone, so no one's open form becomes "modified meanwhile"."""
		name = self.overdue_case()
		before = stored(CASE, name, ["modified", "modified_by"])
		self.session("Administrator").call(run_daily_deadlines)
		after = stored(CASE, name, ["modified", "modified_by", "deadline_status"])
		self.assertEqual(after.deadline_status, "Overdue")
		self.assertEqual((after.modified, after.modified_by), (before.modified, before.modified_by))
