"""Key cases: one issue, one leader, one team; the leader's visit log; "my key cases"."""

import frappe
from frappe.utils import add_days, nowdate

from petition_management.api.key_cases import log_leader_visit, my_key_cases
from petition_management.special.key_cases import (
	KeyLeaderError,
	KeyTeamError,
	LeaderVisitError,
	LeaderVisitLockedError,
	key_case_route,
	validate_key_case,
)
from petition_management.tests.test_case_workflow import OFFICE, CaseWorkflowTestCase
from petition_management.tests.utils import make_user

DOMAIN = "keycase.test.local"
LEADER, DEPUTY, OTHER_LEADER = f"leader@{DOMAIN}", f"deputy@{DOMAIN}", f"other-leader@{DOMAIN}"
TEAM_HANDLER, SUPERVISOR = f"team-handler@{DOMAIN}", f"supervisor@{DOMAIN}"


class TestKeyCases(CaseWorkflowTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		for user in (LEADER, DEPUTY, OTHER_LEADER):
			make_user(user, ["Petition Leader"])
		make_user(TEAM_HANDLER, ["Petition Unit Handler"])
		make_user(SUPERVISOR, ["Petition Supervisor"])
		frappe.db.commit()

	def key_case(self, **values):
		"""A case received ten days ago, made key with LEADER responsible and DEPUTY and TEAM_HANDLER on
		the team."""
		case = self.register(received_on=add_days(nowdate(), -10))
		frappe.set_user("Administrator")
		case = frappe.get_doc("Petition Case", case.name)
		case.update({"is_key_case": 1, "key_leader": LEADER, **values})
		if "key_team" not in values:
			case.set("key_team", [{"user": DEPUTY}, {"user": TEAM_HANDLER}])
		case.save()  # Petition Case.validate runs validate_key_case
		return case

	def visit(self, case, leader=LEADER, visit_date=None, note="_T 约见信访人，听取诉求"):
		return case.append(
			"leader_visits", {"visit_date": visit_date or nowdate(), "leader": leader, "visit_note": note}
		)

	# --- the key leader and the team -----------------------------------------------------------------

	def test_a_key_case_needs_an_enabled_leader(self):
		case = self.register()
		frappe.set_user("Administrator")
		case = frappe.get_doc("Petition Case", case.name)
		case.is_key_case = 1
		with self.assertRaises(KeyLeaderError):
			validate_key_case(case)
		case.key_leader = TEAM_HANDLER
		with self.assertRaises(KeyLeaderError):
			validate_key_case(case)
		frappe.db.set_value("User", OTHER_LEADER, "enabled", 0)
		case.key_leader = OTHER_LEADER
		with self.assertRaises(KeyLeaderError):
			validate_key_case(case)
		case.key_leader = LEADER
		validate_key_case(case)

	def test_the_team_lists_enabled_users_once(self):
		case = self.key_case()
		case.append("key_team", {"user": DEPUTY})
		with self.assertRaises(KeyTeamError):
			validate_key_case(case)
		case.key_team.pop()
		frappe.db.set_value("User", OTHER_LEADER, "enabled", 0)
		case.append("key_team", {"user": OTHER_LEADER})
		with self.assertRaises(KeyTeamError):
			validate_key_case(case)

	# --- the visit log --------------------------------------------------------------------------------

	def test_the_key_leader_and_the_teams_leaders_log_visits(self):
		case = self.key_case()
		self.visit(case, LEADER)
		self.visit(case, DEPUTY, visit_date=add_days(nowdate(), -1))
		validate_key_case(case)
		case.save()
		stored = frappe.get_all(
			"Petition Leader Visit", filters={"parent": case.name}, fields=["leader"], order_by="idx"
		)
		self.assertEqual([row.leader for row in stored], [LEADER, DEPUTY])

	def test_only_leaders_of_the_key_case_log_visits(self):
		case = self.key_case()
		for user in (OTHER_LEADER, TEAM_HANDLER):
			row = self.visit(case, user)
			with self.assertRaises(LeaderVisitError):
				validate_key_case(case)
			case.remove(row)

	def test_a_visit_is_not_in_the_future_nor_before_the_case(self):
		case = self.key_case()
		row = self.visit(case, visit_date=add_days(nowdate(), 1))
		with self.assertRaises(LeaderVisitError):
			validate_key_case(case)
		case.remove(row)
		self.visit(case, visit_date=add_days(case.received_on, -1))
		with self.assertRaises(LeaderVisitError):
			validate_key_case(case)

	def test_visits_are_logged_until_the_case_is_closed(self):
		case = self.key_case()
		for state in ("Closed", "Archived"):
			case.workflow_state = state
			row = self.visit(case)
			with self.assertRaises(LeaderVisitError) as caught:
				validate_key_case(case)
			self.assertIn(state, str(caught.exception))
			case.remove(row)

	def test_a_case_that_is_not_key_logs_no_visits(self):
		case = self.register()
		frappe.set_user("Administrator")
		case = frappe.get_doc("Petition Case", case.name)
		self.visit(case)
		with self.assertRaises(LeaderVisitError):
			validate_key_case(case)

	def test_a_logged_visit_is_kept_as_it_is(self):
		case = self.key_case()
		self.visit(case)
		self.visit(case, DEPUTY)
		validate_key_case(case)
		case.save()
		case = frappe.get_doc("Petition Case", case.name)
		case.leader_visits[0].visit_note = "_T 改写"
		with self.assertRaises(LeaderVisitLockedError):
			validate_key_case(case)
		case = frappe.get_doc("Petition Case", case.name)
		case.leader_visits[1].visit_date = add_days(nowdate(), -2)
		with self.assertRaises(LeaderVisitLockedError):
			validate_key_case(case)
		case = frappe.get_doc("Petition Case", case.name)
		case.remove(case.leader_visits[0])
		with self.assertRaises(LeaderVisitLockedError):
			validate_key_case(case)
		# closing the case or unmarking it keeps the log valid
		case = frappe.get_doc("Petition Case", case.name)
		case.workflow_state = "Closed"
		validate_key_case(case)

	def test_the_case_controller_runs_the_checks_on_save(self):
		"""A plain save of the case refuses what validate_key_case refuses, and stores none of it."""
		case = self.key_case()
		case.key_leader = TEAM_HANDLER  # not a leader
		with self.assertRaises(KeyLeaderError):
			case.save()
		case = frappe.get_doc("Petition Case", case.name)
		case.append("key_team", {"user": DEPUTY})  # listed twice
		with self.assertRaises(KeyTeamError):
			case.save()
		case = frappe.get_doc("Petition Case", case.name)
		self.visit(case, OTHER_LEADER)  # a leader, but not of this key case
		with self.assertRaises(LeaderVisitError):
			case.save()
		case = frappe.get_doc("Petition Case", case.name)
		self.visit(case)
		case.save()
		case.leader_visits[0].visit_note = "_T 改写"
		with self.assertRaises(LeaderVisitLockedError):
			case.save()
		stored = frappe.get_doc("Petition Case", case.name)
		self.assertEqual(stored.key_leader, LEADER)
		self.assertEqual([row.user for row in stored.key_team], [DEPUTY, TEAM_HANDLER])
		self.assertEqual(
			[(row.leader, row.visit_note) for row in stored.leader_visits],
			[(LEADER, "_T 约见信访人，听取诉求")],
		)

	# --- the leader's view -----------------------------------------------------------------------------

	def test_a_key_case_shows_in_its_leaders_view(self):
		case = self.key_case()
		other = self.register()
		self.visit(case)
		case.save()
		frappe.set_user(LEADER)
		mine = {row.name: row for row in my_key_cases()}
		self.assertIn(case.name, mine)
		self.assertNotIn(other.name, mine)
		self.assertEqual((mine[case.name].visit_count, mine[case.name].is_responsible_leader), (1, 1))
		frappe.set_user(DEPUTY)
		self.assertIn(case.name, {row.name for row in my_key_cases()})
		frappe.set_user(OTHER_LEADER)
		self.assertNotIn(case.name, {row.name for row in my_key_cases()})
		with self.assertRaises(frappe.PermissionError):
			my_key_cases(leader=LEADER)
		frappe.set_user(SUPERVISOR)
		self.assertIn(case.name, {row.name for row in my_key_cases(leader=LEADER)})
		self.assertEqual(key_case_route(LEADER), f"/app/petition-case?is_key_case=1&key_leader={LEADER}")

	def test_a_leader_logs_a_visit_through_the_api_and_others_cannot(self):
		case = self.key_case()
		frappe.set_user(DEPUTY)
		logged = log_leader_visit(case.name, "_T 到现场查看")
		self.assertEqual(logged["leader"], DEPUTY)
		self.assertEqual(
			frappe.db.get_value("Petition Leader Visit", logged["row"], ["parent", "leader"]),
			(case.name, DEPUTY),
		)
		frappe.set_user(OTHER_LEADER)
		with self.assertRaises(frappe.PermissionError):
			log_leader_visit(case.name, "_T 不是专班成员")
		frappe.set_user(DEPUTY)
		with self.assertRaises(frappe.ValidationError):
			log_leader_visit(case.name, "  ")
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.count("Petition Leader Visit", {"parent": case.name}), 1)

	def test_the_office_sees_any_leaders_key_cases(self):
		case = self.key_case()
		frappe.set_user(OFFICE)
		self.assertIn(case.name, {row.name for row in my_key_cases(leader=LEADER)})
