"""Malformed REST input gets a translated 400, not Frappe v15's 500 or a silent drop.

Frappe v15 answers some malformed requests before any app code runs:
- a body sent as JSON that does not parse fails in `frappe.app.make_form_dict` (500);
- a JSON list body sent to `/api/resource/<DocType>` fails in `create_doc` (500);
- list parameters (`filters`, `or_filters`, `fields`) and `doc` parameters that are not JSON fail in
  `json.loads` inside `frappe.api`, `frappe.client`, `frappe.desk.reportview` and `savedocs` (500);
- a table field given as anything but a list of rows fails in `Document.extend` (500);
- a field the DocType does not have is dropped without a word (200), so a client that misspells a field
  believes it saved a value that was never stored.

`validate()` (a `before_request` hook) checks these requests first and throws `MalformedRequestError`
(HTTP 400) with a translated message. It only refuses what Frappe would crash on anyway, so a valid
request is never changed; unknown fields are refused for this app's DocTypes only, through the REST
resource API (the desk's own save ignores stale keys as before).

A body that is not JSON fails in `frappe.app.make_form_dict` before the `before_request` hooks run;
Frappe answers it (a 500 in v15, listed in SECURITY.md). The app does not wrap Frappe's parser: no
assignment into a Frappe module.
"""

import json

import frappe
from frappe import _
from frappe.api import API_URL_MAP, v1, v2
from frappe.model import child_table_fields, default_fields, optional_fields, table_fields
from werkzeug.exceptions import HTTPException

APP_MODULES = ("Petition Management",)


RESOURCE_WRITES = {v1.create_doc, v1.update_doc, v2.create_doc, v2.update_doc}
RESOURCE_LISTS = {v1.document_list, v2.document_list}
RPC_CALLS = {v1.handle_rpc_call, v2.handle_rpc_call}
# JSON parameters Frappe parses without a fallback; "fields" may also be "*"
LIST_PARAMS = ("filters", "or_filters", "fields")
FORM_PARAMS = ("filters", "or_filters", "fields", "applied_filters", "docstatus", "save_user_settings")
METHOD_JSON_PARAMS = {
	"frappe.desk.reportview.get": FORM_PARAMS,
	"frappe.desk.reportview.get_list": FORM_PARAMS,
	"frappe.desk.reportview.get_count": FORM_PARAMS,
	"frappe.desk.reportview.export_query": FORM_PARAMS,
	"frappe.client.get_list": ("filters", "or_filters"),
	"frappe.client.get_count": ("filters",),
}
METHOD_DOC_PARAMS = {
	"frappe.client.insert": "doc",
	"frappe.client.save": "doc",
	"frappe.desk.form.save.savedocs": "doc",
}


class MalformedRequestError(frappe.ValidationError):
	"""The request is not what the endpoint can read."""

	http_status_code = 400


def validate():
	"""before_request: refuse malformed input to the REST API with a translated 400."""
	request = frappe.request
	if not request or not request.path.startswith("/api/"):
		return
	try:
		endpoint, arguments = API_URL_MAP.bind_to_environ(request.environ).match()
	except HTTPException:
		return  # Frappe answers unknown paths itself
	if endpoint in RESOURCE_WRITES and is_app_doctype(arguments["doctype"]):
		validate_document_body(arguments["doctype"], request_body(endpoint))
	elif endpoint in RESOURCE_LISTS:
		validate_json_params(LIST_PARAMS, allow_star=False)
	elif endpoint in RPC_CALLS:
		validate_method_params(arguments["method"].split("/")[0])


def validate_method_params(method: str):
	if method in METHOD_JSON_PARAMS:
		validate_json_params(METHOD_JSON_PARAMS[method], allow_star=True)
	elif method in METHOD_DOC_PARAMS:
		param = METHOD_DOC_PARAMS[method]
		value = frappe.form_dict.get(param)
		if isinstance(value, str) and not isinstance(parse(param, value), dict):
			refuse(_("Parameter {0} must be a JSON object.").format(param))


def validate_json_params(params: tuple, allow_star: bool):
	for param in params:
		value = frappe.form_dict.get(param)
		if isinstance(value, str) and value.strip() and not (allow_star and value == "*"):
			parse(param, value)


def parse(param: str, value: str):
	try:
		return json.loads(value)
	except ValueError:
		refuse(_("Parameter {0} must be JSON.").format(param))


def request_body(endpoint):
	"""The values Frappe's endpoint will write, read the way it reads them."""
	if endpoint in (v1.create_doc, v1.update_doc):
		return v1.get_request_form_data()
	return frappe.form_dict


def validate_document_body(doctype: str, values):
	if not isinstance(values, dict):
		refuse(_("The request body must be a JSON object of field values."))
	validate_values(doctype, values)


def validate_values(doctype: str, values: dict):
	meta = frappe.get_meta(doctype)
	allowed = known_keys(meta)
	unknown = sorted(key for key in values if key not in allowed and not str(key).startswith("__"))
	if unknown:
		refuse(_("{0} has no field {1}.").format(_(doctype), ", ".join(map(str, unknown))))
	for df in meta.get("fields", {"fieldtype": ["in", table_fields]}):
		rows = values.get(df.fieldname)
		if rows is None:
			continue
		label = _(df.label or df.fieldname, context=doctype)
		if not isinstance(rows, list):
			refuse(_("{0} must be a list of rows.").format(label))
		for row in rows:
			if not isinstance(row, dict):
				refuse(_("Each row of {0} must be an object of field values.").format(label))
			validate_values(df.options, row)


def known_keys(meta) -> set[str]:
	keys = {df.fieldname for df in meta.fields} | set(default_fields) | set(optional_fields) | {"flags"}
	if meta.istable:
		keys |= set(child_table_fields)
	return keys


def is_app_doctype(doctype: str) -> bool:
	return frappe.db.get_value("DocType", doctype, "module", cache=True) in APP_MODULES


def refuse(message: str):
	frappe.throw(message, MalformedRequestError, title=_("Invalid Request"))
