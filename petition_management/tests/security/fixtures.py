"""The people and the protected values of the HTTP security tests.

The web server is another process: it sees only committed rows. The worlds (worlds.py, matrix_world.py)
create the users of this module (with passwords), two units (A, whose head, leader and handler are test
users, and B, which is not theirs), a Petitioner with the ID number, phone and address below, and the
records each suite needs in the states it needs (records.py), then commit. Every record is created by, or
on behalf of, a test user; cleanup.purge() deletes everything they own, their traces and the users
themselves, and commits. It also runs before building, so that a run that died half-way leaves nothing
behind for long.
"""

import frappe
from frappe.utils.password import update_password

from petition_management.rules.resident_id import check_digit
from petition_management.tests.security import matrix as m

DOMAIN = "sec.test.local"
PASSWORD = "Sec-Matrix-2026!xq"
UNIT_A = "_T Sec Unit A"
UNIT_B = "_T Sec Unit B"
CATEGORY = "_T Sec Category"
OLD_YEAR = 2017  # appraisal periods far from any real data


def email(login: str) -> str:
	return f"{login}@{DOMAIN}"


# One user per role of the matrix (the Guest has none), and the helpers the records need.
ROLE_LOGINS = {
	m.RECEPTION: "reception",
	m.OFFICE: "office",
	m.HANDLER: "handler",
	m.HEAD: "head",
	m.LEADER: "leader",
	m.DIRECTOR: "director",
	m.SUPERVISOR: "supervisor",
	m.WEBSITE: "website",
}
# keeper: creates the shared records (Office, Director and Reception at once, never a tested user)
# head-b: unit B's head, so that B has somebody to assign work to
HELPER_LOGINS = {
	"keeper": ["Petition Office", "Petition Director", "Petition Reception Officer"],
	"head-b": ["Petition Unit Head"],
}
ALL_USERS = tuple(email(login) for login in (*ROLE_LOGINS.values(), *HELPER_LOGINS))


def resident_id(first17: str) -> str:
	return first17 + check_digit(first17)


# The protected values of the Petitioner and of the letter: no response to a role without permission
# level 1 may contain any of these strings.
SECRET_ID = resident_id("11010519630719123")
SECRET_PHONE = "13912345678"
SECRET_PHONE_TYPED = "139-1234-5678"
SECRET_ADDRESS = "Secret Lane 88 _T Sec"
SECRET_BIRTH = ("1963-07-19", "19-07-1963", "07-19-1963", "19630719")
LETTER_PHONE = "13698765432"
LETTER_ADDRESS = "Hidden Road 17 _T Sec"
# The masked copies: level 1 on the case and the visit (their petitioner rows), level 0 on the Petitioner.
MASKED_ID = SECRET_ID[:3] + "*" * 13 + SECRET_ID[-2:]
MASKED_PHONE = SECRET_PHONE[:3] + "****" + SECRET_PHONE[-4:]
# The phones before they were corrected: each change leaves a Version (Frappe's change log).
OLD_PHONE = "13755556666"
OLD_PHONE_MASKED = OLD_PHONE[:3] + "****" + OLD_PHONE[-4:]
LETTER_OLD_PHONE = "13611112222"


class World(frappe._dict):
	"""Names of the records built for the tests, by role in the test (`world.case_a`, ...)."""


# --- users and masters ------------------------------------------------------------------------------


def ensure_user(login: str, roles: list[str], user_type: str = "System User") -> str:
	"""An enabled user with exactly these roles and the test password (one save when new)."""
	user_id = email(login)
	if not frappe.db.exists("User", user_id):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": user_id,
				"first_name": f"_T Sec {login}",
				"send_welcome_email": 0,
				"user_type": user_type,
				"roles": [{"role": role} for role in roles],
			}
		).insert(ignore_permissions=True)
	else:
		user = frappe.get_doc("User", user_id)
		if sorted(row.role for row in user.roles) != sorted(roles) or user.user_type != user_type:
			user.set("roles", [{"role": role} for role in roles])
			user.user_type = user_type
			user.save(ignore_permissions=True)
	update_password(user_id, PASSWORD)
	return user_id
