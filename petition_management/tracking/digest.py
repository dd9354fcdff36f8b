"""The daily digest: who is told about which due-soon and overdue work, gathered with grouped queries.

- unit handlers (User Permission on the unit) and unit heads: their units' transfers;
- the leader in charge: overdue transfers of the units they lead, and overdue cases those units lead;
- every Petition Office user: all due-soon and overdue cases and transfers.
Each person gets at most one digest a day (Petition Digest Log), as a Notification Log, which Frappe
also e-mails when the person's notification settings allow it.
"""

import datetime
from collections import defaultdict

import frappe
from frappe import _

WATCHED = ("Overdue", "Due Soon")
FINISHED_TRANSFER_STATES = ("Reply Accepted", "Withdrawn")


class Digest:
	"""What one person is told: (what, overdue, due soon) lines and where to look."""

	def __init__(self):
		self.lines: list[tuple[str, int, int]] = []
		self.link = "/app/petition-transfer?deadline_status=Overdue"

	def add(self, what: str, overdue: int, due_soon: int):
		if overdue or due_soon:
			self.lines.append((what, int(overdue), int(due_soon)))

	@property
	def overdue(self) -> int:
		return sum(line[1] for line in self.lines)

	@property
	def due_soon(self) -> int:
		return sum(line[2] for line in self.lines)


def transfer_counts_by_unit() -> list[dict]:
	return frappe.db.sql(
		"""SELECT t.unit, hu.unit_head, hu.leader_in_charge,
			SUM(t.deadline_status = 'Overdue') AS overdue, SUM(t.deadline_status = 'Due Soon') AS due_soon
		FROM `tabPetition Transfer` t JOIN `tabHandling Unit` hu ON hu.name = t.unit
		WHERE t.deadline_status IN %(watched)s AND t.workflow_state NOT IN %(finished)s
		GROUP BY t.unit, hu.unit_head, hu.leader_in_charge""",
		{"watched": WATCHED, "finished": FINISHED_TRANSFER_STATES},
		as_dict=True,
	)


def case_counts_by_lead_unit() -> list[dict]:
	return frappe.db.sql(
		"""SELECT c.lead_unit, hu.leader_in_charge,
			SUM(c.deadline_status = 'Overdue') AS overdue, SUM(c.deadline_status = 'Due Soon') AS due_soon
		FROM `tabPetition Case` c LEFT JOIN `tabHandling Unit` hu ON hu.name = c.lead_unit
		WHERE c.deadline_status IN %(watched)s
		GROUP BY c.lead_unit, hu.leader_in_charge""",
		{"watched": WATCHED},
		as_dict=True,
	)


def unit_handlers(units: list[str]) -> list[tuple[str, str]]:
	"""(user, unit) for enabled handlers tied to these units by a User Permission."""
	if not units:
		return []
	return frappe.db.sql(
		"""SELECT DISTINCT up.user, up.for_value
		FROM `tabUser Permission` up
		JOIN `tabHas Role` hr ON hr.parent = up.user AND hr.parenttype = 'User'
			AND hr.role = 'Petition Unit Handler'
		JOIN `tabUser` u ON u.name = up.user AND u.enabled = 1
		WHERE up.allow = 'Handling Unit' AND up.for_value IN %(units)s""",
		{"units": units},
	)


def users_with_role(role: str) -> list[str]:
	return frappe.db.sql_list(
		"""SELECT DISTINCT hr.parent FROM `tabHas Role` hr
		JOIN `tabUser` u ON u.name = hr.parent AND u.enabled = 1
		WHERE hr.role = %(role)s AND hr.parenttype = 'User'""",
		{"role": role},
	)


def collect_digests(today: datetime.date) -> dict[str, Digest]:
	"""Who gets which lines today, leaving out people who already had today's digest."""
	digests: dict[str, Digest] = defaultdict(Digest)
	units = transfer_counts_by_unit()
	cases = case_counts_by_lead_unit()
	by_unit = {u.unit: u for u in units}
	for user, unit in unit_handlers(list(by_unit)):
		digests[user].add(_("Transfers of {0}").format(unit), by_unit[unit].overdue, by_unit[unit].due_soon)
	for u in units:
		if u.unit_head:
			digests[u.unit_head].add(_("Transfers of {0}").format(u.unit), u.overdue, u.due_soon)
		if u.leader_in_charge:
			digests[u.leader_in_charge].add(_("Overdue transfers of {0}").format(u.unit), u.overdue, 0)
	for c in cases:
		if c.leader_in_charge:
			digests[c.leader_in_charge].add(_("Overdue cases led by {0}").format(c.lead_unit), c.overdue, 0)
	total_cases = (sum(int(c.overdue) for c in cases), sum(int(c.due_soon) for c in cases))
	total_transfers = (sum(int(u.overdue) for u in units), sum(int(u.due_soon) for u in units))
	for user in users_with_role("Petition Office"):
		digests[user].add(_("All cases"), *total_cases)
		digests[user].add(_("All transfers"), *total_transfers)
		digests[user].link = "/app/petition-case?deadline_status=Overdue"
	already = set(frappe.get_all("Petition Digest Log", filters={"digest_date": today}, pluck="user"))
	return {user: d for user, d in digests.items() if d.lines and user not in already}


def render(digest: Digest) -> str:
	rows = "".join(
		f"<tr><td>{frappe.utils.escape_html(what)}</td><td>{overdue}</td><td>{due_soon}</td></tr>"
		for what, overdue, due_soon in digest.lines
	)
	return (
		f"<table><tr><th>{_('What')}</th><th>{_('Overdue')}</th><th>{_('Due Soon')}</th></tr>{rows}</table>"
	)


def send_digests(digests: dict[str, Digest], today: datetime.date):
	if not digests:
		return
	frappe.db.bulk_insert(
		"Petition Digest Log",
		[
			"name",
			"user",
			"digest_date",
			"overdue",
			"due_soon",
			"owner",
			"modified_by",
			"creation",
			"modified",
		],
		[
			(
				f"{today}-{user}",
				user,
				today,
				d.overdue,
				d.due_soon,
				"Administrator",
				"Administrator",
				now,
				now,
			)
			for user, d in digests.items()
			for now in [frappe.utils.now()]
		],
		ignore_duplicates=True,
	)
	for user, digest in digests.items():
		frappe.get_doc(
			{
				"doctype": "Notification Log",
				"for_user": user,
				"type": "Alert",
				"subject": _("Deadlines today: {0} overdue, {1} due soon").format(
					digest.overdue, digest.due_soon
				),
				"email_content": render(digest),
				"link": digest.link,
			}
		).insert(ignore_permissions=True)
