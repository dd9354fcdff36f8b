"""The browser tier: Playwright (sync API) driving Debian's Chromium against the served test site.

scripts/browser.sh sets the environment: PM_BROWSER_BASE_URL (the served site), PM_BROWSER_PASSWORD (the
staff's password of this run, set by petition_management.tests.browser_site.prepare), PM_CHROMIUM,
PM_AXE_JS (axe-core's axe.min.js) and PM_BROWSER_ARTEFACTS (screenshots). Nothing is skipped here: a
missing setting fails the run and says which.
"""

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright
from steps import Steps, Watch
from zh_check import ZhCheck

ROOT = Path(__file__).resolve().parents[2]
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
DOMAIN = "demo.petition.local"
RUN: dict = {}  # what the end-of-run summary reads


def setting(name: str, default: str | None = None) -> str:
	value = os.environ.get(name) or default
	if not value:
		pytest.exit(f"{name} is not set: run the tier with scripts/browser.sh", returncode=3)
	return value


@pytest.fixture(scope="session")
def base_url() -> str:
	return setting("PM_BROWSER_BASE_URL").rstrip("/")


@pytest.fixture(scope="session")
def steps(axe_source) -> Steps:
	folder = Path(setting("PM_BROWSER_ARTEFACTS", str(ROOT / "artefacts" / "browser")))
	folder.mkdir(parents=True, exist_ok=True)
	print(f"\nbrowser tier: screenshots in {folder}")
	RUN["steps"] = Steps(folder, axe_source, ZhCheck())
	return RUN["steps"]


@pytest.fixture(scope="session")
def browser():
	chromium = setting("PM_CHROMIUM", shutil.which("chromium"))
	with sync_playwright() as playwright:
		browser = playwright.chromium.launch(
			executable_path=chromium, args=["--no-sandbox", "--disable-dev-shm-usage"]
		)
		yield browser
		browser.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
	return Path(
		setting("PM_AXE_JS", str(ROOT / ".cache/browser/node_modules/axe-core/axe.min.js"))
	).read_text()


def user_email(login: str) -> str:
	return f"{login}@{DOMAIN}"


class Staff:
	"""One browser context per staff user and viewport, logged in through the login page once."""

	def __init__(self, browser, base_url: str, steps: Steps):
		self.browser, self.base_url, self.steps = browser, base_url, steps
		self.password = setting("PM_BROWSER_PASSWORD")
		self.pages: dict[tuple, Watch] = {}

	def page(self, login: str, phone: bool = False) -> Watch:
		key = (login, phone)
		if key not in self.pages:
			context = self.browser.new_context(
				base_url=self.base_url,
				viewport=PHONE if phone else DESKTOP,
				is_mobile=phone,
				has_touch=phone,
				locale="zh-CN",
				timezone_id="Asia/Shanghai",
			)
			context.set_default_timeout(30_000)
			watch = Watch(context.new_page(), desk=True)
			self.log_in(watch.page, user_email(login))
			self.pages[key] = watch
		watch = self.pages[key]
		watch.reset()
		return watch

	def log_in(self, page, email: str):
		page.goto("/login")
		page.fill("#login_email", email)
		page.fill("#login_password", self.password)
		page.click(".page-card-actions .btn-login, form.form-login .btn-login")
		try:
			page.wait_for_url("**/app/**")
		except Exception as error:
			shot = self.steps.shot(page, f"login-{email}-FAILED", full_page=True)
			said = page.locator(".login-content, .page-card").first.inner_text()[:200]
			raise AssertionError(f"{email} could not log in (screenshot {shot}): {said}") from error

	def close(self):
		for watch in self.pages.values():
			watch.page.context.close()


@pytest.fixture(scope="session")
def staff(browser, base_url, steps):
	people = Staff(browser, base_url, steps)
	yield people
	people.close()


@pytest.fixture
def guest(browser, base_url):
	"""A new visitor's browser (Chinese unless the test says otherwise), watched for errors."""
	contexts = []

	def open_guest(locale: str = "zh-CN", phone: bool = False) -> Watch:
		context = browser.new_context(
			base_url=base_url,
			viewport=PHONE if phone else DESKTOP,
			locale=locale,
			timezone_id="Asia/Shanghai",
		)
		context.set_default_timeout(30_000)
		contexts.append(context)
		return Watch(context.new_page(), desk=False)

	yield open_guest
	for context in contexts:
		context.close()


def pytest_terminal_summary(terminalreporter):
	from audit import desk_summary
	from steps import TYPED_AND_RAN

	steps = RUN.get("steps")
	if not steps:
		return
	if steps.desk_findings:
		terminalreporter.section("axe-core on the desk's forms (listed, not failed; details in axe.json)")
		for line in desk_summary(steps.desk_findings):
			terminalreporter.line(line)
	if steps.zh.allowed:
		terminalreporter.section("zh check: Frappe's own English words seen (allowed)")
		for line in steps.zh.report():
			terminalreporter.line(line)
	if TYPED_AND_RAN:
		terminalreporter.section("Frappe core: typed markup ran in the typist's own unsaved form")
		for line in TYPED_AND_RAN:
			terminalreporter.line(line)
	terminalreporter.line(f"browser tier: screenshots and axe.json in {steps.folder}")
