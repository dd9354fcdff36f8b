"""Supervision orders (督办): who sees them, and the daily escalation of the unanswered ones.

- Petition Office, Director, Supervisor, System Manager, Administrator see every order.
- Unit Handler, Unit Head, Leader see the orders to their units (`user_units`), and a leader also the
  orders escalated to them. Hooks: `supervision_query` (permission_query_conditions) and
  `supervision_has_permission` (has_permission); the controller applies the same rule when saving.
- `escalate_unanswered_orders` (daily): every Open order past its response date with no response goes
  to the leader in charge of its unit (or of the nearest parent unit that has one), who gets a
  Notification Log and an e-mail. Set-based: one locking SELECT of the due orders, one leader look-up,
  one UPDATE per leader; only the orders that escalate are loaded to notify. Running it twice escalates
  once: an escalated order is no longer Open.
"""

import datetime

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime, nowdate

from petition_management.handling.permissions import UNRESTRICTED_ROLES
from petition_management.handling.transfers import user_units
from petition_management.utils.mail import send_notice
from petition_management.utils.scope import scope_rows

SUPERVISION = "Petition Supervision"
DENY_ALL = "1=0"


class SupervisionStatus:
	OPEN = "Open"
	RESPONDED = "Responded"
	ESCALATED = "Escalated"
	CLOSED = "Closed"


def is_unrestricted(user: str) -> bool:
	return user == "Administrator" or bool(UNRESTRICTED_ROLES & set(frappe.get_roles(user)))


def supervision_query(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	if is_unrestricted(user):
		return ""
	units = user_units(user)
	escalated = f"`tabPetition Supervision`.escalated_to = {frappe.db.escape(user)}"
	if not units:
		return escalated
	units_sql = ", ".join(frappe.db.escape(unit) for unit in units)
	return f"(`tabPetition Supervision`.unit in ({units_sql}) or {escalated})"


def supervision_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	"""Decided on the stored order (its unit, whom it was escalated to), and for anything but reading on
	the incoming unit too (utils/scope.py): a unit cannot take another unit's order by sending its unit."""
	user = user or frappe.session.user
	if is_unrestricted(user):
		return True
	if doc.is_new():
		return False
	units = user_units(user)
	return all(
		row.get("unit") in units or (row.get("escalated_to") == user and (ptype or "read") == "read")
		for row in scope_rows(doc, ("unit", "escalated_to"), ptype)
	)


def is_unit_member(unit: str, user: str | None = None) -> bool:
	"""Heads, leaders in charge and handlers (User Permission) of the unit."""
	return unit in user_units(user or frappe.session.user)


def notify(users, doc, subject: str, message: str | None = None):
	"""A desk notification (Notification Log) about `doc` for each of these users."""
	for user in sorted({user for user in users if user}):
		frappe.get_doc(
			{
				"doctype": "Notification Log",
				"for_user": user,
				"type": "Alert",
				"document_type": doc.doctype,
				"document_name": doc.name,
				"subject": subject,
				"email_content": message or subject,
			}
		).insert(ignore_permissions=True)


# --- escalation ----------------------------------------------------------------------------------------


def due_orders(today: datetime.date) -> list[dict]:
	"""Open orders past their response date with no response, locked until the job commits."""
	return frappe.db.sql(
		"""SELECT name, unit, petition_case, case_subject, response_due, ordered_by
		FROM `tabPetition Supervision`
		WHERE status = %(open)s AND response_due < %(today)s AND IFNULL(response, '') = ''
		ORDER BY response_due, name
		FOR UPDATE""",
		{"open": SupervisionStatus.OPEN, "today": today},
		as_dict=True,
	)


def leaders_in_charge(units: list[str]) -> dict[str, str]:
	"""The leader in charge of each unit, or of its nearest parent unit that has one."""
	if not units:
		return {}
	rows = frappe.db.sql(
		"""SELECT unit.name,
			(SELECT ancestor.leader_in_charge FROM `tabHandling Unit` ancestor
			WHERE ancestor.lft <= unit.lft AND ancestor.rgt >= unit.rgt
				AND IFNULL(ancestor.leader_in_charge, '') != ''
			ORDER BY ancestor.lft DESC LIMIT 1) AS leader
		FROM `tabHandling Unit` unit
		WHERE unit.name IN %(units)s""",
		{"units": units},
		as_dict=True,
	)
	return {row.name: row.leader for row in rows if row.leader}


def mark_escalated(orders: list[dict], leaders: dict[str, str], now: datetime.datetime):
	"""One UPDATE per leader (and one for the orders no leader is in charge of)."""
	by_leader: dict[str | None, list[str]] = {}
	for order in orders:
		by_leader.setdefault(leaders.get(order.unit), []).append(order.name)
	for leader, names in by_leader.items():
		frappe.db.sql(
			"""UPDATE `tabPetition Supervision`
			SET status = %(escalated)s, escalated_to = %(leader)s, escalated_on = %(now)s,
				modified = %(now)s, modified_by = %(by)s
			WHERE name IN %(names)s AND status = %(open)s""",
			{
				"escalated": SupervisionStatus.ESCALATED,
				"open": SupervisionStatus.OPEN,
				"leader": leader,
				"now": now,
				"by": frappe.session.user,
				"names": names,
			},
		)


def notify_escalation(order: dict, leader: str | None):
	"""A Notification Log and an e-mail for the leader; with no leader anywhere, for the orderer."""
	recipient = leader or order.ordered_by
	doc = frappe.get_doc(SUPERVISION, order.name)
	if leader:
		note = _("Escalated to {0}: the unit did not respond by {1}.").format(
			leader, frappe.format(order.response_due, "Date")
		)
	else:
		note = _("Escalated, but neither unit {0} nor a parent unit has a leader in charge.").format(
			order.unit
		)
	doc.add_comment("Info", note)
	if not recipient:
		return
	subject = _("Supervision order {0} unanswered: {1} did not respond by {2}").format(
		order.name, order.unit, frappe.format(order.response_due, "Date")
	)
	if leader:
		message = _(
			"Supervision order {0} on case {1} ({2}) asked {3} to respond by {4}. No response has been "
			"received, so the order is escalated to you as the leader in charge."
		)
	else:
		message = _(
			"Supervision order {0} on case {1} ({2}) asked {3} to respond by {4}. No response has been "
			"received and no leader in charge is set for the unit: please follow it up."
		)
	message = message.format(
		order.name,
		order.petition_case,
		order.case_subject or "",
		order.unit,
		frappe.format(order.response_due, "Date"),
	)
	notify([recipient], doc, subject, message)
	email = frappe.db.get_value("User", {"name": recipient, "enabled": 1}, "email")
	if email:
		send_notice(doc, [email], subject, message)


def escalate_unanswered_orders(today: str | datetime.date | None = None) -> list[str]:
	"""Scheduler entry (daily): escalate the orders left unanswered past their date; returns their names."""
	today = getdate(today or nowdate())
	orders = due_orders(today)
	if not orders:
		return []
	leaders = leaders_in_charge(sorted({order.unit for order in orders}))
	mark_escalated(orders, leaders, now_datetime())
	for order in orders:
		notify_escalation(order, leaders.get(order.unit))
	return [order.name for order in orders]
