"""Attachments of online petitions: checked when uploaded, kept aside until the petition is submitted.

A guest uploads each file before submitting (a request holds one file, so five files of 10 MB never
make one oversized request). The file is checked by its extension AND by its first bytes (PDF, PNG,
JPEG, GIF, WebP only) and by its size; a refused file is not stored at all. An accepted file is stored
as a private File "pending" under a random upload token: only the hash of the token is kept (in the
File's attached_to_name), and the submission that quotes the token claims the file and attaches it
to its Petition Letter. Unclaimed uploads are removed after a day.
"""

import hashlib
import os
import re
import secrets

import frappe
from frappe import _
from frappe.utils import add_to_date, now_datetime

MAX_FILES = 5
MAX_FILE_SIZE = 10 * 1024 * 1024
PENDING_DOCTYPE = "Online Petition"
PENDING_PREFIX = "pending-"
STALE_HOURS = 24
STALE_BATCH = 20
MAX_FILE_NAME = 100
# extension -> the kind of content it must hold
EXTENSIONS = {
	"pdf": "pdf",
	"png": "png",
	"jpg": "jpeg",
	"jpeg": "jpeg",
	"gif": "gif",
	"webp": "webp",
}
UNSAFE_NAME_CHARS = re.compile(r"[^\w.\-() ]+", re.UNICODE)


class AttachmentError(frappe.ValidationError):
	pass


def content_kind(content: bytes) -> str | None:
	"""What the first bytes say the file is: pdf, png, jpeg, gif, webp, or None."""
	head = content[:16]
	if head.startswith(b"%PDF-"):
		return "pdf"
	if head.startswith(b"\x89PNG\r\n\x1a\n"):
		return "png"
	if head.startswith(b"\xff\xd8\xff"):
		return "jpeg"
	if head.startswith((b"GIF87a", b"GIF89a")):
		return "gif"
	if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
		return "webp"
	return None


def safe_file_name(file_name: str | None) -> str:
	"""The file's own name without any path, with only letters, digits and . - ( ) _ and spaces."""
	base = os.path.basename((file_name or "").replace("\\", "/")).strip()
	stem, dot, ext = base.rpartition(".")
	stem = UNSAFE_NAME_CHARS.sub("_", stem if dot else base).strip(" ._") or "attachment"
	ext = UNSAFE_NAME_CHARS.sub("", ext if dot else "").lower()
	stem = stem[: MAX_FILE_NAME - len(ext) - 1]
	return f"{stem}.{ext}" if ext else stem


def validate_upload(file_name: str | None, content: bytes | None) -> str:
	"""Refuse anything but a PDF or an image of at most 10 MB whose content matches its extension;
	return the safe file name."""
	name = safe_file_name(file_name)
	extension = name.rpartition(".")[2].lower() if "." in name else ""
	allowed = ", ".join(sorted({e.upper() for e in EXTENSIONS}))
	if extension not in EXTENSIONS:
		frappe.throw(
			_("{0} cannot be attached: only PDF files and images ({1}) are accepted.").format(name, allowed),
			AttachmentError,
			title=_("File Not Accepted"),
		)
	size = len(content or b"")
	if not size:
		frappe.throw(_("{0} is empty.").format(name), AttachmentError, title=_("File Not Accepted"))
	if size > MAX_FILE_SIZE:
		frappe.throw(
			_("{0} is {1} MB; a file may be at most {2} MB.").format(
				name, round(size / 1024 / 1024, 1), MAX_FILE_SIZE // (1024 * 1024)
			),
			AttachmentError,
			title=_("File Too Large"),
		)
	if content_kind(content) != EXTENSIONS[extension]:
		frappe.throw(
			_("{0} is not a real {1} file: its content does not match its name.").format(
				name, extension.upper()
			),
			AttachmentError,
			title=_("File Not Accepted"),
		)
	return name


def token_key(token: str) -> str:
	return PENDING_PREFIX + hashlib.sha256(token.encode("utf-8")).hexdigest()


def store_pending_upload(file_name: str | None, content: bytes | None) -> dict:
	"""Check the file and keep it aside; return the token that claims it and what the visitor sees."""
	name = validate_upload(file_name, content)
	remove_stale_uploads()
	token = secrets.token_urlsafe(24)
	frappe.get_doc(
		{
			"doctype": "File",
			"file_name": name,
			"attached_to_doctype": PENDING_DOCTYPE,
			"attached_to_name": token_key(token),
			"is_private": 1,
			"content": content,
		}
	).insert(ignore_permissions=True)
	return {"token": token, "file_name": name, "size": len(content)}


def parse_tokens(value) -> list[str]:
	"""The upload tokens a submission quotes: a JSON list, or one per line."""
	if not value:
		return []
	if isinstance(value, str):
		text = value.strip()
		value = frappe.parse_json(text) if text.startswith("[") else text.split()
	if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
		frappe.throw(_("The attachments of this petition could not be read."), AttachmentError)
	tokens = list(dict.fromkeys(t.strip() for t in value if t and t.strip()))
	if len(tokens) > MAX_FILES:
		frappe.throw(
			_("A petition may have at most {0} attachments, not {1}.").format(MAX_FILES, len(tokens)),
			AttachmentError,
			title=_("Too Many Attachments"),
		)
	return tokens


def pending_files(tokens: list[str]) -> list[str]:
	"""The File names the tokens claim; every token must name a pending upload."""
	if not tokens:
		return []
	keys = [token_key(t) for t in tokens]
	rows = frappe.get_all(
		"File",
		filters={"attached_to_doctype": PENDING_DOCTYPE, "attached_to_name": ("in", keys)},
		fields=["name", "attached_to_name"],
	)
	if len({r.attached_to_name for r in rows}) != len(keys):
		frappe.throw(
			_("An attachment has expired or was not uploaded. Attach the files again and resubmit."),
			AttachmentError,
			title=_("Attachment Missing"),
		)
	return [r.name for r in rows]


def attach_files(file_names: list[str], doctype: str, name: str) -> None:
	"""Attach the claimed files to the record (one statement)."""
	if not file_names:
		return
	frappe.db.sql(
		"""UPDATE `tabFile` SET attached_to_doctype = %(doctype)s, attached_to_name = %(name)s,
		attached_to_field = NULL WHERE name IN %(files)s""",
		{"doctype": doctype, "name": name, "files": tuple(file_names)},
	)


def remove_stale_uploads() -> None:
	"""Remove a few uploads never claimed by a submission within a day (files on disk included)."""
	stale = frappe.get_all(
		"File",
		filters={
			"attached_to_doctype": PENDING_DOCTYPE,
			"attached_to_name": ("like", PENDING_PREFIX + "%"),
			"creation": ("<", add_to_date(now_datetime(), hours=-STALE_HOURS)),
		},
		pluck="name",
		limit=STALE_BATCH,
	)
	for file_name in stale:
		frappe.delete_doc("File", file_name, ignore_permissions=True, force=True)
