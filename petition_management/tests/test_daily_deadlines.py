"""The daily deadline job: statuses kept current set-based, and one digest per person per day, in the
desk and by e-mail, in each person's language."""

from html import unescape
from urllib.parse import quote_plus

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, now

from petition_management.tests.queued_mail import queued_mails
from petition_management.tests.utils import (
	count_queries,
	make_outgoing_email_account,
	make_staffed_unit,
	make_unit,
	make_user,
	tie_to_unit,
)
from petition_management.tracking.daily import refresh_deadline_statuses, run_daily_deadlines
from petition_management.tracking.digest import collect_digests

TODAY = "2026-03-02"  # a Monday
OFFICE = "daily-office@example.com"
LEADER = "daily-leader@example.com"
DUE_OFFSETS = (-5, 0, 2, 3, 4, 20)  # overdue, due soon (today .. +3), on time
# A unit whose people read different languages: the handler and the leader Chinese, the head English.
LANG_UNIT = "_T Daily Language Unit"
ZH_HANDLER, EN_HEAD, ZH_LEADER = (
	"daily-zh-handler@example.com",
	"daily-en-head@example.com",
	"daily-zh-leader@example.com",
)
LANGUAGES = {ZH_HANDLER: "zh", EN_HEAD: "en", ZH_LEADER: "zh"}
# Handlers tied to the unit only by the test that counts statements for more people.
MORE_HANDLERS = tuple(f"daily-more-handler-{i}@example.com" for i in range(5))


def statement_kinds(function, *args) -> tuple:
	"""What `function(*args)` returns, and the first word of each statement it sent (select, insert...)."""
	statements = []
	original = frappe.db.__class__.sql

	def counting(db, query, *a, **kw):
		statements.append(str(query).split(None, 1)[0].lower())
		return original(db, query, *a, **kw)

	frappe.db.__class__.sql = counting
	try:
		return function(*args), statements
	finally:
		frappe.db.__class__.sql = original


def seed_cases(count: int, unit: str):
	"""`count` cases in handling, straight into the table (the job must not care how they came)."""
	stamp = now()
	rows = []
	for i in range(count):
		due = add_days(TODAY, DUE_OFFSETS[i % len(DUE_OFFSETS)])
		rows.append(
			(
				f"_T-DL-{count}-{i:05d}",
				"Letter",
				"_T 逾期测试",
				"内容",
				"2026-01-05",
				"In Handling",
				unit,
				due,
				"Administrator",
				"Administrator",
				stamp,
				stamp,
			)
		)
	frappe.db.bulk_insert(
		"Petition Case",
		[
			"name",
			"source_type",
			"subject",
			"content",
			"received_on",
			"workflow_state",
			"lead_unit",
			"current_due",
			"owner",
			"modified_by",
			"creation",
			"modified",
		],
		rows,
	)


def seed_transfers(unit: str, due_offsets: tuple[int, ...]):
	"""Open transfers of `unit`, one per due offset, on a case of its own, straight into the tables."""
	seed_cases(1, unit)
	stamp = now()
	frappe.db.bulk_insert(
		"Petition Transfer",
		[
			"name",
			"petition_case",
			"unit",
			"transfer_role",
			"workflow_state",
			"instructions",
			"issued_on",
			"due_date",
			"owner",
			"modified_by",
			"creation",
			"modified",
		],
		[
			(
				f"_T-DLT-{i}",
				"_T-DL-1-00000",
				unit,
				"Lead Unit",
				"Acknowledged",
				"_T",
				"2026-01-10",
				add_days(TODAY, offset),
				"Administrator",
				"Administrator",
				stamp,
				stamp,
			)
			for i, offset in enumerate(due_offsets)
		],
	)


class TestDailyDeadlines(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(OFFICE, ["Petition Office"])
		make_user(LEADER, ["Petition Leader"])
		make_unit("_T Daily Unit", leader_in_charge=LEADER)
		make_user(ZH_HANDLER, ["Petition Unit Handler"])
		make_user(EN_HEAD, ["Petition Unit Head"])
		make_user(ZH_LEADER, ["Petition Leader"])
		for user, language in LANGUAGES.items():
			frappe.db.set_value("User", user, "language", language)
		make_staffed_unit(LANG_UNIT, EN_HEAD, ZH_LEADER, [ZH_HANDLER])
		for handler in MORE_HANDLERS:
			make_user(handler, ["Petition Unit Handler"])
		make_outgoing_email_account()
		frappe.db.commit()

	def setUp(self):
		frappe.db.delete("Petition Digest Log", {"digest_date": TODAY})
		self.muted = frappe.flags.mute_emails
		frappe.flags.mute_emails = True  # queue mail, never send it

	def tearDown(self):
		frappe.flags.mute_emails = self.muted
		frappe.db.rollback()

	def statuses(self, count):
		return dict(
			frappe.db.sql(
				"""SELECT current_due, deadline_status FROM `tabPetition Case`
				WHERE name LIKE %s GROUP BY current_due, deadline_status""",
				(f"_T-DL-{count}-%",),
			)
		)

	def test_statuses_follow_the_due_dates(self):
		seed_cases(12, "_T Daily Unit")
		run_daily_deadlines(TODAY)
		statuses = self.statuses(12)
		self.assertEqual(statuses[getdate(add_days(TODAY, -5))], "Overdue")
		self.assertEqual(statuses[getdate(TODAY)], "Due Soon")
		self.assertEqual(statuses[getdate(add_days(TODAY, 3))], "Due Soon")
		self.assertEqual(statuses[getdate(add_days(TODAY, 4))], "On Time")
		self.assertEqual(statuses[getdate(add_days(TODAY, 20))], "On Time")

	def test_working_day_basis_counts_the_warning_in_working_days(self):
		settings = frappe.get_single("Petition Settings")
		settings.day_basis = "Working Days"
		settings.save()
		seed_cases(12, "_T Daily Unit")
		# Monday + 3 working days = Thursday; Friday (+4) is on time
		run_daily_deadlines(TODAY)
		self.assertEqual(self.statuses(12)[getdate(add_days(TODAY, 3))], "Due Soon")
		frappe.clear_document_cache("Petition Settings", "Petition Settings")

	def test_one_digest_per_person_per_day(self):
		seed_cases(12, "_T Daily Unit")
		run_daily_deadlines(TODAY)
		run_daily_deadlines(TODAY)
		for user in (OFFICE, LEADER):
			logs = frappe.get_all(
				"Notification Log", filters={"for_user": user, "subject": ("like", "Deadlines today%")}
			)
			self.assertEqual(len(logs), 1, user)
		office_log = frappe.get_last_doc("Notification Log", filters={"for_user": OFFICE})
		# 12 cases, two per offset: -5 is overdue; 0, 2 and 3 are due soon
		self.assertEqual(office_log.subject, "Deadlines today: 2 overdue, 6 due soon")
		self.assertEqual(frappe.db.count("Petition Digest Log", {"user": OFFICE, "digest_date": TODAY}), 1)

	def test_query_count_does_not_grow_with_the_number_of_cases(self):
		seed_cases(50, "_T Daily Unit")
		small = count_queries(run_daily_deadlines, TODAY)
		frappe.db.rollback()
		frappe.db.delete("Petition Digest Log", {"digest_date": TODAY})
		seed_cases(500, "_T Daily Unit")
		with self.assertQueryCount(small):
			run_daily_deadlines(TODAY)
		self.assertEqual(len(self.statuses(500)), len(DUE_OFFSETS))

	def test_digests_are_e_mailed_and_shown_in_each_persons_language(self):
		# overdue (-5), due soon (0, 2), on time (20)
		seed_transfers(LANG_UNIT, (-5, 0, 2, 20))
		digests = run_daily_deadlines(TODAY)
		self.assertTrue(set(LANGUAGES) <= set(digests))
		unit = quote_plus(LANG_UNIT)
		overdue_list = f"/app/petition-transfer?unit={unit}&deadline_status=Overdue"
		due_soon_list = f"/app/petition-transfer?unit={unit}&deadline_status=Due+Soon"
		expected = {
			ZH_HANDLER: "今日期限提醒：超期1件，即将到期2件",
			EN_HEAD: "Deadlines today: 1 overdue, 2 due soon",
			# the leader hears of overdue work only: the transfer and the case the unit leads
			ZH_LEADER: "今日期限提醒：超期2件，即将到期0件",
		}
		for user, subject in expected.items():
			(mail,) = queued_mails("Petition Digest Log", f"{TODAY}-{user}")
			self.assertEqual(mail.recipients, [user])
			self.assertEqual(mail.subject, subject)
			self.assertIn(overdue_list, unescape(mail.html))
			self.assertIn(overdue_list, mail.text)
			log = frappe.get_all(
				"Notification Log", filters={"for_user": user}, fields=["subject", "email_content"]
			)
			self.assertEqual([row.subject for row in log], [subject])
			self.assertIn(overdue_list, unescape(log[0].email_content))
			self.assertEqual(
				frappe.db.get_value(
					"Petition Digest Log", f"{TODAY}-{user}", ["language", "emailed"], as_dict=True
				),
				{"language": LANGUAGES[user], "emailed": 1},
			)
		zh = queued_mails("Petition Digest Log", f"{TODAY}-{ZH_HANDLER}")[0]
		en = queued_mails("Petition Digest Log", f"{TODAY}-{EN_HEAD}")[0]
		self.assertIn(f"{LANG_UNIT}的交办事项", zh.html)
		self.assertIn("打开超期记录", zh.html)
		self.assertIn(due_soon_list, unescape(zh.html))
		self.assertIn(f"Transfers of {LANG_UNIT}", en.html)
		self.assertIn("Open the overdue records", en.html)
		self.assertNotIn("打开超期记录", en.html)

		run_daily_deadlines(TODAY)
		for user in expected:
			self.assertEqual(len(queued_mails("Petition Digest Log", f"{TODAY}-{user}")), 1, user)

	def test_without_an_outgoing_account_the_digest_stays_in_the_desk(self):
		frappe.flags.mute_emails = False  # muted, Frappe would use a dummy account
		for account in frappe.get_all("Email Account", filters={"enable_outgoing": 1}, pluck="name"):
			frappe.db.set_value("Email Account", account, "enable_outgoing", 0)
		frappe.local.outgoing_email_account = {}
		seed_transfers(LANG_UNIT, (-5, 0))
		try:
			run_daily_deadlines(TODAY)
		finally:
			frappe.local.outgoing_email_account = {}
		self.assertEqual(queued_mails("Petition Digest Log", f"{TODAY}-{EN_HEAD}"), [])
		self.assertEqual(frappe.db.get_value("Petition Digest Log", f"{TODAY}-{EN_HEAD}", "emailed"), 0)
		self.assertEqual(
			frappe.get_all("Notification Log", filters={"for_user": EN_HEAD}, pluck="subject"),
			["Deadlines today: 1 overdue, 1 due soon"],
		)

	def test_building_the_digests_takes_the_same_statements_for_more_people(self):
		seed_transfers(LANG_UNIT, (-5, 0))
		refresh_deadline_statuses(getdate(TODAY))
		few_people = len(collect_digests(getdate(TODAY)))
		few = count_queries(collect_digests, getdate(TODAY))
		for handler in MORE_HANDLERS:
			tie_to_unit(handler, LANG_UNIT)
		self.assertEqual(len(collect_digests(getdate(TODAY))), few_people + len(MORE_HANDLERS))
		many = count_queries(collect_digests, getdate(TODAY))
		self.assertEqual(many, few)

	def test_the_job_takes_the_same_statements_for_more_people(self):
		"""Recording, the desk alerts and the e-mails included: one INSERT each, whatever the number."""
		seed_transfers(LANG_UNIT, (-5, 0))
		run_daily_deadlines(TODAY)  # loads the caches (settings, metadata, the e-mail account)
		counts = {}
		for label in ("few", "many"):
			if label == "many":
				for handler in MORE_HANDLERS:
					tie_to_unit(handler, LANG_UNIT)
			frappe.db.delete("Petition Digest Log", {"digest_date": TODAY})
			digests, statements = statement_kinds(run_daily_deadlines, TODAY)
			counts[label] = (len(digests), statements.count("select"), len(statements))
		self.assertEqual(counts["many"][0], counts["few"][0] + len(MORE_HANDLERS))
		self.assertEqual(counts["many"][1:], counts["few"][1:], counts)
		for handler in MORE_HANDLERS:
			self.assertEqual(len(queued_mails("Petition Digest Log", f"{TODAY}-{handler}")), 1, handler)
