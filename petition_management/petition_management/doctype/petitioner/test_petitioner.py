# Copyright (c) 2026, Petition Management contributors
# See license.txt

"""Petitioner: the resident ID and what it gives, likely duplicates shown on save, the demo petitioners.
The field-level security of the ID number, phone and address is in test_petitioner_field_levels."""

import datetime
import json

import frappe
from frappe.tests.utils import FrappeTestCase

from petition_management.api.petitioner import find_likely_duplicates
from petition_management.petition_management.doctype.petitioner.petitioner import (
	DuplicatePetitionerError,
	PetitionerIdError,
	PetitionerPhoneError,
	find_duplicates,
)
from petition_management.rules.resident_id import check_digit
from petition_management.tests.factories import new_petitioner
from petition_management.tests.utils import make_user

PUBLISHED_ID = "11010519491231002X"  # GB 11643 example: born 1949-12-31, female
REGION = "_T 河西镇"
PROTECTED = ("id_number", "phone", "address", "phone_normalized", "birth_date")
PHONE = "13800138000"


def resident_id(region_code: str, born: str, sequence: str) -> str:
	first17 = region_code + born + sequence
	return first17 + check_digit(first17)


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
		for name in frappe.get_all("Petitioner", filters={"id_number": PUBLISHED_ID}, pluck="name"):
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
		doc = new_petitioner("_T Li Na", id_type="PRC Resident ID", id_number=" 11010519491231002x ").insert()
		self.assertEqual(doc.id_number, PUBLISHED_ID)
		self.assertEqual(doc.birth_date, datetime.date(1949, 12, 31))
		self.assertEqual(doc.gender, "Female")
		self.assertEqual(doc.id_number_masked, "110*************2X")
		saved = frappe.db.get_value(
			"Petitioner", doc.name, ["id_number", "birth_date", "gender"], as_dict=True
		)
		self.assertEqual(
			saved, {"id_number": PUBLISHED_ID, "birth_date": datetime.date(1949, 12, 31), "gender": "Female"}
		)

	def test_computed_resident_id_gives_male_and_keeps_a_gender_already_set(self):
		number = resident_id("330106", "19800229", "013")  # odd 17th digit: male; a leap day
		doc = new_petitioner("_T Wang Wei", id_number=number).insert()
		self.assertEqual((doc.gender, doc.birth_date), ("Male", datetime.date(1980, 2, 29)))
		other = new_petitioner(
			"_T Zhao Min", id_number=resident_id("330106", "19900101", "024"), gender="Male"
		)
		self.assertEqual(other.insert().gender, "Male")

	def assert_refused(self, number: str, english: str, chinese: str):
		name = "_T Bad ID " + number
		with self.assertRaises(PetitionerIdError) as caught:
			new_petitioner(name, id_type="PRC Resident ID", id_number=number).insert()
		self.assertIn(english, str(caught.exception))
		self.assertEqual(count_named(name), 0)
		frappe.local.lang = "zh"
		try:
			with self.assertRaises(PetitionerIdError) as caught:
				new_petitioner(name, id_type="PRC Resident ID", id_number=number).insert()
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
		doc = new_petitioner("_T John Smith", id_type="Passport", id_number="  E12345678 ").insert()
		self.assertEqual((doc.id_number, doc.birth_date), ("E12345678", None))
		self.assertEqual(doc.id_number_masked, "E12****78")
		with self.assertRaises(PetitionerIdError) as caught:
			new_petitioner("_T Too Long", id_type="Other", id_number="A" * 41).insert()
		self.assertIn("at most 40 characters", str(caught.exception))
		self.assertEqual(count_named("_T Too Long"), 0)

	def test_no_id_clears_the_number(self):
		doc = new_petitioner("_T Anonymous", id_type="None", id_number="E1234").insert()
		self.assertIsNone(doc.id_number)
		self.assertIsNone(doc.id_number_masked)
		blank = new_petitioner("_T Blank", id_type="PRC Resident ID", id_number="  ").insert()
		self.assertEqual((blank.id_type, blank.id_number), ("None", None))

	def test_duplicate_id_number_is_refused_with_a_link(self):
		first = new_petitioner("_T Li Na", id_number=PUBLISHED_ID).insert()
		with self.assertRaises(DuplicatePetitionerError) as caught:
			new_petitioner("_T Li Na Again", id_number=PUBLISHED_ID.lower()).insert()
		self.assertIn(f"/app/petitioner/{first.name}", str(caught.exception))
		self.assertIn("already registered", str(caught.exception))
		self.assertEqual(count_named("_T Li Na Again"), 0)
		# the record itself saves again without tripping over its own number
		first.notes = "seen again"
		first.save()

	def test_same_passport_number_is_refused(self):
		new_petitioner("_T Anna", id_type="Passport", id_number="X998877").insert()
		self.assertRaises(
			DuplicatePetitionerError,
			new_petitioner("_T Anna B", id_type="Passport", id_number=" X998877").insert,
		)

	def test_phone_is_checked_normalized_and_masked(self):
		doc = new_petitioner("_T Phone", phone="+86 138-0013-8000").insert()
		self.assertEqual((doc.phone_normalized, doc.phone_masked), (PHONE, "138****8000"))
		with self.assertRaises(PetitionerPhoneError) as caught:
			new_petitioner("_T Bad Phone", phone="12345").insert()
		self.assertIn("not a valid phone number", str(caught.exception))
		self.assertEqual(count_named("_T Bad Phone"), 0)

	def test_name_key_ignores_spaces_and_middle_dots(self):
		doc = new_petitioner(" _T 阿依古丽·买买提 ").insert()
		self.assertEqual(doc.full_name, "_T 阿依古丽·买买提")
		self.assertEqual(doc.name_normalized, "_t阿依古丽买买提")


class TestLikelyDuplicates(PetitionerTestCase):
	def setUp(self):
		super().setUp()
		self.original = new_petitioner(
			"_T 阿依古丽·买买提", region=REGION, phone=PHONE, id_number=PUBLISHED_ID
		).insert()
		frappe.clear_messages()

	def test_same_phone_is_shown_on_save_without_blocking(self):
		doc = new_petitioner("_T 王芳", region="_T 城关街道", phone="138 0013 8000").insert()
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
		new_petitioner("_T 赵磊", region=REGION, phone="13900139000").insert()
		self.assertFalse([m for m in self.messages() if m.get("title") == "Possible Duplicate Petitioners"])
		twin = new_petitioner("_T 阿依古丽·买买提", region=REGION).insert()
		frappe.clear_messages()
		twin.notes = "a note"
		twin.save()
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
		rows = frappe.get_all(
			"Petitioner",
			filters={"name": ("in", names)},
			fields=["id_type", "id_number", "birth_date", "gender", "region", "phone_normalized"],
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
					*frappe.db.get_value("Petitioner", names[0], ["full_name", "region", "phone_normalized"]),
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
