# The peer tier, sourced by scripts/test.sh: Frappe v15's own tests of what the app touches, run on the
# test site with the app installed. A bureau installs the app on a site that already runs Frappe (often
# ERPNext); the app must not change how Frappe behaves for anything that is not the app's.
# A module that fails here is run again on a bare site (Frappe alone, created in this run): it counts as
# a failure only when it passes there. Settings: PM_PEER_MODULES (space-separated, default below),
# PM_BARE_SITE (default pm-bare.localhost), PM_SKIP_PEER=1 skips the tier.

PM_PEER_MODULES=${PM_PEER_MODULES:-"frappe.tests.test_db_query frappe.tests.test_permissions
	frappe.tests.test_search frappe.tests.test_client frappe.tests.test_translate frappe.tests.test_document
	frappe.tests.test_naming frappe.tests.test_reportview frappe.workflow.doctype.workflow.test_workflow
	frappe.email.doctype.notification.test_notification"}
PM_BARE_SITE=${PM_BARE_SITE:-pm-bare.localhost}

# run one Frappe test module on a site; prints "ran failed" (tests run, failures + errors)
run_frappe_module() { # site, module, log file
	CI=1 bench_cmd --site "$1" run-tests --module "$2" >"$3" 2>&1
	local rc=$? ran failed
	ran=$(awk '/^Ran [0-9]+ tests?/ {print $2}' "$3" | tail -1)
	failed=$(grep -oE '(failures|errors)=[0-9]+' "$3" | awk -F= '{s += $2} END {print s + 0}')
	[ "$rc" != 0 ] && [ "${failed:-0}" = 0 ] && failed=1 # a crash before or between tests
	echo "${ran:-0} ${failed:-0}"
}

# the default outgoing Email Account Frappe's own mail tests expect (tests/bench/outgoing_account.py)
ensure_peer_mail_account() { # site
	(cd "$PM_BENCH/sites" && ../env/bin/python "$PM_ROOT/tests/bench/outgoing_account.py" "$1") | sed 's/^/  /'
	return "${PIPESTATUS[0]}"
}

ensure_bare_site() {
	site_exists "$PM_BARE_SITE" && return 0
	recreate_site "$PM_BARE_SITE" || return 1
	bench_cmd --site "$PM_BARE_SITE" set-config allow_tests true >/dev/null
	bench_cmd --site "$PM_BARE_SITE" set-config --parse throttle_user_limit 100000 >/dev/null
	ensure_peer_mail_account "$PM_BARE_SITE"
}

run_peer_tier() {
	if [ "${PM_SKIP_PEER:-0}" = 1 ]; then
		record peer SKIPPED "PM_SKIP_PEER=1"
		return
	fi
	say "peer tier: Frappe's own tests on $PM_TEST_SITE with $PM_APP installed"
	local logs="$PM_BENCH/logs/peer" module result ran failed total=0 bad=0 bare_failed=0 modules=0
	mkdir -p "$logs"
	drop_site "$PM_BARE_SITE" # made anew, when a module needs the comparison
	ensure_peer_mail_account "$PM_TEST_SITE" || {
		record peer FAILED "could not give $PM_TEST_SITE a default outgoing Email Account"
		return
	}
	for module in $PM_PEER_MODULES; do
		modules=$((modules + 1))
		result=$(run_frappe_module "$PM_TEST_SITE" "$module" "$logs/$module.log")
		read -r ran failed <<<"$result"
		total=$((total + ran))
		if [ "$failed" = 0 ]; then
			printf '  %-55s %4d tests  OK\n' "$module" "$ran"
			continue
		fi
		if ! ensure_bare_site; then
			printf '  %-55s %4d tests  %d FAILED (no bare site to compare)\n' "$module" "$ran" "$failed"
			bad=$((bad + 1))
			continue
		fi
		read -r _ bare <<<"$(run_frappe_module "$PM_BARE_SITE" "$module" "$logs/$module.bare.log")"
		if [ "$bare" = 0 ]; then
			printf '  %-55s %4d tests  %d FAILED, passes on a bare site (log %s)\n' "$module" "$ran" \
				"$failed" "$logs/$module.log"
			tail -40 "$logs/$module.log"
			bad=$((bad + 1))
		else
			printf '  %-55s %4d tests  %d failed here, %d on a bare v15 site too: Frappe'"'"'s own\n' \
				"$module" "$ran" "$failed" "$bare"
			bare_failed=$((bare_failed + 1))
		fi
	done
	if [ "$bad" = 0 ]; then
		record peer passed "$modules Frappe modules, $total tests on $PM_TEST_SITE; $bare_failed fail on bare v15 too"
	else
		record peer FAILED "$bad of $modules Frappe modules fail with $PM_APP installed only (logs $logs)"
	fi
}
