"""Context of the web form /online-petition: leaf categories only, and the script's messages."""

import frappe
from frappe import _

from petition_management.portal.pages import apply_visitor_language
from petition_management.portal.uploads import EXTENSIONS, MAX_FILE_SIZE, MAX_FILES
from petition_management.utils.translation import APP_CONTEXT


def get_context(context):
	apply_visitor_language()
	# Frappe's template shows the introduction as it is: give it in the visitor's language
	context.introduction_text = _(context.introduction_text or "")
	# the browser's title, and the meta tags Frappe builds from this request's Web Form after this
	context.title = _(context.title or "")
	context.doc.meta_title = _(context.doc.meta_title or context.doc.title or "")
	context.doc.meta_description = _(context.doc.meta_description or "")
	for field in context.web_form_doc.web_form_fields:
		if field.fieldname == "category":
			field.options = "\n".join(leaf_categories())
	context.pm_upload = {
		"max_files": MAX_FILES,
		"max_size": MAX_FILE_SIZE,
		"extensions": sorted(EXTENSIONS),
	}
	context.pm_messages = {
		"add_files": _("Add Files"),
		"remove": _("Remove", context=APP_CONTEXT),
		"uploading": _("Uploading…"),
		"upload_hint": _(
			"PDF files or images (JPG, PNG, GIF, WebP), at most {0} files of at most {1} MB each."
		).format(MAX_FILES, MAX_FILE_SIZE // (1024 * 1024)),
		"bad_type": _("{0} cannot be attached: only PDF files and images are accepted."),
		"too_large": _("{0} is larger than {1} MB."),
		"too_many": _("At most {0} files can be attached."),
		"still_uploading": _("Wait until the files have been uploaded."),
		"upload_failed": _("{0} could not be uploaded."),
		"too_many_requests": _("Too many attempts from your address. Wait a few minutes and try again."),
	}


def leaf_categories() -> list[str]:
	return frappe.get_all(
		"Petition Category", filters={"is_group": 0}, pluck="name", order_by="lft asc", limit=500
	)
