"""Upgrades reach what an administrator never changed, and never overwrite what one did.

Two scratch Workflows (inactive, on Petition Case, so no live document follows them) are shipped as
version 1; an administrator changes one of them in the desk; the app then ships version 2 of both and
migrate runs: the untouched one is upgraded, the changed one is kept as the administrator left it and
reported (migrate output, a comment on the Workflow, its Petition Shipped Record), until the
administrator adopts the shipped version."""

import frappe
from frappe.tests.utils import FrappeTestCase

from petition_management.setup.install import after_migrate, ensure_indexes
from petition_management.setup.shipped import (
	AS_SHIPPED,
	CHANGED,
	LEDGER,
	Shipped,
	adopt,
	all_shipped,
	get_ledger,
	sync_shipped_records,
)
from petition_management.setup.workflows import shipped_workflow
from petition_management.tests.utils import make_user

ADMIN = "shipped-admin@example.com"
FLOW_CHANGED = "_T Shipped Flow Changed"
FLOW_UNTOUCHED = "_T Shipped Flow Untouched"


def workflow_definition(name: str, version: int) -> dict:
	"""Version 1: Registered -> Pending Acceptance. Version 2 adds a way back."""
	transitions = [
		{
			"state": "Registered",
			"action": "Propose Acceptance",
			"next_state": "Pending Acceptance",
			"allowed": "Petition Office",
			"allow_self_approval": 1,
		}
	]
	if version >= 2:
		transitions.append(
			{
				"state": "Pending Acceptance",
				"action": "Return",
				"next_state": "Registered",
				"allowed": "Petition Director",
				"allow_self_approval": 1,
			}
		)
	return {
		"doctype": "Workflow",
		"name": name,
		"shipped_version": version,
		"workflow_name": name,
		"document_type": "Petition Case",
		"workflow_state_field": "workflow_state",
		"is_active": 0,
		"send_email_alert": 0,
		"states": [
			{"state": "Registered", "doc_status": "0", "allow_edit": "Petition Office"},
			{"state": "Pending Acceptance", "doc_status": "0", "allow_edit": "Petition Director"},
		],
		"transitions": transitions,
	}


def shipped(version: int) -> list[Shipped]:
	return [shipped_workflow(workflow_definition(name, version)) for name in (FLOW_CHANGED, FLOW_UNTOUCHED)]


def transitions_of(name: str) -> list[tuple[str, str, str]]:
	return [(t.state, t.action, t.allowed) for t in frappe.get_doc("Workflow", name).transitions]


class TestShippedRecords(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(ADMIN, ["System Manager"])

	def setUp(self):
		# FrappeTestCase rolls back once per class: each test starts with no scratch workflow
		for name in (FLOW_CHANGED, FLOW_UNTOUCHED):
			if frappe.db.exists("Workflow", name):
				frappe.delete_doc("Workflow", name, force=True, ignore_permissions=True)
			frappe.db.delete(LEDGER, {"reference_doctype": "Workflow", "reference_name": name})
			frappe.db.delete("Comment", {"reference_doctype": "Workflow", "reference_name": name})

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_migrate_upgrades_the_untouched_workflow_and_keeps_the_changed_one(self):
		report = sync_shipped_records(shipped(1), echo=False)
		self.assertEqual(len(report.installed), 2)
		for name in (FLOW_CHANGED, FLOW_UNTOUCHED):
			ledger = get_ledger(shipped(1)[0] if name == FLOW_CHANGED else shipped(1)[1])
			self.assertEqual((ledger.installed_version, ledger.status), (1, AS_SHIPPED))

		# the administrator lets the Director propose too, in the Workflow editor
		frappe.set_user(ADMIN)
		flow = frappe.get_doc("Workflow", FLOW_CHANGED)
		flow.transitions[0].allowed = "Petition Director"
		flow.save()
		frappe.set_user("Administrator")

		report = sync_shipped_records(shipped(2), echo=False)
		self.assertEqual(report.upgraded, [f"Workflow {FLOW_UNTOUCHED}"])
		self.assertEqual(len(report.kept), 1)
		self.assertIn(f'petition-adopt-shipped "Workflow" "{FLOW_CHANGED}"', report.kept[0])

		self.assertIn(("Pending Acceptance", "Return", "Petition Director"), transitions_of(FLOW_UNTOUCHED))
		self.assertEqual(
			transitions_of(FLOW_CHANGED), [("Registered", "Propose Acceptance", "Petition Director")]
		)
		changed, untouched = (get_ledger(s) for s in shipped(2))
		self.assertEqual((untouched.installed_version, untouched.status), (2, AS_SHIPPED))
		self.assertEqual(
			(changed.installed_version, changed.shipped_version, changed.status), (1, 2, CHANGED)
		)
		comments = frappe.get_all(
			"Comment",
			filters={"reference_doctype": "Workflow", "reference_name": FLOW_CHANGED, "comment_type": "Info"},
			pluck="content",
		)
		self.assertEqual(len(comments), 1)
		self.assertIn("version 2", comments[0])

		# a second migrate reports it again, but comments only once per shipped version
		again = sync_shipped_records(shipped(2), echo=False)
		self.assertEqual((again.upgraded, len(again.kept)), ([], 1))
		self.assertEqual(
			frappe.db.count(
				"Comment",
				{"reference_doctype": "Workflow", "reference_name": FLOW_CHANGED, "comment_type": "Info"},
			),
			1,
		)

		# the administrator adopts the shipped version
		adopt("Workflow", FLOW_CHANGED, shipped(2))
		self.assertEqual(
			transitions_of(FLOW_CHANGED),
			[
				("Registered", "Propose Acceptance", "Petition Office"),
				("Pending Acceptance", "Return", "Petition Director"),
			],
		)
		self.assertEqual(get_ledger(shipped(2)[0]).status, AS_SHIPPED)
		self.assertEqual(sync_shipped_records(shipped(2), echo=False).lines(), [])

	def test_a_record_older_than_the_ledger_is_recorded_when_it_equals_the_shipped_version(self):
		sync_shipped_records(shipped(1), echo=False)
		frappe.db.delete(LEDGER, {"reference_name": ("in", [FLOW_CHANGED, FLOW_UNTOUCHED])})
		flow = frappe.get_doc("Workflow", FLOW_CHANGED)
		flow.transitions[0].allowed = "Petition Director"
		flow.save(ignore_permissions=True)

		report = sync_shipped_records(shipped(1), echo=False)
		self.assertEqual(report.upgraded, [])
		self.assertEqual(len(report.kept), 1, "the changed one, of unknown origin, is reported")
		changed, untouched = (get_ledger(s) for s in shipped(1))
		self.assertEqual(untouched.status, AS_SHIPPED)
		self.assertEqual(changed.status, CHANGED)
		# and a later version never overwrites it
		sync_shipped_records(shipped(2), echo=False)
		self.assertEqual(
			transitions_of(FLOW_CHANGED), [("Registered", "Propose Acceptance", "Petition Director")]
		)

	def test_a_deleted_record_comes_back(self):
		sync_shipped_records(shipped(1), echo=False)
		frappe.delete_doc("Workflow", FLOW_UNTOUCHED, force=True, ignore_permissions=True)
		report = sync_shipped_records(shipped(1), echo=False)
		self.assertEqual(report.installed, [f"Workflow {FLOW_UNTOUCHED}"])
		self.assertTrue(frappe.db.exists("Workflow", FLOW_UNTOUCHED))

	def test_adopting_a_record_the_app_does_not_ship_is_refused(self):
		with self.assertRaises(frappe.DoesNotExistError):
			adopt("Workflow", "_T Not Shipped", shipped(1))

	def test_every_record_the_app_ships_is_in_the_ledger_after_migrate(self):
		after_migrate()
		for record in all_shipped():
			if not frappe.db.exists(record.doctype, record.name):
				# only the scheme may be absent: the site has another default scheme
				self.assertEqual(record.doctype, "Appraisal Scheme")
				continue
			ledger = get_ledger(record)
			self.assertIsNotNone(ledger, f"{record.doctype} {record.name}")
			self.assertEqual(ledger.shipped_version, record.version)

	def test_only_a_system_manager_reads_the_ledger(self):
		make_user("shipped-office@example.com", ["Petition Office"])
		self.assertTrue(frappe.has_permission(LEDGER, "read", user=ADMIN))
		self.assertFalse(frappe.has_permission(LEDGER, "read", user="shipped-office@example.com"))
		self.assertFalse(frappe.has_permission(LEDGER, "create", user=ADMIN))


class TestIndexesOnMigrate(FrappeTestCase):
	"""An index the app declares reaches a site on migrate, whether or not the DocType's JSON changed."""

	def test_a_dropped_index_comes_back(self):
		table, victim = "tabPetition Transfer", "unit_role_state_case_index"  # petition_transfer.py
		self.assertIn(
			victim, {row.Key_name for row in frappe.db.sql(f"show index from `{table}`", as_dict=True)}
		)
		frappe.db.sql_ddl(f"alter table `{table}` drop index `{victim}`")
		try:
			ensure_indexes()
		finally:
			present = {row.Key_name for row in frappe.db.sql(f"show index from `{table}`", as_dict=True)}
		self.assertIn(victim, present)
