"""Messages to staff in each person's own language: a desk Notification Log and an e-mail.

Frappe renders a Notification once for all its recipients, in the language of whoever triggered it, and
v15 never e-mails a Notification Log of type "Alert". So the daily digest and the emergency incident
alerts are rendered here per language (User.language, else the system language, as
`frappe.translate.get_user_lang` chooses), inside `frappe.translate.print_language`, and sent with
`frappe.sendmail` (a Jinja template under templates/emails/) plus one Notification Log per person.

The people and their languages are read in one statement, whatever their number.
"""

from collections.abc import Iterable
from typing import NamedTuple

import frappe


class Person(NamedTuple):
	user: str
	email: str | None
	language: str
	desk: bool  # the person has not turned notifications off (Notification Settings)


def system_language() -> str:
	return frappe.db.get_default("lang") or "en"


def get_people(users: Iterable[str] = (), roles: Iterable[str] = ()) -> list[Person]:
	"""Enabled users among `users` or holding any of `roles`, with their e-mail and language (one query)."""
	users, roles = sorted({u for u in users if u}), sorted(set(roles))
	if not users and not roles:
		return []
	conditions = []
	if users:
		conditions.append("u.name IN %(users)s")
	if roles:
		conditions.append(
			"""u.name IN (SELECT hr.parent FROM `tabHas Role` hr
			WHERE hr.parenttype = 'User' AND hr.role IN %(roles)s)"""
		)
	rows = frappe.db.sql(
		f"""SELECT u.name, u.email, u.language, IFNULL(ns.enabled, 1) AS desk
		FROM `tabUser` u LEFT JOIN `tabNotification Settings` ns ON ns.name = u.name
		WHERE u.enabled = 1 AND u.name NOT IN ('Guest', 'Administrator') AND ({" OR ".join(conditions)})
		ORDER BY u.name""",
		{"users": users or [""], "roles": roles or [""]},
		as_dict=True,
	)
	default = system_language()
	return [Person(row.name, row.email, row.language or default, bool(row.desk)) for row in rows]


def by_language(people: Iterable[Person]) -> dict[str, list[Person]]:
	groups: dict[str, list[Person]] = {}
	for person in people:
		groups.setdefault(person.language, []).append(person)
	return groups


def desk_alert(person: Person, subject: str, content: str, doc=None, link: str | None = None):
	"""A desk notification (Notification Log, type Alert) for one person, already in their language."""
	if not person.desk:
		return
	frappe.get_doc(
		{
			"doctype": "Notification Log",
			"for_user": person.user,
			"from_user": frappe.session.user,
			"type": "Alert",
			"document_type": doc.doctype if doc else None,
			"document_name": doc.name if doc else None,
			"subject": subject,
			"email_content": content,
			"link": link,
		}
	).insert(ignore_permissions=True)


def email(
	people: Iterable[Person],
	subject: str,
	template: str,
	args: dict,
	reference_doctype: str,
	reference_name: str,
	header: list[str] | None = None,
	send_priority: int = 1,
) -> bool:
	"""Queue one e-mail (Frappe's template and queue) to these people; False when there is no address."""
	recipients = sorted({person.email for person in people if person.email})
	if not recipients:
		return False
	frappe.sendmail(
		recipients=recipients,
		subject=subject,
		template=template,
		args=args,
		header=header,
		reference_doctype=reference_doctype,
		reference_name=reference_name,
		send_priority=send_priority,
	)
	return True


def render_email_template(template: str, args: dict) -> str:
	"""The HTML of an app e-mail template, for the desk copy of what is e-mailed."""
	return frappe.render_template(f"templates/emails/{template}.html", args)
