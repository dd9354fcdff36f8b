"""Every static asset the app's pages and hooks reference is served (HTTP 200) by the test server.

On a bench where `bench build` never linked the app into sites/assets, /assets/petition_management/…
answers 404: the portal is unstyled and the reports lose their shared filter script. The references are
collected from the app's own files (hooks, www pages, web forms, scripts), and from the HTML the served
portal pages actually contain, so a new reference is covered without touching this test."""

import os
import re
from pathlib import Path

import frappe
import requests
from frappe.tests.utils import FrappeTestCase

APP_DIR = Path(frappe.get_app_path("petition_management"))
ASSET_REF = re.compile(r"""/assets/[A-Za-z0-9_./-]+\.(?:js|css|svg|png|woff2?)""")
SOURCE_SUFFIXES = (".py", ".html", ".js", ".json", ".css")
PORTAL_PAGES = ("/petition-status", "/petition-statistics", "/online-petition/new", "/login")
TIMEOUT = 30


def base_url() -> str:
	return (os.environ.get("PM_TEST_BASE_URL") or f"http://{frappe.local.site}:8000").rstrip("/")


def asset_references_in_app() -> set[str]:
	"""Every /assets/petition_management/… path the app's source files name (comments included)."""
	found = set()
	for path in APP_DIR.rglob("*"):
		if path.suffix not in SOURCE_SUFFIXES or "tests" in path.relative_to(APP_DIR).parts:
			continue
		for ref in ASSET_REF.findall(path.read_text(encoding="utf-8", errors="ignore")):
			if ref.startswith("/assets/petition_management/"):
				found.add(ref)
	return found


def commented_out(ref: str) -> bool:
	"""hooks.py keeps Frappe's template comments (e.g. an unused app_include_css)."""
	hooks = (APP_DIR / "hooks.py").read_text(encoding="utf-8")
	return any(line.lstrip().startswith("#") for line in hooks.splitlines() if ref in line) and not any(
		not line.lstrip().startswith("#") for line in hooks.splitlines() if ref in line
	)


class TestServedAssets(FrappeTestCase):
	def get(self, path: str) -> requests.Response:
		return requests.get(base_url() + path, timeout=TIMEOUT)

	def test_every_asset_the_app_names_is_served(self):
		refs = sorted(ref for ref in asset_references_in_app() if not commented_out(ref))
		self.assertIn("/assets/petition_management/css/portal.css", refs)
		self.assertIn("/assets/petition_management/js/petition_reports.js", refs)
		missing = [(ref, status) for ref in refs if (status := self.get(ref).status_code) != 200]
		self.assertEqual(missing, [], "assets the app references but the site does not serve")

	def test_hook_includes_are_files_of_the_app(self):
		for ref in frappe.get_hooks("app_include_js", app_name="petition_management") + frappe.get_hooks(
			"app_include_css", app_name="petition_management"
		):
			relative = ref.removeprefix("/assets/petition_management/")
			self.assertTrue((APP_DIR / "public" / relative).is_file(), ref)

	def test_assets_linked_from_the_portal_pages_load(self):
		for page in PORTAL_PAGES:
			response = self.get(page)
			self.assertEqual(response.status_code, 200, page)
			refs = sorted(set(ASSET_REF.findall(response.text)))
			self.assertTrue(refs, f"{page} links no asset at all")
			missing = [(ref, status) for ref in refs if (status := self.get(ref).status_code) != 200]
			self.assertEqual(missing, [], f"assets linked from {page} that answer an error")
