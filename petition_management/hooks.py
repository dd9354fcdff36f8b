app_name = "petition_management"
app_title = "Petition Management"
app_publisher = "Petition Management contributors"
app_description = (
	"Citizens' petitions for Frappe: intake, acceptance, transfer to units, deadlines, "
	"signed replies, return visits, archive and unit appraisal."
)
app_email = "petition-management@example.org"
app_license = "mit"
app_version = "0.1.0"

# Frappe itself is always installed; naming it in required_apps makes install-app look it up online.

# Keep the "auto-generated types" block of every controller current (developer mode)
export_python_type_annotations = True

# Includes in <head>
# ------------------
# The Script Reports' shared filters and drill-down
app_include_js = ["/assets/petition_management/js/petition_reports.js"]

# Repeat detection at registration, shared by the intake forms
doctype_js = {
	"Petition Visit": "public/js/repeat_candidates.js",
	"Petition Letter": "public/js/repeat_candidates.js",
}

# Citizens' portal (petition_management/portal, www/, web form /online-petition)
portal_menu_items = [
	{"title": "My Petitions", "route": "/my-petitions", "reference_doctype": "Online Petition"},
	{"title": "Submit a Petition", "route": "/online-petition/new"},
]

# Print formats: rich text is cleaned again when printed (petition_management/utils/print_text.py)
jinja = {
	"filters": ["petition_management.utils.print_text.pm_rich_text"],
	"methods": [
		"petition_management.utils.print_identity.pm_party_identifiers",
		"petition_management.utils.print_identity.pm_letter_sender",
	],
}

# Installation
# ------------
after_install = "petition_management.setup.install.after_install"
after_migrate = "petition_management.setup.install.after_migrate"
before_uninstall = "petition_management.setup.uninstall.before_uninstall"
# The ledger of shipped records (setup/shipped.py) never stops an administrator deleting a Workflow or a
# Notification the app shipped; migrate creates a deleted one again.
ignore_links_on_delete = ["Petition Shipped Record"]

# Testing
# -------
# Frappe runs it before any app's tests on the site, Frappe's own included: it changes nothing global.
before_tests = "petition_management.setup.install.before_tests"

# Permissions
# -----------
# Row-level access by unit, case, key case and round. `has_permission` can only deny (None = no opinion).
#   handling/permissions.py   cases, transfers, extensions and their Workflow Actions
#   tracking/supervision.py   supervision orders
#   appraisal/permissions.py  unit appraisals
#   special/screening.py      dispute screening rounds and mediation cases
#   intake/leader_scope.py    a leader's letters, visits and petitioners: those of the cases they see
permission_query_conditions = {
	"Petition Case": "petition_management.handling.permissions.case_query",
	"Petition Transfer": "petition_management.handling.permissions.transfer_query",
	"Petition Extension": "petition_management.handling.permissions.extension_query",
	"Workflow Action": "petition_management.handling.permissions.workflow_action_query",
	"Petition Supervision": "petition_management.tracking.supervision.supervision_query",
	"Petition Appraisal": "petition_management.appraisal.permissions.appraisal_query",
	"Dispute Screening Round": "petition_management.special.screening.round_query",
	"Mediation Case": "petition_management.special.screening.mediation_query",
	"Petition Letter": "petition_management.intake.leader_scope.letter_query",
	"Petition Visit": "petition_management.intake.leader_scope.visit_query",
	"Petitioner": "petition_management.intake.leader_scope.petitioner_query",
}
has_permission = {
	"Petition Case": "petition_management.handling.permissions.case_has_permission",
	"Petition Transfer": "petition_management.handling.permissions.transfer_has_permission",
	"Petition Extension": "petition_management.handling.permissions.extension_has_permission",
	"Workflow Action": "petition_management.handling.permissions.workflow_action_has_permission",
	"Petition Supervision": "petition_management.tracking.supervision.supervision_has_permission",
	"Petition Appraisal": "petition_management.appraisal.permissions.appraisal_has_permission",
	"Dispute Screening Round": "petition_management.special.screening.round_has_permission",
	"Mediation Case": "petition_management.special.screening.mediation_has_permission",
	"Petition Letter": "petition_management.intake.leader_scope.letter_has_permission",
	"Petition Visit": "petition_management.intake.leader_scope.visit_has_permission",
	"Petitioner": "petition_management.intake.leader_scope.petitioner_has_permission",
}

# The portal answers in the visitor's language and never shows a guest a traceback (portal/guard.py).
# Malformed REST input gets a translated 400 (petition_management/utils/request_input.py).
before_request = [
	"petition_management.portal.guard.before_request",
	"petition_management.utils.request_input.validate",
]
# Three Frappe v15 endpoints that could widen what a user sees of the app's DocTypes (api/list_scope.py):
# a count without permission checks, and search turning `ignore_user_permissions` into no permissions.
override_whitelisted_methods = {
	"frappe.client.get_count": "petition_management.api.list_scope.get_count",
	"frappe.desk.search.search_link": "petition_management.api.list_scope.search_link",
	"frappe.desk.search.search_widget": "petition_management.api.list_scope.search_widget",
}

# Link searches in the user's words: a unit's type and a print format's translated name are shown and
# found (api/link_queries.py)
standard_queries = {
	"Handling Unit": "petition_management.api.link_queries.search_units",
	"Print Format": "petition_management.api.link_queries.search_print_formats",
}

# Document Events
# ---------------
# No silent deletion: closed/archived cases, signed replies and approved appraisals are deleted by a
# System Manager only, and every deletion leaves a Deleted Document (tracking/deletion_guard.py).
doc_events = {
	"Petition Case": {"on_trash": "petition_management.tracking.deletion_guard.prevent_deletion"},
	"Petition Transfer": {"on_trash": "petition_management.tracking.deletion_guard.prevent_deletion"},
	"Petition Appraisal": {"on_trash": "petition_management.tracking.deletion_guard.prevent_deletion"},
	# A user given a first petition role gets the "Petitions" workspace as home and a sidebar without
	# Frappe's own workspaces (setup/staff_desk.py)
	"User": {"before_validate": "petition_management.setup.staff_desk.on_user_before_validate"},
	# Every text a user gives the app's DocTypes (module "Petition Management") is stored as plain text
	# or as rich text safe printed raw, whatever the channel (utils/stored_text.py)
	"*": {
		"before_validate": "petition_management.utils.stored_text.clean_document",
		"before_update_after_submit": "petition_management.utils.stored_text.clean_after_submit",
	},
}

# Scheduled Tasks
# ---------------
scheduler_events = {
	"daily": [
		# due soon / overdue on cases and transfers, and one digest per person (tracking/daily.py)
		"petition_management.tracking.daily.run_daily_deadlines",
		"petition_management.tracking.supervision.escalate_unanswered_orders",
		"petition_management.portal.uploads.remove_stale_uploads",
		"petition_management.special.reception.refresh_reception_day_counts",
	],
	"cron": {
		# half-monthly dispute screening rounds, on the 1st and the 16th
		"0 6 1,16 * *": ["petition_management.special.screening.open_screening_rounds"],
		# an e-mailed access code leaves the Email Queue once sent (portal/mail.py)
		"*/10 * * * *": ["petition_management.portal.mail.forget_sent_access_codes"],
	},
}
