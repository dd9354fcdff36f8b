"""Register a case from a visit or a letter, and note a repeat petition on its original case."""

import frappe
from frappe import _
from frappe.utils import getdate, nowdate

SOURCE_TYPES = {"Petition Visit": "Visit", "Petition Letter": "Letter"}
REFERRAL_CHANNEL = "Referred by Higher Authority"
ONLINE_CHANNEL = "Website Message"
COPIED_FIELDS = ("category", "suggested_unit", "subject", "content", "request")


class RepeatLinkError(frappe.ValidationError):
	pass


class FinalMatterError(frappe.ValidationError):
	pass


def source_petitioners(source_doc) -> list[str]:
	"""The petitioners of a visit (its rows) or a letter (its one petitioner)."""
	if source_doc.doctype == "Petition Letter":
		return [source_doc.petitioner] if source_doc.petitioner else []
	return [row.petitioner for row in source_doc.get("petitioners") or [] if row.petitioner]


def source_type_of(source_doc) -> str:
	if source_doc.doctype == "Petition Letter":
		if source_doc.channel == REFERRAL_CHANNEL:
			return "Higher-authority Referral"
		if source_doc.channel == ONLINE_CHANNEL:
			return "Online"
	return SOURCE_TYPES[source_doc.doctype]


def received_on_of(source_doc):
	if source_doc.doctype == "Petition Visit":
		return getdate(source_doc.visit_datetime)
	return getdate(source_doc.received_on)


def register_case(source_doc) -> str:
	"""Create the Petition Case of a visit or a letter and link it back; return the case's name."""
	if source_doc.get("petition_case"):
		return source_doc.petition_case
	case = frappe.new_doc("Petition Case")
	case.update({field: source_doc.get(field) for field in COPIED_FIELDS})
	case.update(
		{
			"source_type": source_type_of(source_doc),
			"source_doctype": source_doc.doctype,
			"source_name": source_doc.name,
			"received_on": received_on_of(source_doc),
			"channel": "Visit" if source_doc.doctype == "Petition Visit" else source_doc.channel,
		}
	)
	if source_doc.doctype == "Petition Letter" and source_doc.channel == REFERRAL_CHANNEL:
		case.update(
			{f: source_doc.get(f) for f in ("referral_authority", "referral_reference", "referral_deadline")}
		)
	for petitioner in source_petitioners(source_doc):
		case.append("petitioners", {"petitioner": petitioner})
	case.insert()
	source_doc.db_set("petition_case", case.name)
	return case.name


def link_repeat(source_doc, original_case: str) -> None:
	"""Note a repeat petition (a visit or a letter) on the case it repeats; once per source."""
	if not original_case or not frappe.db.exists("Petition Case", original_case):
		frappe.throw(
			_("Choose the existing case this petition repeats."),
			RepeatLinkError,
			title=_("Repeat of Which Case?"),
		)
	case = frappe.get_doc("Petition Case", original_case)
	if any(
		n.source_doctype == source_doc.doctype and n.source_name == source_doc.name for n in case.repeat_notes
	):
		return
	names = [frappe.db.get_value("Petitioner", p, "full_name") for p in source_petitioners(source_doc)]
	case.append(
		"repeat_notes",
		{
			"repeat_date": received_on_of(source_doc) or getdate(nowdate()),
			"source_doctype": source_doc.doctype,
			"source_name": source_doc.name,
			"petitioner_name": ", ".join(n for n in names if n)[:140],
			"note": _("Repeat petition: {0}").format(source_doc.get("subject") or source_doc.name),
		},
	)
	case.flags.ignore_permissions = True  # the reception officer notes a repeat on a case they may only read
	case.save()


def flag_final_matter(source_doc):
	"""Mark a visit or letter whose matter was already decided on re-review; such a matter is final
	and is not registered as a new case (it may still be recorded as a repeat of the final case)."""
	from petition_management.intake.final import final_matters

	people = source_petitioners(source_doc)
	text = " ".join(filter(None, (source_doc.get("subject"), source_doc.get("content"))))
	matches = final_matters(people, source_doc.get("category"), text) if people else []
	source_doc.final_matter_case = matches[0] if matches else None
	if source_doc.final_matter_case and source_doc.get("outcome") == "Registered as a Case":
		frappe.throw(
			_(
				"This matter was decided on re-review in case {0} and is final, so it is not accepted again. "
				"Record the petition as a repeat of that case."
			).format(source_doc.final_matter_case),
			FinalMatterError,
			title=_("Final Matter"),
		)
