"""Notices to the petitioner (utils/notices.py): the acceptance decision, an extension and the reply go by
e-mail and, when SMS Settings has a gateway, by SMS in the petitioner's language.

The SMS gateway is a stub HTTP server on 127.0.0.1 (a free port) started by the test: SMS Settings point
at it, Frappe's own send_sms posts to it, and the stub records what it received.
"""

import email
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import frappe
from frappe.translate import get_all_translations

from petition_management.petition_management.doctype.petition_case.petition_case import NOTICE_ON_ENTRY
from petition_management.petition_management.doctype.petition_extension.test_petition_extension import (
	REASON,
	ExtensionTestCase,
)
from petition_management.tests.factories import make_case, make_petitioner
from petition_management.tests.test_case_workflow import DIRECTOR, OFFICE
from petition_management.tests.utils import queued_mail_recipients
from petition_management.utils.notices import Notice, send_case_notice

PHONE = "13800138001"
EMAIL = "liming-notice@example.com"
API_KEY = "_T gateway key"
ACCEPTED = "Petition {0}: your petition received on {1} has been accepted. The reply is due by {2}."
NOT_ACCEPTED = (
	"Petition {0}: your petition received on {1} is not accepted. You may take the matter to: {2}. "
	"The written notice gives the reasons."
)
EXTENDED = (
	"Petition {0}: the time limit for handling your petition is extended by {1} days. "
	"The reply is now due by {2}."
)
REPLIED = "Petition {0}: a written reply to your petition was given on {1}."


class SmsGateway:
	"""A stand-in SMS gateway: answers `status` and keeps every request's parameters."""

	def __init__(self, status: int = 200):
		self.received: list[dict] = []
		gateway = self

		class Handler(BaseHTTPRequestHandler):
			def do_POST(self):
				length = int(self.headers.get("Content-Length") or 0)
				body = self.rfile.read(length).decode("utf-8")
				gateway.received.append(
					{
						"path": urlsplit(self.path).path,
						**{key: values[0] for key, values in parse_qs(body).items()},
					}
				)
				self.send_response(status)
				self.end_headers()
				self.wfile.write(b"OK" if status < 300 else b"refused")

			do_GET = do_POST

			def log_message(self, *args):
				pass

		self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
		self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

	@property
	def url(self) -> str:
		host, port = self.server.server_address[:2]
		return f"http://{host}:{port}/sms/send"

	def __enter__(self):
		self.thread.start()
		settings = frappe.get_single("SMS Settings")
		settings.update(
			{
				"sms_gateway_url": self.url,
				"message_parameter": "text",
				"receiver_parameter": "to",
				"use_post": 1,
			}
		)
		settings.set("parameters", [{"parameter": "api_key", "value": API_KEY, "header": 0}])
		settings.flags.ignore_permissions = True
		settings.save()
		return self

	def __exit__(self, *exc):
		self.server.shutdown()
		self.server.server_close()


def mail_text(case_name: str) -> str:
	"""The readable text of the e-mail queued about the record."""
	[message] = frappe.get_all("Email Queue", filters={"reference_name": case_name}, pluck="message")
	parts = [part.get_payload(decode=True) for part in email.message_from_string(message).walk()]
	return "\n".join(p.decode("utf-8", errors="replace") for p in parts if p)


def zh(source: str) -> str:
	translated = get_all_translations("zh").get(source)
	assert translated, f"no zh row for {source!r}"
	return translated


class TestPetitionerNotices(ExtensionTestCase):
	def setUp(self):
		super().setUp()
		self.started = frappe.utils.now_datetime()
		self.petitioner = make_petitioner("_T 李明", email=EMAIL, phone=PHONE)

	def tearDown(self):
		super().tearDown()
		frappe.db.value_cache.pop("SMS Settings", None)

	def register(self, **values):
		frappe.set_user("Administrator")
		return make_case(
			self.petitioner, source_type="Visit", subject="_T 小区噪音扰民", category="_T Property Management"
		)

	def info(self, case) -> list[str]:
		return frappe.get_all(
			"Comment",
			filters={
				"reference_doctype": "Petition Case",
				"reference_name": case.name,
				"comment_type": "Info",
			},
			pluck="content",
		)

	def assert_no_phone_anywhere(self, case):
		"""The number is in no comment of the case and in no error log."""
		comments = frappe.get_all(
			"Comment", filters={"reference_name": case.name}, fields=["content"], pluck="content"
		)
		self.assertFalse([c for c in comments if PHONE in (c or "")])
		logs = frappe.get_all("Error Log", filters={"creation": (">=", self.started)}, pluck="error")
		self.assertFalse([log for log in logs if PHONE in (log or "")])

	def test_acceptance_goes_by_sms_in_chinese_and_by_e_mail(self):
		with SmsGateway() as gateway:
			case = self.accept(self.register())
		case.reload()
		expected = zh(ACCEPTED).format(
			case.name, frappe.format(case.received_on, "Date"), frappe.format(case.handling_due, "Date")
		)
		self.assertEqual(
			gateway.received, [{"path": "/sms/send", "to": PHONE, "text": expected, "api_key": API_KEY}]
		)
		self.assertIn("已受理", expected)
		self.assertTrue(any("SMS" in c for c in self.info(case)), self.info(case))
		self.assertTrue(any("e-mail" in c for c in self.info(case)), self.info(case))
		self.assertEqual(queued_mail_recipients("Petition Case", case.name), [[EMAIL]])
		self.assertIn("已受理", mail_text(case.name))
		self.assert_no_phone_anywhere(case)

	def test_non_acceptance_by_sms_names_where_to_turn(self):
		with SmsGateway() as gateway:
			case = self.propose_refusal(
				self.register(), "属于劳动争议仲裁事项", competent_body="_T 县劳动人事争议仲裁委员会"
			)
			case = self.act(DIRECTOR, case, "Approve Non-Acceptance")
		self.assertEqual(case.workflow_state, "Not Accepted")
		[sms] = gateway.received
		self.assertEqual(sms["to"], PHONE)
		self.assertEqual(
			sms["text"],
			zh(NOT_ACCEPTED).format(
				case.name, frappe.format(case.received_on, "Date"), "_T 县劳动人事争议仲裁委员会"
			),
		)
		self.assert_no_phone_anywhere(case)

	def test_an_approved_extension_goes_by_sms(self):
		case = self.case_in_handling()
		extension = self.request(OFFICE, case, 10)
		with SmsGateway() as gateway:
			self.decide(DIRECTOR, extension)
		case.reload()
		[sms] = gateway.received
		self.assertEqual(
			sms["text"], zh(EXTENDED).format(case.name, 10, frappe.format(case.handling_due, "Date"))
		)
		self.assertNotIn(REASON, sms["text"])
		self.assertEqual(queued_mail_recipients("Petition Extension", extension.name), [[EMAIL]])
		self.assertTrue(any("SMS" in c for c in self.info(case)))

	def test_the_reply_goes_by_sms_and_its_text_by_e_mail(self):
		self.assertEqual(NOTICE_ON_ENTRY["Replied"], Notice.REPLY)
		case = self.register()
		case.db_set(
			{"replied_on": frappe.utils.nowdate(), "consolidated_reply": "<p>_T 已责令物业整改。</p>"}
		)
		with SmsGateway() as gateway:
			send_case_notice(case, Notice.REPLY)
		[sms] = gateway.received
		self.assertEqual(sms["text"], zh(REPLIED).format(case.name, frappe.format(case.replied_on, "Date")))
		self.assertIn("_T 已责令物业整改。", mail_text(case.name))

	def test_an_online_petitioner_gets_the_sms_in_the_websites_language_with_the_tracking_number(self):
		online = frappe.get_doc(
			{
				"doctype": "Online Petition",
				"full_name": "_T Online Notice",
				"phone": "13900139001",
				"address": "1 Renmin Road",
				"subject": "_T street lights",
				"content": "The street lights have been off for a month.",
			}
		)
		frappe.local.lang = "en"
		online.insert(ignore_permissions=True)
		self.assertEqual(frappe.db.get_value("Online Petition", online.name, "language"), "en")
		letter = frappe.get_doc("Petition Letter", online.petition_letter)
		letter.outcome = "Registered as a Case"
		letter.save(ignore_permissions=True)
		case = frappe.get_doc(
			"Petition Case", frappe.db.get_value("Petition Letter", letter.name, "petition_case")
		)
		with SmsGateway() as gateway:
			case = self.accept(case)
		[sms] = gateway.received
		self.assertEqual(sms["to"], "13900139001")
		self.assertEqual(
			sms["text"],
			ACCEPTED.format(
				online.name, frappe.format(case.received_on, "Date"), frappe.format(case.handling_due, "Date")
			),
		)

	def test_a_refusing_gateway_is_recorded_without_the_number(self):
		with SmsGateway(status=500) as gateway:
			case = self.accept(self.register())
		self.assertEqual(len(gateway.received), 1)
		failures = [c for c in self.info(case) if "HTTP 500" in c]
		self.assertTrue(failures, self.info(case))
		logs = frappe.get_all("Error Log", filters={"creation": (">=", self.started)}, pluck="error")
		self.assertTrue([log for log in logs if case.name in log and "HTTP 500" in log])
		self.assertFalse([log for log in logs if "127.0.0.1" in log])
		self.assert_no_phone_anywhere(case)

	def test_without_a_gateway_nothing_goes_by_sms_and_without_any_channel_the_case_says_so(self):
		self.assertFalse(frappe.db.get_single_value("SMS Settings", "sms_gateway_url", cache=False))
		frappe.db.set_value("Petitioner", self.petitioner, "email", None)
		case = self.accept(self.register())
		self.assertFalse(frappe.get_all("Email Queue", filters={"reference_name": case.name}))
		self.assertTrue(
			any("not sent" in c and "SMS Settings" in c for c in self.info(case)), self.info(case)
		)
