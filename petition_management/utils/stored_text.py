"""Every text a user gives the app is stored as plain text or as rich text that is safe printed raw.

Frappe's standard print writes Data, Small Text, Text and Text Editor values into the page unescaped,
and v15's save-time `sanitize_html` returns a value with no complete tag unchanged (an unclosed
`<img src=x onerror=...//` is stored as typed) and keeps `<img src="x">`, which the print then fetches.
One hook (hooks.py `doc_events["*"]`) cleans the values of every DocType of the module "Petition
Management", and of its child rows, before anything validates them, whatever the channel: desk, REST,
the portal's web form, e-mail append-to, the demo, Data Import.

- Data, Small Text, Text, Long Text: plain text (rules/stored_text.py `plain_text`): no tag survives.
- Text Editor, HTML Editor: the unclosed tag is dropped, scripts and styles go, and bleach keeps the
  formatting of `RICH_TAGS` with harmless attributes only; an image stays only when it shows a file of
  this site (`/files/...`, `/private/files/...`) or was pasted into the editor (a `data:image/...`
  URL, which Frappe then saves as a file), never a URL of elsewhere or of an action.
- `EXCLUDED` fields (hashes, JSON and the app's own reports) are left as they are.

A value that held only markup is refused with a clear message (a required rich field only when it had
content by Frappe's mandatory check), instead of Frappe's "value missing".
"""

import re

import frappe
from frappe import _
from frappe.utils import strip_html
from frappe.utils.html_utils import acceptable_attributes

from petition_management.rules.stored_text import drop_unclosed_tag, holds_only_markup, plain_text

MODULE = "Petition Management"
PLAIN_TYPES = ("Data", "Small Text", "Text", "Long Text")
RICH_TYPES = ("Text Editor", "HTML Editor")
# Values the app writes that are no user's text: hashes, JSON, the shipped-record report
EXCLUDED = {
	"Online Petition": ("upload_tokens",),
	"Petition Shipped Record": ("installed_hash", "report"),
}
# Formatting a petition's rich text may keep (the editor's, tables, quotes); no media, form or frame
RICH_TAGS = frozenset(
	(
		"a abbr address article aside b bdi bdo big blockquote br caption center cite code col colgroup dd "
		"del details dfn div dl dt em figcaption figure font footer h1 h2 h3 h4 h5 h6 header hr i img ins "
		"kbd li mark nav ol p pre q s samp section small span strike strong sub summary sup table tbody td "
		"tfoot th thead time tr tt u ul var"
	).split()
)
# Attributes that fetch or act (and the ones left to the filters below)
_UNSAFE_ATTRIBUTES = {
	"action",
	"background",
	"data",
	"datafld",
	"datasrc",
	"dynsrc",
	"form",
	"lowsrc",
	"ping",
	"poster",
	"src",
	"usemap",
	"vrml",
}
RICH_ATTRIBUTES = frozenset(acceptable_attributes) - _UNSAFE_ATTRIBUTES
# CSS that loads or runs something
_UNSAFE_STYLE = re.compile(r"url\s*\(|image-set|expression|javascript|behavio|binding|@import|\\", re.I)
# a file of this site (not a way out of its files folder), or an image pasted into the editor, which
# Frappe then saves as a file (`_extract_images_from_editor`)
_LOCAL_FILE = re.compile(r"/(?:private/)?files/[^?#\\<>\"'\s]+")
_PASTED_IMAGE = re.compile(r"data:image/(?:png|jpeg|jpg|gif|webp);base64,[A-Za-z0-9+/=\s]+")


class MarkupOnlyError(frappe.ValidationError):
	pass


def clean_document(doc, method=None):
	"""doc_events "*" before_validate: clean the parent's and its rows' text fields."""
	if doc.meta.module != MODULE:
		return
	for d in (doc, *doc.get_all_children()):
		clean_fields(d)


def clean_after_submit(doc, method=None):
	"""doc_events "*" before_update_after_submit: only the fields that may change after submission."""
	if doc.meta.module != MODULE:
		return
	for d in (doc, *doc.get_all_children()):
		clean_fields(d, allow_on_submit_only=True)


def clean_fields(doc, allow_on_submit_only: bool = False) -> None:
	meta = frappe.get_meta(doc.doctype)
	if meta.module != MODULE:
		return
	excluded = EXCLUDED.get(doc.doctype, ())
	for df in meta.fields:
		if df.fieldname in excluded or (allow_on_submit_only and not df.allow_on_submit):
			continue
		value = doc.get(df.fieldname)
		if not isinstance(value, str) or "<" not in value:
			continue
		if df.fieldtype in PLAIN_TYPES:
			cleaned = plain_text(value)
			if holds_only_markup(value, cleaned):
				refuse(doc, df)
		elif df.fieldtype in RICH_TYPES:
			cleaned = rich_text(value)
			if df.reqd and has_content(value) and not has_content(cleaned):
				refuse(doc, df)
		else:
			continue
		if cleaned != value:
			doc.set(df.fieldname, cleaned)


def rich_text(value: str) -> str:
	"""Rich text that is safe printed raw: no unclosed tag, script, handler, fetched URL or media."""
	import bleach
	from bleach.css_sanitizer import CSSSanitizer
	from bleach_allowlist import bleach_allowlist

	html = drop_unclosed_tag(value)
	if "<" not in html:
		return html
	return bleach.clean(
		_without_scripts_and_foreign_images(html),
		tags=RICH_TAGS,
		attributes=_allowed_attribute,
		css_sanitizer=CSSSanitizer(allowed_css_properties=bleach_allowlist.all_styles),
		protocols={"http", "https", "mailto", "data"},  # data: only for a pasted image (below)
		strip=True,
		strip_comments=True,
	)


def _without_scripts_and_foreign_images(html: str) -> str:
	"""`html` as a browser parses it, without scripts, styles and images that are not this site's files."""
	from bs4 import BeautifulSoup

	soup = BeautifulSoup(html, "html5lib")
	for element in soup(["script", "style"]):
		element.decompose()
	for image in soup("img"):
		if not is_safe_image(image.get("src")):
			image.decompose()
	return frappe.as_unicode(soup)


def is_safe_image(url) -> bool:
	url = (url if isinstance(url, str) else "").strip()
	if _PASTED_IMAGE.fullmatch(url):
		return True
	return bool(_LOCAL_FILE.fullmatch(url)) and ".." not in url and "%2e" not in url.lower()


def _allowed_attribute(tag: str, name: str, value: str) -> bool:
	if tag == "img" and name == "src":
		return is_safe_image(value)
	if (value or "").strip().lower().startswith("data:"):
		return False
	if name == "style":
		return not _UNSAFE_STYLE.search(value or "")
	return name.startswith("data-") or name in RICH_ATTRIBUTES


def has_content(value: str | None) -> bool:
	"""Frappe's test of a Text Editor value for the mandatory check: text, or an image."""
	value = value or ""
	return bool(strip_html(value).strip()) or "<img" in value


def refuse(doc, df) -> None:
	field = _(df.label or df.fieldname, context=df.parent)
	if doc.get("parentfield"):
		message = _("Row {0}: {1} holds only markup; type the text itself.").format(doc.idx, field)
	else:
		message = _("{0} holds only markup; type the text itself.").format(field)
	frappe.throw(message, MarkupOnlyError, title=_("Only Markup"))
