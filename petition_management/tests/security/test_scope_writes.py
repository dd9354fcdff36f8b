"""Unit scope is decided from the STORED record, never from the incoming one (issue #17).

The leak: unit B's handler sent `PUT /api/resource/Mediation Case/<unit A's case> {"unit": <unit B>}` and
the case became unit B's, because the permission hooks (and the controllers) read the unit from the
document as the client sent it. For every unit-scoped DocType (those with a has_permission hook) these
tests check, with real users of unit B (a handler tied to it and its head):
- the hooks: unit A's record, with unit B's scope values set in memory, is refused to unit B for reading
  and for writing (the stored record decides);
- a save as that user (frappe.set_user): unit B cannot take unit A's record (PermissionError, the record
  unchanged), and cannot move its own record to another unit or case (refused, the record unchanged),
  not even to a unit below its own; the office still may move a mediation case and a supervision order;
- over HTTP, as the logged-in users: the exact leak above and its siblings answer 403 or 417 and the
  database still holds unit A;
- a mediation case cannot take a dispute from another unit's screening round (set_from_dispute), in
  process and over HTTP.
"""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, nowdate

from petition_management.tests.security.cleanup import TRACES, TREES, app_doctypes, delete_rows
from petition_management.tests.security.fixtures import (
	OLD_YEAR,
	PASSWORD,
	UNIT_A,
	UNIT_B,
	World,
	email,
	ensure_user,
)
from petition_management.tests.security.http import Client
from petition_management.tests.security.records import Builder, insert
from petition_management.tests.security.worlds import build_world, set_up_world
from petition_management.tests.utils import tie_to_unit

HANDLER_B = email("scope-handler-b")  # a Unit Handler tied to unit B (the world has none)
CHILD_B = "_T Sec Scope Unit B1"  # a unit below unit B: in the scope of unit B's people
MEDIATION, ROUND = "Mediation Case", "Dispute Screening Round"
ROUND_DISPUTE = "_T Sec 甲单位排查到的纠纷（不得外泄）"
# The scope field of each unit-scoped DocType (the one a save could move the record with).
SCOPE_FIELDS = {
	MEDIATION: "unit",
	ROUND: "unit",
	"Petition Transfer": "unit",
	"Petition Supervision": "unit",
	"Petition Appraisal": "unit",
	"Petition Extension": "petition_case",
	"Petition Case": "lead_unit",
}
# The DocTypes unit people write (the others they only read): the HTTP checks.
UNIT_WRITTEN = (MEDIATION, ROUND, "Petition Transfer", "Petition Supervision", "Petition Extension")
REFUSED_STATUS = (403, 417)


# --- the world ----------------------------------------------------------------------------------------


def build_scope_world() -> World:
	remove_handler_b()
	return build_world(add_scope_records)


def add_scope_records(b: Builder):
	w = b.world
	ensure_user("scope-handler-b", ["Petition Unit Handler"])
	tie_to_unit(HANDLER_B, UNIT_B)
	w.handler_b, w.child_b = HANDLER_B, CHILD_B
	case_a, transfer_a = b.handled_case(UNIT_A)
	case_b, transfer_b = b.handled_case(UNIT_B)
	w.other_case_b, _transfer = b.handled_case(UNIT_B)
	w.records = {
		MEDIATION: {"A": b.mediation(UNIT_A, email("head")), "B": b.mediation(UNIT_B, w.head_b)},
		ROUND: {"A": screening_round(UNIT_A), "B": screening_round(UNIT_B)},
		"Petition Transfer": {"A": transfer_a, "B": transfer_b},
		"Petition Supervision": {"A": b.supervision(case_a, UNIT_A), "B": b.supervision(case_b, UNIT_B)},
		"Petition Appraisal": {"A": b.appraisal(UNIT_A, OLD_YEAR), "B": b.appraisal(UNIT_B, OLD_YEAR)},
		"Petition Extension": {"A": b.extension(case_a), "B": b.extension(case_b)},
		"Petition Case": {"A": case_a, "B": case_b},
	}
	# a unit below unit B once its records are made (a round is kept by a unit that is no group)
	frappe.db.set_value("Handling Unit", UNIT_B, "is_group", 1)
	insert({"doctype": "Handling Unit", "unit_name": CHILD_B, "parent_handling_unit": UNIT_B})
	w.scope_values = {
		"unit": {"A": UNIT_A, "B": UNIT_B},
		"lead_unit": {"A": UNIT_A, "B": UNIT_B},
		"petition_case": {"A": case_a, "B": case_b},
	}


def screening_round(unit: str) -> str:
	return insert(
		{
			"doctype": ROUND,
			"unit": unit,
			"period_start": f"{OLD_YEAR}-01-01",
			"disputes": [
				{
					"description": f"{ROUND_DISPUTE} {unit}",
					"parties_type": "Neighbours",
					"kind": "Neighbourhood",
					"risk_level": "Low",
					"status": "Open",
				}
			],
		}
	).name


def remove_handler_b():
	"""The extra user, what it owns and its traces (the shared purge knows only the suite's users)."""
	frappe.set_user("Administrator")
	for doctype in app_doctypes():
		if doctype not in TREES:
			delete_rows(doctype, frappe.get_all(doctype, filters={"owner": HANDLER_B}, pluck="name"))
	for doctype in (*TRACES, "User Permission", "Deleted Document"):
		frappe.db.delete(doctype, {"owner": HANDLER_B})
	frappe.db.delete("User Permission", {"user": HANDLER_B})
	frappe.db.delete("Has Role", {"parent": HANDLER_B})
	frappe.db.delete("Sessions", {"user": HANDLER_B})
	if frappe.db.exists("User", HANDLER_B):
		frappe.delete_doc("User", HANDLER_B, force=True, ignore_permissions=True, delete_permanently=True)
	frappe.db.delete("Version", {"ref_doctype": "User", "docname": HANDLER_B})
	frappe.db.delete("Comment", {"reference_doctype": "User", "reference_name": HANDLER_B})
	frappe.db.commit()


def stored(doctype: str, name: str, fieldname: str):
	"""The value as committed (a new transaction: what the server wrote shows too)."""
	frappe.db.rollback()
	return frappe.db.get_value(doctype, name, fieldname)


class TestScopeWrites(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = set_up_world(cls, build_scope_world)
		cls.addClassCleanup(remove_handler_b)  # before the shared purge (last registered, first run)
		cls.actors = (HANDLER_B, cls.world.head_b)

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		super().tearDown()

	def record(self, doctype: str, unit: str) -> str:
		return self.world.records[doctype][unit]

	def scope_value(self, doctype: str, unit: str) -> str:
		return self.world.scope_values[SCOPE_FIELDS[doctype]][unit]

	def save_as(self, user: str, doctype: str, name: str, values: dict):
		"""Load the stored record, set `values` and save it as `user` (the session is restored after)."""
		doc = frappe.get_doc(doctype, name)
		doc.update(values)
		frappe.set_user(user)
		try:
			doc.save()
		finally:
			frappe.set_user("Administrator")
		return doc

	# --- the hooks decide on the stored record ------------------------------------------------------

	def test_hooks_refuse_another_units_record_dressed_as_ones_own(self):
		hooks = frappe.get_hooks("has_permission")
		failures = []
		for doctype, fieldname in SCOPE_FIELDS.items():
			hook = frappe.get_attr(hooks[doctype][-1])
			for user in self.actors:
				doc = frappe.get_doc(doctype, self.record(doctype, "A"))
				if doctype == "Petition Case":
					# a case's readers are its units' people and its key leader and team, as stored
					doc.key_leader = user
					doc.append("key_team", {"user": user})
				else:
					doc.set(fieldname, self.scope_value(doctype, "B"))
				for ptype in ("read", "write"):
					answer = hook(doc, ptype, user)
					if answer is not False:
						failures.append(f"{doctype} {doc.name} {ptype} as {user}: {answer!r}")
				# and the record as stored is unit B's to read: the hook does not refuse everything
				own = frappe.get_doc(doctype, self.record(doctype, "B"))
				if hook(own, "read", user) is False:
					failures.append(f"{doctype} {own.name} (unit B's) read as {user} refused")
		self.assertEqual(failures, [])

	# --- saves as the user --------------------------------------------------------------------------

	def test_unit_b_cannot_take_unit_a_records(self):
		failures = []
		for doctype, fieldname in SCOPE_FIELDS.items():
			name, target = self.record(doctype, "A"), self.scope_value(doctype, "B")
			for user in self.actors:
				try:
					self.save_as(user, doctype, name, {fieldname: target})
				except frappe.PermissionError:
					pass
				except Exception as error:
					failures.append(f"{doctype} {name} as {user}: {error!r}, not a PermissionError")
				else:
					failures.append(f"{doctype} {name} as {user}: saved with {fieldname}={target}")
				frappe.db.rollback()
				self.assertEqual(
					stored(doctype, name, fieldname), self.scope_value(doctype, "A"), f"{doctype} {name}"
				)
		self.assertEqual(failures, [])

	def test_unit_b_cannot_move_its_own_records(self):
		targets = {
			MEDIATION: (UNIT_A, CHILD_B),
			ROUND: (UNIT_A, CHILD_B),
			"Petition Transfer": (UNIT_A, CHILD_B),
			"Petition Supervision": (UNIT_A, CHILD_B),
			"Petition Appraisal": (UNIT_A, CHILD_B),
			"Petition Extension": (self.world.scope_values["petition_case"]["A"], self.world.other_case_b),
			"Petition Case": (UNIT_A, CHILD_B),
		}
		failures = []
		for doctype, fieldname in SCOPE_FIELDS.items():
			name = self.record(doctype, "B")
			for user in self.actors:
				for target in targets[doctype]:
					try:
						self.save_as(user, doctype, name, {fieldname: target})
					except (frappe.PermissionError, frappe.ValidationError):
						pass
					else:
						failures.append(f"{doctype} {name} as {user}: moved to {fieldname}={target}")
					frappe.db.rollback()
					self.assertEqual(
						stored(doctype, name, fieldname), self.scope_value(doctype, "B"), f"{doctype} {name}"
					)
		self.assertEqual(failures, [])

	def test_a_unit_moving_its_mediation_case_below_it_gets_a_clear_refusal(self):
		name = self.record(MEDIATION, "B")
		with self.assertRaises(frappe.PermissionError) as refused:
			self.save_as(HANDLER_B, MEDIATION, name, {"unit": CHILD_B})
		self.assertIn(name, str(refused.exception))
		self.assertEqual(stored(MEDIATION, name, "unit"), UNIT_B)
		# the same user may still work on the case
		self.save_as(HANDLER_B, MEDIATION, name, {"subject": "_T Sec mediation renamed by unit B"})
		self.assertEqual(
			frappe.db.get_value(MEDIATION, name, "subject"), "_T Sec mediation renamed by unit B"
		)

	def test_the_office_may_move_a_mediation_case_and_a_supervision_order(self):
		for doctype in (MEDIATION, "Petition Supervision"):
			name = self.record(doctype, "B")
			self.save_as(self.world.keeper, doctype, name, {"unit": UNIT_A})
			self.assertEqual(frappe.db.get_value(doctype, name, "unit"), UNIT_A, doctype)
			frappe.db.rollback()

	def test_a_case_lead_unit_is_never_taken_from_the_client(self):
		case = self.record("Petition Case", "B")
		self.save_as(self.world.keeper, "Petition Case", case, {"lead_unit": UNIT_A})
		self.assertEqual(frappe.db.get_value("Petition Case", case, "lead_unit"), UNIT_B)

	# --- copying a dispute from a screening round ---------------------------------------------------

	def new_mediation(self, screening_round: str, **values) -> dict:
		return {
			"doctype": MEDIATION,
			"subject": "_T Sec scope mediation from a round",
			"unit": UNIT_B,
			"mediator": self.world.head_b,
			"opened_on": add_days(nowdate(), -1),
			"screening_round": screening_round,
			"dispute_row_no": 1,
			**values,
		}

	def test_a_mediation_case_cannot_copy_another_units_dispute(self):
		round_a = self.record(ROUND, "A")
		for user in self.actors:
			frappe.set_user(user)
			with self.assertRaises(frappe.PermissionError, msg=user):
				frappe.get_doc(self.new_mediation(round_a)).insert()
			frappe.set_user("Administrator")
			frappe.db.rollback()
		self.assertFalse(frappe.db.exists(MEDIATION, {"dispute_description": ("like", f"{ROUND_DISPUTE}%")}))
		# nor by pointing its own case at the other unit's round
		own = self.record(MEDIATION, "B")
		before = frappe.db.get_value(MEDIATION, own, "dispute_description")
		with self.assertRaises(frappe.PermissionError):
			self.save_as(
				HANDLER_B,
				MEDIATION,
				own,
				{"screening_round": round_a, "dispute_row_no": 1, "dispute_description": None},
			)
		self.assertEqual(stored(MEDIATION, own, "dispute_description"), before)
		self.assertIsNone(stored(MEDIATION, own, "screening_round"))

	def test_a_mediation_case_copies_its_own_units_dispute(self):
		frappe.set_user(HANDLER_B)
		doc = frappe.get_doc(self.new_mediation(self.record(ROUND, "B"))).insert()
		frappe.set_user("Administrator")
		self.assertEqual(doc.dispute_description, f"{ROUND_DISPUTE} {UNIT_B}")
		self.assertEqual(doc.unit, UNIT_B)

	# --- over HTTP, as the logged-in users ----------------------------------------------------------

	def client(self, user: str) -> Client:
		return Client(user, PASSWORD).login()

	def test_rest_put_of_unit_b_on_unit_a_mediation_case_is_refused(self):
		"""The exact leak of issue #17."""
		name = self.record(MEDIATION, "A")
		for user in self.actors:
			response = self.client(user).update(MEDIATION, name, {"unit": UNIT_B})
			self.assertIn(response.status_code, REFUSED_STATUS, f"{user}: {response.text[:300]}")
			self.assertEqual(stored(MEDIATION, name, "unit"), UNIT_A, user)

	def test_rest_puts_that_move_records_across_units_are_refused(self):
		failures = []
		for user in self.actors:
			client = self.client(user)
			for doctype in UNIT_WRITTEN:
				fieldname = SCOPE_FIELDS[doctype]
				attempts = [("A", self.scope_value(doctype, "B"), self.scope_value(doctype, "A"))]
				if fieldname == "unit":
					attempts.append(("B", CHILD_B, UNIT_B))
					attempts.append(("B", UNIT_A, UNIT_B))
				for unit, target, kept in attempts:
					name = self.record(doctype, unit)
					response = client.update(doctype, name, {fieldname: target})
					after = stored(doctype, name, fieldname)
					if response.status_code not in REFUSED_STATUS or after != kept:
						failures.append(
							f"{doctype} {name} {fieldname}={target} as {user}: HTTP {response.status_code}, "
							f"stored {after}"
						)
		self.assertEqual(failures, [])

	def test_rest_post_of_a_mediation_case_from_another_units_round_is_refused(self):
		values = self.new_mediation(self.record(ROUND, "A"))
		values.pop("doctype")
		response = self.client(HANDLER_B).create(MEDIATION, values)
		self.assertIn(response.status_code, REFUSED_STATUS, response.text[:300])
		frappe.db.rollback()
		self.assertFalse(frappe.db.exists(MEDIATION, {"dispute_description": ("like", f"{ROUND_DISPUTE}%")}))
		self.assertNotIn(ROUND_DISPUTE, response.text)
