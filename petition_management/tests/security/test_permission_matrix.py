"""Every cell of the permission matrix (matrix.py), over HTTP, with real users logged in to the site.

For each DocType of the app and each of the nine roles (seven app roles, a Website User, the Guest):
- read: GET /api/resource/<DocType>/<name> of unit A's record (and unit B's, where rows are scoped by
  unit), and the list /api/resource/<DocType> holds exactly the records the role may read;
- write: PUT one field; allowed: saved; refused: HTTP 403 and the record unchanged;
- create: POST a valid new record; allowed: created; refused: HTTP 403 and nothing created;
- submit: frappe.client.submit; approve: frappe.model.workflow.apply_workflow with the approval action;
- delete: DELETE; allowed: gone; refused: HTTP 403 and still there.
Refusals are checked against the database (read in a fresh transaction after each request). Every
failing cell is reported at once. The checks of each action are in matrix_read_write and matrix_lifecycle.
"""

import frappe
from frappe.tests.utils import FrappeTestCase

from petition_management.tests.security import matrix as m
from petition_management.tests.security.cleanup import app_doctypes
from petition_management.tests.security.fixtures import PASSWORD
from petition_management.tests.security.http import Client
from petition_management.tests.security.matrix_lifecycle import LifecycleChecks
from petition_management.tests.security.matrix_outcomes import SINGLE, Outcomes
from petition_management.tests.security.matrix_read_write import ReadWriteChecks
from petition_management.tests.security.matrix_world import build_matrix_world
from petition_management.tests.security.worlds import set_up_world


class TestPermissionMatrix(ReadWriteChecks, LifecycleChecks, FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = set_up_world(cls, build_matrix_world)
		cls.clients = {
			role: Client(user, PASSWORD).login() if user else Client()
			for role, user in cls.world.users.items()
		}

	# --- the declared table --------------------------------------------------------------------------

	def test_matrix_declares_every_doctype_action_and_role(self):
		self.assertCountEqual(m.MATRIX, [*app_doctypes(), SINGLE])
		for doctype, actions in m.MATRIX.items():
			self.assertCountEqual(actions, m.ACTIONS, doctype)
			meta = frappe.get_meta(doctype)
			for action, cells in actions.items():
				self.assertCountEqual(cells, m.ROLES, f"{doctype} {action}")
				self.assertTrue(set(cells.values()) <= {m.Y, m.N, m.U, m.NA}, f"{doctype} {action}")
			if meta.issingle:
				self.assertEqual(actions["create"], actions["write"], doctype)
				self.assertEqual(actions["submit"], actions["write"], doctype)
				self.assertEqual(actions["delete"], m.NOT_APPLICABLE, doctype)
			elif not meta.is_submittable:
				self.assertEqual(actions["submit"], m.NOT_APPLICABLE, doctype)
			has_workflow = bool(frappe.db.exists("Workflow", {"document_type": doctype, "is_active": 1}))
			self.assertEqual(has_workflow, doctype in m.APPROVAL_STEPS, doctype)
			if not has_workflow:
				self.assertEqual(actions["approve"], m.NOT_APPLICABLE, doctype)

	def test_approval_steps_are_the_workflows_and_match_the_cells(self):
		for doctype, steps in m.APPROVAL_STEPS.items():
			workflow = frappe.get_doc("Workflow", {"document_type": doctype, "is_active": 1})
			for action, state, actor in steps:
				allowed = {t.allowed for t in workflow.transitions if t.action == action and t.state == state}
				self.assertEqual(allowed, {actor}, f"{doctype}: {action} from {state}")
			actors = {actor for _action, _state, actor in steps}
			for role in m.ROLES:
				expected = m.N if role not in actors else m.cell(doctype, "approve", role)
				self.assertEqual(m.cell(doctype, "approve", role), expected, f"{doctype} {role}")
				if role in actors:
					self.assertIn(expected, (m.Y, m.U), f"{doctype} {role}")

	# --- every cell over HTTP -------------------------------------------------------------------------

	def test_every_cell_over_http(self):
		outcomes = Outcomes()
		self.check_reads(outcomes)
		self.check_writes(outcomes)
		self.check_creates(outcomes)
		self.check_submits(outcomes)
		self.check_approvals(outcomes)
		self.check_deletes(outcomes)
		untested = sorted(
			f"{doctype} | {action} | {role}"
			for doctype, action, role, _cell in m.cells()
			if (doctype, action, role) not in outcomes.checked
		)
		self.assertEqual(untested, [], "cells never tested")
		self.assertEqual(
			outcomes.failures,
			[],
			f"{len(outcomes.failures)} of {outcomes.count} checks failed:\n" + "\n".join(outcomes.failures),
		)
