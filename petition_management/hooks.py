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
# app_include_css = "/assets/petition_management/css/petition_management.css"
# The Script Reports' shared filters and drill-down
app_include_js = ["/assets/petition_management/js/petition_reports.js"]

# Repeat detection at registration, shared by the intake forms
doctype_js = {
	"Petition Visit": "public/js/repeat_candidates.js",
	"Petition Letter": "public/js/repeat_candidates.js",
}

# Installation
# ------------
after_install = "petition_management.setup.install.after_install"
after_migrate = "petition_management.setup.install.after_migrate"
before_uninstall = "petition_management.setup.uninstall.before_uninstall"

# Document Events
# ---------------
# doc_events = {}

# Scheduled Tasks
# ---------------
scheduler_events = {
	"daily": [
		"petition_management.tracking.daily.run_daily_deadlines",
		"petition_management.tracking.supervision.escalate_unanswered_orders",
		"petition_management.portal.uploads.remove_stale_uploads",
	],
}

# Testing
# -------
before_tests = "petition_management.setup.install.before_tests"

# Row-level permissions: transfers and cases by unit (petition_management/handling/permissions.py)
# -- begin: handling permissions --
permission_query_conditions = {
	**globals().get("permission_query_conditions", {}),
	"Petition Transfer": "petition_management.handling.permissions.transfer_query",
	"Petition Case": "petition_management.handling.permissions.case_query",
	"Workflow Action": "petition_management.handling.permissions.workflow_action_query",
}
has_permission = {
	**globals().get("has_permission", {}),
	"Petition Transfer": "petition_management.handling.permissions.transfer_has_permission",
	"Petition Case": "petition_management.handling.permissions.case_has_permission",
	"Workflow Action": "petition_management.handling.permissions.workflow_action_has_permission",
}
# -- end: handling permissions --

# Leaders' reception days, key cases, emergency incidents, dispute screening, mediation
# (petition_management/special/)
# -- begin: special permissions and jobs --
permission_query_conditions = {
	**globals().get("permission_query_conditions", {}),
	"Dispute Screening Round": "petition_management.special.screening.round_query",
	"Mediation Case": "petition_management.special.screening.mediation_query",
}
has_permission = {
	**globals().get("has_permission", {}),
	"Dispute Screening Round": "petition_management.special.screening.round_has_permission",
	"Mediation Case": "petition_management.special.screening.mediation_has_permission",
}
scheduler_events = {
	**globals().get("scheduler_events", {}),
	"daily": [
		*globals().get("scheduler_events", {}).get("daily", []),
		"petition_management.special.reception.refresh_reception_day_counts",
	],
	"cron": {
		**globals().get("scheduler_events", {}).get("cron", {}),
		"0 6 1,16 * *": [
			*globals().get("scheduler_events", {}).get("cron", {}).get("0 6 1,16 * *", []),
			"petition_management.special.screening.open_screening_rounds",
		],
	},
}
# -- end: special permissions and jobs --

# -- begin: tracking permissions --
permission_query_conditions = {
	**globals().get("permission_query_conditions", {}),
	"Petition Supervision": "petition_management.tracking.supervision.supervision_query",
}
has_permission = {
	**globals().get("has_permission", {}),
	"Petition Supervision": "petition_management.tracking.supervision.supervision_has_permission",
}
# -- end: tracking permissions --

# Field-level read permissions on every query, and the Frappe v15 methods that bypass them
# (petition_management/utils/field_permissions.py explains the v15 gaps this closes).
# Malformed REST input gets a translated 400 (petition_management/utils/request_input.py).
before_request = [
	"petition_management.utils.field_permissions.apply",
	"petition_management.utils.request_input.validate",
]
before_job = ["petition_management.utils.field_permissions.apply"]
override_whitelisted_methods = {
	"frappe.client.get_count": "petition_management.utils.field_permissions.get_count",
	"frappe.desk.search.search_link": "petition_management.utils.field_permissions.search_link",
	"frappe.desk.search.search_widget": "petition_management.utils.field_permissions.search_widget",
}

# -- begin: appraisal permissions --
permission_query_conditions = {
	**globals().get("permission_query_conditions", {}),
	"Petition Appraisal": "petition_management.appraisal.permissions.appraisal_query",
}
has_permission = {
	**globals().get("has_permission", {}),
	"Petition Appraisal": "petition_management.appraisal.permissions.appraisal_has_permission",
}
# -- end: appraisal permissions --

# Citizens' portal (petition_management/portal, www/, web form /online-petition)
# -- begin: portal --
portal_menu_items = [
	*globals().get("portal_menu_items", []),
	{"title": "My Petitions", "route": "/my-petitions", "reference_doctype": "Online Petition"},
	{"title": "Submit a Petition", "route": "/online-petition/new"},
]
# -- end: portal --

# No silent deletion: closed/archived cases, signed replies and approved appraisals are deleted by a
# System Manager only, and every deletion leaves a Deleted Document
# (petition_management/tracking/deletion_guard.py).
# -- begin: deletion guard --
_DELETION_GUARD = "petition_management.tracking.deletion_guard.prevent_deletion"
_DOC_EVENTS = globals().get("doc_events", {})


def _with_deletion_guard(events: dict) -> dict:
	on_trash = events.get("on_trash") or []
	on_trash = [on_trash] if isinstance(on_trash, str) else list(on_trash)
	return {**events, "on_trash": [*on_trash, _DELETION_GUARD]}


doc_events = {
	**_DOC_EVENTS,
	**{
		_doctype: _with_deletion_guard(_DOC_EVENTS.get(_doctype, {}))
		for _doctype in ("Petition Case", "Petition Transfer", "Petition Appraisal")
	},
}
# -- end: deletion guard --

# -- begin: extension permissions (an extension follows its case) --
permission_query_conditions = {
	**globals().get("permission_query_conditions", {}),
	"Petition Extension": "petition_management.handling.permissions.extension_query",
}
has_permission = {
	**globals().get("has_permission", {}),
	"Petition Extension": "petition_management.handling.permissions.extension_has_permission",
}
# -- end: extension permissions --
