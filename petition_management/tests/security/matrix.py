"""The permission matrix of the app, as plain data: who may do what on every DocType, and which fields
each role may read. `test_permission_matrix` checks every cell over HTTP with real users logged in to a
running site; `test_field_leaks` checks the fields on every read, list, report, print and export path.

Cells:
- Y   allowed on every record;
- U   allowed on the records of the user's own units only (row-level rules in hooks.py:
      handling/permissions.py, tracking/supervision.py, appraisal/permissions.py, special/screening.py,
      intake/leader_scope.py for a leader's letters, visits and petitioners; for extensions the
      controller's lead-unit rule) and refused on another unit's;
- N   refused;
- NA  the action does not exist for the DocType (submit of a non-submittable DocType, approve without
      a Workflow, delete of a Single): refused for everybody, and tested as such.

Actions: read (the record, and its presence in lists), write, create, delete, submit (frappe.client.submit),
approve (the approval step(s) of the DocType's Workflow, APPROVAL_STEPS below).
Roles: the seven roles of the app, a Website User (a citizen with a portal account) and the Guest.
"""

RECEPTION = "Petition Reception Officer"
OFFICE = "Petition Office"
HANDLER = "Petition Unit Handler"
HEAD = "Petition Unit Head"
LEADER = "Petition Leader"
DIRECTOR = "Petition Director"
SUPERVISOR = "Petition Supervisor"
WEBSITE = "Website User"
GUEST = "Guest"

ROLES = (RECEPTION, OFFICE, HANDLER, HEAD, LEADER, DIRECTOR, SUPERVISOR, WEBSITE, GUEST)
ACTIONS = ("read", "write", "create", "delete", "submit", "approve")
Y, N, U, NA = "Y", "N", "U", "NA"


def row(*cells: str) -> dict[str, str]:
	"""One action's cells, in the order of ROLES."""
	if len(cells) != len(ROLES):
		raise ValueError(f"{len(cells)} cells for {len(ROLES)} roles")
	return dict(zip(ROLES, cells, strict=True))


NOTHING = row(N, N, N, N, N, N, N, N, N)
NOT_APPLICABLE = row(NA, NA, NA, NA, NA, NA, NA, NA, NA)


# fmt: off
MATRIX: dict[str, dict[str, dict[str, str]]] = {
	#                              Rec Off Hdl Head Ldr Dir Sup Web Guest
	"Appraisal Run": {
		"read":    row(N,  Y,  N,  N,  Y,  Y,  Y,  N,  N),
		"write":   row(N,  Y,  N,  N,  N,  N,  Y,  N,  N),
		"create":  row(N,  Y,  N,  N,  N,  N,  Y,  N,  N),
		"delete":  row(N,  Y,  N,  N,  N,  N,  N,  N,  N),
		"submit":  NOT_APPLICABLE,
		"approve": NOT_APPLICABLE,
	},
	"Appraisal Scheme": {
		"read":    row(N,  Y,  N,  N,  Y,  Y,  Y,  N,  N),
		"write":   row(N,  Y,  N,  N,  N,  Y,  N,  N,  N),
		"create":  row(N,  Y,  N,  N,  N,  Y,  N,  N,  N),
		"delete":  row(N,  Y,  N,  N,  N,  N,  N,  N,  N),
		"submit":  NOT_APPLICABLE,
		"approve": NOT_APPLICABLE,
	},
	"Dispute Screening Round": {
		"read":    row(N,  Y,  U,  U,  U,  Y,  Y,  N,  N),
		"write":   row(N,  Y,  U,  U,  N,  N,  N,  N,  N),
		"create":  row(N,  Y,  U,  U,  N,  N,  N,  N,  N),
		"delete":  row(N,  Y,  N,  N,  N,  N,  N,  N,  N),
		"submit":  NOT_APPLICABLE,
		"approve": NOT_APPLICABLE,
	},
	"Emergency Incident": {
		"read":    row(Y,  Y,  N,  N,  Y,  Y,  Y,  N,  N),
		"write":   row(Y,  Y,  N,  N,  Y,  N,  N,  N,  N),
		"create":  row(Y,  Y,  N,  N,  N,  N,  N,  N,  N),
		"delete":  row(N,  Y,  N,  N,  N,  N,  N,  N,  N),
		"submit":  NOT_APPLICABLE,
		"approve": NOT_APPLICABLE,
	},
	"Handling Unit": {
		"read":    row(Y,  Y,  Y,  Y,  Y,  Y,  Y,  N,  N),
		"write":   row(N,  Y,  N,  N,  N,  Y,  N,  N,  N),
		"create":  row(N,  Y,  N,  N,  N,  Y,  N,  N,  N),
		"delete":  row(N,  Y,  N,  N,  N,  N,  N,  N,  N),
		"submit":  NOT_APPLICABLE,
		"approve": NOT_APPLICABLE,
	},
	"Mediation Case": {
		"read":    row(N,  Y,  U,  U,  U,  Y,  Y,  N,  N),
		"write":   row(N,  Y,  U,  U,  N,  N,  N,  N,  N),
		"create":  row(N,  Y,  U,  U,  N,  N,  N,  N,  N),
		"delete":  row(N,  Y,  N,  N,  N,  N,  N,  N,  N),
		"submit":  NOT_APPLICABLE,
		"approve": NOT_APPLICABLE,
	},
	# Citizens submit through the web form /online-petition (tested in tests/test_portal.py), never
	# through the REST API; the desk only reads and deletes.
	"Online Petition": {
		"read":    row(Y,  Y,  N,  N,  N,  Y,  Y,  N,  N),
		"write":   NOTHING,
		"create":  NOTHING,
		"delete":  row(N,  Y,  N,  N,  N,  N,  N,  N,  N),
		"submit":  NOT_APPLICABLE,
		"approve": NOT_APPLICABLE,
	},
	"Petition Appraisal": {
		"read":    row(N,  Y,  U,  U,  U,  Y,  Y,  N,  N),
		"write":   row(N,  Y,  N,  N,  N,  Y,  Y,  N,  N),
		"create":  row(N,  Y,  N,  N,  N,  N,  Y,  N,  N),
		"delete":  row(N,  Y,  N,  N,  N,  N,  N,  N,  N),
		"submit":  NOT_APPLICABLE,
		"approve": row(N,  N,  N,  N,  N,  Y,  N,  N,  N),
	},
	"Petition Case": {
		"read":    row(Y,  Y,  U,  U,  U,  Y,  Y,  N,  N),
		"write":   row(Y,  Y,  N,  N,  N,  Y,  N,  N,  N),
		"create":  row(Y,  Y,  N,  N,  N,  N,  N,  N,  N),
		"delete":  row(N,  Y,  N,  N,  N,  N,  N,  N,  N),
		"submit":  NOT_APPLICABLE,
		"approve": row(N,  N,  N,  N,  N,  Y,  N,  N,  N),
	},
	"Petition Category": {
		"read":    row(Y,  Y,  Y,  Y,  Y,  Y,  Y,  N,  N),
		"write":   row(N,  Y,  N,  N,  N,  Y,  N,  N,  N),
		"create":  row(N,  Y,  N,  N,  N,  Y,  N,  N,  N),
		"delete":  row(N,  Y,  N,  N,  N,  N,  N,  N,  N),
		"submit":  NOT_APPLICABLE,
		"approve": NOT_APPLICABLE,
	},
	# Written by the daily job only.
	"Petition Digest Log": {
		"read":    row(N,  Y,  N,  N,  N,  N,  Y,  N,  N),
		"write":   NOTHING,
		"create":  NOTHING,
		"delete":  NOTHING,
		"submit":  NOT_APPLICABLE,
		"approve": NOT_APPLICABLE,
	},
	# the app's ledger of the shipped records it installed (setup/shipped.py): migrate writes it, the
	# System Manager reads it, no role of the app sees it
	"Petition Shipped Record": {
		"read":    NOTHING,
		"write":   NOTHING,
		"create":  NOTHING,
		"delete":  NOTHING,
		"submit":  NOT_APPLICABLE,
		"approve": NOT_APPLICABLE,
	},
	# A unit person asks only for a case their unit leads, and sees only the requests of the cases their
	# unit handles (as for the cases themselves: an extension shows the case's subject and petitioners).
	"Petition Extension": {
		"read":    row(N,  Y,  U,  U,  U,  Y,  Y,  N,  N),
		"write":   row(N,  Y,  U,  U,  N,  Y,  N,  N,  N),
		"create":  row(N,  Y,  U,  U,  N,  N,  N,  N,  N),
		"delete":  row(N,  Y,  N,  N,  N,  N,  N,  N,  N),
		"submit":  NOT_APPLICABLE,
		"approve": row(N,  N,  N,  N,  N,  Y,  N,  N,  N),
	},
	"Petition Letter": {
		"read":    row(Y,  Y,  N,  N,  U,  Y,  Y,  N,  N),
		"write":   row(Y,  Y,  N,  N,  N,  N,  N,  N,  N),
		"create":  row(Y,  Y,  N,  N,  N,  N,  N,  N,  N),
		"delete":  row(N,  Y,  N,  N,  N,  N,  N,  N,  N),
		"submit":  NOT_APPLICABLE,
		"approve": NOT_APPLICABLE,
	},
	"Petition Return Visit": {
		"read":    row(N,  Y,  N,  N,  Y,  Y,  Y,  N,  N),
		"write":   row(N,  Y,  N,  N,  N,  N,  N,  N,  N),
		"create":  row(N,  Y,  N,  N,  N,  N,  N,  N,  N),
		"delete":  row(N,  Y,  N,  N,  N,  N,  N,  N,  N),
		"submit":  NOT_APPLICABLE,
		"approve": NOT_APPLICABLE,
	},
	"Petition Review": {
		"read":    row(N,  Y,  N,  N,  Y,  Y,  Y,  N,  N),
		"write":   row(N,  Y,  N,  N,  N,  Y,  N,  N,  N),
		"create":  row(N,  Y,  N,  N,  N,  N,  N,  N,  N),
		"delete":  row(N,  Y,  N,  N,  N,  N,  N,  N,  N),
		"submit":  row(N,  N,  N,  N,  N,  Y,  N,  N,  N),
		"approve": NOT_APPLICABLE,
	},
	# A Single has no records to create or submit: POST /api/resource/Petition Settings and
	# frappe.client.submit only save it again (Frappe checks no docstatus on a Single), so they are
	# allowed to exactly the roles that write it.
	"Petition Settings": {
		"read":    row(Y,  Y,  Y,  Y,  Y,  Y,  Y,  N,  N),
		"write":   row(N,  Y,  N,  N,  N,  Y,  N,  N,  N),
		"create":  row(N,  Y,  N,  N,  N,  Y,  N,  N,  N),
		"delete":  NOT_APPLICABLE,
		"submit":  row(N,  Y,  N,  N,  N,  Y,  N,  N,  N),
		"approve": NOT_APPLICABLE,
	},
	"Petition Supervision": {
		"read":    row(N,  Y,  U,  U,  U,  Y,  Y,  N,  N),
		"write":   row(N,  Y,  U,  U,  N,  N,  Y,  N,  N),
		"create":  row(N,  Y,  N,  N,  N,  N,  Y,  N,  N),
		"delete":  row(N,  Y,  N,  N,  N,  N,  Y,  N,  N),
		"submit":  NOT_APPLICABLE,
		"approve": NOT_APPLICABLE,
	},
	"Petition Transfer": {
		"read":    row(N,  Y,  U,  U,  U,  Y,  Y,  N,  N),
		"write":   row(N,  Y,  U,  U,  U,  N,  N,  N,  N),
		"create":  row(N,  Y,  N,  N,  N,  N,  N,  N,  N),
		"delete":  NOTHING,
		"submit":  NOT_APPLICABLE,
		"approve": row(N,  Y,  N,  U,  U,  N,  N,  N,  N),
	},
	"Petition Visit": {
		"read":    row(Y,  Y,  N,  N,  U,  Y,  Y,  N,  N),
		"write":   row(Y,  Y,  N,  N,  N,  N,  N,  N,  N),
		"create":  row(Y,  Y,  N,  N,  N,  N,  N,  N,  N),
		"delete":  row(N,  Y,  N,  N,  N,  N,  N,  N,  N),
		"submit":  NOT_APPLICABLE,
		"approve": NOT_APPLICABLE,
	},
	"Petitioner": {
		"read":    row(Y,  Y,  N,  N,  U,  Y,  Y,  N,  N),
		"write":   row(Y,  Y,  N,  N,  N,  N,  N,  N,  N),
		"create":  row(Y,  Y,  N,  N,  N,  N,  N,  N,  N),
		"delete":  row(N,  Y,  N,  N,  N,  N,  N,  N,  N),
		"submit":  NOT_APPLICABLE,
		"approve": NOT_APPLICABLE,
	},
	# the ID number, birth date, phone and address: reception, the office and the director only
	"Petitioner Identity": {
		"read":    row(Y,  Y,  N,  N,  N,  Y,  N,  N,  N),
		"write":   row(Y,  Y,  N,  N,  N,  N,  N,  N,  N),
		"create":  row(Y,  Y,  N,  N,  N,  N,  N,  N,  N),
		"delete":  NOTHING,
		"submit":  NOT_APPLICABLE,
		"approve": NOT_APPLICABLE,
	},
	"Petition Letter Sender": {
		"read":    row(Y,  Y,  N,  N,  N,  Y,  N,  N,  N),
		"write":   row(Y,  Y,  N,  N,  N,  N,  N,  N,  N),
		"create":  row(Y,  Y,  N,  N,  N,  N,  N,  N,  N),
		"delete":  NOTHING,
		"submit":  NOT_APPLICABLE,
		"approve": NOT_APPLICABLE,
	},
	"Reception Day": {
		"read":    row(Y,  Y,  N,  N,  Y,  Y,  Y,  N,  N),
		"write":   row(Y,  Y,  N,  N,  Y,  N,  N,  N,  N),
		"create":  row(N,  Y,  N,  N,  N,  N,  N,  N,  N),
		"delete":  row(N,  Y,  N,  N,  N,  N,  N,  N,  N),
		"submit":  NOT_APPLICABLE,
		"approve": NOT_APPLICABLE,
	},
	"Reception Schedule": {
		"read":    row(Y,  Y,  N,  N,  Y,  Y,  Y,  N,  N),
		"write":   row(N,  Y,  N,  N,  N,  N,  N,  N,  N),
		"create":  row(N,  Y,  N,  N,  N,  N,  N,  N,  N),
		"delete":  row(N,  Y,  N,  N,  N,  N,  N,  N,  N),
		"submit":  NOT_APPLICABLE,
		"approve": NOT_APPLICABLE,
	},
}
# fmt: on

# What "approve" means: the approval transitions of each Workflow, (action, from state, the role that
# takes it). A role's approve cell is its cell for the steps it takes; every other role is refused every
# step.
APPROVAL_STEPS: dict[str, list[tuple[str, str, str]]] = {
	"Petition Case": [("Approve Acceptance", "Pending Acceptance", DIRECTOR)],
	"Petition Transfer": [
		("Sign as Unit Head", "Reply Drafted", HEAD),
		("Sign as Leader", "Signed by Unit Head", LEADER),
		("Accept Reply", "Signed by Leader", OFFICE),
	],
	"Petition Extension": [("Approve", "Pending Approval", DIRECTOR)],
	"Petition Appraisal": [("Approve", "Under Review", DIRECTOR)],
}

# Field level: the fields above permission level 0 and the roles that may read them. Child-table fields
# are written "table.field" under their parent. No DocType of the app keeps a field that a reader of the
# record may not read: the identity values live in DocTypes of their own (Petitioner Identity, Petition
# Letter Sender) that only PROTECTED_READERS read, so Frappe's DocType checks guard them on every path.
PROTECTED_READERS = (RECEPTION, OFFICE, DIRECTOR)
FIELD_LEVELS: dict[str, dict] = {
	# the order itself: every role that reads orders reads it (a level lets only the office and the
	# supervisors change it)
	"Petition Supervision": {
		"fields": ("petition_case", "unit", "reason", "instructions", "response_due"),
		"readers": (OFFICE, HANDLER, HEAD, LEADER, DIRECTOR, SUPERVISOR),
	},
}

# The personal data of a petitioner: full values only for PROTECTED_READERS; the masked copies on the
# Petitioner for the roles that read Petitioners (a leader: those of their units' cases).
PETITIONER_READERS = tuple(role for role in ROLES if MATRIX["Petitioner"]["read"][role] in (Y, U))


def cell(doctype: str, action: str, role: str) -> str:
	return MATRIX[doctype][action][role]


def cells():
	"""Every (doctype, action, role, cell) of the matrix."""
	for doctype, actions in MATRIX.items():
		for action in ACTIONS:
			for role in ROLES:
				yield doctype, action, role, actions[action][role]
