"""Audit trail: every DocType of the app that holds petition data tracks changes (Frappe's Version
history), and each edit of a case shows in its history with who made it and when."""

import json
import os

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_datetime, now_datetime

from petition_management.setup.workflows import ensure_workflows
from petition_management.tests.factories import make_case
from petition_management.tests.reliability.sessions import app_doctypes
from petition_management.tests.utils import (
	make_category,
	make_outgoing_email_account,
	make_petitioner,
	make_unit,
	make_users,
)

CASE = "Petition Case"
DOMAIN = "audit.test.local"
DOCTYPE_FOLDER = os.path.join(os.path.dirname(__file__), "..", "..", "petition_management", "doctype")

# DocTypes that need no history, and why. Child tables are tracked through their parent's history.
UNTRACKED = {
	"Petition Digest Log": "a log the daily job writes once per person and day: counts, no petition data",
	"Petition Shipped Record": "the ledger migrate keeps of the shipped records: versions and hashes only",
}


USERS = {
	"reception": ["Petition Reception Officer"],
	"office": ["Petition Office"],
	"office2": ["Petition Office"],
}


def u(login: str) -> str:
	return f"{login}@{DOMAIN}"


def doctype_json(doctype: str) -> dict:
	folder = frappe.scrub(doctype)
	with open(os.path.join(DOCTYPE_FOLDER, folder, f"{folder}.json"), encoding="utf-8") as source:
		return json.load(source)


class TestTrackChanges(FrappeTestCase):
	def test_every_doctype_with_petition_data_tracks_changes(self):
		parents = app_doctypes(include_children=False)
		singles = frappe.get_all(
			"DocType",
			filters={"module": ("in", frappe.get_module_list("petition_management")), "issingle": 1},
			pluck="name",
		)
		self.assertIn(CASE, parents)
		missing_in_json = [
			doctype
			for doctype in [*parents, *singles]
			if doctype not in UNTRACKED and not doctype_json(doctype).get("track_changes")
		]
		missing_on_site = [
			doctype
			for doctype in [*parents, *singles]
			if doctype not in UNTRACKED and not frappe.get_meta(doctype).track_changes
		]
		self.assertEqual(missing_in_json, [], "DocTypes whose JSON lacks track_changes")
		self.assertEqual(missing_on_site, [], "DocTypes not tracking changes on this site (migrate?)")

	def test_the_untracked_ones_still_exist(self):
		"""The exemptions name real DocTypes, so that a renamed one does not slip through."""
		for doctype in UNTRACKED:
			self.assertTrue(frappe.db.exists("DocType", doctype), doctype)


class TestCaseHistory(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_workflows()
		make_users({u(login): roles for login, roles in USERS.items()})
		make_unit("_T Audit Unit")
		make_category("_T Audit Category", default_handling_unit="_T Audit Unit")
		make_outgoing_email_account()
		frappe.db.commit()

	def setUp(self):
		frappe.flags.mute_emails = True
		# Frappe skips the version history in tests unless told otherwise: production keeps it.
		self.in_test = frappe.flags.in_test
		frappe.flags.in_test = False

	def tearDown(self):
		frappe.flags.in_test = self.in_test
		frappe.flags.mute_emails = False
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def edit(self, user: str, name: str, **values):
		frappe.set_user(user)
		doc = frappe.get_doc(CASE, name)
		doc.update(values)
		doc.save()
		return doc

	def history(self, name: str) -> list[dict]:
		versions = frappe.get_all(
			"Version",
			filters={"ref_doctype": CASE, "docname": name},
			fields=["owner", "creation", "data"],
			order_by="creation asc, name asc",
		)
		return [frappe._dict({**version, "data": json.loads(version.data)}) for version in versions]

	def test_each_edit_of_a_case_is_in_its_history_with_who_and_when(self):
		started = now_datetime().replace(microsecond=0)
		case = make_case(
			make_petitioner("_T 王芳"),
			as_user=u("reception"),
			source_type="Visit",
			subject="_T 噪音扰民",
			content="夜间施工噪音。",
			category="_T Audit Category",
		)
		self.edit(u("office"), case.name, subject="_T 夜间施工噪音扰民")
		self.edit(
			u("office2"),
			case.name,
			request="_T 停止夜间施工。",
			petitioners=[
				*frappe.get_doc(CASE, case.name).petitioners,
				{"petitioner": make_petitioner("_T 李强")},
			],
		)
		self.edit(u("office"), case.name, acceptance_proposal="Accept")
		frappe.set_user(u("office"))
		apply_workflow(frappe.get_doc(CASE, case.name), "Propose Acceptance Decision")

		history = self.history(case.name)
		self.assertEqual(
			[version.owner for version in history], [u("office"), u("office2"), u("office"), u("office")]
		)
		for version in history:
			self.assertGreaterEqual(get_datetime(version.creation), started)

		# (old, new) per changed field; an empty value may be stored as None or ""
		changed = [
			{field: (old or None, new or None) for field, old, new in v.data.get("changed", [])}
			for v in history
		]
		self.assertEqual(changed[0]["subject"], ("_T 噪音扰民", "_T 夜间施工噪音扰民"))
		self.assertEqual(changed[1]["request"], (None, "_T 停止夜间施工。"))
		added = history[1].data.get("added", [])
		self.assertEqual(
			[(table, row.get("petitioner_name")) for table, row in added], [("petitioners", "_T 李强")]
		)
		self.assertEqual(changed[2]["acceptance_proposal"], (None, "Accept"))
		self.assertEqual(changed[3]["workflow_state"], ("Registered", "Pending Acceptance"))
		self.assertEqual(changed[3]["proposed_by"], (None, u("office")))

		# who registered it, and when, is on the case itself
		stored = frappe.db.get_value(CASE, case.name, ["owner", "creation"], as_dict=True)
		self.assertEqual(stored.owner, u("reception"))
		self.assertGreaterEqual(get_datetime(stored.creation), started)
