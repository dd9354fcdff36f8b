"""Rows written set-based with `frappe.db.bulk_insert`, with the standard columns Frappe sets on insert.

For the jobs that write many records at once (appraisal runs, daily digests): the rows are built from
documents made in memory, so that every column gets the value a controller insert would give it."""

import frappe


def row_stamp(name: str, user: str, stamp: str) -> dict:
	"""name, owner, modified_by, creation, modified and docstatus as Frappe sets them on a new record."""
	return {
		"name": name,
		"owner": user,
		"modified_by": user,
		"creation": stamp,
		"modified": stamp,
		"docstatus": 0,
	}


def child_row(row, parent: str, parenttype: str, parentfield: str, idx: int, user: str, stamp: str) -> dict:
	"""A child row (a Document of the table) of `parent`, with a new random name, as a dict of columns."""
	row.update(
		{
			**row_stamp(frappe.generate_hash(length=10), user, stamp),
			"parent": parent,
			"parenttype": parenttype,
			"parentfield": parentfield,
			"idx": idx,
		}
	)
	return row.get_valid_dict(convert_dates_to_str=True, ignore_virtual=True)


def insert_rows(doctype: str, rows: list[dict]) -> None:
	"""One INSERT of all the rows (their keys are the columns, the first row's order)."""
	if rows:
		fields = list(rows[0])
		frappe.db.bulk_insert(doctype, fields, [[row.get(f) for f in fields] for row in rows])
