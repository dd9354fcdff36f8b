"""The bureau's Letter Head: the name printed at the top of every official form.

Frappe does not sync Letter Heads from module folders, so setup/shipped.py creates it when absent:
an administrator replaces the placeholder with the bureau's own name (Settings > Letter Head) and
`bench migrate` keeps it; an unchanged one gets the next shipped version.
"""

import frappe

from petition_management.setup.shipped import Shipped, sync_shipped_records

LETTER_HEAD = "Petition Bureau"

# Rendered by Frappe as Jinja at print time, so the placeholder name follows the print language.
CONTENT = """<div style="text-align: center;">
	<div style="font-family: 'Noto Sans CJK SC', 'Noto Sans', sans-serif; font-size: 20pt; font-weight: bold;
		color: #c00000; letter-spacing: 4px;">{{ _("Letters and Calls Bureau") }}</div>
	<div style="border-bottom: 2px solid #c00000; margin-top: 2mm;"></div>
</div>"""


VERSION = 1
"""Raise it when CONTENT changes: sites that never changed their Letter Head get the new one."""


def keep_html_source(doc):
	"""Letter Head.before_insert forces an image source: the shipped one is HTML."""
	if doc.source != "HTML":
		doc.db_set("source", "HTML")


def shipped_letter_head() -> Shipped:
	return Shipped(
		"Letter Head",
		LETTER_HEAD,
		VERSION,
		{"letter_head_name": LETTER_HEAD, "content": CONTENT, "source": "HTML", "footer_source": "HTML"},
		after_write=keep_html_source,
	)


def ensure_letter_head() -> str:
	"""Create the "Petition Bureau" Letter Head when absent (Frappe makes it the default if the site has none)."""
	# Letter Head warns on insert that no image is attached: the shipped one has HTML content
	muted = frappe.flags.mute_messages
	frappe.flags.mute_messages = True
	try:
		sync_shipped_records([shipped_letter_head()], echo=False)
	finally:
		frappe.flags.mute_messages = muted
	return LETTER_HEAD
