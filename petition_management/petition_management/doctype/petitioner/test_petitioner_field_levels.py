# Copyright (c) 2026, Petition Management contributors
# See license.txt

"""Petitioner: users without permission level 1 never receive the ID number, phone, address or birth date,
on any read path (REST, get_list, client, report view, desk form and timeline, print, data export), nor
through filters, sorting, grouping, counts or the link search."""

import json

import frappe
import frappe.api.v1
import frappe.client
import frappe.desk.form.load
import frappe.desk.reportview
import frappe.model.db_query
from frappe.core.doctype.data_import.exporter import Exporter

from petition_management.petition_management.doctype.petitioner.test_petitioner import (
	PHONE,
	PROTECTED,
	PUBLISHED_ID,
	REGION,
	PetitionerTestCase,
)
from petition_management.tests.factories import new_petitioner
from petition_management.utils import field_permissions


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
