# Copyright (c) 2026, Petition Management contributors
# See license.txt

import datetime
import json

import frappe
import frappe.api.v1
import frappe.client
import frappe.desk.form.load
import frappe.desk.reportview
import frappe.model.db_query
from frappe.core.doctype.data_import.exporter import Exporter
from frappe.tests.utils import FrappeTestCase

from petition_management.api.petitioner import find_likely_duplicates
from petition_management.petition_management.doctype.petitioner.petitioner import (
	DuplicatePetitionerError,
	PetitionerIdError,
	PetitionerPhoneError,
	find_duplicates,
)
from petition_management.rules.resident_id import check_digit
from petition_management.tests.utils import make_user
from petition_management.utils import field_permissions

PUBLISHED_ID = "11010519491231002X"  # GB 11643 example: born 1949-12-31, female
REGION = "_T 河西镇"
PROTECTED = ("id_number", "phone", "address", "phone_normalized", "birth_date")
PHONE = "13800138000"


def resident_id(region_code: str, born: str, sequence: str) -> str:
	first17 = region_code + born + sequence
	return first17 + check_digit(first17)


def new_petitioner(full_name: str, **values):
	return frappe.get_doc({"doctype": "Petitioner", "full_name": full_name, **values})


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


class TestFieldLevelSecurity(PetitionerTestCase):
	"""Users without permission level 1 never receive the ID number, phone or address."""

	ADDRESS = "_T 河西镇人民路12号3单元"

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		field_permissions.apply()  # what the before_request / before_job hooks do in each process

	def setUp(self):
		super().setUp()
		self.reception = self.staff["reception"]
		self.readers = (self.staff["leader"], self.staff["supervisor"])
		frappe.set_user(self.reception)
		self.doc = new_petitioner(
			"_T 李娜", region=REGION, id_number=PUBLISHED_ID, phone=PHONE, address=self.ADDRESS
		).insert()
		frappe.set_user("Administrator")

	def read_all_ways(self) -> dict[str, dict]:
		"""What the current user receives through every read path, keyed by path."""
		name = self.doc.name
		fields = ["name", "id_number", "phone", "address", "phone_normalized", "birth_date", "full_name"]
		frappe.local.form_dict = frappe._dict()
		got = {"rest doc": frappe.api.v1.read_doc("Petitioner", name).as_dict()}
		frappe.local.form_dict = frappe._dict(fields=json.dumps(fields), filters=json.dumps({"name": name}))
		got["rest list"] = frappe.api.v1.document_list("Petitioner")[0]
		frappe.local.form_dict = frappe._dict()
		for label, selected in (
			("get_list", fields),
			("get_list *", ["*"]),
			("get_list id_number, *", ["id_number", "*"]),
			("get_list qualified", ["`tabPetitioner`.`id_number`", "`tabPetitioner`.`phone`", "name"]),
		):
			got[label] = frappe.get_list("Petitioner", filters={"name": name}, fields=selected)[0]
		got["client.get_list"] = frappe.client.get_list("Petitioner", filters={"name": name}, fields=fields)[
			0
		]
		got["client.get"] = frappe.client.get("Petitioner", name)
		got["client.get_value"] = frappe.client.get_value("Petitioner", fields, {"name": name})
		got["report view"] = self.report_view(name, fields)
		frappe.local.response = frappe._dict(docs=[])
		frappe.desk.form.load.getdoc("Petitioner", name)
		got["desk form"] = frappe.local.response.docs[0].as_dict()
		got["desk timeline"] = {"versions": json.dumps(frappe.local.response.docinfo.versions, default=str)}
		got["print"] = {"html": frappe.get_print("Petitioner", name)}
		exported = Exporter(
			"Petitioner",
			export_fields={
				"Petitioner": ["name", "id_number", "phone", "address", "birth_date", "full_name"]
			},
			export_data=True,
			export_filters={"name": name},
		).get_csv_array_for_export()
		got["data export"] = {"csv": json.dumps(exported, default=str, ensure_ascii=False)}
		return got

	def report_view(self, name: str, fields: list[str]) -> dict:
		frappe.local.form_dict = frappe._dict(
			doctype="Petitioner",
			fields=json.dumps([f"`tabPetitioner`.`{f}`" for f in fields]),
			filters=json.dumps([["Petitioner", "name", "=", name]]),
			view="Report",
			start=0,
			page_length=20,
			with_comment_count=0,
		)
		try:
			result = frappe.desk.reportview.get()
		finally:
			frappe.local.form_dict = frappe._dict()
		return dict(zip(result["keys"], result["values"][0], strict=True))

	def assert_no_secret(self, path: str, row: dict, user: str):
		for fieldname in PROTECTED:
			self.assertIsNone(row.get(fieldname), f"{user} got {fieldname} through {path}")
		text = json.dumps(row, default=str)
		for secret in (PUBLISHED_ID, PHONE, self.ADDRESS, "1949-12-31", "1.3800138"):
			self.assertNotIn(secret, text, f"{user} got {secret} through {path}")

	def test_readers_without_level_1_get_no_protected_field_on_any_path(self):
		# a correction by the reception officer leaves a version in the form's timeline
		frappe.set_user(self.reception)
		doc = frappe.get_doc("Petitioner", self.doc.name)
		doc.phone, doc.address = "13900139000", self.ADDRESS + "（新）"
		doc.save(ignore_version=False)  # tests skip the version log by default
		doc.phone, doc.address = PHONE, self.ADDRESS
		doc.save(ignore_version=False)
		for user in self.readers:
			frappe.set_user(user)
			got = self.read_all_ways()
			for path, row in got.items():
				self.assert_no_secret(path, row, user)
				if path not in ("desk timeline", "print", "data export"):
					self.assertEqual(row.get("name"), self.doc.name, path)
			self.assertEqual(got["rest doc"]["id_number_masked"], "110*************2X")
			self.assertEqual(got["get_list *"]["phone_masked"], "138****8000")
			self.assertEqual(got["report view"]["full_name"], "_T 李娜")
			self.assertIn("phone", got["desk timeline"]["versions"])  # the change is logged, masked

	def test_expressions_over_protected_fields_are_dropped(self):
		frappe.set_user(self.readers[0])
		for fields in (
			["name", "max(phone)*1 as x"],
			["name", "count(*) as c, max(address) as y"],
			["name", "substr(id_number, 1, 18) as z"],
			["name", "birth_date as b", "phone_normalized"],
		):
			rows = frappe.get_list(
				"Petitioner", filters={"name": self.doc.name}, fields=fields, group_by="name"
			)
			self.assertEqual(len(rows), 1, fields)
			self.assertEqual(set(rows[0]), {"name"}, fields)
			self.assert_no_secret(str(fields), rows[0], self.readers[0])

	def test_readers_cannot_filter_sort_or_group_by_protected_fields(self):
		frappe.set_user(self.readers[0])
		for query in (
			{"filters": {"phone": ("like", "138%")}},
			{"filters": [["Petitioner", "id_number", "like", "110%"]]},
			{"filters": [["address", "is", "set"]]},
			{"or_filters": [["phone_normalized", "=", PHONE]]},
			{"order_by": "phone desc"},
			{"order_by": "field(strcmp(`tabPetitioner`.`id_number`, '2'), -1)"},
			{"group_by": "birth_date"},
		):
			with self.assertRaises(field_permissions.FieldNotPermittedError, msg=str(query)):
				frappe.get_list("Petitioner", pluck="name", **query)
		# the same user filters by what they may read
		self.assertEqual(
			frappe.get_list("Petitioner", filters={"region": REGION, "full_name": "_T 李娜"}, pluck="name"),
			[self.doc.name],
		)
		frappe.set_user(self.reception)
		self.assertEqual(
			frappe.get_list("Petitioner", filters={"phone": PHONE}, pluck="name"), [self.doc.name]
		)

	def test_count_and_link_search_do_not_reveal_protected_fields(self):
		reader = self.readers[0]
		frappe.set_user(reader)
		self.assertEqual(
			field_permissions.get_count("Petitioner", {"region": REGION, "full_name": "_T 李娜"}), 1
		)
		for call in (
			lambda: field_permissions.get_count("Petitioner", {"phone": ("like", "138%")}),
			lambda: field_permissions.search_link("Petitioner", "_T 李娜", searchfield="phone"),
			lambda: field_permissions.search_link(
				"Petitioner", "_T", filters={"id_number": ("like", "110%")}, ignore_user_permissions=1
			),
			lambda: field_permissions.search_widget(
				"Petitioner", "_T 李娜", filter_fields='["phone", "address"]', ignore_user_permissions=1
			),
		):
			self.assertRaises(field_permissions.FieldNotPermittedError, call)
		found = field_permissions.search_link("Petitioner", "_T 李娜", ignore_user_permissions=1)
		self.assertEqual([r["value"] for r in found], [self.doc.name])
		self.assert_no_secret("search_link", {"found": found}, reader)
		frappe.set_user(self.staff["handler"])  # no read permission on Petitioner at all
		self.assertRaises(
			frappe.PermissionError, field_permissions.get_count, "Petitioner", {"region": REGION}
		)
		frappe.set_user(self.reception)
		self.assertEqual(field_permissions.get_count("Petitioner", {"phone": ("like", "138%")}), 1)

	def test_guard_is_installed_for_every_request_and_job(self):
		for hook in ("before_request", "before_job"):
			self.assertIn("petition_management.utils.field_permissions.apply", frappe.get_hooks(hook), hook)
		overrides = frappe.get_hooks("override_whitelisted_methods")
		for method in (
			"frappe.client.get_count",
			"frappe.desk.search.search_link",
			"frappe.desk.search.search_widget",
		):
			own = "petition_management.utils.field_permissions." + method.rsplit(".", 1)[-1]
			self.assertEqual(overrides.get(method, [None])[-1], own, method)

	def test_reception_officer_reads_them_all(self):
		frappe.set_user(self.reception)
		got = self.read_all_ways()
		for path in (
			"rest doc",
			"rest list",
			"get_list",
			"get_list *",
			"client.get",
			"client.get_value",
			"report view",
			"desk form",
		):
			row = got[path]
			self.assertEqual(
				(row["id_number"], row["phone"], row["address"], row["phone_normalized"]),
				(PUBLISHED_ID, PHONE, self.ADDRESS, PHONE),
				path,
			)
			self.assertEqual(str(row["birth_date"]), "1949-12-31", path)
		self.assertEqual(got["get_list qualified"]["id_number"], PUBLISHED_ID)
		self.assertIn(PUBLISHED_ID, got["data export"]["csv"])
		self.assertIn(self.ADDRESS, got["data export"]["csv"])

	def test_version_log_masks_protected_values(self):
		frappe.set_user(self.reception)
		doc = frappe.get_doc("Petitioner", self.doc.name)
		doc.phone = "13900139000"
		doc.address = "_T 新地址"
		doc.save(ignore_version=False)
		data = frappe.get_all(
			"Version",
			filters={"ref_doctype": "Petitioner", "docname": doc.name},
			pluck="data",
			order_by="creation desc",
			limit=1,
		)
		self.assertTrue(data, "no version was logged")
		changed = {row[0]: row[1:] for row in json.loads(data[0])["changed"]}
		self.assertEqual(changed["phone"], ["138****8000", "139****9000"])
		self.assertEqual(changed["phone_normalized"], ["138****8000", "139****9000"])
		self.assertEqual(changed["address"], ["***", "***"])
		self.assertNotIn("_T 新地址", data[0])


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
