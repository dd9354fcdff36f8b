"""The bad-input corpus: every case is refused with a clear, translated message and an HTTP 4xx, never a
500, and leaves the database as it was.

CORPUS is plain data: who sends what (over HTTP, to a running site), and optionally the exception the
refusal must carry (bad_input_values says how a row reads); its rows are in bad_input_intake,
bad_input_workflow and bad_input_settings. `@name` in a value is the name of a record of the world
(worlds.build_bad_input_world).
The users' language is Chinese (the Guest asks for it with Accept-Language), so a refusal is "translated"
when its message holds Chinese text. Before and after each case the row count and the latest change of
every table of the app are read in one query: a refused case changes none of them.
"""

import json
import re
import time

import frappe
from frappe.tests.utils import FrappeTestCase

from petition_management.tests.security import fixtures as fx
from petition_management.tests.security import matrix as m
from petition_management.tests.security.bad_input_intake import INTAKE, PORTAL
from petition_management.tests.security.bad_input_settings import SETTINGS_AND_SPECIAL
from petition_management.tests.security.bad_input_values import CJK
from petition_management.tests.security.bad_input_workflow import WORKFLOW
from petition_management.tests.security.http import Client, exc_type, message
from petition_management.tests.security.worlds import build_bad_input_world, set_up_world

# Cases the app cannot refuse, each with the reason; they are still sent and must still misbehave exactly
# as described (the test says when one gets fixed).
KNOWN_GAPS: dict[str, str] = {
	"body-not-json": "Frappe v15 parses the request body in frappe.app.make_form_dict before any app hook "
	"runs and answers a 500 (nothing is saved); the app patches nothing of Frappe (SECURITY.md)",
	"body-json-number": "the same parser refuses JSON that is neither an object nor a list with its own "
	"untranslated 'Invalid request arguments' (nothing is saved)",
}

# in the order they are sent
CORPUS: list[tuple] = [*INTAKE, *WORKFLOW, *SETTINGS_AND_SPECIAL, *PORTAL]


def resolve(value, world):
	"""`@name` strings become the world's record names, recursively."""
	if isinstance(value, str) and value.startswith("@"):
		return world[value[1:]]
	if isinstance(value, dict):
		return {key: resolve(item, world) for key, item in value.items()}
	if isinstance(value, list):
		return [resolve(item, world) for item in value]
	return value


def fingerprint_query() -> str:
	"""One statement: the row count and latest change of every table of the app, and of File."""
	tables = frappe.get_all("DocType", filters={"module": "Petition Management", "issingle": 0}, pluck="name")
	parts = [f"select '{t}', count(*), max(modified) from `tab{t}`" for t in sorted([*tables, "File"])]
	parts.append(
		"select 'Singles', count(*), md5(group_concat(field, '=', ifnull(value, '') order by field)) "
		"from `tabSingles` where doctype = 'Petition Settings'"
	)
	return " union all ".join(parts)


class TestBadInput(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.world = set_up_world(cls, build_bad_input_world)
		frappe.cache.delete_keys("rl:")  # the portal's rate limits, from earlier runs
		logins = {**cls.world.users, "keeper": cls.world.keeper, "head-b": cls.world.head_b}
		cls.clients = {
			key: Client(user, fx.PASSWORD).login() if user else Client() for key, user in logins.items()
		}
		cls.clients[m.GUEST].session.headers["Accept-Language"] = "zh"
		cls.fingerprint_sql = fingerprint_query()

	def fingerprint(self):
		frappe.db.rollback()  # a fresh snapshot of what the server committed
		return frappe.db.sql(self.fingerprint_sql)

	def send(self, user: str, kind: str, args: tuple):
		client = self.clients[user]
		args = resolve(list(args), self.world)
		if kind == "create":
			return client.create(*args)
		if kind == "update":
			return client.update(*args)
		if kind == "get":
			return client.get(*args)
		if kind == "method":
			method, params = args
			return client.post(f"/api/method/{method}", params)
		if kind == "raw":
			path, body, http_method = (*args, "POST")[:3]
			path = re.sub(r"@(\w+)", lambda match: self.world[match.group(1)], path)
			return client.request(http_method, path, data=body, headers={"Content-Type": "application/json"})
		if kind == "workflow":
			doctype, name, action = args
			doc = json.loads(frappe.get_doc(doctype, name).as_json())
			return client.post(
				"/api/method/frappe.model.workflow.apply_workflow", {"doc": doc, "action": action}
			)
		if kind == "upload":
			file_name, content = args
			files = {"file": (file_name, content)} if file_name else None
			return client.request(
				"POST", "/api/method/petition_management.api.portal.upload_attachment", files=files
			)
		if kind == "web_form":
			(values,) = args
			return client.post(
				"/api/method/frappe.website.doctype.web_form.web_form.accept",
				{"web_form": "online-petition", "data": json.dumps(values)},
			)
		raise ValueError(kind)

	def test_corpus_has_at_least_60_distinct_cases(self):
		ids = [row[0] for row in CORPUS]
		self.assertEqual(len(ids), len(set(ids)), "duplicate case ids")
		self.assertGreaterEqual(len(ids), 60)

	def test_every_bad_input_is_refused_cleanly(self):
		failures, gaps_still_open = [], set()
		started = time.monotonic()
		for row in CORPUS:
			case_id, user, kind, args = row[:4]
			expected_exception = row[4] if len(row) > 4 else None
			frappe.db.rollback()
			before = self.fingerprint()
			response = self.send(user, kind, args)
			after = self.fingerprint()
			problems = []
			if not 400 <= response.status_code < 500:
				problems.append(f"HTTP {response.status_code}")
			text = message(response)
			if not text.strip():
				problems.append("no message")
			elif not CJK.search(text):
				problems.append("message not translated")
			if expected_exception and exc_type(response) != expected_exception:
				problems.append(f"exception {exc_type(response) or '-'}, expected {expected_exception}")
			if after != before:
				changed = sorted({row[0] for row in set(after) ^ set(before)})
				problems.append(f"database changed: {', '.join(changed)}")
			if problems and case_id in KNOWN_GAPS:
				gaps_still_open.add(case_id)
			elif problems:
				failures.append(
					f"{case_id} ({user}): {'; '.join(problems)} | {exc_type(response)} {text[:160]}"
				)
		fixed = sorted(set(KNOWN_GAPS) - gaps_still_open)
		self.assertEqual(fixed, [], "these known gaps are fixed now: remove them from KNOWN_GAPS")
		self.assertEqual(
			failures,
			[],
			f"{len(failures)} of {len(CORPUS)} cases failed in {time.monotonic() - started:.0f}s:\n"
			+ "\n".join(failures),
		)
