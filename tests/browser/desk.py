"""Driving Frappe's desk as a person does: routes, fields typed into, Save, the Actions menu, Print.

Waits are on Frappe's own page state, never on time: no request in flight (frappe.request.ajax_count),
no freeze (frappe.dom.freeze_count), the form of the route loaded and not dirty. Reading cur_frm.doc
only observes what the form shows; every change goes through the page's inputs and buttons.
"""

import re
from urllib.parse import quote

from phone import assert_reachable

SETTLED = """() => window.frappe && frappe.request && frappe.request.ajax_count === 0
	&& !frappe.dom.freeze_count && document.readyState === "complete" """

FORM_READY = """([doctype, name]) => window.cur_frm && cur_frm.doctype === doctype
	&& (!name || cur_frm.docname === name) && (frappe.get_route() || [])[0] === "Form"
	&& cur_frm.page.wrapper.is(":visible") && frappe.request.ajax_count === 0 && !frappe.dom.freeze_count"""

# a message dialog Frappe opened (an error on save, a refused action), its text
MESSAGE = ".modal.show .msgprint"


def slug(doctype: str) -> str:
	return doctype.lower().replace(" ", "-")


class Desk:
	def __init__(self, watch):
		self.watch = watch
		self.page = watch.page

	# --- waiting ---------------------------------------------------------------------------------------

	def settle(self):
		self.page.wait_for_function(SETTLED)

	def wait_form(self, doctype: str, name: str | None = None):
		self.page.wait_for_function(FORM_READY, arg=[doctype, name])
		self.settle()

	def doc(self, field: str):
		return self.page.evaluate("f => cur_frm.doc[f]", field)

	def message(self) -> str | None:
		box = self.page.locator(MESSAGE)
		return box.first.inner_text() if box.count() else None

	def translate(self, text: str, context: str | None = None) -> str:
		return self.page.evaluate("([t, c]) => __(t, null, c)", [text, context])

	# --- routes ----------------------------------------------------------------------------------------

	def go(self, route: str):
		self.page.goto(f"/app/{route}")
		self.page.wait_for_function(
			"() => window.frappe && frappe.get_route && (frappe.get_route() || []).length"
		)
		self.settle()

	def new(self, doctype: str):
		self.go(f"{slug(doctype)}/new")
		self.wait_form(doctype)
		assert self.page.evaluate("() => cur_frm.is_new()"), f"no new {doctype} form"

	def open(self, doctype: str, name: str):
		self.go(f"{slug(doctype)}/{name}")
		self.wait_form(doctype, name)

	def open_list(self, doctype: str, name: str | None = None):
		"""The list view; with `name`, filtered to that record (the list's own ?name= filter)."""
		self.go(slug(doctype) + (f"?name={quote(name)}" if name else ""))
		self.page.wait_for_selector(".frappe-list .result, .frappe-list .no-result", state="visible")
		self.settle()

	def open_from_list(self, doctype: str, name: str):
		"""Open a record by clicking its row in the list, as a person on a phone does."""
		self.open_list(doctype, name)
		row = self.page.locator(f".list-row-container:has(a[data-name='{name}'])")
		row.locator("a.ellipsis").first.click()
		self.wait_form(doctype, name)

	# --- fields ----------------------------------------------------------------------------------------

	def control(self, field: str, scope: str = ".form-layout"):
		return self.page.locator(f"{scope} .frappe-control[data-fieldname='{field}']:visible").first

	def fill(self, field: str, value: str, scope: str = ".form-layout"):
		"""Type `value` into the field as a person does, by its fieldtype."""
		doctype = self.page.evaluate("() => window.cur_frm && cur_frm.doctype")
		with self.watch.typing(f"{doctype}.{field}"):
			self.type_into(self.control(field, scope), value)
		self.settle()

	def type_into(self, control, value: str):
		kind = control.get_attribute("data-fieldtype")
		if kind == "Text Editor":
			editor = control.locator(".ql-editor[contenteditable=true]")
			editor.click()
			editor.fill(value)
			# the editor hands its text to the form after a pause of its own: wait until the form has it
			field = control.get_attribute("data-fieldname")
			self.page.wait_for_function(
				"([f, v]) => (cur_frm.doc[f] || '').includes(v)", arg=[field, value[:6]]
			)
		elif kind == "Select":
			control.locator("select").select_option(value)
		elif kind in ("Link", "Dynamic Link"):
			self.pick_link(control, value)
		elif kind == "Check":
			control.locator("input[type=checkbox]").set_checked(bool(value))
		elif kind in ("Date", "Datetime"):
			box = control.locator("input")
			box.fill(value)
			box.press("Escape")
		else:
			control.locator("input, textarea").first.fill(value)
		if kind not in ("Text Editor", "Select", "Check"):
			self.page.keyboard.press("Tab")
		self.settle()

	def pick_link(self, control, value: str):
		box = control.locator("input")
		box.click()
		box.fill(value)
		options = self.page.locator(f"#{box.get_attribute('aria-owns')} [role=option]")
		option = options.filter(has_text=value).first
		option.wait_for(state="visible")
		# the record called exactly `value` before others whose title or description contain it
		exact = options.filter(has=self.page.locator(f"p[title='{value}']"))
		(exact.first if exact.count() else option).click()
		self.settle()

	def today(self) -> str:
		"""Today as the desk shows and parses dates (the system's date format)."""
		return self.page.evaluate("() => frappe.datetime.str_to_user(frappe.datetime.get_today())")

	def add_row(self, table: str, field: str, value: str):
		"""A row added to a child table, its `field` typed in the grid."""
		grid = self.control(table)
		empty = self.page.evaluate(
			"([t, f]) => (cur_frm.doc[t] || []).filter((row) => !row[f]).map((row) => row.idx)",
			[table, field],
		)
		if not empty:
			grid.locator(".grid-add-row").click()
		row = grid.locator(f".grid-body .grid-row[data-idx='{empty[0] if empty else 'last'}']")
		if not empty:
			row = grid.locator(".grid-body .grid-row").last
		row.locator(f".static-area, [data-fieldname='{field}']").first.click()
		self.pick_link(row.locator(f".frappe-control[data-fieldname='{field}']"), value)

	# --- buttons ---------------------------------------------------------------------------------------

	def save(self, goes_to: str | None = None) -> str:
		"""Ctrl+S, as a person saves; the name saved. A refusal fails with the message Frappe shows.
		`goes_to`: the DocType whose form the saved form opens next (else it stays on the record)."""
		doctype = self.page.evaluate("() => cur_frm.doctype")
		try:
			# until the answer comes back the form still shows what was typed (Watch.typing)
			with self.watch.typing(f"{doctype}, while saving"):
				with self.page.expect_response(lambda r: "frappe.desk.form.save.savedocs" in r.url) as saved:
					self.page.keyboard.press("Control+s")
		except Exception as error:
			raise AssertionError(f"the {doctype} was not sent to be saved: {self.message()}") from error
		assert saved.value.ok, f"saving the {doctype} was refused: {self.message()}"
		name = saved.value.json()["docs"][0]["name"]
		if goes_to:
			self.wait_form(goes_to)
			return name
		self.wait_form(doctype, name)
		assert not self.page.evaluate("() => cur_frm.is_dirty()"), f"the {doctype} is still unsaved"
		return name

	def close_message(self):
		if self.page.locator(".modal.show").count():
			self.page.keyboard.press("Escape")
			self.page.locator(".modal.show").first.wait_for(state="hidden")

	def actions_button(self):
		"""The form's Actions menu; its absence is a failure that names the record and the user."""
		button = self.page.locator(".page-actions .actions-btn-group > button:visible").first
		try:
			button.wait_for(state="visible")
		except Exception as error:
			who, doctype, name, state = self.page.evaluate(
				"() => [frappe.session.user, cur_frm.doctype, cur_frm.docname, cur_frm.doc.workflow_state]"
			)
			raise AssertionError(
				f"no Actions menu on {doctype} {name} ({state}) for {who}: no workflow action is open to them"
			) from error
		return button

	def action(self, action: str, expect_state: str | None = None):
		"""The workflow `action` from the Actions menu; the form shows `expect_state` after it."""
		label = self.translate(action)
		self.actions_button().click()
		item = self.page.locator(".actions-btn-group .dropdown-menu.show .dropdown-item").filter(
			has_text=re.compile(rf"^\s*{re.escape(label)}\s*$")
		)
		if self.page.viewport_size["width"] < 500:
			assert_reachable(self.page, item.first, f"the action {label} on a phone")
		item.first.click()
		self.page.wait_for_function(
			"""(state) => document.querySelector('.modal.show .msgprint')
				|| (!frappe.dom.freeze_count && frappe.request.ajax_count === 0
					&& (!state || cur_frm.doc.workflow_state === state))""",
			arg=expect_state,
		)
		message = self.message()
		state = self.doc("workflow_state")
		assert not expect_state or state == expect_state, f"'{action}' left the record in {state}: {message}"
		self.close_message()
		self.settle()

	def custom_button(self, label: str, group: str | None = None):
		text = self.translate(label)
		if group:
			self.page.locator(".inner-group-button > button", has_text=self.translate(group)).click()
			self.page.locator(".inner-group-button .dropdown-item", has_text=text).click()
		else:
			self.page.locator(".page-actions .custom-actions button:visible", has_text=text).first.click()

	def confirm(self):
		"""Yes on Frappe's confirm dialog."""
		self.page.locator(".modal.show .btn-primary").click()
		self.settle()
