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

from petition_management.utils.bulk_rows import child_row, insert_rows, row_stamp


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


# --- many messages at once: a fixed number of statements, whatever the number of people ---------------


class Message(NamedTuple):
	"""One person's message, already rendered in their language."""

	person: Person
	subject: str
	html: str  # the desk copy (Notification Log email_content)
	link: str | None
	template_args: dict
	reference_name: str
	header: list[str] | None = None  # the e-mail's header, in the person's language


def desk_alerts(messages: Iterable[Message]) -> int:
	"""The desk notifications (Notification Log, type Alert) of many people: one INSERT, and one UPDATE
	that marks their notifications unseen, as `NotificationLog.after_insert` does for each (an Alert is
	never e-mailed by Frappe, so nothing else of that hook applies). Returns how many were written."""
	user, stamp = frappe.session.user, frappe.utils.now()
	rows = [
		{
			**row_stamp(frappe.generate_hash(length=10), user, stamp),
			"for_user": m.person.user,
			"from_user": user,
			"type": "Alert",
			"subject": m.subject,
			"email_content": m.html,
			"link": m.link,
			"read": 0,
		}
		for m in messages
		if m.person.desk
	]
	insert_rows("Notification Log", rows)
	users = sorted({row["for_user"] for row in rows})
	if users:
		frappe.db.sql(
			"update `tabNotification Settings` set seen = 0 where name in %(users)s", {"users": users}
		)
	for for_user in users:
		frappe.publish_realtime("notification", after_commit=True, user=for_user)
	return len(rows)


class KnownAccount:
	"""The outgoing Email Account, with whether it is a saved one asked once for all the messages."""

	def __init__(self, account, exists: bool):
		self._account, self._exists = account, exists

	def __getattr__(self, name):
		return getattr(self._account, name)

	def is_exists_in_db(self):
		return self._exists


def queue_emails(
	messages: list[Message],
	template: str,
	reference_doctype: str,
	send_priority: int = 1,
) -> int:
	"""Queue one e-mail per message, as `frappe.sendmail` would (Frappe's QueueBuilder renders each
	MIME message in the language in force), in a fixed number of statements: the outgoing account and
	the unsubscribed addresses are read once for all, and the Email Queue entries and their recipients
	go in one INSERT each. Returns how many were queued."""
	from frappe.email.doctype.email_account.email_account import EmailAccount
	from frappe.email.doctype.email_queue.email_queue import QueueBuilder
	from frappe.translate import print_language
	from frappe.utils.jinja import get_email_from_template

	messages = [m for m in messages if m.person.email]
	if not messages:
		return 0
	account = EmailAccount.find_outgoing(match_by_doctype=reference_doctype, _raise_error=True)
	account = KnownAccount(account, bool(account.is_exists_in_db()))
	unsubscribed = set(
		frappe.db.sql_list(
			"""select distinct email from `tabEmail Unsubscribe` where email in %(emails)s
			and ((reference_doctype = %(doctype)s and reference_name in %(names)s) or global_unsubscribe = 1)""",
			{
				"emails": sorted({m.person.email for m in messages}),
				"doctype": reference_doctype,
				"names": sorted({m.reference_name for m in messages}),
			},
		)
	)
	user, stamp = frappe.session.user, frappe.utils.now()
	queues, recipients = [], []
	for m in messages:
		if m.person.email in unsubscribed:
			continue
		with print_language(m.person.language):
			message, text = get_email_from_template(template, m.template_args)
			builder = QueueBuilder(
				recipients=[m.person.email],
				subject=m.subject,
				message=message,
				text_content=text,
				reference_doctype=reference_doctype,
				reference_name=m.reference_name,
				header=m.header,
				send_priority=send_priority,
			)
			builder._email_account = account
			builder._unsubscribed_user_emails = []
			data = builder.as_dict(include_recipients=False)
		if not data:
			continue
		queue = frappe.new_doc("Email Queue")
		queue.update(data)
		queue.update(row_stamp(frappe.generate_hash(length=10), user, stamp))
		queue.set_recipients([m.person.email])
		queues.append(queue.get_valid_dict(convert_dates_to_str=True, ignore_virtual=True))
		for idx, row in enumerate(queue.recipients, 1):
			recipients.append(child_row(row, queue.name, "Email Queue", "recipients", idx, user, stamp))
	insert_rows("Email Queue", queues)
	insert_rows("Email Queue Recipient", recipients)
	return len(queues)
