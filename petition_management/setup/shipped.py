"""Records the app ships but an administrator owns on the site: the Workflows, the Notifications, the
"Petition Bureau" Letter Head and the default Appraisal Scheme.

Each shipped definition carries a version. Per record, the site keeps a Petition Shipped Record: the
version it last installed and a hash of the record's shipped fields as they were right after installing.
On every install and migrate (`sync_shipped_records`):

- absent: created, and recorded (a deleted Notification comes back; disable it to silence it);
- present, and the app ships a newer version:
  - unchanged on the site since it was installed (same hash): replaced by the new version;
  - changed by an administrator: kept as it is; migrate prints it, the record gets a comment (once per
    shipped version) and its Petition Shipped Record says "Changed on This Site", with the command that
    adopts the shipped version: `bench --site SITE petition-adopt-shipped DOCTYPE NAME`;
- present, and not recorded yet (a site older than this ledger): recorded when it equals the shipped
  version, reported as changed otherwise.

Only the fields a definition names are compared and written: a field Frappe or another app adds to the
record is neither a change nor overwritten.
"""

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import frappe
from frappe import _
from frappe.utils import now_datetime

LEDGER = "Petition Shipped Record"
AS_SHIPPED = "As Shipped"
CHANGED = "Changed on This Site"


@dataclass(frozen=True)
class Shipped:
	"""One record as the app ships it."""

	doctype: str
	name: str
	version: int
	values: dict
	"""Fields and child tables, as for frappe.get_doc (without doctype and name)."""
	before_write: Callable[["Shipped"], None] | None = field(default=None, compare=False)
	"""Prepares what the record needs (a Workflow's states and actions)."""
	after_write: Callable[[object], None] | None = field(default=None, compare=False)
	"""Fixes what the DocType's own hooks change on insert (a Letter Head's source)."""
	may_create: Callable[[], bool] | None = field(default=None, compare=False)
	"""False when the record is not to be created on this site (None: always)."""

	@classmethod
	def from_definition(cls, definition: dict, **hooks) -> "Shipped":
		"""From a shipped JSON file: doctype, name, shipped_version and the record's values."""
		values = {k: v for k, v in definition.items() if k not in ("doctype", "name", "shipped_version")}
		return cls(
			definition["doctype"], definition["name"], int(definition["shipped_version"]), values, **hooks
		)


@dataclass
class SyncReport:
	installed: list[str] = field(default_factory=list)
	upgraded: list[str] = field(default_factory=list)
	kept: list[str] = field(default_factory=list)
	"""Changed on the site while the app ships a newer version: kept, and reported."""

	def lines(self) -> list[str]:
		return [
			*(_("Petition Management: installed {0}").format(label) for label in self.installed),
			*(
				_("Petition Management: upgraded {0} to the shipped version").format(label)
				for label in self.upgraded
			),
			*self.kept,
		]


def all_shipped() -> list[Shipped]:
	from petition_management.setup.appraisal_scheme import shipped_scheme
	from petition_management.setup.letter_head import shipped_letter_head
	from petition_management.setup.notifications import shipped_notifications
	from petition_management.setup.workflows import shipped_workflows

	return [*shipped_workflows(), *shipped_notifications(), shipped_letter_head(), shipped_scheme()]


def sync_shipped_records(records: Iterable[Shipped] | None = None, echo: bool = True) -> SyncReport:
	"""Install what is absent, upgrade what the site never changed, report what it did (see above)."""
	report = SyncReport()
	for shipped in all_shipped() if records is None else records:
		sync(shipped, report)
	if echo:
		for line in report.lines():
			print(line)
	return report


def sync(shipped: Shipped, report: SyncReport):
	label = f"{_(shipped.doctype)} {shipped.name}"
	ledger = get_ledger(shipped)
	if not frappe.db.exists(shipped.doctype, shipped.name):
		if shipped.may_create is None or shipped.may_create():
			write(shipped)
			report.installed.append(label)
		return
	current = fingerprint(frappe.get_doc(shipped.doctype, shipped.name).as_dict(), shipped)
	if ledger is None:
		if current == fingerprint(shipped.values, shipped):
			record(shipped, current)
		else:
			record(shipped, "", installed_version=0)
			keep_changed(shipped, label, report)
		return
	if ledger.installed_version >= shipped.version:
		update_ledger(ledger, status=AS_SHIPPED if current == ledger.installed_hash else CHANGED)
		return
	if current == ledger.installed_hash:
		write(shipped)
		report.upgraded.append(label)
	else:
		keep_changed(shipped, label, report)


def adopt(doctype: str, name: str, records: Iterable[Shipped] | None = None) -> Shipped:
	"""Replace the site's record with the version the app ships (the administrator's changes go)."""
	for shipped in all_shipped() if records is None else records:
		if (shipped.doctype, shipped.name) == (doctype, name):
			write(shipped)
			return shipped
	frappe.throw(
		_("The app ships no {0} named {1}.").format(_(doctype), frappe.bold(name)), frappe.DoesNotExistError
	)


def write(shipped: Shipped):
	"""Create the record, or replace its shipped fields, then record what was installed."""
	if shipped.before_write:
		shipped.before_write(shipped)
	if frappe.db.exists(shipped.doctype, shipped.name):
		doc = frappe.get_doc(shipped.doctype, shipped.name)
		for key, value in shipped.values.items():
			if isinstance(value, list):
				doc.set(key, [])
				for row in value:
					doc.append(key, row)
			else:
				doc.set(key, value)
		doc.flags.ignore_permissions = True
		doc.save()
	else:
		doc = frappe.get_doc({"doctype": shipped.doctype, "name": shipped.name, **shipped.values})
		doc.flags.ignore_permissions = True
		doc.insert(set_name=shipped.name)
	if shipped.after_write:
		shipped.after_write(doc)
	record(shipped, fingerprint(frappe.get_doc(shipped.doctype, shipped.name).as_dict(), shipped))


def keep_changed(shipped: Shipped, label: str, report: SyncReport):
	ledger = get_ledger(shipped)
	message = _(
		"Petition Management ships version {0} of {1}. This site's copy was changed here and is kept as "
		"it is. To take the shipped version (this site's changes are lost): {2}"
	).format(shipped.version, label, adopt_command(shipped))
	report.kept.append(message)
	if ledger.shipped_version != shipped.version:
		# once per shipped version, on the record's timeline
		frappe.get_doc(shipped.doctype, shipped.name).add_comment("Info", message)
	update_ledger(ledger, status=CHANGED, shipped_version=shipped.version, report=message)


def adopt_command(shipped: Shipped) -> str:
	return f'bench --site {frappe.local.site} petition-adopt-shipped "{shipped.doctype}" "{shipped.name}"'


# --- the ledger ----------------------------------------------------------------------------------------


def get_ledger(shipped: Shipped):
	name = frappe.db.get_value(LEDGER, {"reference_doctype": shipped.doctype, "reference_name": shipped.name})
	return frappe.get_doc(LEDGER, name) if name else None


def record(shipped: Shipped, installed_hash: str, installed_version: int | None = None):
	ledger = get_ledger(shipped) or frappe.new_doc(LEDGER)
	ledger.update(
		{
			"reference_doctype": shipped.doctype,
			"reference_name": shipped.name,
			"installed_version": shipped.version if installed_version is None else installed_version,
			"shipped_version": shipped.version,
			"installed_hash": installed_hash,
			"installed_on": now_datetime(),
			"status": AS_SHIPPED if installed_hash else CHANGED,
			"report": "",
		}
	)
	ledger.flags.ignore_permissions = True
	ledger.save()


def update_ledger(ledger, **values):
	if all(ledger.get(key) == value for key, value in values.items()):
		return
	ledger.update(values)
	ledger.flags.ignore_permissions = True
	ledger.save()


def delete_ledger():
	frappe.db.delete(LEDGER)


# --- comparing a record with its definition ----------------------------------------------------------


def fingerprint(record: dict, shipped: Shipped) -> str:
	"""SHA-256 of the record's values of the fields the definition names (child rows: the fields the
	definition's rows name), normalised so that 1, 1.0, True and "1" compare equal, and so do 0, "" and None."""
	projected = {}
	for key, value in shipped.values.items():
		if isinstance(value, list):
			row_keys = sorted({k for row in value for k in row if k != "doctype"})
			projected[key] = [{k: normal(row.get(k)) for k in row_keys} for row in record.get(key) or []]
		else:
			projected[key] = normal(record.get(key))
	return hashlib.sha256(json.dumps(projected, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def normal(value) -> str:
	# empty, 0 and unset are one value: a row the definition leaves a number out of is stored as 0
	if value is None or value == "" or value == 0 or value == "0":
		return ""
	if isinstance(value, bool):
		value = int(value)
	if isinstance(value, float) and value.is_integer():
		value = int(value)
	return str(value)
