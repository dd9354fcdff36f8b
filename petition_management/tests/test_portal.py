"""The citizens' portal, fetched over HTTP from the running site (bench tier).

The pages and endpoints are requested from the web server that serves this test site
(`bench serve`, http://<site>:8000 by default; PM_PORTAL_URL overrides it). Nothing is skipped: when
the server does not answer, every test fails and says so. The server is another process, so what a
test prepares is committed, and everything the tests create (marked "_T portal") is deleted and
committed again in tearDownClass.

Each test sends its requests from its own address (X-Forwarded-For, which Frappe reads as the
request's IP), so that the per-address rate limits of one test never reach another.
"""

import email
import json
import os
import re
import secrets
import statistics as stats_module
import time
import uuid

import frappe
import requests
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_months, get_first_day, getdate, nowdate

from petition_management.portal import access, statistics, status
from petition_management.portal.pages import access_code_hash
from petition_management.portal.uploads import MAX_FILE_SIZE, PENDING_DOCTYPE, token_key
from petition_management.tests.utils import make_outgoing_email_account, make_unit
from petition_management.utils.deadlines import limit_due_date

MARK = "_T portal"
API = "/api/method/petition_management.api.portal."
ACCEPT = "/api/method/frappe.website.doctype.web_form.web_form.accept"
WEB_FORM = "online-petition"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 32
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64
ROOT_CATEGORY = "_T Portal Root Category"
LEAF_CATEGORY = "_T Portal Leaf Category"
UNIT = "_T Portal Unit"
LONE_UNIT = "_T Portal Lone Unit"
CITIZEN_A = "portal-citizen-a@example.com"
CITIZEN_B = "portal-citizen-b@example.com"
TIMEOUT = 30
# tokens of the uploads these tests made, so that tearDownClass removes only those pending files
UPLOAD_TOKENS: list[str] = []


def base_url() -> str:
	return (os.environ.get("PM_PORTAL_URL") or f"http://{frappe.local.site}:8000").rstrip("/")


def new_ip() -> str:
	return "10.{}.{}.{}".format(*(secrets.randbelow(250) + 1 for _ in range(3)))


class Visitor:
	"""One browser: its own session cookies and its own address."""

	def __init__(self):
		self.session = requests.Session()
		self.ip = new_ip()
		self.csrf_token = None

	def headers(self, **extra) -> dict:
		headers = {"X-Forwarded-For": self.ip, "Accept": "application/json", **extra}
		if self.csrf_token:
			headers["X-Frappe-CSRF-Token"] = self.csrf_token
		return headers

	def get(self, path: str, **kwargs) -> requests.Response:
		headers = {"X-Forwarded-For": self.ip, **kwargs.pop("headers", {})}
		return self.session.get(base_url() + path, headers=headers, timeout=TIMEOUT, **kwargs)

	def post(self, path: str, data=None, files=None, **kwargs) -> requests.Response:
		return self.session.post(
			base_url() + path,
			data=data,
			files=files,
			headers=self.headers(**kwargs.pop("headers", {})),
			timeout=TIMEOUT,
			**kwargs,
		)

	def login(self, user: str, password: str):
		response = self.post("/api/method/login", data={"usr": user, "pwd": password})
		assert response.status_code == 200, response.text[:300]
		page = self.get("/online-petition/new").text
		self.csrf_token = re.search(r'frappe\.csrf_token = "([^"]+)"', page).group(1)

	def upload(self, file_name: str, content: bytes) -> requests.Response:
		response = self.post(API + "upload_attachment", files={"file": (file_name, content)})
		if response.status_code == 200:
			UPLOAD_TOKENS.append(response.json()["message"]["token"])
		return response

	def submit(self, **fields) -> requests.Response:
		data = {"is_anonymous": 0, **fields}
		return self.post(ACCEPT, data={"web_form": WEB_FORM, "data": json.dumps(data)})

	def status(self, tracking_number: str, access_code: str | None = None) -> requests.Response:
		data = {"tracking_number": tracking_number}
		if access_code is not None:
			data["access_code"] = access_code
		return self.post(API + "petition_status", data=data)


def server_message(response: requests.Response) -> str:
	try:
		messages = json.loads(response.json().get("_server_messages") or "[]")
		return " ".join(json.loads(m).get("message", "") for m in messages)
	except ValueError:
		return response.text


def confirmation_of(visitor: Visitor, response: requests.Response) -> tuple[str, str]:
	"""Follow the web form's answer to the confirmation page; return (tracking number, access code)."""
	url = response.json()["message"]["__onload"]["confirmation_url"]
	page = visitor.get(url).text
	number = re.search(r'pm-tracking-number">([^<]+)<', page).group(1)
	code = re.search(r'pm-access-code">([^<]+)<', page).group(1)
	return number, code


def fresh():
	"""See what the server committed (end this connection's snapshot)."""
	frappe.db.rollback()


class PortalTestCase(FrappeTestCase):
	created_users: list[str] = []
	created_email_account: str | None = None

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		try:
			pong = requests.get(base_url() + "/api/method/ping", timeout=10)
		except requests.RequestException as error:
			raise AssertionError(
				f"The portal tests fetch pages over HTTP, but {base_url()} does not answer ({error}). "
				"Serve the site first: cd ~/frappe-bench && bench serve --port 8000"
			) from error
		assert pong.status_code == 200 and "pong" in pong.text, f"{base_url()} is not a Frappe site"
		cls.setup_masters()
		frappe.db.commit()

	@classmethod
	def setup_masters(cls):
		make_unit(UNIT)
		make_unit(LONE_UNIT)
		if not frappe.db.exists("Petition Category", ROOT_CATEGORY):
			frappe.get_doc(
				{"doctype": "Petition Category", "category_name": ROOT_CATEGORY, "is_group": 1}
			).insert(ignore_permissions=True)
		if not frappe.db.exists("Petition Category", LEAF_CATEGORY):
			frappe.get_doc(
				{
					"doctype": "Petition Category",
					"category_name": LEAF_CATEGORY,
					"parent_petition_category": ROOT_CATEGORY,
					"default_handling_unit": UNIT,
				}
			).insert(ignore_permissions=True)

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		remove_test_records()
		for user in cls.created_users:
			purge("User", [user])
			purge("Notification Settings", [user])  # deleted with the user: only its trail is left
		cls.created_users.clear()
		if cls.created_email_account:
			purge("Email Account", [cls.created_email_account])
			PortalTestCase.created_email_account = None
		purge("Petition Category", [LEAF_CATEGORY, ROOT_CATEGORY])
		purge("Handling Unit", [UNIT, LONE_UNIT])
		frappe.db.commit()
		statistics.clear_cache()
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def submit_petition(self, visitor: Visitor | None = None, **fields) -> tuple[str, str]:
		"""A named petition submitted over HTTP; (tracking number, access code)."""
		visitor = visitor or Visitor()
		values = {
			"full_name": "_T Portal Citizen",
			"phone": "13800138000",
			"address": "1 Renmin Road",
			"subject": f"{MARK} {uuid.uuid4().hex[:8]}",
			"content": "The street lights have been off for a month.",
			"request": "Repair them.",
			**fields,
		}
		response = visitor.submit(**values)
		self.assertEqual(response.status_code, 200, server_message(response))
		return confirmation_of(visitor, response)

	def online_petition(self, number: str):
		fresh()
		return frappe.get_doc("Online Petition", number)

	def make_case(self, number: str, state: str, **values) -> str:
		"""Register the petition's letter as a case and put the case in `state` (test set-up)."""
		fresh()
		letter = frappe.get_doc(
			"Petition Letter", frappe.db.get_value("Online Petition", number, "petition_letter")
		)
		letter.outcome = "Registered as a Case"
		letter.save(ignore_permissions=True)
		case = frappe.db.get_value("Petition Letter", letter.name, "petition_case")
		frappe.db.set_value("Petition Case", case, {"workflow_state": state, **values})
		frappe.db.commit()
		return case


def purge(doctype: str, names) -> None:
	"""Delete the records and the trail Frappe keeps of a deletion (Deleted Document, "Deleted" comment)."""
	names = [n for n in names if n]
	for name in names:
		if frappe.db.exists(doctype, name):
			frappe.delete_doc(doctype, name, ignore_permissions=True, force=True)
	if names:
		frappe.db.delete("Deleted Document", {"deleted_doctype": doctype, "deleted_name": ("in", names)})
		frappe.db.delete(
			"Comment",
			{
				"comment_type": "Deleted",
				"reference_doctype": doctype,
				"subject": ("in", [f"{frappe._(doctype)} {n}" for n in names]),
			},
		)


def remove_test_records():
	"""Delete what the portal tests created (and any leftover of an interrupted run), then commit."""
	like = f"%{MARK}%"
	online = frappe.get_all("Online Petition", filters={"subject": ("like", like)}, pluck="name")
	letters = set(frappe.get_all("Petition Letter", filters={"subject": ("like", like)}, pluck="name"))
	letters |= set(
		frappe.get_all("Online Petition", filters={"name": ("in", online or [""])}, pluck="petition_letter")
	)
	letters.discard(None)
	cases = set(frappe.get_all("Petition Case", filters={"subject": ("like", like)}, pluck="name"))
	cases |= set(
		frappe.get_all(
			"Petition Letter", filters={"name": ("in", list(letters) or [""])}, pluck="petition_case"
		)
	)
	cases.discard(None)
	petitioners = set(
		frappe.get_all("Petitioner", filters={"full_name": ("like", "_T Portal%")}, pluck="name")
	)
	reviews = frappe.get_all(
		"Petition Review", filters={"petition_case": ("in", list(cases) or [""])}, pluck="name"
	)
	visits = frappe.get_all(
		"Petition Return Visit", filters={"petition_case": ("in", list(cases) or [""])}, pluck="name"
	)
	files = frappe.get_all(
		"File",
		filters={"attached_to_doctype": "Petition Letter", "attached_to_name": ("in", list(letters) or [""])},
		pluck="name",
	) + frappe.get_all(
		"File",
		filters={
			"attached_to_doctype": PENDING_DOCTYPE,
			"attached_to_name": ("in", [token_key(t) for t in UPLOAD_TOKENS] or [""]),
		},
		pluck="name",
	)
	purge("File", files)
	queue = frappe.get_all(
		"Email Queue",
		filters={"reference_doctype": "Online Petition", "reference_name": ("in", online or [""])},
		pluck="name",
	)
	for doctype, names in (
		("Email Queue Recipient", {"parent": ("in", queue or [""])}),
		("Email Queue", {"name": ("in", queue or [""])}),
		("ToDo", {"reference_name": ("in", list(visits) or [""])}),
		("Petition Review", {"name": ("in", reviews or [""])}),
		("Petition Return Visit", {"name": ("in", visits or [""])}),
		("Petition Party", {"parent": ("in", list(cases) or [""])}),
		("Petition Case", {"name": ("in", list(cases) or [""])}),
		("Petition Letter", {"name": ("in", list(letters) or [""])}),
		("Online Petition", {"name": ("in", online or [""])}),
		("__Auth", {"doctype": "Online Petition", "name": ("in", online or [""])}),
		("Petition Letter Sender", {"name": ("in", list(letters) or [""])}),
		("Petitioner Identity", {"name": ("in", list(petitioners) or [""])}),
		("Petitioner", {"name": ("in", list(petitioners) or [""])}),
	):
		frappe.db.delete(doctype, names)
	for doctype, names in (
		("Petition Case", cases),
		("Petition Letter", letters),
		("Petition Review", reviews),
		("Petition Return Visit", visits),
		("Petitioner", petitioners),
	):
		if names:
			frappe.db.delete("Comment", {"reference_doctype": doctype, "reference_name": ("in", list(names))})
			frappe.db.delete("Version", {"ref_doctype": doctype, "docname": ("in", list(names))})
	frappe.db.commit()


class TestSubmission(PortalTestCase):
	def test_guest_submission_registers_a_letter_with_its_acceptance_clock(self):
		visitor = Visitor()
		uploaded = [
			visitor.upload("scan.pdf", PDF).json()["message"],
			visitor.upload("photo.png", PNG).json()["message"],
		]
		number, code = self.submit_petition(
			visitor,
			id_type="PRC Resident ID",
			id_number="11010519491231002X",
			email="_t-portal@example.com",
			upload_tokens=json.dumps([u["token"] for u in uploaded]),
		)

		petition = self.online_petition(number)
		letter = frappe.get_doc("Petition Letter", petition.petition_letter)
		self.assertEqual(letter.channel, "Website Message")
		self.assertEqual(getdate(letter.received_on), getdate(nowdate()))
		self.assertEqual(getdate(letter.acceptance_due), limit_due_date(nowdate(), "acceptance_days"))
		self.assertEqual(letter.status, "Open")
		self.assertFalse(letter.is_anonymous)
		self.assertEqual(letter.sender_name, "_T Portal Citizen")
		self.assertEqual(
			frappe.db.get_value("Petition Letter Sender", letter.name, "sender_phone"), "13800138000"
		)
		self.assertIn("street lights", letter.content)
		petitioner = frappe.get_doc("Petitioner", petition.petitioner)
		self.assertEqual(petitioner.id_type, "PRC Resident ID")
		self.assertEqual(
			frappe.db.get_value("Petitioner Identity", petitioner.name, "id_number"), "11010519491231002X"
		)
		self.assertTrue(petitioner.identity_unverified)
		self.assertEqual(letter.petitioner, petitioner.name)
		files = frappe.get_all(
			"File",
			filters={"attached_to_doctype": "Petition Letter", "attached_to_name": letter.name},
			fields=["file_name", "is_private"],
		)
		self.assertEqual(sorted(f.file_name for f in files), ["photo.png", "scan.pdf"])
		self.assertTrue(all(f.is_private for f in files))
		self.assertEqual(petition.attachment_count, 2)
		# the record keeps the number, the hash and the links: no personal detail, no plain code
		for fieldname in ("full_name", "id_number", "phone", "email", "address", "content", "upload_tokens"):
			self.assertFalse(petition.get(fieldname), fieldname)
		stored = access_code_hash(petition.name)
		self.assertTrue(stored.startswith("pbkdf2_sha256$"))
		self.assertNotIn(access.normalize_access_code(code), stored)
		self.assertTrue(access.verify_access_code(code, stored))

	def test_a_second_petition_with_the_same_id_number_is_a_new_candidate(self):
		"""A visitor never files in another person's name: the office merges candidates after checking."""
		first, _code = self.submit_petition(id_type="Passport", id_number="_T-E12345678")
		second, _code = self.submit_petition(
			id_type="Passport", id_number="_T-E12345678", full_name="_T Portal Other"
		)
		fresh()
		people = [frappe.db.get_value("Online Petition", n, "petitioner") for n in (first, second)]
		self.assertNotEqual(people[0], people[1])
		self.assertEqual(
			[frappe.db.get_value("Petitioner", p, "identity_unverified") for p in people], [1, 1]
		)

	def test_the_web_form_answer_carries_no_hash_and_no_code(self):
		visitor = Visitor()
		response = visitor.submit(
			full_name="_T Portal Citizen", address="1 Road", subject=f"{MARK} answer", content="text"
		)
		self.assertEqual(response.status_code, 200, server_message(response))
		answer = response.json()["message"]
		self.assertFalse(answer.get("access_code_hash"))
		self.assertFalse(answer.get("petitioner"))
		self.assertFalse(answer.get("petition_letter"))
		# nothing Frappe tells desk users about other records (possible duplicates) reaches the visitor
		self.assertNotIn("PTR-", response.text)
		_number, code = confirmation_of(visitor, response)
		self.assertNotIn(access.normalize_access_code(code), json.dumps(answer))

	def test_confirmation_shows_the_number_and_the_code_once(self):
		visitor = Visitor()
		response = visitor.submit(
			full_name="_T Portal Citizen", address="1 Road", subject=f"{MARK} once", content="text"
		)
		url = response.json()["message"]["__onload"]["confirmation_url"]
		first = visitor.get(url)
		self.assertEqual(first.status_code, 200)
		number = re.search(r'pm-tracking-number">([^<]+)<', first.text).group(1)
		code = re.search(r'pm-access-code">([^<]+)<', first.text).group(1)
		self.assertRegex(code, r"^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$")
		self.assertTrue(access.verify_access_code(code, access_code_hash(number)))
		again = visitor.get(url)
		self.assertNotIn(code, again.text)
		self.assertNotIn("pm-access-code", again.text)

	def test_access_code_email_is_queued_when_an_address_is_given(self):
		fresh()
		if not frappe.db.get_value("Email Account", {"default_outgoing": 1, "enable_outgoing": 1}):
			PortalTestCase.created_email_account = make_outgoing_email_account("portal-outgoing@example.com")
			frappe.db.commit()
		number, code = self.submit_petition(email="_t-portal-mail@example.com")
		petition = self.online_petition(number)
		self.assertTrue(petition.code_emailed)
		queue = frappe.get_all(
			"Email Queue",
			filters={"reference_doctype": "Online Petition", "reference_name": number},
			fields=["name", "message"],
		)
		self.assertEqual(len(queue), 1)
		recipients = frappe.get_all(
			"Email Queue Recipient", filters={"parent": queue[0].name}, pluck="recipient"
		)
		self.assertEqual(recipients, ["_t-portal-mail@example.com"])
		body = mail_text(queue[0].message)
		self.assertIn(number, body)
		self.assertIn(code, body)

		without, _code = self.submit_petition()
		self.assertFalse(self.online_petition(without).code_emailed)
		self.assertFalse(frappe.db.exists("Email Queue", {"reference_name": without}))

	def test_anonymous_submission_keeps_no_identity_and_shows_only_registered_or_closed(self):
		visitor = Visitor()
		number, code = self.submit_petition(
			visitor, is_anonymous=1, full_name="_T Portal Hidden", email="_t-hidden@example.com"
		)
		petition = self.online_petition(number)
		self.assertEqual(petition.owner, "Guest")
		self.assertFalse(petition.petitioner)
		letter = frappe.get_doc("Petition Letter", petition.petition_letter)
		self.assertTrue(letter.is_anonymous)
		self.assertFalse(letter.sender_name or letter.sender_email or letter.petitioner)
		self.assertFalse(frappe.db.exists("Petitioner", {"full_name": "_T Portal Hidden"}))

		html = visitor.status(number, code).json()["message"]["html"]
		self.assertIn(
			status.state_label(status.State.CLOSED if letter.status == "Closed" else status.State.REGISTERED),
			html,
		)
		self.assertNotIn("pm-dates", html)
		self.assertNotIn(MARK, html)
		self.assertNotIn("pm-action", html)


class TestSubmissionRefused(PortalTestCase):
	def pending_uploads(self) -> int:
		fresh()
		return frappe.db.count("File", {"attached_to_doctype": PENDING_DOCTYPE})

	def assertRefused(self, response, *words):
		self.assertEqual(response.status_code, 417, response.text[:300])
		message = server_message(response)
		for word in words:
			self.assertIn(word, message)

	def test_an_exe_or_a_file_over_10_mb_is_refused_and_nothing_is_saved(self):
		visitor = Visitor()
		before = self.pending_uploads()
		self.assertRefused(visitor.upload("setup.exe", EXE), "setup.exe", "only PDF files and images")
		self.assertRefused(visitor.upload("setup.pdf", EXE), "setup.pdf", "not a real PDF")
		self.assertRefused(
			visitor.upload("big.pdf", PDF + b"0" * (11 * 1024 * 1024)), "big.pdf", "at most 10 MB"
		)
		self.assertEqual(self.pending_uploads(), before)
		self.assertEqual(visitor.upload("ok.pdf", PDF + b"0" * (MAX_FILE_SIZE - len(PDF))).status_code, 200)
		self.assertEqual(self.pending_uploads(), before + 1)

	def test_a_submission_with_a_missing_or_sixth_attachment_saves_nothing(self):
		visitor = Visitor()
		tokens = [visitor.upload(f"page{i}.pdf", PDF).json()["message"]["token"] for i in range(6)]
		subject = f"{MARK} refused {uuid.uuid4().hex[:6]}"
		values = {
			"full_name": "_T Portal Citizen",
			"address": "1 Road",
			"subject": subject,
			"content": "text",
		}
		self.assertRefused(visitor.submit(upload_tokens=json.dumps(tokens), **values), "at most 5")
		self.assertRefused(
			visitor.submit(upload_tokens=json.dumps(["no-such-upload"]), **values),
			"expired or was not uploaded",
		)
		fresh()
		self.assertFalse(frappe.db.exists("Online Petition", {"subject": subject}))
		self.assertFalse(frappe.db.exists("Petition Letter", {"subject": subject}))
		self.assertGreaterEqual(self.pending_uploads(), 6)

	def test_a_bad_resident_id_or_phone_is_refused_and_nothing_is_saved(self):
		visitor = Visitor()
		subject = f"{MARK} bad id {uuid.uuid4().hex[:6]}"
		values = {
			"full_name": "_T Portal Citizen",
			"address": "1 Road",
			"subject": subject,
			"content": "text",
		}
		self.assertRefused(
			visitor.submit(id_type="PRC Resident ID", id_number="110105194912310021", **values), "check digit"
		)
		# the markup goes on save (utils/stored_text.py); what is left is shown escaped
		self.assertRefused(visitor.submit(phone="<b>12345</b> <6", **values), "12345 &lt;6")
		self.assertRefused(visitor.submit(**{**values, "address": ""}), "anonymously")
		fresh()
		self.assertFalse(frappe.db.exists("Online Petition", {"subject": subject}))
		self.assertFalse(frappe.db.exists("Petitioner Identity", {"phone": ("like", "%12345%")}))


class TestStatusPage(PortalTestCase):
	def test_right_pair_answers_and_wrong_number_or_code_get_one_generic_answer(self):
		visitor = Visitor()
		number, code = self.submit_petition(visitor)
		right = visitor.status(number, code)
		self.assertEqual(right.status_code, 200)
		html = right.json()["message"]["html"]
		self.assertIn(status.state_label(status.State.RECEIVED), html)
		due = getdate(
			frappe.db.get_value(
				"Petition Letter", self.online_petition(number).petition_letter, "acceptance_due"
			)
		)
		self.assertIn(frappe.utils.format_date(due), html)
		# the code as a person may type it: lower case, without dashes
		self.assertEqual(visitor.status(number.lower(), code.replace("-", "").lower()).status_code, 200)

		unknown = "WS" + nowdate().replace("-", "") + "000000"
		wrong_number = visitor.status(unknown, code)
		wrong_code = visitor.status(number, access.new_access_code())
		self.assertEqual(wrong_number.status_code, 404)
		self.assertEqual(wrong_code.status_code, wrong_number.status_code)
		self.assertEqual(wrong_code.content, wrong_number.content)
		self.assertNotIn(number, wrong_code.text)
		self.assertEqual(visitor.status(number, "").status_code, 404)

	def test_look_ups_are_rate_limited_per_address(self):
		visitor = Visitor()
		answers = [visitor.status("WS1", "WRONG").status_code for _ in range(10)]
		self.assertEqual(answers, [404] * 10)
		self.assertEqual(visitor.status("WS1", "WRONG").status_code, 429)
		self.assertEqual(Visitor().status("WS1", "WRONG").status_code, 404)

	def test_unknown_number_costs_the_same_work_as_a_wrong_code(self):
		stored = access.hash_access_code(access.new_access_code())

		def median(stored_hash):
			times = []
			for _ in range(5):
				start = time.perf_counter()
				access.verify_access_code("ABCD-EFGH-JKMN-PQRS", stored_hash)
				times.append(time.perf_counter() - start)
			return stats_module.median(times)

		unknown, wrong = median(None), median(stored)
		self.assertGreater(unknown / wrong, 0.5)
		self.assertLess(unknown / wrong, 2.0)

	def test_markup_in_submitted_text_is_shown_as_text(self):
		visitor = Visitor()
		number, code = self.submit_petition(
			visitor,
			subject=f"{MARK} <script>alert('x')</script><b>bold</b>",
			content="<img src=x onerror=alert(1)> broken",
		)
		html = visitor.status(number, code).json()["message"]["html"]
		self.assertNotIn("<script>alert", html)
		self.assertNotIn("<b>bold", html)
		# the tags went on save (utils/stored_text.py); their text is shown escaped
		self.assertIn(f"{MARK} alert(&#39;x&#39;)bold", html)
		letter = frappe.db.get_value("Online Petition", number, "petition_letter")
		self.assertNotIn("<img", frappe.db.get_value("Petition Letter", letter, "content"))

	def test_reply_is_shown_and_a_review_can_be_asked_within_its_window(self):
		visitor = Visitor()
		number, code = self.submit_petition(visitor)
		case = self.make_case(
			number,
			"Replied",
			consolidated_reply="<p>The lights are fixed.</p><p>Thank you &amp; <script>x()</script></p>",
			replied_on=nowdate(),
			review_request_due=add_days(nowdate(), 30),
		)
		html = visitor.status(number, code).json()["message"]["html"]
		self.assertIn(status.state_label(status.State.REPLIED), html)
		self.assertIn("The lights are fixed.", html)
		self.assertIn("Thank you &amp; x()", html)
		self.assertNotIn("<script>", html)
		self.assertIn('data-method="request_review"', html)

		refused = visitor.post(
			API + "request_review", data={"tracking_number": number, "access_code": "WRONG", "grounds": "no"}
		)
		self.assertEqual(refused.status_code, 404)
		fresh()
		self.assertFalse(frappe.db.exists("Petition Review", {"petition_case": case}))

		asked = visitor.post(
			API + "request_review",
			data={"tracking_number": number, "access_code": code, "grounds": "The lights are still off."},
		)
		self.assertEqual(asked.status_code, 200, server_message(asked))
		fresh()
		review = frappe.get_doc("Petition Review", {"petition_case": case})
		self.assertEqual((review.review_type, getdate(review.requested_on)), ("Review", getdate(nowdate())))
		self.assertEqual(review.grounds, "The lights are still off.")
		after = asked.json()["message"]["html"]
		self.assertNotIn('data-method="request_review"', after)
		self.assertIn(frappe.utils.format_date(review.opinion_due), after)

	def test_no_review_after_its_window_closed(self):
		visitor = Visitor()
		number, code = self.submit_petition(visitor)
		case = self.make_case(
			number,
			"Replied",
			consolidated_reply="<p>Answer.</p>",
			replied_on=add_days(nowdate(), -40),
			review_request_due=add_days(nowdate(), -10),
		)
		self.assertNotIn(
			'data-method="request_review"', visitor.status(number, code).json()["message"]["html"]
		)
		refused = visitor.post(
			API + "request_review", data={"tracking_number": number, "access_code": code, "grounds": "Late."}
		)
		self.assertEqual(refused.status_code, 417)
		fresh()
		self.assertFalse(frappe.db.exists("Petition Review", {"petition_case": case}))

	def test_rating_goes_to_the_return_visit(self):
		visitor = Visitor()
		number, code = self.submit_petition(visitor)
		case = self.make_case(
			number,
			"Closed",
			consolidated_reply="<p>Done.</p>",
			replied_on=nowdate(),
			closed_on=nowdate(),
			delivered_on=nowdate(),
			review_request_due=add_days(nowdate(), 30),
		)
		visit = frappe.get_doc(
			{
				"doctype": "Petition Return Visit",
				"petition_case": case,
				"status": "Scheduled",
				"visit_date": add_days(nowdate(), 7),
			}
		).insert(ignore_permissions=True)
		frappe.db.commit()
		self.assertIn(
			'data-method="rate_satisfaction"', visitor.status(number, code).json()["message"]["html"]
		)

		bad = visitor.post(
			API + "rate_satisfaction",
			data={"tracking_number": number, "access_code": code, "satisfaction": "Great"},
		)
		self.assertEqual(bad.status_code, 417)
		rated = visitor.post(
			API + "rate_satisfaction",
			data={"tracking_number": number, "access_code": code, "satisfaction": "Basically Satisfied"},
		)
		self.assertEqual(rated.status_code, 200, server_message(rated))
		fresh()
		visit.reload()
		self.assertEqual(visit.satisfaction, "Basically Satisfied")
		self.assertIn("Basically Satisfied", visit.notes)
		self.assertNotIn('data-method="rate_satisfaction"', rated.json()["message"]["html"])
		again = visitor.post(
			API + "rate_satisfaction",
			data={"tracking_number": number, "access_code": code, "satisfaction": "Dissatisfied"},
		)
		self.assertEqual(again.status_code, 417)
		fresh()
		self.assertEqual(
			frappe.db.get_value("Petition Return Visit", visit.name, "satisfaction"), "Basically Satisfied"
		)

	def test_pages_follow_the_visitors_language(self):
		zh = frappe.translate.get_all_translations("zh")
		self.assertTrue(zh.get("Tracking Number") and zh.get("Submit a Petition"), "zh rows are missing")
		visitor = Visitor()
		for path, text in (
			("/petition-status", "Tracking Number"),
			("/online-petition/new", "Submit a Petition"),
		):
			english = visitor.get(path, headers={"Accept-Language": "en-US,en;q=0.9"}).text
			chinese = visitor.get(path, headers={"Accept-Language": "zh-CN,zh;q=0.9"}).text
			by_cookie = visitor.get(path, headers={"Cookie": "preferred_language=zh"}).text
			self.assertIn(text, english, path)
			self.assertTrue(zh[text] in chinese and zh[text] in by_cookie, f"{path} is not in Chinese")
			self.assertIn('<html lang="zh"', chinese)
		reply = visitor.post(
			API + "petition_status",
			data={"tracking_number": "WS1", "access_code": "X"},
			headers={"Accept-Language": "zh-CN"},
		)
		self.assertIn(
			zh["No petition matches this tracking number and access code."], reply.json()["message"]["html"]
		)

	def test_every_page_title_follows_the_language(self):
		zh = frappe.translate.get_all_translations("zh")
		visitor = Visitor()
		for path, title in (
			("/online-petition/new", "Submit a Petition"),
			("/petition-status", "Petition Status"),
			("/petition-statistics", "Petition Statistics"),
			("/petition-confirmation?key=none", "Petition Submitted"),
		):
			for accept, expected in (("zh-CN,zh;q=0.9", zh[title]), ("en-US,en;q=0.9", title)):
				page = visitor.get(path, headers={"Accept-Language": accept}).text
				self.assertEqual(
					re.search(r"<title>(.*?)</title>", page, re.S).group(1).strip(), expected, path
				)
				self.assertIn(f'<meta property="og:title"  content="{expected}">', page, path)


def assert_no_traceback(test: FrappeTestCase, response: requests.Response, what: str):
	"""Nothing of Frappe's internals in an answer to a guest: no traceback, no exception text."""
	test.assertNotIn("Traceback", response.text, what)
	test.assertNotIn('File "', response.text, what)
	if response.headers.get("Content-Type", "").startswith("application/json"):
		body = response.json()
		for key in ("exc", "exception", "_exc_source", "_debug_messages"):
			test.assertNotIn(key, body, what)


class TestErrorAnswers(PortalTestCase):
	def test_the_429_answer_carries_no_traceback_and_speaks_the_visitors_language(self):
		visitor = Visitor()
		for _ in range(10):
			visitor.status("WS1", "WRONG")
		refused = visitor.post(
			API + "petition_status",
			data={"tracking_number": "WS1", "access_code": "WRONG"},
			headers={"Accept-Language": "zh-CN,zh;q=0.9"},
		)
		self.assertEqual(refused.status_code, 429)
		assert_no_traceback(self, refused, "429")
		self.assertIn("rate limit", server_message(refused))
		title = json.loads(json.loads(refused.json()["_server_messages"])[0])["title"]
		self.assertEqual(title, frappe.translate.get_all_translations("zh")["Message"])

	def test_no_error_answer_of_the_portal_shows_a_guest_a_traceback(self):
		guest = Visitor()
		accept = "/api/method/frappe.website.doctype.web_form.web_form.accept"
		answers = {
			"web form, body not JSON": guest.post(accept, data={"web_form": WEB_FORM, "data": "{not json"}),
			"web form, an update": guest.post(
				accept, data={"web_form": WEB_FORM, "data": json.dumps({"name": "WS1", "subject": "x"})}
			),
			"web form, nothing filled in": guest.submit(),
			"web form, unknown category": guest.submit(
				full_name="_T Portal Citizen", address="x", subject=f"{MARK} x", content="x", category="nope"
			),
			"upload without a file": guest.post(API + "upload_attachment"),
			"review without grounds": guest.post(API + "request_review", data={"tracking_number": "WS1"}),
			"status by GET": guest.get(API + "petition_status", headers={"Accept": "application/json"}),
			"status without a number": guest.post(API + "petition_status"),
			"rating, bad value": guest.post(
				API + "rate_satisfaction",
				data={"tracking_number": "WS1", "satisfaction": "x", "access_code": "x"},
			),
			"statistics, odd month": guest.get("/petition-statistics?month=20x6-99"),
			"confirmation, long key": guest.get("/petition-confirmation?key=" + "k" * 300),
			"status page, odd number": guest.get("/petition-status?number=%00%ff"),
			"web form, a record": guest.get("/online-petition/WS1/edit"),
		}
		for what, response in answers.items():
			with self.subTest(what=what):
				if what.startswith(("statistics", "confirmation", "status page")):
					self.assertEqual(response.status_code, 200)
				assert_no_traceback(self, response, what)
		self.assertGreaterEqual(answers["web form, nothing filled in"].status_code, 400)


class TestGuestAccess(PortalTestCase):
	def test_guest_gets_403_on_petition_records_and_no_desk(self):
		number, _code = self.submit_petition()
		case = self.make_case(number, "Registered")
		fresh()
		petition = frappe.get_doc("Online Petition", number)
		letter = frappe.get_doc("Petition Letter", petition.petition_letter)
		guest = Visitor()
		paths = [
			"/api/resource/Petition Case",
			f"/api/resource/Petition Case/{case}",
			"/api/resource/Petition Letter",
			f"/api/resource/Petition Letter/{letter.name}",
			f"/api/resource/Petitioner/{petition.petitioner}",
			"/api/resource/Online Petition",
			f"/api/resource/Online Petition/{number}",
			"/api/resource/Petition Review",
			"/api/resource/Petition Return Visit",
		]
		for path in paths:
			self.assertEqual(guest.get(path, headers={"Accept": "application/json"}).status_code, 403, path)
		for method, args in (
			("frappe.client.get_list", {"doctype": "Petition Case", "fields": '["name"]'}),
			("frappe.client.get_count", {"doctype": "Online Petition"}),
			("frappe.client.get_value", {"doctype": "Petition Letter", "fieldname": "subject"}),
			("frappe.desk.reportview.get", {"doctype": "Petitioner", "fields": '["name"]'}),
		):
			self.assertEqual(guest.post(f"/api/method/{method}", data=args).status_code, 403, method)
		created = guest.post(
			"/api/resource/Online Petition", data={"data": json.dumps({"subject": f"{MARK} x"})}
		)
		self.assertEqual(created.status_code, 403)
		desk = guest.get(f"/app/petition-case/{case}", allow_redirects=False)
		self.assertIn(desk.status_code, (301, 302, 303, 307, 403))
		self.assertIn("/login", desk.headers.get("Location", "/login"))

	def test_guest_cannot_download_an_attachment(self):
		visitor = Visitor()
		token = visitor.upload("scan.pdf", PDF).json()["message"]["token"]
		number, _code = self.submit_petition(visitor, upload_tokens=json.dumps([token]))
		letter = self.online_petition(number).petition_letter
		file_url = frappe.db.get_value(
			"File", {"attached_to_doctype": "Petition Letter", "attached_to_name": letter}, "file_url"
		)
		self.assertTrue(file_url.startswith("/private/files/"))
		self.assertEqual(Visitor().get(file_url).status_code, 403)


class TestMyPetitions(PortalTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.passwords = {}
		for user in (CITIZEN_A, CITIZEN_B):
			cls.passwords[user] = "Pm-" + secrets.token_urlsafe(16)
			if not frappe.db.exists("User", user):
				frappe.get_doc(
					{
						"doctype": "User",
						"email": user,
						"first_name": "_T Portal",
						"user_type": "Website User",
						"send_welcome_email": 0,
					}
				).insert(ignore_permissions=True)
				PortalTestCase.created_users.append(user)
			from frappe.utils.password import update_password

			update_password(user, cls.passwords[user])
		frappe.db.commit()

	def citizen(self, user: str) -> Visitor:
		visitor = Visitor()
		visitor.login(user, self.passwords[user])
		return visitor

	def test_a_citizen_sees_only_their_own_petitions(self):
		alice, bob = self.citizen(CITIZEN_A), self.citizen(CITIZEN_B)
		mine, _code = self.submit_petition(alice, subject=f"{MARK} alice <i>lamp</i> & <6")
		theirs, _code = self.submit_petition(bob, subject=f"{MARK} bob")
		anonymous, _code = self.submit_petition(alice, is_anonymous=1, subject=f"{MARK} alice anonymous")
		fresh()
		self.assertEqual(frappe.db.get_value("Online Petition", mine, "owner"), CITIZEN_A)

		page = alice.get("/my-petitions")
		self.assertEqual(page.status_code, 200)
		self.assertIn(mine, page.text)
		# the tags went on save (utils/stored_text.py); the rest is shown escaped
		self.assertIn("alice lamp &amp; &lt;6", page.text)
		self.assertNotIn("<i>lamp", page.text)
		self.assertNotIn(theirs, page.text)
		self.assertNotIn(anonymous, page.text)

		own = alice.get(f"/petition-status?number={mine}")
		self.assertIn('class="pm-result"', own.text)
		self.assertNotIn('class="pm-result"', alice.get(f"/petition-status?number={theirs}").text)
		self.assertEqual(alice.status(theirs).status_code, 404)
		self.assertEqual(alice.status(mine).status_code, 200)
		# a website account reaches no record and no desk
		self.assertEqual(
			alice.get("/api/resource/Online Petition", headers={"Accept": "application/json"}).status_code,
			403,
		)
		self.assertEqual(
			alice.get(
				f"/api/resource/Petition Letter/{self.online_petition(mine).petition_letter}",
				headers={"Accept": "application/json"},
			).status_code,
			403,
		)
		self.assertNotIn('class="pm-result"', Visitor().get(f"/petition-status?number={mine}").text)

	def test_my_petitions_needs_a_login_and_is_in_the_portal_menu(self):
		guest = Visitor().get("/my-petitions", allow_redirects=False)
		self.assertIn(guest.status_code, (301, 302, 303, 307))
		self.assertIn("/login", guest.headers["Location"])
		menu = [item.get("route") for item in frappe.get_hooks("portal_menu_items")]
		self.assertIn("/my-petitions", menu)
		self.assertIn("/my-petitions", self.citizen(CITIZEN_A).get("/me").text)


class TestPublicStatistics(PortalTestCase):
	def make_stat_case(self, received_on, **values) -> str:
		case = frappe.get_doc(
			{
				"doctype": "Petition Case",
				"source_type": "Online",
				"received_on": received_on,
				"subject": f"{MARK} statistics {uuid.uuid4().hex[:6]}",
				"content": "<p>_T Portal private content</p>",
				"category": LEAF_CATEGORY,
			}
		).insert(ignore_permissions=True)
		frappe.db.set_value("Petition Case", case.name, {"lead_unit": UNIT, **values})
		return case.name

	def figures(self, html: str, css_class: str, label: str) -> dict:
		table = re.search(rf'class="table pm-table {css_class}">(.*?)</table>', html, re.S).group(1)
		row = re.search(rf'<th scope="row">{re.escape(label)}</th>(.*?)</tr>', table, re.S).group(1)
		return {k: v.strip() for k, v in re.findall(r'data-figure="(\w+)">([^<]*)<', row)}

	def test_statistics_hide_a_lone_case_on_every_filter_and_show_no_personal_data(self):
		today = getdate(nowdate())
		last_month = get_first_day(add_months(today, -1))
		day, answered = add_days(last_month, 9), add_days(last_month, 14)
		for _ in range(6):
			self.make_stat_case(
				day,
				replied_on=answered,
				closed_on=answered,
				handling_due=add_days(day, 10),
				workflow_state="Closed",
			)
		self.make_stat_case(day, lead_unit=LONE_UNIT)  # the only case of its unit
		self.make_stat_case(today)  # the running month is not published
		frappe.db.commit()
		statistics.clear_cache()

		year = Visitor().get("/petition-statistics")
		month = Visitor().get(f"/petition-statistics?month={last_month:%Y-%m}")
		running = Visitor().get(f"/petition-statistics?month={today:%Y-%m}")
		shown = {"received": "6", "closed": "6", "on_time_rate": "100.0%"}
		for page in (year, month):
			self.assertEqual(page.status_code, 200)
			# 7 cases of the category, but the lone unit's one is left out: 6, and 6 minus the unit's 6 is 0
			self.assertEqual(self.figures(page.text, "pm-by-category", ROOT_CATEGORY), shown)
			self.assertEqual(self.figures(page.text, "pm-by-unit", UNIT), shown)
			self.assertEqual(
				self.figures(page.text, "pm-by-unit", LONE_UNIT),
				{"received": "&lt;5", "closed": "0", "on_time_rate": "—"},
			)
			self.assert_no_small_figure(page.text)
			for table in ("pm-by-category", "pm-by-unit", "pm-by-month"):
				self.assertEqual(self.column_sum(page.text, table), self.total(page.text), table)
			for private in (MARK, "_T Portal private content", "_T Portal Citizen", "PC-", "PL-", "PTR-"):
				self.assertNotIn(private, page.text)
		self.assertIn("<svg", year.text)
		self.assertNotIn(f'value="{today:%Y-%m}"', year.text)
		self.assertNotIn(f'<th scope="row">{today:%Y-%m}</th>', year.text)
		self.assertEqual(self.total(running.text), self.total(year.text))

	def assert_no_small_figure(self, html: str):
		for key, text in re.findall(r'data-(?:figure|total)="(\w+)">([^<]*)<', html):
			text = text.strip()
			number = text.removesuffix("%")
			self.assertTrue(
				text in ("0", "—", "&lt;5", "n&lt;5") or text.endswith("%") or float(number) >= 5, (key, text)
			)

	def column_sum(self, html: str, css_class: str) -> int:
		table = re.search(rf'class="table pm-table {css_class}">(.*?)</table>', html, re.S).group(1)
		values = re.findall(r'data-figure="received">([^<]*)<', table)
		return sum(int(v) for v in values if v.strip().isdigit())

	def total(self, html: str) -> int:
		"""The received total at the top of the page (a hidden one counts as 0)."""
		text = re.search(r'data-total="received">([^<]*)<', html).group(1).strip()
		return int(text) if text.isdigit() else 0


def mail_text(message: str) -> str:
	"""The readable text of a queued MIME message."""
	parsed = email.message_from_string(message or "")
	parts = []
	for part in parsed.walk():
		payload = part.get_payload(decode=True)
		if payload:
			parts.append(payload.decode(part.get_content_charset() or "utf-8", errors="replace"))
	return "\n".join(parts)


class TestAccessCodes(FrappeTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def test_staff_read_online_petitions_but_never_the_code_hash(self):
		from petition_management.tests.utils import make_user

		petition = frappe.new_doc("Online Petition")
		petition.update({"is_anonymous": 1, "subject": f"{MARK} staff", "content": "text"})
		petition.insert(ignore_permissions=True)
		frappe.set_user(make_user("portal-office@example.com", ["Petition Office"]))
		rows = frappe.get_list("Online Petition", filters={"name": petition.name}, fields=["*"])
		self.assertEqual([r.name for r in rows], [petition.name])
		# the hash is in Frappe's password store, which no list or document returns
		self.assertNotIn("access_code_hash", rows[0])
		self.assertFalse(frappe.db.has_column("Online Petition", "access_code_hash"))
		self.assertFalse(frappe.has_permission("Online Petition", "create"))
		self.assertFalse(frappe.has_permission("Online Petition", "write", doc=petition.name))
		frappe.set_user("Guest")
		self.assertFalse(frappe.has_permission("Online Petition", "read"))

	def test_stale_uploads_are_removed(self):
		from petition_management.portal import uploads

		kept = uploads.store_pending_upload("fresh.pdf", PDF + b"1")
		stale = uploads.store_pending_upload("stale.pdf", PDF + b"2")
		frappe.db.set_value(
			"File",
			{"attached_to_name": token_key(stale["token"])},
			"creation",
			add_days(nowdate(), -2),
			update_modified=False,
		)
		uploads.remove_stale_uploads()
		self.assertEqual(len(uploads.pending_files([kept["token"]])), 1)
		self.assertRaises(uploads.AttachmentError, uploads.pending_files, [stale["token"]])

	def test_codes_have_at_least_64_random_bits_and_only_their_hash_is_kept(self):
		import math

		self.assertGreaterEqual(access.CODE_LENGTH * math.log2(len(access.CODE_ALPHABET)), 64)
		codes = {access.new_access_code() for _ in range(200)}
		self.assertEqual(len(codes), 200)
		code = access.new_access_code()
		first, second = access.hash_access_code(code), access.hash_access_code(code)
		self.assertNotEqual(first, second)  # a salt of its own each time
		self.assertTrue(access.verify_access_code(code, first))
		self.assertTrue(access.verify_access_code(code.lower().replace("-", " "), second))
		self.assertFalse(access.verify_access_code(access.new_access_code(), first))
		self.assertFalse(access.verify_access_code(code, None))
		self.assertFalse(access.verify_access_code(code, "md5$1$00$00"))
