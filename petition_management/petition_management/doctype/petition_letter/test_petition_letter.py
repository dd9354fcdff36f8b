# Copyright (c) 2026, Petition Management contributors
# See license.txt

from email.message import EmailMessage
from email.utils import make_msgid

import frappe
from frappe.email.receive import InboundMail
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, nowdate

from petition_management.intake.cases import RepeatLinkError
from petition_management.intake.identity import set_letter_sender
from petition_management.petition_management.doctype.petition_letter.petition_letter import (
	AnonymousLetterError,
	PetitionLetterError,
)
from petition_management.tests.factories import make_letter
from petition_management.tests.utils import make_category, make_petitioner, make_unit, make_user

RECEPTION = "_t.letter.reception@petition.example"
HANDLER = "_t.letter.handler@petition.example"
ACCOUNT_EMAIL = "_t.letters@petition.example"
# A Monday; +15 days is a Tuesday and +10 a Thursday, so no roll past a day off
RECEIVED = "2025-03-03"


def letter_count(**filters) -> int:
	return frappe.db.count("Petition Letter", filters)


def received_letter(**values):
	"""A letter received on RECEIVED (a Monday) unless `values` say otherwise."""
	return make_letter(**{"received_on": RECEIVED, **values})


def make_email_account() -> str:
	"""An incoming account that appends to Petition Letter; no server is contacted in tests."""
	name = "_T Petition Letters"
	if not frappe.db.exists("Email Account", name):
		frappe.get_doc(
			{
				"doctype": "Email Account",
				"email_account_name": name,
				"email_id": ACCOUNT_EMAIL,
				"enable_incoming": 1,
				"use_imap": 0,
				"append_to": "Petition Letter",
				"awaiting_password": 1,
				"enable_outgoing": 0,
			}
		).insert(ignore_permissions=True)
	return name


def raw_mail(sender: str, subject: str, body: str, date=None, attachment=None, in_reply_to=None) -> bytes:
	"""A raw RFC 822 mail as a mail client sends it (a non-ASCII subject is one encoded word)."""
	message = EmailMessage()
	message["From"] = sender
	message["To"] = ACCOUNT_EMAIL
	message["Subject"] = subject
	message["Message-ID"] = make_msgid(domain="petition.example")
	if date:
		message["Date"] = date
	if in_reply_to:
		message["In-Reply-To"] = in_reply_to
	message.set_content(body)
	if attachment:
		filename, content = attachment
		message.add_attachment(content, maintype="text", subtype="plain", filename=filename)
	return message.as_bytes()


def receive(raw: bytes):
	"""Frappe's own inbound path: the mail becomes a Communication linked to a Petition Letter."""
	account = frappe.get_doc("Email Account", make_email_account())
	return InboundMail(raw, account).process()


class TestPetitionLetter(FrappeTestCase):
	def setUp(self):
		make_user(RECEPTION, ["Petition Reception Officer"])
		make_user(HANDLER, ["Petition Unit Handler"])
		frappe.set_user(RECEPTION)

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		frappe.clear_document_cache("Petition Settings", "Petition Settings")

	def test_anonymous_letter_has_no_clock_and_needs_no_reply(self):
		letter = received_letter(sender_name="_T 一位居民")  # a name but no address
		self.assertTrue(letter.is_anonymous)
		self.assertIsNone(letter.acceptance_due)
		self.assertEqual(letter.outcome, "No Reply Required")
		self.assertEqual(letter.status, "Closed")
		unsigned = received_letter(sender_address="河西镇幸福路 8 号")  # an address but no name
		self.assertTrue(unsigned.is_anonymous)
		self.assertEqual(unsigned.outcome, "No Reply Required")

	def test_anonymous_letter_cannot_become_a_case(self):
		letter = received_letter()
		letter.outcome = "Registered as a Case"
		with self.assertRaises(AnonymousLetterError) as caught:
			letter.save()
		self.assertIn("anonymous", str(caught.exception))
		self.assertEqual(frappe.db.get_value("Petition Letter", letter.name, "outcome"), "No Reply Required")
		self.assertFalse(frappe.db.exists("Petition Case", {"source_name": letter.name}))

	def test_deleting_a_letter_takes_its_sender_details_with_it(self):
		letter = received_letter(sender_name="_T 王芳", sender_address="城关街道人民路 12 号")
		self.assertTrue(frappe.db.exists("Petition Letter Sender", letter.name))
		frappe.set_user("Administrator")
		frappe.delete_doc("Petition Letter", letter.name)
		self.assertFalse(frappe.db.exists("Petition Letter Sender", letter.name))

	def test_completed_sender_reopens_an_anonymous_letter(self):
		letter = received_letter(sender_name="_T 王芳")
		self.assertEqual(letter.status, "Closed")
		set_letter_sender(letter.name, {"sender_address": "城关街道人民路 12 号"})
		letter.reload()
		self.assertTrue(letter.sender_address_on_file)
		self.assertFalse(letter.is_anonymous)
		self.assertFalse(letter.outcome)
		self.assertEqual(letter.status, "Open")
		self.assertEqual(letter.acceptance_due, getdate("2025-03-18"))

	def test_named_letter_gets_the_acceptance_limit_of_the_settings(self):
		letter = received_letter(sender_name="_T 王芳", sender_address="城关街道人民路 12 号")
		self.assertFalse(letter.is_anonymous)
		self.assertEqual(letter.status, "Open")
		self.assertEqual(letter.acceptance_due, getdate("2025-03-18"))

		frappe.set_user("Administrator")
		settings = frappe.get_single("Petition Settings")
		settings.acceptance_days = 10
		settings.save()
		frappe.set_user(RECEPTION)
		later = received_letter(sender_name="_T 王芳", sender_address="城关街道人民路 12 号")
		self.assertEqual(later.acceptance_due, getdate("2025-03-13"))

	def test_petitioner_fills_the_sender_and_the_category_the_unit(self):
		make_unit("_T Housing Office")
		make_category("_T Noise", default_handling_unit="_T Housing Office")
		petitioner = make_petitioner("_T 李强", email="_t.li.qiang@petition.example")
		letter = received_letter(petitioner=petitioner, category="_T Noise")
		self.assertEqual(letter.sender_name, "_T 李强")
		self.assertEqual(letter.sender_email, "_t.li.qiang@petition.example")
		self.assertFalse(letter.is_anonymous)
		self.assertEqual(letter.suggested_unit, "_T Housing Office")

	def test_sooner_referral_deadline_wins(self):
		referral = {
			"channel": "Referred by Higher Authority",
			"referral_authority": "市信访局",
			"referral_reference": "市信转〔2025〕18 号",
			"sender_name": "_T 赵敏",
			"sender_address": "河西镇幸福路 8 号",
		}
		sooner = received_letter(referral_deadline="2025-03-10", **referral)
		self.assertEqual(sooner.acceptance_due, getdate("2025-03-10"))
		later = received_letter(referral_deadline="2025-04-30", **referral)
		self.assertEqual(later.acceptance_due, getdate("2025-03-18"))

	def test_referral_needs_its_authority_and_a_deadline_after_receipt(self):
		before = letter_count()
		with self.assertRaises(PetitionLetterError) as caught:
			received_letter(channel="Referred by Higher Authority", sender_name="_T 赵敏")
		self.assertIn("referring authority", str(caught.exception))
		with self.assertRaises(PetitionLetterError):
			received_letter(
				channel="Referred by Higher Authority",
				referral_authority="市信访局",
				referral_deadline="2025-03-01",
			)
		self.assertEqual(letter_count(), before)

	def test_future_receipt_is_refused(self):
		before = letter_count()
		with self.assertRaises(PetitionLetterError) as caught:
			received_letter(received_on=add_days(nowdate(), 1))
		self.assertIn("future", str(caught.exception))
		self.assertEqual(letter_count(), before)

	def test_register_case_closes_the_letter(self):
		petitioner = make_petitioner("_T 陈静")
		letter = received_letter(petitioner=petitioner, sender_address="城关街道人民路 12 号")
		letter.outcome = "Registered as a Case"
		letter.save()
		letter.reload()
		self.assertTrue(letter.petition_case)
		self.assertEqual(letter.status, "Closed")
		case = frappe.get_doc("Petition Case", letter.petition_case)
		self.assertEqual((case.source_doctype, case.source_name), ("Petition Letter", letter.name))
		self.assertEqual([row.petitioner for row in case.petitioners], [petitioner])
		letter.outcome = "No Reply Required"
		with self.assertRaises(PetitionLetterError):
			letter.save()
		self.assertEqual(
			frappe.db.get_value("Petition Letter", letter.name, "outcome"), "Registered as a Case"
		)
		self.assertEqual(frappe.db.count("Petition Case", {"source_name": letter.name}), 1)

	def test_repeat_letter_is_noted_on_the_original_case(self):
		petitioner = make_petitioner("_T 陈静")
		first = received_letter(petitioner=petitioner, outcome="Registered as a Case")
		first.reload()
		before = letter_count(outcome="Repeat of an Existing Case")
		with self.assertRaises(PetitionLetterError):
			received_letter(petitioner=petitioner, outcome="Repeat of an Existing Case")
		self.assertEqual(letter_count(outcome="Repeat of an Existing Case"), before)

		again = received_letter(
			petitioner=petitioner, outcome="Repeat of an Existing Case", repeat_of=first.petition_case
		)
		self.assertEqual(again.status, "Closed")
		self.assertFalse(again.petition_case)
		notes = frappe.get_all(
			"Petition Repeat Note",
			filters={"parent": first.petition_case, "source_name": again.name},
			fields=["source_doctype", "petitioner_name"],
		)
		self.assertEqual(len(notes), 1)
		self.assertEqual(notes[0].source_doctype, "Petition Letter")
		again.save()  # saving again notes nothing twice
		self.assertEqual(
			frappe.db.count(
				"Petition Repeat Note", {"parent": first.petition_case, "source_name": again.name}
			),
			1,
		)

	def test_repeat_of_a_missing_case_is_refused(self):
		petitioner = make_petitioner("_T 陈静")
		before = letter_count()
		with self.assertRaises((RepeatLinkError, frappe.LinkValidationError)):
			received_letter(
				petitioner=petitioner, outcome="Repeat of an Existing Case", repeat_of="PC-NO-SUCH-CASE"
			)
		self.assertEqual(letter_count(), before)

	def test_unit_handler_cannot_read_or_create_letters(self):
		letter = received_letter(sender_name="_T 王芳", sender_address="城关街道人民路 12 号")
		frappe.set_user(HANDLER)
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc("Petition Letter", letter.name).check_permission("read")
		with self.assertRaises(frappe.PermissionError):
			frappe.get_list("Petition Letter")
		with self.assertRaises(frappe.PermissionError):
			received_letter(sender_name="_T 王芳")

	def test_sender_matched_only_when_one_petitioner_has_the_email(self):
		make_petitioner("_T 周一", email="_t.shared@petition.example")
		make_petitioner("_T 周二", email="_t.shared@petition.example")
		letter = received_letter(sender_name="_T 周", sender_email="_t.shared@petition.example")
		self.assertFalse(letter.petitioner)


class TestPetitionLetterByEmail(FrappeTestCase):
	"""The real inbound path: raw RFC 822 mail → InboundMail.process() → Communication → letter."""

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def test_inbound_mail_becomes_a_letter_with_its_sender_matched(self):
		petitioner = make_petitioner("_T 张伟", email="_t.zhang.wei@petition.example")
		body = "我家楼下的餐馆油烟直排，已经持续半年。\n\n请有关部门尽快处理。"
		communication = receive(
			raw_mail(
				"张伟 <_T.Zhang.Wei@petition.example>",
				"反映餐馆油烟扰民问题",
				body,
				date="Mon, 03 Mar 2025 10:00:00 +0800",
				attachment=("现场照片说明.txt", "照片拍摄于三月一日晚。".encode()),
			)
		)
		self.assertEqual(communication.reference_doctype, "Petition Letter")
		letter = frappe.get_doc("Petition Letter", communication.reference_name)
		self.assertEqual(letter.channel, "E-mail")
		self.assertEqual(letter.petitioner, petitioner)
		self.assertEqual(letter.sender_email, "_t.zhang.wei@petition.example")
		self.assertEqual(letter.subject, "反映餐馆油烟扰民问题")
		self.assertIn("油烟直排", letter.content)
		self.assertIn("请有关部门尽快处理", letter.content)
		self.assertEqual(letter.received_on, getdate(RECEIVED))
		self.assertEqual(letter.acceptance_due, getdate("2025-03-18"))
		self.assertFalse(letter.is_anonymous)
		self.assertEqual(letter.status, "Open")
		self.assertEqual(
			frappe.get_all(
				"File",
				filters={"attached_to_doctype": "Petition Letter", "attached_to_name": letter.name},
				pluck="file_name",
			),
			["现场照片说明.txt"],
		)

		# A reply in the same thread joins the letter and keeps its first content
		before = frappe.db.count("Petition Letter")
		follow_up = receive(
			raw_mail(
				"张伟 <_t.zhang.wei@petition.example>",
				"答复：反映餐馆油烟扰民问题",
				"补充：晚上十点后仍在营业。",
				in_reply_to=f"<{communication.message_id}>",
			)
		)
		self.assertEqual(follow_up.reference_name, letter.name)
		self.assertEqual(frappe.db.count("Petition Letter"), before)
		self.assertNotIn("补充", frappe.db.get_value("Petition Letter", letter.name, "content"))

	def test_mail_from_an_unknown_named_sender_is_a_named_letter(self):
		communication = receive(
			raw_mail(
				"Li Si <_t.li.si@unknown.example>",
				"_T Broken street lights",
				"The lights on River Road are out.",
			)
		)
		letter = frappe.get_doc("Petition Letter", communication.reference_name)
		self.assertEqual(letter.channel, "E-mail")
		self.assertFalse(letter.petitioner)
		self.assertEqual(letter.sender_name, "Li Si")
		self.assertFalse(letter.is_anonymous)
		self.assertFalse(letter.outcome)
		self.assertTrue(letter.acceptance_due)
		self.assertIn("River Road", letter.content)

	def test_mail_without_a_sender_name_is_anonymous(self):
		communication = receive(raw_mail("_t.nobody@unknown.example", "举报占道经营", "有人违规占道经营。"))
		letter = frappe.get_doc("Petition Letter", communication.reference_name)
		self.assertEqual(letter.channel, "E-mail")
		self.assertTrue(letter.is_anonymous)
		self.assertEqual(letter.outcome, "No Reply Required")
		self.assertEqual(letter.status, "Closed")
		self.assertIsNone(letter.acceptance_due)
