#!/usr/bin/env bash
# The README's test command.
#   pure tier   - the domain rules (petition_management/rules), pytest, no Frappe
#   static tier - every DocType/Workflow/Print Format/Report file against Frappe v15's rules, ruff
#   bench tier  - whenever a bench is found (PM_BENCH, default ~/frappe-bench): a test site created anew
#                 in this run, served on PM_TEST_WEB_PORT, `bench run-tests --app petition_management`
#                 with CI=1, then the peer tier (scripts/peer.sh: Frappe's own tests with the app
#                 installed), a backup/restore check and an install / migrate / uninstall cycle
#   fresh bench - in CI (or PM_FRESH_BENCH=1): scripts/fresh_bench.sh builds a throwaway bench with the
#                 README's run command from a local Frappe clone, and the bench tier runs against it
#                 instead of PM_BENCH
#   browser tier - inside the bench tier, while the test site is served: scripts/browser.sh, Playwright
#                 and Debian's Chromium through the portal and the desk (PM_SKIP_BROWSER=1 skips it)
# Settings: PM_BENCH, PM_TEST_SITE (default pm-test.localhost), PM_DB_ROOT_PASSWORD (default root),
#           PM_SKIP_CYCLE=1 skips the backup/restore check and the install cycle, PM_SKIP_PEER=1 the peer
#           tier, PM_FRESH_BENCH=0/1 the fresh-bench check.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/peer.sh"
source "$(dirname "$0")/fresh_bench.sh"
source "$(dirname "$0")/browser.sh"
cd "$PM_ROOT" || exit 2

PM_TEST_SITE=${PM_TEST_SITE:-pm-test.localhost}
PM_CYCLE_SITE=${PM_CYCLE_SITE:-pm-cycle.localhost}
declare -a SUMMARY=()
FAILED=0

record() { # tier, status, detail
	SUMMARY+=("$(printf '%-7s %-8s %s' "$1" "$2" "$3")")
	[ "$2" = "FAILED" ] && FAILED=1
	return 0
}

ensure_test_venv() {
	local venv="$PM_ROOT/.venv"
	if [ ! -x "$venv/bin/python" ]; then
		say "creating the test venv in .venv"
		python3 -m venv "$venv" || return 1
	fi
	if ! "$venv/bin/python" -c "import pytest, hypothesis, jinja2" 2>/dev/null || [ ! -x "$venv/bin/ruff" ] ||
		[ "$PM_ROOT/tests/requirements.txt" -nt "$venv/.requirements-stamp" ]; then
		"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r tests/requirements.txt || return 1
		touch "$venv/.requirements-stamp"
	fi
}

run_pure_tier() {
	say "pure tier: pytest tests/pure"
	if .venv/bin/python -m pytest tests/pure -q -p no:cacheprovider; then
		record pure passed "domain rules (pytest + hypothesis)"
	else
		record pure FAILED "pytest tests/pure"
	fi
}

run_static_tier() {
	say "static tier: Frappe v15 rules, Jinja, translations, ruff"
	local ok=1
	.venv/bin/python tests/static/frappe_rules.py "$PM_ROOT" || ok=0
	.venv/bin/python -m pytest tests/static -q -p no:cacheprovider || ok=0
	.venv/bin/ruff check --no-cache . || ok=0
	.venv/bin/ruff format --no-cache --check . || ok=0
	if [ $ok = 1 ]; then
		record static passed "app files against Frappe v15 rules; ruff"
	else
		record static FAILED "see the output above"
	fi
}

# install-app, migrate twice, uninstall-app on a scratch site, then check that nothing is left behind.
run_install_cycle() {
	local site=$PM_CYCLE_SITE
	recreate_site "$site" || return 1
	ensure_site_with_app "$site" || return 1
	bench_cmd --site "$site" migrate >/dev/null || return 1
	bench_cmd --site "$site" migrate >/dev/null || return 1
	bench_cmd --site "$site" uninstall-app "$PM_APP" --yes --no-backup --force >/dev/null || return 1
	(cd "$PM_BENCH/sites" && ../env/bin/python "$PM_ROOT/tests/bench/check_uninstalled.py" "$site") || return 1
}

# The test site is made anew in every run: a record, a default Email Account or a setting left by an
# earlier run must not be what makes the suite pass.
prepare_test_site() {
	start_services && link_app_into_bench && build_app_assets || return 1
	recreate_site "$PM_TEST_SITE" || return 1
	ensure_site_with_app "$PM_TEST_SITE" || return 1
	bench_cmd --site "$PM_TEST_SITE" set-config allow_tests true >/dev/null
	# the suite creates many test users; Frappe throttles more than 60 new users an hour by default
	bench_cmd --site "$PM_TEST_SITE" set-config --parse throttle_user_limit 100000 >/dev/null
	ensure_host_entry "$PM_TEST_SITE" && start_web_server "$PM_TEST_SITE"
}

run_bench_tier() { # where (printed)
	if ! have_bench; then
		record bench SKIPPED "no Frappe bench at $PM_BENCH (set PM_BENCH, or build one with scripts/run.sh)"
		printf '\n\033[1;33m*** BENCH TIER SKIPPED: no Frappe bench at %s. Nothing that needs a Frappe site was tested. ***\033[0m\n\n' "$PM_BENCH"
		run_browser_tier # records itself SKIPPED: no bench
		return
	fi
	say "bench tier: $1, site $PM_TEST_SITE (created in this run)"
	if ! prepare_test_site; then
		record bench FAILED "could not prepare services, the app or a new site $PM_TEST_SITE in $PM_BENCH"
		stop_web_server
		return
	fi
	if ! bench_cmd --site "$PM_TEST_SITE" migrate >/dev/null; then
		record bench FAILED "bench migrate on $PM_TEST_SITE"
		stop_web_server
		return
	fi
	# Frappe's own tests first, on the new site with nothing but the app installed: what a bureau's site
	# is like, and nothing the app's tests leave behind (their outgoing mail account) can colour them
	run_peer_tier
	if CI=1 bench_cmd --site "$PM_TEST_SITE" run-tests --app "$PM_APP"; then
		record bench passed "bench run-tests --app $PM_APP (CI=1) on $PM_TEST_SITE, new in this run, $1"
	else
		record bench FAILED "bench run-tests --app $PM_APP on $PM_TEST_SITE, $1"
	fi
	run_browser_tier # Chromium on the served test site (scripts/browser.sh), before the server stops
	stop_web_server
	if [ "${PM_SKIP_CYCLE:-0}" = 1 ]; then
		record backup SKIPPED "PM_SKIP_CYCLE=1"
		record cycle SKIPPED "PM_SKIP_CYCLE=1"
		return
	fi
	if (cd "$PM_BENCH/sites" && PM_DB_ROOT_PASSWORD="$PM_DB_ROOT_PASSWORD" \
		../env/bin/python "$PM_ROOT/tests/bench/check_backup_restore.py"); then
		record backup passed "bench backup --with-files of a demo site, restored: same counts and files"
	else
		record backup FAILED "backup and restore of a demo site"
	fi
	if run_install_cycle; then
		record cycle passed "install-app, migrate x2, uninstall-app on $PM_CYCLE_SITE; nothing left behind"
	else
		record cycle FAILED "install / migrate / uninstall on $PM_CYCLE_SITE"
	fi
}

trap stop_web_server EXIT

if ensure_test_venv; then
	run_pure_tier
	run_static_tier
else
	record pure FAILED "could not create the test venv (.venv)"
	record static FAILED "could not create the test venv (.venv)"
fi
if fresh_bench_wanted; then
	run_fresh_bench_check
else
	run_bench_tier "bench $PM_BENCH"
fi

printf '\n\033[1mTiers\033[0m\n'
printf '  %s\n' "${SUMMARY[@]}"
n_passed=$(printf '%s\n' "${SUMMARY[@]}" | awk '$2 == "passed"' | wc -l)
n_failed=$(printf '%s\n' "${SUMMARY[@]}" | awk '$2 == "FAILED"' | wc -l)
n_skipped=$(printf '%s\n' "${SUMMARY[@]}" | awk '$2 == "SKIPPED"' | wc -l)
printf '\ntiers: %d passed, %d failed, %d skipped\n' "$n_passed" "$n_failed" "$n_skipped"
exit $FAILED
