"""No silent deletion: closed and archived cases, signed replies and approved appraisals can be deleted by
a System Manager only (tracking/deletion_guard.py), and a deletion leaves a Deleted Document.

Every role of the app is tried, through the permission check (as the desk and the REST API delete) and
around it (code deleting with ignore_permissions): the record stays and nothing is recorded as deleted.
"""

import json
import os

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, now_datetime, nowdate

from petition_management.setup.appraisal_scheme import ensure_default_scheme
from petition_management.setup.workflows import ensure_workflows
from petition_management.tests.factories import issue_transfer, make_case
from petition_management.tests.utils import make_petitioner, make_unit, make_users
from petition_management.tracking.deletion_guard import ProtectedRecordError

CASE, TRANSFER, APPRAISAL = "Petition Case", "Petition Transfer", "Petition Appraisal"
DOMAIN = "deletion.test.local"
UNIT = "_T Deletion Unit"
SYSTEM_MANAGER = f"sysman@{DOMAIN}"


def app_roles() -> list[str]:
	with open(
		os.path.join(os.path.dirname(__file__), "..", "..", "setup", "roles.json"), encoding="utf-8"
	) as f:
		return [role["role_name"] for role in json.load(f)]


def role_user(role: str) -> str:
	return f"{frappe.scrub(role).replace('_', '-')}@{DOMAIN}"


class TestDeletionGuard(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		ensure_workflows()
		cls.roles = app_roles()
		make_users({**{role_user(role): [role] for role in cls.roles}, SYSTEM_MANAGER: ["System Manager"]})
		make_unit(UNIT)
		cls.scheme = ensure_default_scheme()
		frappe.db.commit()

	def setUp(self):
		frappe.set_user("Administrator")
		frappe.flags.mute_emails = True
		self.started = now_datetime()

	def tearDown(self):
		frappe.flags.mute_emails = False
		frappe.set_user("Administrator")
		frappe.db.rollback()

	# --- records --------------------------------------------------------------------------------------

	def make_case(self, state: str = "Registered", **values) -> str:
		case = make_case(
			make_petitioner("_T 赵敏"),
			subject="_T 删除保护",
			state=None if state == "Registered" else state,
			stored=values,
		)
		return case.name

	def make_transfer(self, state: str = "Issued", **values) -> str:
		case = self.make_case("In Handling", accepted_on=nowdate(), handling_due=add_days(nowdate(), 60))
		transfer = issue_transfer(case, UNIT, state=None if state == "Issued" else state, stored=values)
		return transfer.name

	def make_appraisal(self, state: str = "Draft", year: int = 2023) -> str:
		appraisal = frappe.get_doc(
			{"doctype": APPRAISAL, "unit": UNIT, "scheme": self.scheme, "period_type": "Year", "year": year}
		).insert()
		if state != "Draft":
			appraisal.db_set(
				{"workflow_state": state, "approved_by": "Administrator", "approved_on": now_datetime()}
			)
		return appraisal.name

	def protected_records(self) -> list[tuple[str, str]]:
		head = role_user("Petition Unit Head")
		leader = role_user("Petition Leader")
		return [
			(CASE, self.make_case("Closed", closed_on=nowdate())),
			(CASE, self.make_case("Archived", closed_on=nowdate(), archived_on=nowdate())),
			(
				TRANSFER,
				self.make_transfer("Signed by Unit Head", head_signed_by=head, head_signed_on=now_datetime()),
			),
			(
				TRANSFER,
				self.make_transfer(
					"Reply Accepted",
					head_signed_by=head,
					head_signed_on=now_datetime(),
					leader_signed_by=leader,
					leader_signed_on=now_datetime(),
				),
			),
			(APPRAISAL, self.make_appraisal("Approved")),
		]

	def deleted_documents(self, doctype: str, name: str) -> list[dict]:
		return frappe.get_all(
			"Deleted Document",
			filters={"deleted_doctype": doctype, "deleted_name": name},
			fields=["owner", "creation", "data"],
		)

	def assert_kept(self, doctype: str, name: str, who: str):
		self.assertTrue(frappe.db.exists(doctype, name), f"{who} deleted {doctype} {name}")
		self.assertEqual(self.deleted_documents(doctype, name), [])

	def assert_deleted_and_recorded(self, doctype: str, name: str, by: str):
		self.assertFalse(frappe.db.exists(doctype, name))
		[record] = self.deleted_documents(doctype, name)
		self.assertEqual(record.owner, by)
		self.assertGreaterEqual(record.creation, self.started)
		data = json.loads(record.data)
		self.assertEqual((data["doctype"], data["name"]), (doctype, name))
		return data

	# --- refused --------------------------------------------------------------------------------------

	def test_no_role_but_system_manager_deletes_a_protected_record(self):
		records = self.protected_records()
		for role in self.roles:
			user = role_user(role)
			for doctype, name in records:
				with self.subTest(role=role, record=name):
					frappe.set_user(user)
					# as the desk and the REST API delete: role permissions first, then the guard
					with self.assertRaises((frappe.PermissionError, frappe.ValidationError)):
						frappe.delete_doc(doctype, name)
					# code that skips the permission check still meets the guard
					with self.assertRaises(frappe.ValidationError) as caught:
						frappe.delete_doc(doctype, name, ignore_permissions=True)
					if doctype != APPRAISAL:  # the appraisal's own freeze may refuse first
						self.assertIsInstance(caught.exception, ProtectedRecordError)
						self.assertIn(name, str(caught.exception))
					frappe.set_user("Administrator")
					self.assert_kept(doctype, name, user)

	def test_the_guard_refuses_a_petition_office_user_who_has_the_delete_permission(self):
		"""The Petition Office may delete cases by role permission: the guard is what stops it."""
		name = self.make_case("Closed", closed_on=nowdate())
		frappe.set_user(role_user("Petition Office"))
		self.assertTrue(frappe.has_permission(CASE, "delete", name))
		self.assertRaises(ProtectedRecordError, frappe.delete_doc, CASE, name)
		frappe.set_user("Administrator")
		self.assert_kept(CASE, name, "Petition Office")

	def test_a_reply_signed_and_then_sent_back_for_rework_stays_protected(self):
		name = self.make_transfer(
			"Reply Drafted", head_signed_by=role_user("Petition Unit Head"), head_signed_on=now_datetime()
		)
		frappe.set_user(role_user("Petition Office"))
		self.assertRaises(ProtectedRecordError, frappe.delete_doc, TRANSFER, name, ignore_permissions=True)

	# --- allowed --------------------------------------------------------------------------------------

	def test_a_system_manager_deletes_closed_cases_and_signed_replies_and_a_deleted_document_is_kept(self):
		records = [(doctype, name) for doctype, name in self.protected_records() if doctype != APPRAISAL]
		frappe.set_user(SYSTEM_MANAGER)
		for doctype, name in records:
			state = frappe.db.get_value(doctype, name, "workflow_state")
			frappe.delete_doc(doctype, name)
			data = self.assert_deleted_and_recorded(doctype, name, SYSTEM_MANAGER)
			self.assertEqual(data["workflow_state"], state)

	def test_a_system_manager_deletes_an_approved_appraisal_and_a_deleted_document_is_kept(self):
		name = self.make_appraisal("Approved")
		frappe.set_user(SYSTEM_MANAGER)
		frappe.delete_doc(APPRAISAL, name)
		self.assertEqual(
			self.assert_deleted_and_recorded(APPRAISAL, name, SYSTEM_MANAGER)["workflow_state"], "Approved"
		)

	def test_records_still_open_are_deleted_as_the_role_permissions_say(self):
		office = role_user("Petition Office")
		case, appraisal = self.make_case(), self.make_appraisal(year=2022)
		transfer = self.make_transfer("Reply Drafted")
		frappe.set_user(office)
		frappe.delete_doc(CASE, case)
		frappe.delete_doc(APPRAISAL, appraisal)
		self.assertRaises(frappe.PermissionError, frappe.delete_doc, TRANSFER, transfer)  # by role, not guard
		frappe.set_user(SYSTEM_MANAGER)
		frappe.delete_doc(TRANSFER, transfer)
		self.assert_deleted_and_recorded(CASE, case, office)
		self.assert_deleted_and_recorded(APPRAISAL, appraisal, office)
		self.assert_deleted_and_recorded(TRANSFER, transfer, SYSTEM_MANAGER)
