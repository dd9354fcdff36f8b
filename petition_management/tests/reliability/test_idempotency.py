"""Every scheduled job of the app, run twice in a row, changes nothing the second time and sends nothing
twice: the second run leaves every table of the app and every outbox (e-mail queue, notifications,
comments, versions, to-dos) exactly as the first run left them.

The jobs are read from hooks.py, so a job added there without a test here fails
`test_every_scheduled_job_is_covered`.
"""

import datetime
import os

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_to_date, now, now_datetime

from petition_management import hooks
from petition_management.portal.mail import forget_sent_access_codes
from petition_management.portal.uploads import STALE_HOURS, remove_stale_uploads, store_pending_upload
from petition_management.special.reception import (
	ANSWERED_ON_THE_SPOT,
	LEADER_DAY,
	refresh_reception_day_counts,
)
from petition_management.special.screening import open_screening_rounds
from petition_management.tests.reliability.sessions import OUTBOX, app_doctypes, fingerprint, scheduled_jobs
from petition_management.tests.utils import make_outgoing_email_account, make_staffed_unit, make_user
from petition_management.tracking.daily import run_daily_deadlines
from petition_management.tracking.supervision import escalate_unanswered_orders

DOMAIN = "idempotency.test.local"
UNIT = "_T Idempotency Unit"
TODAY = datetime.date(2024, 9, 16)  # a Monday, the first day of a half month
PREFIX = "_T-IDEM-"

# job path -> the test that runs it twice
COVERED = {
	"petition_management.tracking.daily.run_daily_deadlines": "test_daily_deadlines_twice",
	"petition_management.tracking.supervision.escalate_unanswered_orders": "test_escalation_twice",
	"petition_management.special.reception.refresh_reception_day_counts": "test_reception_day_counts_twice",
	"petition_management.special.screening.open_screening_rounds": "test_screening_rounds_twice",
	"petition_management.portal.uploads.remove_stale_uploads": "test_stale_upload_removal_twice",
	"petition_management.portal.mail.forget_sent_access_codes": "test_forgetting_sent_access_codes_twice",
}
# Besides the app's tables and the outboxes: the files a job may remove and the trail of a deletion.
TRACES = ("File", "Deleted Document")


def u(login: str) -> str:
	return f"{login}@{DOMAIN}"


def days(n: int) -> datetime.date:
	return TODAY + datetime.timedelta(days=n)


def insert_rows(doctype: str, rows: list[dict]):
	"""Rows straight into the table: the jobs are set-based and must not care how records came."""
	stamp = now()
	base = {"owner": "Administrator", "modified_by": "Administrator", "creation": stamp, "modified": stamp}
	rows = [{**base, **row} for row in rows]
	fields = list(rows[0])
	frappe.db.bulk_insert(doctype, fields, [tuple(row[field] for field in fields) for row in rows])


def seed_case(code: str, **values) -> str:
	name = f"{PREFIX}{code}"
	insert_rows(
		"Petition Case",
		[
			{
				"name": name,
				"source_type": "Letter",
				"subject": "_T 幂等测试",
				"content": "内容",
				"received_on": days(-60),
				"workflow_state": "In Handling",
				"lead_unit": UNIT,
				**values,
			}
		],
	)
	return name


class TestScheduledJobsAreIdempotent(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		make_user(u("office"), ["Petition Office"])
		make_user(u("leader"), ["Petition Leader"])
		make_user(u("head"), ["Petition Unit Head"])
		make_user(u("handler"), ["Petition Unit Handler"])
		make_staffed_unit(UNIT, u("head"), u("leader"), [u("handler")])
		make_outgoing_email_account()
		frappe.db.commit()
		cls.tables = [*app_doctypes(), *OUTBOX, *TRACES]

	def setUp(self):
		frappe.set_user("Administrator")  # jobs run as Administrator
		frappe.flags.mute_emails = True  # queue mail, never send it: sending commits

	def tearDown(self):
		frappe.flags.mute_emails = False
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def run_twice(self, job, *args):
		"""Run the job twice; the first run must change something, the second nothing at all."""
		before = fingerprint(self.tables)
		first = job(*args)
		after_first = fingerprint(self.tables)
		self.assertNotEqual(before, after_first, "the first run changed nothing: the test proves nothing")
		second = job(*args)
		after_second = fingerprint(self.tables)
		changed = {table for table in self.tables if after_first[table] != after_second[table]}
		self.assertEqual(changed, set(), "the second run changed these tables")
		return first, second

	def count(self, doctype: str, **filters) -> int:
		return frappe.db.count(doctype, filters)

	# --- the list of jobs ----------------------------------------------------------------------------

	def test_every_scheduled_job_is_covered(self):
		jobs = scheduled_jobs(hooks)
		self.assertTrue(jobs)
		self.assertEqual(sorted(set(jobs) - set(COVERED)), [], "scheduled jobs without an idempotency test")
		for test in COVERED.values():
			self.assertTrue(hasattr(self, test), test)

	# --- each job ------------------------------------------------------------------------------------

	def test_daily_deadlines_twice(self):
		frappe.db.delete("Petition Digest Log", {"digest_date": TODAY})
		overdue = seed_case("DL-1", current_due=days(-3), handling_due=days(-3), deadline_status="On Time")
		soon = seed_case("DL-2", current_due=days(1), handling_due=days(1))
		insert_rows(
			"Petition Transfer",
			[
				{
					"name": f"{PREFIX}T-1",
					"petition_case": overdue,
					"unit": UNIT,
					"transfer_role": "Lead Unit",
					"workflow_state": "Acknowledged",
					"instructions": "_T",
					"issued_on": days(-30),
					"due_date": days(-1),
				}
			],
		)
		first, second = self.run_twice(run_daily_deadlines, TODAY)

		self.assertEqual(frappe.db.get_value("Petition Case", overdue, "deadline_status"), "Overdue")
		self.assertEqual(frappe.db.get_value("Petition Case", soon, "deadline_status"), "Due Soon")
		self.assertEqual(
			frappe.db.get_value("Petition Transfer", f"{PREFIX}T-1", "deadline_status"), "Overdue"
		)
		for user in (u("office"), u("leader"), u("head"), u("handler")):
			self.assertIn(user, first)
			self.assertEqual(self.count("Petition Digest Log", user=user, digest_date=TODAY), 1)
			self.assertEqual(
				self.count("Notification Log", for_user=user, subject=("like", "Deadlines today%")), 1, user
			)
		self.assertEqual(second, {})  # nobody gets a second digest

	def test_escalation_twice(self):
		case = seed_case("ES-1", current_due=days(20), handling_due=days(20))
		insert_rows(
			"Petition Supervision",
			[
				{
					"name": f"{PREFIX}PS-1",
					"naming_series": "PS-.YYYY.-",
					"petition_case": case,
					"case_subject": "_T 幂等测试",
					"unit": UNIT,
					"reason": "Overdue",
					"status": "Open",
					"instructions": "_T 请报告进展",
					"response_due": days(-2),
					"ordered_by": u("office"),
					"ordered_on": days(-10),
				}
			],
		)
		emails = self.count("Email Queue")
		first, second = self.run_twice(escalate_unanswered_orders, TODAY)

		self.assertIn(f"{PREFIX}PS-1", first)
		self.assertEqual(second, [])
		order = frappe.db.get_value(
			"Petition Supervision", f"{PREFIX}PS-1", ["status", "escalated_to"], as_dict=True
		)
		self.assertEqual((order.status, order.escalated_to), ("Escalated", u("leader")))
		self.assertEqual(
			self.count("Notification Log", for_user=u("leader"), document_name=f"{PREFIX}PS-1"), 1
		)
		self.assertEqual(
			self.count(
				"Email Queue", reference_doctype="Petition Supervision", reference_name=f"{PREFIX}PS-1"
			),
			1,
		)
		self.assertEqual(self.count("Email Queue"), emails + 1)

	def test_screening_rounds_twice(self):
		previous = frappe.get_doc(
			{
				"doctype": "Dispute Screening Round",
				"unit": UNIT,
				"period_start": datetime.date(2024, 9, 1),
				"disputes": [
					{
						"description": "_T 邻里噪音纠纷",
						"parties_type": "Neighbours",
						"kind": "Neighbourhood",
						"risk_level": "Low",
						"status": "Open",
					},
					{
						"description": "_T 已化解的纠纷",
						"parties_type": "Neighbours",
						"kind": "Neighbourhood",
						"risk_level": "Low",
						"status": "Resolved",
						"resolved_on": datetime.date(2024, 9, 5),
					},
				],
			}
		).insert(ignore_permissions=True)
		first, second = self.run_twice(open_screening_rounds, TODAY)

		self.assertEqual(second, [])
		rounds = frappe.get_all(
			"Dispute Screening Round", filters={"unit": UNIT, "period_start": TODAY}, pluck="name"
		)
		self.assertEqual(len(rounds), 1)
		self.assertIn(rounds[0], first)
		carried = frappe.get_all(
			"Screened Dispute", filters={"parent": rounds[0]}, fields=["carried_from", "status"]
		)
		self.assertEqual(
			[(row.carried_from, row.status) for row in carried], [(previous.disputes[0].name, "Open")]
		)

	def test_reception_day_counts_twice(self):
		leader = u("leader")
		day = days(-7)
		insert_rows(
			"Reception Day",
			[
				{
					"name": f"{PREFIX}RD-1",
					"naming_series": "RD-.YYYY.-",
					"reception_date": day,
					"leader": leader,
					"place": "_T 信访接待大厅",
					"received_count": 0,
					"answered_count": 0,
				}
			],
		)
		insert_rows(
			"Petition Visit",
			[
				{
					"name": f"{PREFIX}PV-{i}",
					"naming_series": "PV-.YYYY.-",
					"visit_datetime": datetime.datetime.combine(day, datetime.time(9 + i)),
					"reception_officer": "Administrator",
					"reception_type": LEADER_DAY,
					"receiving_leader": leader,
					"number_of_visitors": 1,
					"subject": "_T 领导接待日来访",
					"content": "内容",
					"outcome": outcome,
				}
				for i, outcome in enumerate(
					(ANSWERED_ON_THE_SPOT, "Registered as a Case", ANSWERED_ON_THE_SPOT)
				)
			],
		)
		self.run_twice(refresh_reception_day_counts)

		counts = frappe.db.get_value("Reception Day", f"{PREFIX}RD-1", ["received_count", "answered_count"])
		self.assertEqual(tuple(counts), (3, 2))

	def test_stale_upload_removal_twice(self):
		uploads = [
			store_pending_upload(f"_T-idem-{i}.pdf", f"%PDF-1.4\n%_T idempotency {i}\n%%EOF\n".encode())
			for i in range(3)
		]
		files = {
			upload["token"]: frappe.get_all(
				"File",
				filters={"file_name": upload["file_name"]},
				fields=["name", "file_url"],
				order_by="creation desc",
			)[0]
			for upload in uploads
		}
		stale, fresh = list(files.values())[:2], list(files.values())[2]
		for row in stale:
			frappe.db.set_value(
				"File",
				row.name,
				"creation",
				add_to_date(now_datetime(), hours=-STALE_HOURS - 1),
				update_modified=False,
			)
		self.run_twice(remove_stale_uploads)

		for row in stale:
			self.assertFalse(frappe.db.exists("File", row.name))
			self.assertFalse(os.path.exists(frappe.get_site_path(row.file_url.strip("/"))))
		self.assertTrue(frappe.db.exists("File", fresh.name))
		frappe.get_doc("File", fresh.name).delete(ignore_permissions=True)  # its file on disk too

	def test_forgetting_sent_access_codes_twice(self):
		for status in ("Sent", "Not Sent"):
			frappe.get_doc(
				{
					"doctype": "Email Queue",
					"reference_doctype": "Online Petition",
					"reference_name": f"{PREFIX}WS-{status}",
					"status": status,
					"message": "_T Access Code: 7K3M-Q9XA-2BDF-H8RT",
				}
			).db_insert()
		self.run_twice(forget_sent_access_codes)
		messages = dict(
			frappe.db.sql(
				"select status, message from `tabEmail Queue` where reference_name like %s", f"{PREFIX}WS-%"
			)
		)
		self.assertNotIn("7K3M", messages["Sent"])
		self.assertIn("7K3M", messages["Not Sent"])
