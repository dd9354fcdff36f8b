"""Petitioners with their identity, for the server-side paths that register people (the portal, the demo,
the benchmark, the tests): the identity values go to the Petitioner Identity, the rest to the Petitioner.

Both inserts run with the caller's permissions unless `ignore_permissions` is given, so a user who may
create Petitioners but not identities gets Frappe's PermissionError for the identity part.
"""

from contextlib import contextmanager

import frappe

IDENTITY = "Petitioner Identity"
IDENTITY_FIELDS = ("id_type", "id_number", "phone", "address")


@contextmanager
def all_or_nothing(name: str):
	"""Both records or neither: a refused identity takes its Petitioner (or letter) back with it."""
	frappe.db.savepoint(name)
	try:
		yield
	except Exception:
		frappe.db.rollback(save_point=name)
		raise


def split_identity(values: dict) -> tuple[dict, dict]:
	"""(Petitioner values, identity values) of one dict."""
	person = {k: v for k, v in values.items() if k not in IDENTITY_FIELDS}
	identity = {k: values[k] for k in IDENTITY_FIELDS if k in values}
	return person, identity


def create_petitioner(values: dict, ignore_permissions: bool = False):
	"""Insert a Petitioner and, when any identity value is given, its Petitioner Identity; the
	Petitioner as saved (masked copies set)."""
	person, identity = split_identity(values)
	doc = frappe.get_doc({"doctype": "Petitioner", **person})
	with all_or_nothing("pm_new_petitioner"):
		doc.insert(ignore_permissions=ignore_permissions)
		if any(identity.get(k) for k in ("id_number", "phone", "address")):
			set_identity(doc.name, identity, ignore_permissions=ignore_permissions)
			doc.reload()
	return doc


def set_identity(petitioner: str, values: dict, ignore_permissions: bool = False):
	"""Create or update the Petitioner Identity of `petitioner` with `values`."""
	if frappe.db.exists(IDENTITY, petitioner):
		doc = frappe.get_doc(IDENTITY, petitioner)
		doc.update(values)
		doc.save(ignore_permissions=ignore_permissions)
	else:
		doc = frappe.get_doc({"doctype": IDENTITY, "petitioner": petitioner, **values})
		doc.insert(ignore_permissions=ignore_permissions)
	return doc


def identity_values(petitioner: str, fields: tuple = ("id_number", "phone", "address")) -> dict:
	"""Server-side read of a petitioner's identity (callers check who may see it)."""
	return frappe.db.get_value(IDENTITY, petitioner, list(fields), as_dict=True) or frappe._dict()


LETTER_SENDER = "Petition Letter Sender"
SENDER_FIELDS = ("sender_phone", "sender_address")


def set_letter_sender(letter: str, values: dict, ignore_permissions: bool = False):
	"""Create or update the Petition Letter Sender of `letter` (phone, address)."""
	values = {k: values.get(k) for k in SENDER_FIELDS if k in values}
	if frappe.db.exists(LETTER_SENDER, letter):
		doc = frappe.get_doc(LETTER_SENDER, letter)
		doc.update(values)
		doc.save(ignore_permissions=ignore_permissions)
	elif any(values.values()):
		doc = frappe.get_doc({"doctype": LETTER_SENDER, "petition_letter": letter, **values})
		doc.insert(ignore_permissions=ignore_permissions)
	else:
		return None
	return doc


def create_letter(values: dict, ignore_permissions: bool = False):
	"""Insert a Petition Letter and, when a sender phone or address is given, its sender details."""
	sender = {k: values[k] for k in SENDER_FIELDS if k in values}
	letter = frappe.get_doc(
		{"doctype": "Petition Letter", **{k: v for k, v in values.items() if k not in sender}}
	)
	# known before the letter's own checks run: a letter with a name and an address is not anonymous
	letter.flags.sender_address_on_file = bool(sender.get("sender_address"))
	with all_or_nothing("pm_new_letter"):
		letter.insert(ignore_permissions=ignore_permissions)
		if any(sender.values()):
			set_letter_sender(letter.name, sender, ignore_permissions=ignore_permissions)
			letter.reload()
	return letter
