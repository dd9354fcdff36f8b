"""Steps with screenshots, and a watch on each page for what must never happen.

Every step writes a numbered screenshot to the artefacts folder; a failing step writes one named
"...-FAILED.png" and its path is part of the failure message. The watch records console errors,
uncaught exceptions, HTTP answers of 400 and above, and native dialogs (alert, confirm, prompt): none
of the app's pages opens one, so a dialog means typed markup ran.
"""

import re
import traceback
from contextlib import contextmanager
from pathlib import Path

# Markup a desk user types into a text field runs in that user's own unsaved form: Frappe v15's
# ControlInput.set_disp_area puts a Text/Small Text value into the field's read-only twin as HTML. It is
# Frappe's own code (the app may not patch it) and only the typist's page; the stored value is cleaned
# on save, and every later view is watched. These are listed at the end of the run, not failed.
TYPED_AND_RAN: list[str] = []

# bench serve runs no Socket.IO server: the desk's realtime client retries and logs that, nothing else
DESK_NOISE = re.compile(r"socket\.io|Error connecting to socket", re.I)


class Steps:
	def __init__(self, folder: Path, axe_source: str, zh=None):
		self.folder = folder
		self.axe_source = axe_source
		self.zh = zh  # a zh_check.ZhCheck: each desk step's page is read for English
		self.count = 0
		self.desk_findings: dict[str, list[dict]] = {}

	def desk_axe(self, page, where: str):
		"""axe-core on a desk page: listed at the end of the run and in axe.json, not failed."""
		from audit import axe_findings

		self.desk_findings[where] = axe_findings(page, self.axe_source, self.folder, f"desk: {where}")

	def shot(self, page, name: str, full_page: bool = False) -> Path:
		"""The screen as the person sees it; a failure's whole page (a full page costs seconds)."""
		self.count += 1
		slug = re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-")[:80]
		path = self.folder / f"{self.count:03d}-{slug}.png"
		try:
			page.screenshot(path=str(path), full_page=full_page, timeout=15_000)
		except Exception as error:  # a closed page still gets its failure reported
			return Path(f"{path} (not written: {error.__class__.__name__})")
		return path

	@contextmanager
	def step(self, watch, name: str):
		"""A named step on `watch` (a Watch): a screenshot after it, and one named in its failure."""
		page = watch.page if isinstance(watch, Watch) else watch
		try:
			yield
		except Exception as error:
			path = self.shot(page, f"{name}-FAILED", full_page=True)
			raise AssertionError(
				f"step '{name}' failed at {where(error)}; screenshot {path}\n{error}"
			) from error
		self.shot(page, name)
		if self.zh and isinstance(watch, Watch) and watch.desk:
			self.zh.collect(page, name)


def where(error: Exception) -> str:
	"""The innermost lines of this tier's own code that the error went through."""
	here, this = str(Path(__file__).parent), str(Path(__file__))
	frames = [
		f
		for f in traceback.extract_tb(error.__traceback__)
		if f.filename.startswith(here) and f.filename != this
	]
	return " > ".join(f"{Path(f.filename).name}:{f.lineno} ({f.line})" for f in frames[-2:]) or "?"


class Watch:
	"""A page and what went wrong on it since the last reset()."""

	def __init__(self, page, desk: bool):
		self.page = page
		self.desk = desk
		self.console: list[str] = []
		self.errors: list[str] = []
		self.http: list[tuple[int, str]] = []
		self.dialogs: list[str] = []
		page.on("console", self.on_console)
		page.on("pageerror", lambda error: self.errors.append(f"{page.url}: {error}"))
		page.on("response", self.on_response)
		page.on("dialog", self.on_dialog)

	def reset(self):
		self.console.clear()
		self.errors.clear()
		self.http.clear()
		self.dialogs.clear()

	def on_console(self, message):
		if message.type != "error":
			return
		where = (message.location or {}).get("url", "")
		text = f"{message.text} ({where})"
		if self.desk and DESK_NOISE.search(text):
			return
		if "Failed to load resource" in message.text:
			return  # the response itself is in self.http, with its URL
		self.console.append(text)

	@contextmanager
	def typing(self, what: str):
		"""Dialogs while `what` is typed into an unsaved desk form go to TYPED_AND_RAN (see above)."""
		before = len(self.dialogs)
		yield
		# an <img onerror> runs once its image failed: wait for every image, then one more task
		self.page.wait_for_function("() => [...document.images].every((image) => image.complete)")
		self.page.evaluate("() => new Promise((done) => setTimeout(done, 0))")
		TYPED_AND_RAN.extend(f"{what}: {dialog}" for dialog in self.dialogs[before:])
		del self.dialogs[before:]

	def on_response(self, response):
		if response.status >= 400 and not (self.desk and DESK_NOISE.search(response.url)):
			self.http.append((response.status, response.url))

	def on_dialog(self, dialog):
		if dialog.type != "beforeunload":
			self.dialogs.append(f"{dialog.type}: {dialog.message} on {self.page.url}")
		dialog.dismiss()

	def problems(self, allow_http: tuple[tuple[int, str], ...] = ()) -> list[str]:
		"""What went wrong; `allow_http` lists (status, URL part) answers a step expects."""
		http = [
			f"HTTP {status} {url}"
			for status, url in self.http
			if not any(status == allowed and part in url for allowed, part in allow_http)
		]
		dialogs = [f"native dialog (typed markup ran?): {d}" for d in self.dialogs]
		errors = [f"uncaught error: {e}" for e in self.errors]
		return dialogs + errors + [f"console error: {c}" for c in self.console] + http

	def assert_clean(self, allow_http: tuple[tuple[int, str], ...] = ()):
		found = self.problems(allow_http)
		assert not found, "on " + self.page.url + ":\n  " + "\n  ".join(found)

	def assert_no_dialog(self):
		assert not self.dialogs, "typed markup ran: " + "; ".join(self.dialogs)
