"""Facts about Frappe v15 (branch version-15, 15.55.1) that the static checker needs.

Only plain data lives here; every constant names the Frappe source file it was read from.
No Frappe code is copied and nothing here imports Frappe.
"""


def _names(text: str) -> frozenset[str]:
	return frozenset(part.strip() for part in text.split(",") if part.strip())


# frappe/model/__init__.py: data_fieldtypes
DATA_FIELDTYPES = _names(
	"""Currency, Int, Long Int, Float, Percent, Check, Small Text, Long Text, Code, Text Editor,
	Markdown Editor, HTML Editor, Date, Datetime, Time, Text, Data, Link, Dynamic Link, Password, Select,
	Rating, Read Only, Attach, Attach Image, Signature, Color, Barcode, Geolocation, Duration, Icon, Phone,
	Autocomplete, JSON"""
)

# frappe/model/__init__.py: no_value_fields
NO_VALUE_FIELDTYPES = _names(
	"Section Break, Column Break, Tab Break, HTML, Table, Table MultiSelect, Button, Image, Fold, Heading"
)

# frappe/model/__init__.py: table_fields
TABLE_FIELDTYPES = frozenset({"Table", "Table MultiSelect"})

# frappe/core/doctype/docfield/docfield.json: options of the `fieldtype` Select (the list the desk offers).
# "Long Int" is a data fieldtype in frappe/model/__init__.py but missing from this list.
DOCFIELD_FIELDTYPE_OPTIONS = _names(
	"""Autocomplete, Attach, Attach Image, Barcode, Button, Check, Code, Color, Column Break, Currency, Data,
	Date, Datetime, Duration, Dynamic Link, Float, Fold, Geolocation, Heading, HTML, HTML Editor, Icon, Image,
	Int, JSON, Link, Long Text, Markdown Editor, Password, Percent, Phone, Read Only, Rating, Section Break,
	Select, Signature, Small Text, Tab Break, Table, Table MultiSelect, Text, Text Editor, Time"""
)

VALID_FIELDTYPES = DATA_FIELDTYPES | NO_VALUE_FIELDTYPES | TABLE_FIELDTYPES | DOCFIELD_FIELDTYPE_OPTIONS

# frappe/model/__init__.py: float_like_fields (precision must be 1..6, core/doctype/doctype/doctype.py)
FLOAT_LIKE_FIELDTYPES = frozenset({"Float", "Currency", "Percent"})

# frappe/model/__init__.py: data_field_options (allowed `options` of a Data field)
DATA_FIELD_OPTIONS = frozenset({"Email", "Name", "Phone", "URL", "Barcode"})

# frappe/core/doctype/doctype/doctype.py: check_unique_and_text (only these may be `unique`)
UNIQUE_FIELDTYPES = frozenset({"Data", "Link", "Read Only", "Int"})

# frappe/core/doctype/doctype/doctype.py: check_unique_and_text (these cannot have `search_index`)
NOT_INDEXABLE_FIELDTYPES = frozenset({"Text", "Long Text", "Small Text", "Code", "Text Editor"})

# frappe/core/doctype/doctype/doctype.py: get_fields_not_allowed_in_list_view
# (child tables do allow Button and HTML in the grid)
NOT_IN_LIST_VIEW = NO_VALUE_FIELDTYPES | {"Attach Image"}
NOT_IN_LIST_VIEW_CHILD = NOT_IN_LIST_VIEW - {"Button", "HTML"}

# frappe/core/doctype/doctype/doctype.py: check_illegal_depends_on_conditions
DEPENDS_ON_KEYS = ("depends_on", "collapsible_depends_on", "mandatory_depends_on", "read_only_depends_on")

# frappe/model/__init__.py: default_fields, child_table_fields, optional_fields
DEFAULT_FIELDS = ("doctype", "name", "owner", "creation", "modified", "modified_by", "docstatus", "idx")
CHILD_TABLE_FIELDS = ("parent", "parentfield", "parenttype")
OPTIONAL_FIELDS = ("_user_tags", "_comments", "_assign", "_liked_by", "_seen")

# frappe/core/doctype/doctype/doctype.py: scrub_field_names `restricted`
RESTRICTED_FIELDNAMES = _names(
	"name, parent, creation, owner, modified, modified_by, parentfield, parenttype, file_list, flags, docstatus"
)

# frappe/model/base_document.py: BaseDocument._reserved_keywords (checked by validate_fields)
RESERVED_KEYWORDS = _names(
	"""doctype, meta, flags, parent_doc, _table_fields, _valid_columns, _doc_before_save, _table_fieldnames,
	_reserved_keywords, permitted_fieldnames, dont_update_if_missing"""
)

# Every fieldname a DocType may not declare itself.
FORBIDDEN_FIELDNAMES = (
	frozenset(DEFAULT_FIELDS + CHILD_TABLE_FIELDS + OPTIONAL_FIELDS)
	| RESTRICTED_FIELDNAMES
	| RESERVED_KEYWORDS
)

# frappe/model/document.py + frappe/model/base_document.py: public methods and properties of Document.
# doctype.py validate_field_name_conflicts rejects value fields named like these (on every re-sync).
DOCUMENT_ATTRIBUTES = _names(
	"""add_comment, add_seen, add_tag, add_viewed, append, apply_fieldlevel_read_permissions, as_dict, as_json,
	cancel, cast, check_docstatus_transition, check_if_latest, check_if_locked, check_no_back_links_exist,
	check_permission, clear_cache, copy_attachments_from_amended_from, db_get, db_insert, db_set, db_update,
	db_update_all, deferred_insert, delete, delete_key, docstatus, extend, get, get_all_children,
	get_assigned_users, get_db_value, get_doc_before_save, get_document_share_key, get_field_name_by_key_name,
	get_formatted, get_invalid_links, get_label_from_fieldname, get_latest, get_liked_by, get_onload,
	get_parentfield_of_doctype, get_password, get_permissions, get_permlevel_access, get_signature,
	get_table_field_doctype, get_tags, get_title, get_url, get_valid_columns, get_valid_dict, get_value, getone,
	has_permission, has_permlevel_access_to, has_value_changed, hook, in_format_data, init_child_tables,
	init_valid_columns, insert, is_child_table_same, is_dummy_password, is_locked, is_new, is_print_hide,
	is_whitelisted, load_doc_before_save, load_from_db, lock, log_error, meta, notify_update, parent_doc,
	permitted_fieldnames, precision, queue_action, raise_no_permission_to, reload, remove, remove_tag,
	remove_unpicklable_values, rename, reset_seen, reset_values_if_no_permlevel_access, round_floats_in,
	run_before_save_methods, run_method, run_notifications, run_post_save_methods, run_trigger, save,
	save_version, set, set_docstatus, set_fetch_from_value, set_name_in_children, set_new_name, set_onload,
	set_parent_in_children, set_title_field, set_user_and_timestamp, show_unique_validation_message, submit,
	throw_length_exceeded_error, unlock, update, update_child_table, update_children, update_if_missing,
	update_modified, update_single, validate_amended_from, validate_from_to_dates, validate_higher_perm_levels,
	validate_set_only_once, validate_table_has_rows, validate_update_after_submit, validate_value,
	validate_workflow"""
)

# frappe/utils/nestedset.py: class NestedSet methods (tree controllers also may not use these fieldnames)
NESTED_SET_ATTRIBUTES = _names(
	"""on_update, on_trash, validate_if_child_exists, before_rename, after_rename, validate_one_root,
	get_root_node_count, validate_ledger, get_ancestors, get_parent, get_children"""
)

# frappe/core/doctype/doctype/doctype.py: add_nestedset_fields / validate_nestedset,
# frappe/utils/nestedset.py: update_nsm (default parent field "parent_" + scrub(doctype))
TREE_FIELDS = {"lft": "Int", "rgt": "Int", "is_group": "Check", "old_parent": "Link"}

# frappe/core/doctype/doctype/doctype.json: `naming_rule` options
NAMING_RULES = _names(
	"""Set by user, Autoincrement, By fieldname, By "Naming Series" field, Expression, Expression (old style),
	Random, By script"""
)

# frappe/public/js/frappe/doctype/index.js: which `autoname` form each naming_rule sets
NAMING_RULE_AUTONAME = {
	"Set by user": "prompt",
	"Autoincrement": "autoincrement",
	"By fieldname": "field:",
	'By "Naming Series" field': "naming_series:",
	"Expression": "format:",
	"Expression (old style)": "<SERIES>.#",
	"Random": "hash",
	"By script": "",
}

# frappe/model/naming.py: parse_naming_series date words usable as {WORD} in "format:" autonames
NAMING_DATE_WORDS = frozenset({"YY", "MM", "DD", "YYYY", "WW", "timestamp"})

# frappe/core/doctype/doctype/doctype.json: `sort_order`, `document_type` options
SORT_ORDERS = frozenset({"ASC", "DESC"})
DOCUMENT_TYPES = frozenset({"", "Document", "Setup", "System", "Other"})

# frappe/core/doctype/docperm/docperm.json: the DocPerm fields
PERMISSION_RIGHTS = _names(
	"read, write, create, delete, submit, cancel, amend, report, export, import, share, print, email, select"
)
PERMISSION_KEYS = PERMISSION_RIGHTS | {"role", "permlevel", "if_owner"}

# frappe/permissions.py: GUEST_ROLE, ALL_USER_ROLE, SYSTEM_USER_ROLE ("Desk User"), ADMIN_ROLE;
# "System Manager" everywhere; frappe/utils/install.py: install_basic_docs (Report Manager, Translator).
# "Website User" is a User *type* in v15 (frappe/core/doctype/role/role.py), not a Role.
AUTOMATIC_ROLES = frozenset({"Guest", "All", "Desk User", "Administrator"})
CORE_ROLES = AUTOMATIC_ROLES | {"System Manager", "Report Manager", "Translator"}

# Roles that frappe's own DocType permissions create on install (make_module_and_roles in doctype.py),
# collected from frappe/**/doctype/*/*.json `permissions`.
FRAPPE_PERMISSION_ROLES = _names(
	"""Website Manager, Blogger, Dashboard Manager, Workspace Manager, Script Manager, Newsletter Manager,
	Inbox User, Prepared Report User, Knowledge Base Contributor, Knowledge Base Editor, Accounts Manager,
	Accounts User, Maintenance Manager, Maintenance User, Purchase Manager, Purchase Master Manager,
	Purchase User, Sales Manager, Sales Master Manager, Sales User"""
)
KNOWN_ROLES = CORE_ROLES | FRAPPE_PERMISSION_ROLES

# frappe/**/doctype/*/*.json with "istable": 0 (all DocTypes frappe v15 itself ships; not ERPNext's)
CORE_DOCTYPES = _names(
	"""About Us Settings, Access Log, Activity Log, Address, Address Template, Assignment Rule, Audit Trail,
	Auto Email Report, Auto Repeat, Blog Category, Blog Post, Blog Settings, Blogger, Bulk Update, Calendar View,
	Changelog Feed, Client Script, Color, Comment, Communication, Connected App, Console Log, Contact,
	Contact Us Settings, Country, Currency, Custom DocPerm, Custom Field, Custom HTML Block, Custom Role,
	Customize Form, Dashboard, Dashboard Chart, Dashboard Chart Source, Dashboard Settings, Data Export,
	Data Import, Data Import Log, Deleted Document, Desktop Icon, Discussion Reply, Discussion Topic, DocShare,
	DocType, DocType Layout, Document Follow, Document Naming Rule, Document Naming Settings,
	Document Share Key, Domain, Domain Settings, Dropbox Settings, Email Account, Email Domain, Email Flag Queue,
	Email Group, Email Group Member, Email Queue, Email Rule, Email Template, Email Unsubscribe, Energy Point Log,
	Energy Point Rule, Energy Point Settings, Error Log, Event, File, Form Tour, Gender, Global Search Settings,
	Google Calendar, Google Contacts, Google Drive, Google Settings, Help Article, Help Category,
	Installed Applications, Integration Request, Kanban Board, LDAP Settings, Language, Letter Head, List Filter,
	List View Settings, Log Settings, Marketing Campaign, Milestone, Milestone Tracker, Module Def,
	Module Onboarding, Module Profile, Navbar Settings, Network Printer Settings, Newsletter, Note, Notification,
	Notification Log, Notification Settings, Number Card, OAuth Authorization Code, OAuth Bearer Token,
	OAuth Client, OAuth Provider Settings, Onboarding Step, Package, Package Import, Package Release, Page,
	Patch Log, Permission Inspector, Personal Data Deletion Request, Personal Data Download Request,
	Portal Settings, Prepared Report, Print Format, Print Format Field Template, Print Heading, Print Settings,
	Print Style, Property Setter, Push Notification Settings, RQ Job, RQ Worker, Recorder, Reminder, Report, Role,
	Role Permission for Page and Report, Role Profile, Route History, S3 Backup Settings, SMS Settings,
	Salutation, Scheduled Job Log, Scheduled Job Type, Scheduler Event, Server Script, Session Default Settings,
	Slack Webhook URL, Social Login Key, Submission Queue, Success Action, System Console, System Health Report,
	System Settings, Tag, Tag Link, ToDo, Token Cache, Transaction Log, Translation, Unhandled Email, User,
	User Group, User Permission, User Type, Version, View Log, Web Form, Web Page, Web Page View, Web Template,
	Webhook, Webhook Request Log, Website Route Meta, Website Script, Website Settings, Website Sidebar,
	Website Slideshow, Website Theme, Workflow, Workflow Action, Workflow Action Master, Workflow State,
	Workspace"""
)

# frappe/**/doctype/*/*.json with "istable": 1 (core child tables, valid Table options)
CORE_CHILD_DOCTYPES = _names(
	"""About Us Team Member, Amended Document Naming Settings, Assignment Rule Day, Assignment Rule User,
	Auto Repeat Day, Block Module, Communication Link, Company History, Contact Email, Contact Phone,
	Customize Form Field, Dashboard Chart Field, Dashboard Chart Link, DefaultValue, DocField, DocPerm,
	DocType Action, DocType Layout Field, DocType Link, DocType State, Document Naming Rule Condition,
	Dynamic Link, Email Queue Recipient, Event Participants, Form Tour Step, Global Search DocType, Has Domain,
	Has Role, IMAP Folder, Installed Application, Kanban Board Column, LDAP Group Mapping, Log Setting User,
	Logs To Clear, Navbar Item, Newsletter Attachment, Newsletter Email Group, Note Seen By,
	Notification Recipient, Notification Subscribed Document, Number Card Link, OAuth Client Role, OAuth Scope,
	Onboarding Permission, Onboarding Step Map, Personal Data Deletion Step, Portal Menu Item, Query Parameters,
	Recorder Query, Recorder Suggested Index, Report Column, Report Filter, Review Level, SMS Parameter,
	Session Default, Social Link Settings, System Health Report Errors, System Health Report Failing Jobs,
	System Health Report Queue, System Health Report Tables, System Health Report Workers, Top Bar Item,
	User Document Type, User Email, User Group Member, User Select Document Type, User Social Login,
	User Type Module, Web Form Field, Web Form List Column, Web Page Block, Web Template Field, Webhook Data,
	Webhook Header, Website Meta Tag, Website Route Redirect, Website Sidebar Item, Website Slideshow Item,
	Website Theme Ignore App, Workflow Action Permitted Role, Workflow Document State, Workflow Transition,
	Workspace Chart, Workspace Custom Block, Workspace Link, Workspace Number Card, Workspace Quick List,
	Workspace Shortcut"""
)

# frappe/**/report/*/*.json (standard reports frappe ships)
CORE_REPORTS = _names(
	"""Audit System Hooks, Addresses And Contacts, ToDo, Website Analytics, Database Storage Usage By Tables,
	Transaction Log Report, Permitted Documents For User, Document Share Report"""
)

# frappe/workflow/doctype/workflow/workflow.py: validate_docstatus; workflow_document_state.json doc_status
WORKFLOW_DOC_STATUSES = frozenset({"0", "1", "2"})
# (from doc_status, to doc_status) pairs validate_docstatus rejects; "2" may not move at all.
WORKFLOW_FORBIDDEN_MOVES = frozenset({("1", "0"), ("0", "2")})

# frappe/printing/doctype/print_format/print_format.json: `standard`, `print_format_type` options
PRINT_FORMAT_TYPES = frozenset({"Jinja", "JS"})

# frappe/core/doctype/report/report.json: `report_type` options
REPORT_TYPES = frozenset({"Report Builder", "Query Report", "Script Report", "Custom Report"})

# frappe/email/doctype/notification/notification.json: `channel`, `event`, `message_type` options;
# notification.py FORMATS maps message_type to the sibling template's extension.
NOTIFICATION_CHANNELS = frozenset({"Email", "Slack", "System Notification", "SMS"})
NOTIFICATION_EVENTS = _names(
	"New, Save, Submit, Cancel, Days After, Days Before, Value Change, Method, Custom"
)
NOTIFICATION_FORMATS = {"HTML": ".html", "Markdown": ".md", "Plain Text": ".txt"}

# frappe/desk/doctype/workspace_shortcut/workspace_shortcut.json `type`; workspace_link.json `link_type`
WORKSPACE_SHORTCUT_TYPES = frozenset({"DocType", "Report", "Page", "Dashboard", "URL"})
WORKSPACE_LINK_TYPES = frozenset({"DocType", "Page", "Report"})

# frappe/desk/doctype/number_card/number_card.json `type`; dashboard_chart.json `chart_type`
NUMBER_CARD_TYPES = frozenset({"Document Type", "Report", "Custom"})
DASHBOARD_CHART_TYPES = frozenset({"Count", "Sum", "Average", "Group By", "Custom", "Report"})

# frappe/model/sync.py IMPORTABLE_DOCTYPES + frappe/utils/dashboard.py make_records_in_module:
# folders under a module that `bench migrate` imports as <folder>/<name>/<name>.json
SYNCED_FOLDERS = {
	"doctype": "DocType",
	"page": "Page",
	"report": "Report",
	"print_format": "Print Format",
	"web_form": "Web Form",
	"notification": "Notification",
	"workspace": "Workspace",
	"number_card": "Number Card",
	"dashboard_chart": "Dashboard Chart",
	"dashboard_chart_source": "Dashboard Chart Source",
	"web_page": "Web Page",
	"web_template": "Web Template",
	"print_style": "Print Style",
	"client_script": "Client Script",
	"server_script": "Server Script",
	"custom_field": "Custom Field",
	"property_setter": "Property Setter",
	"module_onboarding": "Module Onboarding",
	"onboarding_step": "Onboarding Step",
	"form_tour": "Form Tour",
}

# frappe/utils/jinja.py: set_filters (filters Frappe adds to Jinja's own)
FRAPPE_JINJA_FILTERS = frozenset({"json", "len", "int", "str", "flt"})

# frappe/website/doctype/web_form_field/web_form_field.json: `fieldtype` options of a Web Form field
WEB_FORM_FIELDTYPES = _names(
	"""Attach, Attach Image, Check, Currency, Color, Data, Date, Datetime, Duration, Float, HTML, Int, Link,
	Password, Phone, Rating, Select, Signature, Small Text, Text, Text Editor, Table, Time, Section Break,
	Column Break, Page Break"""
)
