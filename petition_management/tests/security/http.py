"""A small HTTP client for the security tests: one logged-in `requests.Session` per user.

The development server (`bench serve`) restarts itself when a source file changes; a request that
meets a restarting server is retried for a while instead of failing the whole suite.
"""

import json
import os
import time

import frappe
import requests

DEFAULT_PORT = 8000
RETRY_SECONDS = 60
TIMEOUT = 120


class ServerUnreachable(AssertionError):
	"""The test site's web server does not answer: the HTTP tests cannot run (they fail, never skip)."""


def base_url() -> str:
	"""http://<site>:8000, unless the environment (PM_SECURITY_BASE_URL) or the site's config
	(pm_security_base_url) names another server of this site."""
	url = (
		os.environ.get("PM_SECURITY_BASE_URL")
		or frappe.conf.get("pm_security_base_url")
		or f"http://{frappe.local.site}:{DEFAULT_PORT}"
	)
	return url.rstrip("/")


def encode(params: dict | None) -> dict | None:
	"""Form values as Frappe expects them: lists and dicts as JSON, the rest as given."""
	if params is None:
		return None
	return {
		key: json.dumps(value) if isinstance(value, list | dict) else value for key, value in params.items()
	}


class Client:
	"""A user (or Guest, with no user) talking to the test site."""

	def __init__(self, user: str | None = None, password: str | None = None, url: str | None = None):
		self.user = user or "Guest"
		self.password = password
		self.url = url or base_url()
		self.session = requests.Session()
		self.session.headers["Accept"] = "application/json"
		self.requests = 0

	def __repr__(self):
		return f"<Client {self.user}>"

	def login(self) -> "Client":
		if self.user == "Guest":
			return self
		response = self.request("POST", "/api/method/login", data={"usr": self.user, "pwd": self.password})
		if response.status_code != 200:
			raise ServerUnreachable(
				f"{self.user}, just created on site {frappe.local.site}, cannot log in at {self.url} (HTTP "
				f"{response.status_code}): that server serves another site. `bench serve` serves only the "
				"default site when common_site_config.json sets default_site; start a server for this site "
				f"(`bench --site {frappe.local.site} serve --port 8011`) and set PM_SECURITY_BASE_URL "
				"(or pm_security_base_url in the site's config) to it."
			)
		return self

	def request(self, method: str, path: str, **kwargs) -> requests.Response:
		deadline = time.monotonic() + RETRY_SECONDS
		while True:
			try:
				self.requests += 1
				return self.session.request(method, self.url + path, timeout=TIMEOUT, **kwargs)
			except requests.ConnectionError as error:
				if time.monotonic() > deadline:
					raise ServerUnreachable(
						f"The web server of the test site does not answer at {self.url} ({error}). Start it with "
						"`bench serve --port 8000` (or set PM_SECURITY_BASE_URL) and run the tests again."
					) from error
				time.sleep(1)

	def get(self, path: str, params: dict | None = None) -> requests.Response:
		return self.request("GET", path, params=encode(params))

	def post(self, path: str, data: dict | None = None, **kwargs) -> requests.Response:
		return self.request("POST", path, data=encode(data), **kwargs)

	def call(self, method: str, http_method: str = "POST", **params) -> requests.Response:
		"""A whitelisted method: /api/method/<method>."""
		if http_method == "GET":
			return self.get(f"/api/method/{method}", params)
		return self.post(f"/api/method/{method}", params)

	# --- REST resources --------------------------------------------------------------------------------

	def read(self, doctype: str, name: str) -> requests.Response:
		return self.get(f"/api/resource/{quote(doctype)}/{quote(name)}")

	def list(self, doctype: str, **params) -> requests.Response:
		return self.get(f"/api/resource/{quote(doctype)}", params)

	def create(self, doctype: str, values: dict) -> requests.Response:
		return self.request("POST", f"/api/resource/{quote(doctype)}", json=values)

	def update(self, doctype: str, name: str, values: dict) -> requests.Response:
		return self.request("PUT", f"/api/resource/{quote(doctype)}/{quote(name)}", json=values)

	def delete(self, doctype: str, name: str) -> requests.Response:
		return self.request("DELETE", f"/api/resource/{quote(doctype)}/{quote(name)}")


def quote(value: str) -> str:
	return requests.utils.quote(value, safe="")


def check_server(url: str | None = None):
	"""Fail with a clear message when the site's web server is down or serves another site."""
	url = url or base_url()
	try:
		response = requests.get(url + "/api/method/ping", timeout=10)
	except requests.ConnectionError as error:
		raise ServerUnreachable(
			f"The web server of the test site does not answer at {url} ({error}). Start it with "
			"`bench serve --port 8000` (or set PM_SECURITY_BASE_URL) and run the tests again."
		) from error
	if response.status_code != 200:
		raise ServerUnreachable(
			f"{url}/api/method/ping answered HTTP {response.status_code}: {response.text[:200]}"
		)


def message(response: requests.Response) -> str:
	"""The user-facing error text of a Frappe error response (server messages or exception)."""
	try:
		body = response.json()
	except ValueError:
		return response.text[:500]
	texts = []
	for raw in json.loads(body.get("_server_messages") or "[]"):
		try:
			texts.append(str(json.loads(raw).get("message", raw)))
		except (ValueError, AttributeError):
			texts.append(str(raw))
	if not texts and body.get("exception"):
		texts.append(str(body["exception"]))
	# the v2 API (/api/v2/...) lists its errors instead
	texts.extend(str(error.get("message") or "") for error in body.get("errors") or [])
	return " | ".join(texts)


def exc_type(response: requests.Response) -> str:
	try:
		body = response.json()
	except ValueError:
		return ""
	errors = body.get("errors") or [{}]  # the v2 API
	return body.get("exc_type") or errors[0].get("type") or ""
