"""The bureau's Letter Head: the name printed at the top of every official form.

Frappe does not sync Letter Heads from module folders, so it is created here when absent and never
overwritten: an administrator replaces the placeholder with the bureau's own name (Settings > Letter
Head) and `bench migrate` keeps it.
"""

import frappe

LETTER_HEAD = "Petition Bureau"

# Rendered by Frappe as Jinja at print time, so the placeholder name follows the print language.
CONTENT = """<div style="text-align: center;">
	<div style="font-family: 'Noto Sans CJK SC', 'Noto Sans', sans-serif; font-size: 20pt; font-weight: bold;
		color: #c00000; letter-spacing: 4px;">{{ _("Letters and Calls Bureau") }}</div>
	<div style="border-bottom: 2px solid #c00000; margin-top: 2mm;"></div>
</div>"""


def ensure_letter_head() -> str:
	"""Create the "Petition Bureau" Letter Head when absent (Frappe makes it the default if the site has none)."""
	if frappe.db.exists("Letter Head", LETTER_HEAD):
		return LETTER_HEAD
	doc = frappe.get_doc(
		{
			"doctype": "Letter Head",
			"letter_head_name": LETTER_HEAD,
			"content": CONTENT,
			"footer_source": "HTML",
		}
	)
	# Letter Head.before_insert forces an image source (and warns that none is attached): switch the
	# new record to its HTML content right after.
	muted = frappe.flags.mute_messages
	frappe.flags.mute_messages = True
	try:
		doc.insert(ignore_permissions=True)
	finally:
		frappe.flags.mute_messages = muted
	doc.db_set("source", "HTML")
	return LETTER_HEAD
