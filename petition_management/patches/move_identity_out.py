"""Move the identity values out of the records everyone reads (set-based, nothing lost):

- Petitioner's ID number, birth date, phone (and its digits) and address go to Petitioner Identity;
- Petition Letter's sender phone and address go to Petition Letter Sender, the letter keeps whether an
  address is on file;
- Online Petition's access code hash goes to Frappe's password store (`__Auth`);
- Petition Party's masked copies are dropped (the forms print them from the Petitioner, for its readers).

Each old column is dropped once its values are copied and counted: a column left in the table would still
answer queries that name it. Running it again finds no old column and does nothing.
"""

import frappe
from frappe.utils.password import set_encrypted_password

PETITIONER_COLUMNS = ("id_number", "birth_date", "phone", "phone_normalized", "address")
LETTER_COLUMNS = ("sender_phone", "sender_address")
PARTY_COLUMNS = ("id_number_masked", "phone_masked")


class IdentityMoveError(Exception):
	"""The copied rows do not add up: nothing is dropped."""


def execute():
	move_petitioner_identity()
	move_letter_sender()
	move_access_code_hashes()
	drop_columns("Petition Party", PARTY_COLUMNS)


def old_columns(doctype: str, columns: tuple) -> list[str]:
	return [c for c in columns if frappe.db.has_column(doctype, c)]


def move_petitioner_identity():
	moved = move_rows(
		"Petitioner",
		"Petitioner Identity",
		PETITIONER_COLUMNS,
		{"petitioner": "name", "full_name": "full_name", "id_type": "ifnull(old.id_type, 'None')"},
	)
	if moved:
		drop_columns("Petitioner", moved)


def move_letter_sender():
	moved = move_rows(
		"Petition Letter",
		"Petition Letter Sender",
		LETTER_COLUMNS,
		{"petition_letter": "name", "sender_name": "sender_name"},
	)
	if not moved:
		return
	if "sender_address" in moved:
		frappe.db.sql(
			"""update `tabPetition Letter` set sender_address_on_file = 1
			where ifnull(sender_address, '') != ''"""
		)
	drop_columns("Petition Letter", moved)


def move_rows(source: str, target: str, columns: tuple, copied: dict[str, str]) -> list[str]:
	"""Insert a `target` row named after each `source` row holding a value in one of its old `columns`
	(plus the `copied` values, SQL of `old`), count the rows whose values arrived, and return the old
	columns found (none: nothing to move). Raises IdentityMoveError when a row is missing."""
	present = old_columns(source, columns)
	if not present:
		return []
	value = {c: f"old.{c}" if c in present else "null" for c in columns}
	has_value = " or ".join(f"ifnull(old.{c}, '') != ''" for c in present)
	names = ", ".join([*copied, *columns])
	values = ", ".join([*(f"old.{v}" if v.isidentifier() else v for v in copied.values()), *value.values()])
	frappe.db.sql(
		f"""
		insert into `tab{target}` (name, {names}, owner, creation, modified, modified_by, docstatus, idx)
		select old.name, {values}, old.owner, old.creation, old.modified, old.modified_by, 0, 0
		from `tab{source}` old
		left join `tab{target}` new on new.name = old.name
		where new.name is null and ({has_value})
		"""
	)
	expected = frappe.db.sql(f"select count(*) from `tab{source}` old where {has_value}")[0][0]
	copied_rows = frappe.db.sql(
		f"""select count(*) from `tab{source}` old join `tab{target}` new on new.name = old.name
		where {" and ".join(f"old.{c} <=> new.{c}" for c in present)}"""
	)[0][0]
	if copied_rows < expected:
		raise IdentityMoveError(f"{target}: {copied_rows} of {expected} rows copied")
	return present


def move_access_code_hashes():
	if not frappe.db.has_column("Online Petition", "access_code_hash"):
		return
	rows = frappe.db.sql(
		"""select name, access_code_hash from `tabOnline Petition` where ifnull(access_code_hash, '') != ''"""
	)
	for name, stored in rows:
		set_encrypted_password("Online Petition", name, stored, "access_code_hash")
	drop_columns("Online Petition", ("access_code_hash",))


def drop_columns(doctype: str, columns) -> None:
	present = old_columns(doctype, tuple(columns))
	if present:
		frappe.db.sql_ddl(
			f"alter table `tab{doctype}` " + ", ".join(f"drop column `{column}`" for column in present)
		)
		frappe.cache.hdel("table_columns", f"tab{doctype}")
