"""What the official forms may print of a person, by the reader's own DocType permissions (Jinja methods).

The forms run with the reader's session: a reader who may read Petitioner Identity (reception, the office,
the director) sees the masked ID number and phone of a case's or a visit's parties; a reader who may read
a letter's Petition Letter Sender sees its phone and address. Nobody else sees either.
"""

import frappe

MASKED = ("id_number_masked", "phone_masked")


def pm_party_identifiers(petitioners) -> dict:
	"""{petitioner: {"id_number_masked", "phone_masked"}} when the reader may read identities, else {}:
	a visit's or a case's form carries even the masked identifiers only for the office roles."""
	names = [p for p in petitioners or [] if isinstance(p, str) and p]
	if not names or not frappe.has_permission("Petitioner Identity", "read"):
		return {}
	rows = frappe.get_list("Petitioner", filters={"name": ("in", names)}, fields=["name", *MASKED])
	return {row.name: row for row in rows}


def pm_letter_sender(letter: str) -> dict:
	"""The phone and address of a letter's sender when the reader may read them, else {}."""
	if not letter or not frappe.db.exists("Petition Letter Sender", letter):
		return {}
	if not frappe.has_permission("Petition Letter Sender", "read", letter):
		return {}
	return (
		frappe.db.get_value(
			"Petition Letter Sender", letter, ["sender_phone", "sender_address"], as_dict=True
		)
		or {}
	)
