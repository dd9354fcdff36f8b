# The fresh-bench check, sourced by scripts/test.sh: what a new user does on a new machine. A throwaway
# bench is built in a temporary folder by the README's run command (PM_NO_SERVE=1), started from a folder
# that is not the checkout, and the bench tier then runs against that bench and a site new in this run.
# Frappe comes from a local clone: PM_FRAPPE_PATH, or else the existing bench's apps/frappe.
# Runs when PM_FRESH_BENCH=1, or in CI (CI set) unless PM_FRESH_BENCH=0. PM_KEEP_FRESH_BENCH=1 keeps the
# folder (and its sites) afterwards.

fresh_bench_wanted() {
	case "${PM_FRESH_BENCH:-}" in
	1) return 0 ;;
	0) return 1 ;;
	esac
	[ -n "${CI:-}" ] && [ "${CI:-}" != 0 ] && [ "${CI:-}" != false ]
}

fresh_bench_source() {
	if [ -n "${PM_FRAPPE_PATH:-}" ] && [ -d "$PM_FRAPPE_PATH/.git" ]; then
		echo "$PM_FRAPPE_PATH"
	elif [ -d "$PM_BENCH/apps/frappe/.git" ]; then
		echo "$PM_BENCH/apps/frappe"
	fi
}

# The ports of a bench's Redis servers that answer before we start anything.
redis_ports_up() { # bench
	local name port up=""
	for name in redis_cache redis_queue; do
		port=$(awk '$1 == "port" {print $2}' "$1/config/$name.conf" 2>/dev/null)
		[ -n "$port" ] && redis-cli -p "$port" ping >/dev/null 2>&1 && up="$up $port"
	done
	echo "$up"
}

remove_fresh_bench() { # bench, redis ports that were up before
	local bench=$1 was_up=$2 site port
	for site in "$bench"/sites/*/site_config.json; do
		[ -f "$site" ] || continue
		site=$(basename "$(dirname "$site")")
		(cd "$bench" && bench drop-site "$site" --db-root-username root \
			--db-root-password "$PM_DB_ROOT_PASSWORD" --no-backup --force >/dev/null 2>&1) ||
			warn "could not drop $site of the fresh bench"
	done
	for port in $(redis_ports_up "$bench"); do
		case " $was_up " in *" $port "*) ;; *) redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 ;; esac
	done
	rm -rf "$(dirname "$bench")"
}

run_fresh_bench_check() {
	local source started seconds parent outside was_up main_bench=$PM_BENCH
	source=$(fresh_bench_source)
	if [ -z "$source" ]; then
		record fresh SKIPPED "no local Frappe clone (PM_FRAPPE_PATH, or $PM_BENCH/apps/frappe)"
		printf '\n\033[1;33m*** FRESH-BENCH CHECK SKIPPED: no local clone of Frappe to build a new bench from. ***\033[0m\n\n'
		run_bench_tier "bench $PM_BENCH"
		return
	fi
	parent=$(mktemp -d /tmp/pm-fresh-bench.XXXXXX)
	outside=$(mktemp -d /tmp/pm-fresh-cwd.XXXXXX) # the README's command, run from a folder that is not the checkout
	was_up=$(redis_ports_up "$main_bench")
	say "fresh-bench check: bench init from $source in $parent, then the README's run command"
	started=$(date +%s)
	if (cd "$outside" && PM_BENCH="$parent/frappe-bench" PM_FRAPPE_PATH="$source" PM_NO_SERVE=1 \
		PM_SITE=pm-fresh.localhost bash "$PM_ROOT/scripts/run.sh"); then
		seconds=$(($(date +%s) - started))
		record fresh passed "scripts/run.sh on a new bench from $source: ${seconds} s (bench, site, app, assets, demo)"
		PM_BENCH="$parent/frappe-bench"
		run_bench_tier "the fresh bench $PM_BENCH"
		PM_BENCH=$main_bench
	else
		seconds=$(($(date +%s) - started))
		record fresh FAILED "scripts/run.sh on a new bench from $source failed after ${seconds} s"
	fi
	if [ "${PM_KEEP_FRESH_BENCH:-0}" = 1 ]; then
		warn "keeping the fresh bench at $parent/frappe-bench (PM_KEEP_FRESH_BENCH=1)"
	else
		remove_fresh_bench "$parent/frappe-bench" "$was_up"
	fi
	rm -rf "$outside"
}
