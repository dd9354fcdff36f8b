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
# app_include_js = "/assets/petition_management/js/petition_management.js"

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
