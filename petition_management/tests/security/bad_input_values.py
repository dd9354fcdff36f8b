"""What the bad-input corpus is made of: oversized, SQL-like and script values, ID numbers wrong in one
part only, a valid payload of each DocType to spoil one field of, and the roles' short names.

A corpus row is (id, user, kind, arguments[, expected exception type]); kinds: create (doctype, values),
update (doctype, @record, values), workflow (doctype, @record, action: apply_workflow acts on the stored
record), get (path, params), method (dotted path, params), raw (path with @record, JSON body[, HTTP
method]), upload (file name, content), web_form (values). `@name` is a record of the world
(worlds.build_bad_input_world).
"""

import re

import frappe

from petition_management.tests.security import fixtures as fx
from petition_management.tests.security import matrix as m

MB = 1024 * 1024
BIG = "长" * (MB // 3 + 1)  # a little over 1 MB of UTF-8
SQLISH = "1' OR '1'='1'; DROP TABLE `tabPetitioner`; --"
SCRIPT = "<script>alert('x')</script>"
CJK = re.compile(r"[\u4e00-\u9fff]")
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def bad_id(first17: str, check: str | None = None) -> str:
	"""An ID number with a correct check digit (unless given), so that only the part tested is wrong."""
	return first17 + (check if check is not None else fx.check_digit(first17))


def petitioner(**values) -> dict:
	return {"full_name": "_T Sec 坏输入", **values}


def identity(**values) -> dict:
	"""A Petitioner Identity for the world's petitioner without one (none of the corpus saves)."""
	return {"petitioner": "@plain_petitioner", "id_type": "PRC Resident ID", **values}


def case(**values) -> dict:
	return {
		"source_type": "Letter",
		"received_on": frappe.utils.nowdate(),
		"subject": "_T Sec 坏输入案件",
		"content": "<p>_T Sec 内容</p>",
		"petitioners": [{"petitioner": "@petitioner"}],
		**values,
	}


def visit(**values) -> dict:
	return {
		"visit_datetime": str(frappe.utils.now_datetime()),
		"reception_officer": "@reception_user",
		"number_of_visitors": 1,
		"petitioners": [{"petitioner": "@petitioner"}],
		"subject": "_T Sec 坏输入来访",
		"content": "<p>_T Sec 内容</p>",
		**values,
	}


def letter(**values) -> dict:
	today = frappe.utils.nowdate()
	return {
		"channel": "Post",
		"received_on": today,
		"subject": "_T Sec 坏输入来信",
		"content": "<p>x</p>",
		**values,
	}


def extension(**values) -> dict:
	return {"petition_case": "@case_extensible", "days": 5, "reason": "_T Sec 情况复杂", **values}


def review(**values) -> dict:
	today = frappe.utils.nowdate()
	return {"petition_case": "@case_closed", "review_type": "Review", "requested_on": today, **values}


def mediation(**values) -> dict:
	return {
		"subject": "_T Sec 调解",
		"unit": "@unit_a",
		"mediator": "@head_user",
		"opened_on": frappe.utils.nowdate(),
		"dispute_description": "_T Sec 邻里纠纷",
		**values,
	}


def web_form(**values) -> dict:
	return {
		"doctype": "Online Petition",
		"full_name": "_T Sec 网上",
		"address": "_T Sec 某路",
		"subject": "_T Sec 网上信访",
		"content": "_T Sec 内容",
		**values,
	}


def dispute(description: str) -> dict:
	return {
		"description": description,
		"parties_type": "Neighbours",
		"kind": "Neighbourhood",
		"risk_level": "Low",
		"status": "Open",
	}


R, OF, H, HD, L, D = m.RECEPTION, m.OFFICE, m.HANDLER, m.HEAD, m.LEADER, m.DIRECTOR
