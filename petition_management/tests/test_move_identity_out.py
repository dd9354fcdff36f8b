"""The data patch that moves identity values out of Petitioner, Petition Letter, Online Petition and
Petition Party (patches/move_identity_out.py): every value arrives, counted, and no old column is left.

The old columns are put back for the test (ALTER TABLE commits in MariaDB), filled for a few records
made here, and the patch runs as migrate runs it; the records and columns are removed afterwards."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils.password import get_decrypted_password

from petition_management.patches import move_identity_out as patch
from petition_management.tests.factories import make_letter
from petition_management.tests.utils import make_petitioner

OLD_COLUMNS = {
	"Petitioner": {
		"id_number": "varchar(140)",
		"birth_date": "date",
		"phone": "varchar(140)",
		"phone_normalized": "varchar(140)",
		"address": "text",
	},
	"Petition Letter": {"sender_phone": "varchar(140)", "sender_address": "text"},
	"Online Petition": {"access_code_hash": "varchar(140)"},
	"Petition Party": {"id_number_masked": "varchar(140)", "phone_masked": "varchar(140)"},
}
PEOPLE = {
	"_T Patch 甲": ("11010519491231002X", "1949-12-31", "138-0013-8000", "13800138000", "_T 甲路1号"),
	"_T Patch 乙": (None, None, "13900139000", "13900139000", None),
	"_T Patch 丙": (None, None, None, None, "_T 丙路3号"),
}


def add_old_columns():
	for doctype, columns in OLD_COLUMNS.items():
		missing = [c for c in columns if not frappe.db.has_column(doctype, c)]
		if missing:
			frappe.db.sql_ddl(
				f"alter table `tab{doctype}` " + ", ".join(f"add column `{c}` {columns[c]}" for c in missing)
			)
			frappe.cache.hdel("table_columns", f"tab{doctype}")


class TestMoveIdentityOut(FrappeTestCase):
	def setUp(self):
		self.people, self.letters, self.online = [], [], None
		add_old_columns()
		for full_name, values in PEOPLE.items():
			name = make_petitioner(full_name)
			self.people.append(name)
			frappe.db.sql(
				"""update `tabPetitioner` set id_number=%s, birth_date=%s, phone=%s, phone_normalized=%s,
				address=%s where name=%s""",
				(*values, name),
			)
		for phone, address in (("0571-8888", "_T 信路8号"), (None, None)):
			letter = make_letter(sender_name="_T Patch 来信人", ignore_permissions=True).name
			self.letters.append(letter)
			frappe.db.sql(
				"update `tabPetition Letter` set sender_phone=%s, sender_address=%s where name=%s",
				(phone, address, letter),
			)
		online = frappe.get_doc(
			{"doctype": "Online Petition", "is_anonymous": 1, "subject": "_T Patch", "content": "x"}
		).insert(ignore_permissions=True)
		self.online = online.name
		frappe.db.delete("__Auth", {"doctype": "Online Petition", "name": online.name})
		frappe.db.sql(
			"update `tabOnline Petition` set access_code_hash='pbkdf2_sha256$1$00$11' where name=%s",
			online.name,
		)
		frappe.db.commit()

	def tearDown(self):
		frappe.db.rollback()
		add_old_columns()  # a failed run leaves them; drop them either way
		patch.drop_columns("Petitioner", OLD_COLUMNS["Petitioner"])
		patch.drop_columns("Petition Letter", OLD_COLUMNS["Petition Letter"])
		patch.drop_columns("Online Petition", OLD_COLUMNS["Online Petition"])
		patch.drop_columns("Petition Party", OLD_COLUMNS["Petition Party"])
		frappe.db.delete("Petitioner Identity", {"name": ("in", self.people)})
		frappe.db.delete("Petitioner", {"name": ("in", self.people)})
		frappe.db.delete("Petition Letter Sender", {"name": ("in", self.letters)})
		frappe.db.delete("Petition Letter", {"name": ("in", self.letters)})
		frappe.db.delete("Online Petition", {"name": self.online})
		frappe.db.delete("__Auth", {"doctype": "Online Petition", "name": self.online})
		frappe.db.commit()

	def test_every_value_moves_and_no_old_column_is_left(self):
		patch.execute()
		for (full_name, values), name in zip(PEOPLE.items(), self.people, strict=True):
			row = frappe.db.get_value(
				"Petitioner Identity",
				name,
				["id_number", "birth_date", "phone", "phone_normalized", "address", "petitioner"],
				as_dict=True,
			)
			born = str(row.birth_date) if row.birth_date else None
			self.assertEqual(
				(row.id_number, born, row.phone, row.phone_normalized, row.address, row.petitioner),
				(*values, name),
				full_name,
			)
		self.assertEqual(
			frappe.db.get_value(
				"Petition Letter Sender", self.letters[0], ["sender_phone", "sender_address"], as_dict=True
			),
			{"sender_phone": "0571-8888", "sender_address": "_T 信路8号"},
		)
		self.assertEqual(frappe.db.get_value("Petition Letter", self.letters[0], "sender_address_on_file"), 1)
		# a letter with nothing to move gets no sender record
		self.assertFalse(frappe.db.exists("Petition Letter Sender", self.letters[1]))
		self.assertEqual(
			get_decrypted_password("Online Petition", self.online, "access_code_hash"),
			"pbkdf2_sha256$1$00$11",
		)
		for doctype, columns in OLD_COLUMNS.items():
			for column in columns:
				self.assertFalse(frappe.db.has_column(doctype, column), f"{doctype}.{column}")
		# run again (migrate reruns nothing, but a rerun must be harmless)
		patch.execute()
		self.assertEqual(frappe.db.count("Petitioner Identity", {"name": ("in", self.people)}), 3)
