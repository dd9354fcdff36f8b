# The browser tier, sourced by scripts/test.sh (inside the bench tier, while the test site is served):
# tests/browser (pytest + Playwright) drives Debian's Chromium through the portal as a guest and through
# the desk as each role of the case's path, on the served test site.
#   - installs what is missing: the OS packages chromium and poppler-utils (pdftotext), the pinned
#     tests/requirements-browser.txt into .venv, axe-core (npm, pinned below) into .cache/browser
#   - makes the staff it logs in as on the site (petition_management.tests.browser_site.prepare), with a
#     password new in every run
#   - screenshots of every step go to artefacts/browser/ (PM_BROWSER_ARTEFACTS), named in the output
# SKIPPED, loudly, when there is no bench or Chromium cannot be installed; PM_SKIP_BROWSER=1 skips it.
# Alone, against a site that is already served:
#   PM_TEST_SITE=pm-browser.localhost PM_TEST_WEB_PORT=8303 bash scripts/browser.sh

if [ "${BASH_SOURCE[0]}" = "$0" ]; then # run directly: the tier alone (see the end of the file)
	set -uo pipefail
	source "$(dirname "$0")/lib.sh"
fi

PM_AXE_VERSION=4.14.1
PM_BROWSER_CACHE=${PM_BROWSER_CACHE:-$PM_ROOT/.cache/browser}
PM_BROWSER_ARTEFACTS=${PM_BROWSER_ARTEFACTS:-$PM_ROOT/artefacts/browser}

browser_sudo() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

browser_chromium() { command -v chromium || command -v chromium-browser; }

# chromium and poppler-utils from the OS packages when missing, as scripts/run.sh installs its own
ensure_browser_os_packages() {
	local missing=()
	browser_chromium >/dev/null || missing+=(chromium)
	command -v pdftotext >/dev/null || missing+=(poppler-utils)
	[ ${#missing[@]} = 0 ] && return 0
	command -v apt-get >/dev/null || { warn "no apt-get to install ${missing[*]}"; return 1; }
	say "installing OS packages for the browser tier: ${missing[*]}"
	browser_sudo apt-get update -qq >/dev/null 2>&1
	DEBIAN_FRONTEND=noninteractive browser_sudo apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1
	browser_chromium >/dev/null && command -v pdftotext >/dev/null
}

ensure_browser_venv() {
	local venv="$PM_ROOT/.venv" stamp="$PM_ROOT/.venv/.browser-requirements-stamp"
	[ -x "$venv/bin/python" ] || python3 -m venv "$venv" || return 1
	if ! "$venv/bin/python" -c "import playwright, pytest" 2>/dev/null ||
		[ "$PM_ROOT/tests/requirements-browser.txt" -nt "$stamp" ]; then
		say "installing tests/requirements-browser.txt into .venv"
		"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
			-r "$PM_ROOT/tests/requirements-browser.txt" || return 1
		touch "$stamp"
	fi
}

# axe-core from npm into a git-ignored cache folder; Playwright injects its axe.min.js into the pages
ensure_axe_core() {
	local package="$PM_BROWSER_CACHE/node_modules/axe-core/package.json"
	if [ -f "$package" ] && grep -q "\"version\": \"$PM_AXE_VERSION\"" "$package"; then
		return 0
	fi
	command -v npm >/dev/null || { warn "npm is missing: cannot install axe-core"; return 1; }
	say "installing axe-core $PM_AXE_VERSION into ${PM_BROWSER_CACHE#"$PM_ROOT"/}"
	mkdir -p "$PM_BROWSER_CACHE"
	npm install --silent --no-audit --no-fund --prefix "$PM_BROWSER_CACHE" "axe-core@$PM_AXE_VERSION" \
		>/dev/null || return 1
	[ -f "$PM_BROWSER_CACHE/node_modules/axe-core/axe.min.js" ]
}

browser_skipped() { # reason
	record browser SKIPPED "$1"
	printf '\n\033[1;33m*** BROWSER TIER SKIPPED: %s. No page was tested in a browser. ***\033[0m\n\n' "$1"
}

run_browser_tier() {
	if [ "${PM_SKIP_BROWSER:-0}" = 1 ]; then
		browser_skipped "PM_SKIP_BROWSER=1"
		return
	fi
	if ! have_bench; then
		browser_skipped "no Frappe bench at $PM_BENCH"
		return
	fi
	if ! ensure_browser_os_packages; then
		browser_skipped "Chromium (Debian package chromium) or pdftotext (poppler-utils) could not be installed"
		return
	fi
	local url="http://$PM_TEST_SITE:$PM_TEST_WEB_PORT" started seconds password rc
	say "browser tier: Chromium $(browser_chromium_version) against $url"
	if ! ensure_browser_venv || ! ensure_axe_core; then
		record browser FAILED "could not install tests/requirements-browser.txt or axe-core $PM_AXE_VERSION"
		return
	fi
	if ! served_site_answers "$PM_TEST_SITE" "$PM_TEST_WEB_PORT"; then
		record browser FAILED "$PM_TEST_SITE does not answer on port $PM_TEST_WEB_PORT"
		return
	fi
	password="Pm-$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 20)-9"
	if ! PM_BROWSER_PASSWORD=$password bench_cmd --site "$PM_TEST_SITE" execute \
		petition_management.tests.browser_site.prepare >/dev/null; then
		record browser FAILED "could not make the browser tier's staff on $PM_TEST_SITE"
		return
	fi
	rm -rf "$PM_BROWSER_ARTEFACTS" && mkdir -p "$PM_BROWSER_ARTEFACTS"
	started=$(date +%s)
	(cd "$PM_ROOT" && PM_BROWSER_BASE_URL=$url PM_BROWSER_PASSWORD=$password \
		PM_BROWSER_ARTEFACTS=$PM_BROWSER_ARTEFACTS PM_CHROMIUM=$(browser_chromium) \
		PM_AXE_JS=$PM_BROWSER_CACHE/node_modules/axe-core/axe.min.js \
		.venv/bin/python -m pytest tests/browser -p no:cacheprovider -q -rfEs --durations=8 \
		--junitxml="$PM_BROWSER_ARTEFACTS/junit.xml")
	rc=$?
	seconds=$(($(date +%s) - started))
	printf '\n  browser tier: screenshots and reports in %s\n' "$PM_BROWSER_ARTEFACTS"
	if [ $rc = 0 ]; then
		record browser passed "Chromium on $url in ${seconds} s; screenshots in $PM_BROWSER_ARTEFACTS"
	else
		record browser FAILED "tests/browser on $url after ${seconds} s; screenshots in $PM_BROWSER_ARTEFACTS"
	fi
}

browser_chromium_version() { "$(browser_chromium)" --version 2>/dev/null | awk '{print $2}'; }

# Run directly: the tier alone against a site that is already served (PM_TEST_SITE, PM_TEST_WEB_PORT).
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	PM_TEST_SITE=${PM_TEST_SITE:-pm-test.localhost}
	BROWSER_STATUS=""
	record() { BROWSER_STATUS="$2"; printf '%-7s %-8s %s\n' "$1" "$2" "$3"; }
	run_browser_tier
	[ "$BROWSER_STATUS" != FAILED ]
	exit $?
fi
