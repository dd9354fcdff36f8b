# Copyright (c) 2026, Petition Management contributors
# See license.txt

"""Petitioner and its Petitioner Identity: the resident ID and what it gives, likely duplicates shown on
save, the demo petitioners. Who may read the identity is in test_petitioner_identity."""

import datetime
import json

import frappe
from frappe.tests.utils import FrappeTestCase

from petition_management.api.petitioner import find_likely_duplicates
from petition_management.intake.identity import create_petitioner
from petition_management.petition_management.doctype.petitioner.petitioner import find_duplicates
from petition_management.petition_management.doctype.petitioner_identity.petitioner_identity import (
	DuplicatePetitionerError,
	PetitionerIdError,
	PetitionerPhoneError,
)
from petition_management.rules.resident_id import check_digit
from petition_management.tests.factories import make_letter
from petition_management.tests.utils import make_user

PUBLISHED_ID = "11010519491231002X"  # GB 11643 example: born 1949-12-31, female
REGION = "_T 河西镇"
PHONE = "13800138000"


def resident_id(region_code: str, born: str, sequence: str) -> str:
	first17 = region_code + born + sequence
	return first17 + check_digit(first17)


def register(full_name: str, **values):
	"""A Petitioner with its identity, as one view of both records (`.doc`: the Petitioner)."""
	doc = create_petitioner({"full_name": full_name, **values}, ignore_permissions=True)
	identity = frappe.db.get_value("Petitioner Identity", doc.name, "*", as_dict=True) or {}
	view = frappe._dict({k: v for k, v in identity.items() if k not in ("name", "full_name", "owner")})
	view.update({k: v for k, v in doc.as_dict().items() if k != "id_type" or not identity})
	view.doc = doc
	return view


def count_named(full_name: str) -> int:
	return frappe.db.count("Petitioner", {"full_name": full_name})


STAFF = {
	"reception": ("ptr-reception@example.com", "Petition Reception Officer"),
	"leader": ("ptr-leader@example.com", "Petition Leader"),
	"supervisor": ("ptr-supervisor@example.com", "Petition Supervisor"),
	"handler": ("ptr-handler@example.com", "Petition Unit Handler"),
}


class PetitionerTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		# real users with exactly one role each, kept (committed) so that each test does not rebuild them
		cls.staff = {key: make_user(email, [role]) for key, (email, role) in STAFF.items()}
		frappe.db.commit()

	def setUp(self):
		frappe.set_user("Administrator")
		frappe.clear_messages()
		# the published example may exist on a demo site; this test's transaction hides it
		for name in frappe.get_all(
			"Petitioner Identity", filters={"id_number": PUBLISHED_ID}, pluck="petitioner"
		):
			frappe.delete_doc("Petitioner", name, force=True)

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.lang = "en"
		frappe.clear_messages()
		frappe.db.rollback()

	def messages(self) -> list[dict]:
		return [json.loads(m) if isinstance(m, str) else m for m in frappe.message_log]


class TestPetitionerIdentity(PetitionerTestCase):
	def test_published_resident_id_sets_birth_date_and_gender(self):
		doc = register("_T Li Na", id_type="PRC Resident ID", id_number=" 11010519491231002x ")
		self.assertEqual(doc.id_number, PUBLISHED_ID)
		self.assertEqual(doc.birth_date, datetime.date(1949, 12, 31))
		self.assertEqual(doc.gender, "Female")
		self.assertEqual(doc.id_number_masked, "110*************2X")
		saved = frappe.db.get_value(
			"Petitioner Identity", doc.name, ["id_number", "birth_date"], as_dict=True
		)
		self.assertEqual(saved, {"id_number": PUBLISHED_ID, "birth_date": datetime.date(1949, 12, 31)})
		self.assertEqual(frappe.db.get_value("Petitioner", doc.name, "gender"), "Female")

	def test_computed_resident_id_gives_male_and_keeps_a_gender_already_set(self):
		number = resident_id("330106", "19800229", "013")  # odd 17th digit: male; a leap day
		doc = register("_T Wang Wei", id_number=number)
		self.assertEqual((doc.gender, doc.birth_date), ("Male", datetime.date(1980, 2, 29)))
		other = register("_T Zhao Min", id_number=resident_id("330106", "19900101", "024"), gender="Male")
		self.assertEqual(other.gender, "Male")

	def assert_refused(self, number: str, english: str, chinese: str):
		name = "_T Bad ID " + number
		with self.assertRaises(PetitionerIdError) as caught:
			register(name, id_type="PRC Resident ID", id_number=number)
		self.assertIn(english, str(caught.exception))
		self.assertEqual(count_named(name), 0)
		frappe.local.lang = "zh"
		try:
			with self.assertRaises(PetitionerIdError) as caught:
				register(name, id_type="PRC Resident ID", id_number=number)
			self.assertIn(chinese, str(caught.exception))
		finally:
			frappe.local.lang = "en"
		self.assertEqual(count_named(name), 0)

	def test_wrong_check_digit_is_refused(self):
		self.assert_refused("110105194912310021", "check digit", "校验位不符")

	def test_impossible_birth_date_is_refused(self):
		number = resident_id("110105", "19490231", "002")  # 31 February, with a correct check digit
		self.assert_refused(number, "1949-02-31, is not a real date", "不是真实日期")

	def test_wrong_length_is_refused(self):
		self.assert_refused("11010519491231002", "18 characters long, not 17", "须为18位")

	def test_passport_is_trimmed_free_text_of_at_most_40_characters(self):
		doc = register("_T John Smith", id_type="Passport", id_number="  E12345678 ")
		self.assertEqual((doc.id_number, doc.birth_date), ("E12345678", None))
		self.assertEqual(doc.id_number_masked, "E12****78")
		with self.assertRaises(PetitionerIdError) as caught:
			register("_T Too Long", id_type="Other", id_number="A" * 41)
		self.assertIn("at most 40 characters", str(caught.exception))
		self.assertEqual(count_named("_T Too Long"), 0)

	def test_no_id_clears_the_number(self):
		doc = register("_T Anonymous", id_type="None", id_number="E1234")
		self.assertIsNone(doc.id_number)
		self.assertIsNone(doc.id_number_masked)
		blank = register("_T Blank", id_type="PRC Resident ID", id_number="  ")
		self.assertEqual((blank.id_type, blank.id_number), ("None", None))

	def test_duplicate_id_number_is_refused_with_a_link(self):
		first = register("_T Li Na", id_number=PUBLISHED_ID)
		with self.assertRaises(DuplicatePetitionerError) as caught:
			register("_T Li Na Again", id_number=PUBLISHED_ID.lower())
		self.assertIn(f"/app/petitioner/{first.name}", str(caught.exception))
		self.assertIn("already registered", str(caught.exception))
		self.assertEqual(count_named("_T Li Na Again"), 0)
		# the record itself saves again without tripping over its own number
		first.doc.notes = "seen again"
		first.doc.save()
		frappe.get_doc("Petitioner Identity", first.name).save()

	def test_same_passport_number_is_refused(self):
		register("_T Anna", id_type="Passport", id_number="X998877")
		self.assertRaises(
			DuplicatePetitionerError,
			lambda: register("_T Anna B", id_type="Passport", id_number=" X998877"),
		)

	def test_phone_is_checked_normalized_and_masked(self):
		doc = register("_T Phone", phone="+86 138-0013-8000")
		self.assertEqual((doc.phone_normalized, doc.phone_masked), (PHONE, "138****8000"))
		with self.assertRaises(PetitionerPhoneError) as caught:
			register("_T Bad Phone", phone="12345")
		self.assertIn("not a valid phone number", str(caught.exception))
		self.assertEqual(count_named("_T Bad Phone"), 0)

	def test_name_key_ignores_spaces_and_middle_dots(self):
		doc = register(" _T 阿依古丽·买买提 ")
		self.assertEqual(doc.full_name, "_T 阿依古丽·买买提")
		self.assertEqual(doc.name_normalized, "_t阿依古丽买买提")


class TestLikelyDuplicates(PetitionerTestCase):
	def setUp(self):
		super().setUp()
		self.original = register("_T 阿依古丽·买买提", region=REGION, phone=PHONE, id_number=PUBLISHED_ID)
		frappe.clear_messages()

	def test_same_phone_is_shown_on_save_without_blocking(self):
		doc = register("_T 王芳", region="_T 城关街道", phone="138 0013 8000")
		self.assertTrue(frappe.db.exists("Petitioner", doc.name))
		shown = [m for m in self.messages() if m.get("title") == "Possible Duplicate Petitioners"]
		self.assertEqual(len(shown), 1)
		self.assertEqual(shown[0]["indicator"], "orange")
		self.assertIn(f"/app/petitioner/{self.original.name}", shown[0]["message"])
		self.assertIn("same phone", shown[0]["message"])
		self.assertNotIn(PHONE, shown[0]["message"])

	def test_same_and_similar_names_in_the_same_region(self):
		same = find_duplicates("_T 阿依古丽 买买提", region=REGION)
		self.assertEqual(
			[(m["name"], m["reasons"]) for m in same], [(self.original.name, ["same_name_region"])]
		)
		similar = find_duplicates("_T 阿依古丽·买买堤", region=REGION)
		self.assertEqual(
			[(m["name"], m["reasons"]) for m in similar], [(self.original.name, ["similar_name_region"])]
		)
		self.assertEqual(find_duplicates("_T 阿依古丽·买买提", region="_T 城关街道"), [])
		self.assertEqual(find_duplicates("_T 张伟", region=REGION), [])

	def test_no_message_for_an_unrelated_person_or_an_unchanged_identity(self):
		register("_T 赵磊", region=REGION, phone="13900139000")
		self.assertFalse([m for m in self.messages() if m.get("title") == "Possible Duplicate Petitioners"])
		twin = register("_T 阿依古丽·买买提", region=REGION)
		frappe.clear_messages()
		twin.doc.notes = "a note"
		twin.doc.save()
		self.assertFalse(self.messages())

	def test_api_returns_masked_values_and_reasons_only(self):
		frappe.set_user(self.staff["reception"])
		result = find_likely_duplicates("_T 阿依古丽·买买提", region=REGION, phone="+8613800138000")
		self.assertEqual(len(result), 1)
		match = result[0]
		self.assertEqual(
			set(match), {"name", "full_name", "region", "id_number_masked", "phone_masked", "reasons"}
		)
		self.assertEqual(match["reasons"], ["same_phone", "same_name_region"])
		self.assertEqual(
			(match["id_number_masked"], match["phone_masked"]), ("110*************2X", "138****8000")
		)
		self.assertNotIn(PHONE, json.dumps(result))
		self.assertNotIn(PUBLISHED_ID, json.dumps(result))
		self.assertEqual(
			find_likely_duplicates("_T 阿依古丽·买买提", region=REGION, exclude=self.original.name), []
		)

	def test_api_refuses_users_who_cannot_register_petitioners(self):
		for user in (self.staff["leader"], self.staff["handler"]):
			frappe.set_user(user)
			with self.assertRaises(frappe.PermissionError):
				find_likely_duplicates("_T 阿依古丽·买买提", region=REGION, phone=PHONE)
			frappe.set_user("Administrator")


class TestDemoPetitioners(PetitionerTestCase):
	def test_demo_petitioners_are_valid_and_made_once(self):
		from petition_management.demo import DemoContext
		from petition_management.demo.petitioners import make_petitioners

		first = DemoContext()
		make_petitioners(first)
		names = first.created["Petitioner"]
		self.assertGreaterEqual(len(set(names)), 38)
		rows = frappe.db.sql(
			"""select p.id_type, i.id_number, i.birth_date, p.gender, p.region, i.phone_normalized
			from `tabPetitioner` p left join `tabPetitioner Identity` i on i.name = p.name
			where p.name in %(names)s""",
			{"names": names},
			as_dict=True,
		)
		residents = [r for r in rows if r.id_type == "PRC Resident ID"]
		self.assertGreaterEqual(len(residents), 30)
		self.assertTrue(all(r.birth_date and r.gender and r.region for r in residents))
		self.assertTrue(any(r.id_type == "Passport" for r in rows))
		self.assertTrue(any(r.id_type == "None" for r in rows))
		# the look-alikes: a shared phone and a namesake in the same township
		self.assertTrue(
			any(
				m["reasons"]
				for m in find_duplicates(
					*frappe.db.get_value("Petitioner", names[0], ["full_name", "region"]),
					frappe.db.get_value("Petitioner Identity", names[0], "phone_normalized"),
					exclude=names[0],
				)
			)
		)
		# a second run, with fakers in another state, adds nobody
		count = frappe.db.count("Petitioner")
		second = DemoContext(seed=7)
		make_petitioners(second)
		self.assertEqual(frappe.db.count("Petitioner"), count)
		self.assertEqual(sorted(second.created["Petitioner"]), sorted(names))


class TestOnlineCandidates(PetitionerTestCase):
	"""An online submission's candidate is merged into the registered person by the office."""

	def test_merging_a_candidate_keeps_the_registered_identity_and_moves_its_records(self):
		registered = register("_T 合并 张伟", id_type="PRC Resident ID", id_number=PUBLISHED_ID, phone=PHONE)
		candidate = register(
			"_T 合并 张伟", identity_unverified=1, id_type="PRC Resident ID", id_number=PUBLISHED_ID
		)
		# a candidate may carry a registered number: nobody on the website learns that it is registered
		self.assertEqual(candidate.id_number, PUBLISHED_ID)
		letter = make_letter(petitioner=candidate.name, sender_name="_T 合并 张伟", ignore_permissions=True)
		frappe.rename_doc("Petitioner", candidate.name, registered.name, merge=True)
		self.assertFalse(frappe.db.exists("Petitioner", candidate.name))
		self.assertFalse(frappe.db.exists("Petitioner Identity", candidate.name))
		self.assertEqual(frappe.db.get_value("Petitioner Identity", registered.name, "phone"), PHONE)
		self.assertEqual(frappe.db.get_value("Petition Letter", letter.name, "petitioner"), registered.name)

	def test_a_candidate_without_a_registered_twin_keeps_its_identity_when_merged(self):
		target = register("_T 合并 李娜")
		candidate = register("_T 合并 李娜", identity_unverified=1, phone="13900139000")
		frappe.rename_doc("Petitioner", candidate.name, target.name, merge=True)
		self.assertEqual(frappe.db.get_value("Petitioner Identity", target.name, "phone"), "13900139000")

	def test_clearing_unverified_checks_the_number_against_the_registered_ones(self):
		register("_T 核实 王芳", id_type="Passport", id_number="_T-X1")
		candidate = register("_T 核实 王芳", identity_unverified=1, id_type="Passport", id_number="_T-X1")
		candidate.doc.identity_unverified = 0
		with self.assertRaises(DuplicatePetitionerError):
			candidate.doc.save()
