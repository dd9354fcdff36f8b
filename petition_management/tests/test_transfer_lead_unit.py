"""Petition Transfer.lead_unit: the unit of the case's active lead transfer on every transfer of the case,
set by the system only, kept when a lead is issued, withdrawn or deleted, backfilled by a patch, and what
the transfer permission rule (list and single document) keys on."""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, nowdate

from petition_management.handling.permissions import transfer_allowed, transfer_query
from petition_management.handling.transfers import TransferState
from petition_management.patches import set_transfer_lead_unit
from petition_management.setup.workflows import ensure_workflows
from petition_management.tests.utils import make_petitioner, make_staffed_unit, make_user

DOMAIN = "lead-unit.test.local"
UNIT_A, UNIT_B, UNIT_C = "_T Lead Unit Test A", "_T Lead Unit Test B", "_T Lead Unit Test C"
LEAD, CO = "Lead Unit", "Co-handling Unit"
HANDLER, HEAD, LEADER = "Petition Unit Handler", "Petition Unit Head", "Petition Leader"
USERS = {
	"office": ["Petition Office"],
	"handler-a": [HANDLER],
	"handler-b": [HANDLER],
	"handler-c": [HANDLER],
	"head-b": [HEAD],
	"leader-b": [LEADER],
}
# unit: (head, leader, handler tied by a User Permission)
UNITS = {
	UNIT_A: ("head-b", "leader-b", "handler-a"),
	UNIT_B: ("head-b", "leader-b", "handler-b"),
	UNIT_C: ("head-b", "leader-b", "handler-c"),
}


def u(login: str) -> str:
	return f"{login}@{DOMAIN}"


class TestTransferLeadUnit(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		ensure_workflows()
		for login, roles in USERS.items():
			make_user(u(login), roles)
		for unit, (head, leader, handler) in UNITS.items():
			make_staffed_unit(unit, u(head), u(leader), [u(handler)])
		frappe.db.commit()

	def setUp(self):
		frappe.set_user("Administrator")
		self.petitioner = make_petitioner("_T 王芳")

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	# --- helpers -------------------------------------------------------------------------------------

	def make_case(self):
		case = frappe.get_doc(
			{
				"doctype": "Petition Case",
				"source_type": "Letter",
				"received_on": nowdate(),
				"subject": "_T 道路积水",
				"content": "雨后道路积水严重，请求疏通。",
				"petitioners": [{"petitioner": self.petitioner}],
			}
		).insert()
		case.db_set({"workflow_state": "Accepted", "accepted_on": nowdate()})
		case.db_set("handling_due", add_days(nowdate(), 60))
		return case

	def issue(self, case, unit, role=LEAD, **values):
		frappe.set_user(u("office"))
		try:
			return frappe.get_doc(
				{
					"doctype": "Petition Transfer",
					"petition_case": case.name,
					"unit": unit,
					"transfer_role": role,
					**values,
				}
			).insert()
		finally:
			frappe.set_user("Administrator")

	def act(self, login, name, action, **values):
		frappe.set_user(u(login))
		try:
			if values:
				doc = frappe.get_doc("Petition Transfer", name)
				doc.update(values)
				doc.save()
			apply_workflow(frappe.get_doc("Petition Transfer", name), action)
		finally:
			frappe.set_user("Administrator")

	def accept_reply(self, name, handler):
		self.act(handler, name, "Acknowledge Receipt")
		self.act(
			handler,
			name,
			"Submit Reply",
			handling_opinion="<p>_T 已核查。</p>",
			reply_draft="<p>_T 已安排疏通。</p>",
		)
		self.act("head-b", name, "Sign as Unit Head")
		self.act("leader-b", name, "Sign as Leader")
		self.act("office", name, "Accept Reply")

	def lead_units(self, case) -> dict:
		return dict(
			frappe.get_all(
				"Petition Transfer",
				filters={"petition_case": case.name},
				fields=["name", "lead_unit"],
				as_list=1,
			)
		)

	def visible(self, login) -> set:
		frappe.set_user(u(login))
		try:
			return set(frappe.get_list("Petition Transfer", pluck="name"))
		finally:
			frappe.set_user("Administrator")

	def can_read(self, login, name) -> bool:
		doc = frappe.get_doc("Petition Transfer", name)
		return frappe.has_permission("Petition Transfer", "read", doc=doc, user=u(login))

	# --- kept by the system --------------------------------------------------------------------------

	def test_every_transfer_of_the_case_carries_the_active_leads_unit(self):
		case = self.make_case()
		lead = self.issue(case, UNIT_A)
		self.assertEqual(lead.lead_unit, UNIT_A)
		co = self.issue(case, UNIT_B, role=CO)
		self.assertEqual(co.lead_unit, UNIT_A)
		self.assertEqual(self.lead_units(case), {lead.name: UNIT_A, co.name: UNIT_A})

	def test_withdrawing_the_lead_clears_it_and_a_new_lead_sets_it_everywhere(self):
		case = self.make_case()
		lead = self.issue(case, UNIT_A).name
		co = self.issue(case, UNIT_B, role=CO).name
		self.act("office", lead, "Withdraw")
		self.assertEqual(self.lead_units(case), {lead: None, co: None})
		self.assertIsNone(frappe.db.get_value("Petition Case", case.name, "lead_unit"))

		new_lead = self.issue(case, UNIT_C)
		self.assertEqual(new_lead.lead_unit, UNIT_C)
		self.assertEqual(self.lead_units(case), {lead: UNIT_C, co: UNIT_C, new_lead.name: UNIT_C})
		self.assertEqual(frappe.db.get_value("Petition Case", case.name, "lead_unit"), UNIT_C)

	def test_deleting_the_lead_clears_it(self):
		case = self.make_case()
		lead = self.issue(case, UNIT_A).name
		co = self.issue(case, UNIT_B, role=CO).name
		frappe.delete_doc("Petition Transfer", lead)
		self.assertEqual(self.lead_units(case), {co: None})

	def test_a_client_cannot_set_it(self):
		case = self.make_case()
		lead = self.issue(case, UNIT_A, lead_unit=UNIT_C)
		self.assertEqual(lead.lead_unit, UNIT_A)
		co = self.issue(case, UNIT_B, role=CO, lead_unit=UNIT_B)
		self.assertEqual(frappe.db.get_value("Petition Transfer", co.name, "lead_unit"), UNIT_A)

		frappe.set_user(u("handler-b"))
		try:
			doc = frappe.get_doc("Petition Transfer", co.name)
			doc.lead_unit = UNIT_B
			doc.handling_opinion = "<p>_T 初步意见</p>"
			doc.save()
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Petition Transfer", co.name, "lead_unit"), UNIT_A)
		self.assertEqual(doc.lead_unit, UNIT_A)

	def test_patch_backfills_existing_rows(self):
		case = self.make_case()
		withdrawn = self.issue(case, UNIT_A).name
		self.act("office", withdrawn, "Withdraw")
		lead = self.issue(case, UNIT_B).name
		co = self.issue(case, UNIT_C, role=CO).name
		lone = self.issue(self.make_case(), UNIT_A).name
		frappe.db.sql(
			"update `tabPetition Transfer` set lead_unit = case when name = %s then %s else null end "
			"where name in %s",
			(co, UNIT_C, (withdrawn, lead, co, lone)),
		)
		set_transfer_lead_unit.execute()
		self.assertEqual(self.lead_units(case), {withdrawn: UNIT_B, lead: UNIT_B, co: UNIT_B})
		self.assertEqual(frappe.db.get_value("Petition Transfer", lone, "lead_unit"), UNIT_A)

	# --- what the permission rule keys on ------------------------------------------------------------

	def test_the_permission_query_has_no_subquery(self):
		condition = transfer_query(u("handler-a"))
		self.assertIn("lead_unit", condition)
		self.assertNotIn("select", condition.lower())

	def test_the_lead_unit_reads_accepted_co_replies_and_loses_them_with_the_lead(self):
		case = self.make_case()
		lead = self.issue(case, UNIT_A).name
		co = self.issue(case, UNIT_B, role=CO).name
		# a co-unit's draft stays its own
		self.assertEqual(self.visible("handler-a"), {lead})
		self.assertFalse(self.can_read("handler-a", co))
		# a co-unit sees its own transfer, whatever unit leads (lead_unit ignores User Permissions)
		self.assertEqual(self.visible("handler-b"), {co})

		self.accept_reply(co, "handler-b")
		self.assertEqual(self.visible("handler-a"), {lead, co})
		self.assertTrue(self.can_read("handler-a", co))
		doc = frappe.get_doc("Petition Transfer", co)
		self.assertFalse(transfer_allowed(doc, "write", u("handler-a")))
		self.assertEqual(self.visible("handler-c"), set())

		# the lead moves from A to C: so does the right to read B's reply
		self.act("office", lead, "Withdraw")
		new_lead = self.issue(case, UNIT_C).name
		self.assertEqual(self.visible("handler-a"), {lead})
		self.assertFalse(self.can_read("handler-a", co))
		self.assertEqual(self.visible("handler-c"), {new_lead, co})
		self.assertTrue(self.can_read("handler-c", co))
		self.assertEqual(self.visible("handler-b"), {co})

	def test_the_workflow_keeps_the_lead_unit_through_a_reply(self):
		case = self.make_case()
		self.issue(case, UNIT_A)
		co = self.issue(case, UNIT_B, role=CO).name
		self.accept_reply(co, "handler-b")
		self.assertEqual(
			frappe.db.get_value("Petition Transfer", co, "workflow_state"), TransferState.REPLY_ACCEPTED
		)
		self.assertEqual(frappe.db.get_value("Petition Transfer", co, "lead_unit"), UNIT_A)
