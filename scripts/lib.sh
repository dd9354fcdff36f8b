# Shared by scripts/run.sh and scripts/test.sh. Source it; it defines functions only.
# Settings (environment):
#   PM_BENCH             the bench folder                      (default ~/frappe-bench)
#   PM_DB_ROOT_PASSWORD  MariaDB root password for new sites   (default root)

PM_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PM_BENCH=${PM_BENCH:-$HOME/frappe-bench}
PM_DB_ROOT_PASSWORD=${PM_DB_ROOT_PASSWORD:-root}
PM_APP=petition_management

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
warn() { printf '\033[33m!!  %s\033[0m\n' "$*" >&2; }

have_bench() { [ -d "$PM_BENCH/apps/frappe" ] && [ -x "$PM_BENCH/env/bin/python" ]; }

bench_cmd() { (cd "$PM_BENCH" && bench "$@"); }

start_mariadb() {
	if mysqladmin ping --silent >/dev/null 2>&1; then
		return 0
	fi
	say "starting MariaDB"
	service mariadb start >/dev/null 2>&1 || service mysql start >/dev/null 2>&1 || true
	for _ in $(seq 1 30); do
		mysqladmin ping --silent >/dev/null 2>&1 && return 0
		sleep 1
	done
	warn "MariaDB did not start"
	return 1
}

# The bench's own Redis servers (cache and queue), on the ports its config names.
start_bench_redis() {
	local name port
	for name in redis_cache redis_queue; do
		port=$(awk '$1 == "port" {print $2}' "$PM_BENCH/config/$name.conf")
		if redis-cli -p "$port" ping >/dev/null 2>&1; then
			continue
		fi
		say "starting $name on port $port"
		(cd "$PM_BENCH" && redis-server "config/$name.conf" --daemonize yes >/dev/null)
		for _ in $(seq 1 20); do
			redis-cli -p "$port" ping >/dev/null 2>&1 && break
			sleep 0.5
		done
		redis-cli -p "$port" ping >/dev/null 2>&1 || { warn "$name did not start"; return 1; }
	done
}

start_services() { start_mariadb && start_bench_redis; }

# Where the bench's Python finds the app, asked from a neutral folder: run inside the checkout, Python
# would find the source folder in the current directory and the check would pass without an install.
bench_env_app_path() {
	(cd / && "$PM_BENCH/env/bin/python" -c "import $PM_APP, os; print(os.path.realpath($PM_APP.__file__))" \
		2>/dev/null)
}

# Point the bench's apps/petition_management at this checkout (a symlink) and install it editable.
link_app_into_bench() {
	local target="$PM_BENCH/apps/$PM_APP"
	if [ -e "$target" ] && [ ! -L "$target" ]; then
		if [ "$(cd "$target" && pwd -P)" != "$(cd "$PM_ROOT" && pwd -P)" ]; then
			warn "$target is a real folder, not this checkout; testing that copy. Remove it or symlink it here."
		fi
	else
		ln -sfn "$PM_ROOT" "$target"
	fi
	grep -qx "$PM_APP" "$PM_BENCH/sites/apps.txt" || {
		[ -s "$PM_BENCH/sites/apps.txt" ] && [ -n "$(tail -c1 "$PM_BENCH/sites/apps.txt")" ] && echo >>"$PM_BENCH/sites/apps.txt"
		echo "$PM_APP" >>"$PM_BENCH/sites/apps.txt"
	}
	if [ "$(bench_env_app_path)" != "$(cd "$PM_ROOT" && pwd -P)/$PM_APP/__init__.py" ]; then
		say "installing $PM_APP into the bench env (editable)"
		"$PM_BENCH/env/bin/python" -m pip install --quiet --no-deps -e "$target" || return 1
		"$PM_BENCH/env/bin/python" -m pip install --quiet "faker>=18" "freezegun~=1.2" "hypothesis~=6.77" || return 1
	fi
}

# Frappe serves an app's public/ folder as /assets/<app>/ once `bench build` has linked it into
# sites/assets (and bundled any *.bundle.* files). Run on every setup: cheap when nothing changed.
build_app_assets() {
	say "building $PM_APP's assets (bench build --app $PM_APP)"
	bench_cmd build --app "$PM_APP" >/dev/null || return 1
	[ -e "$PM_BENCH/sites/assets/$PM_APP/js/petition_reports.js" ] || {
		warn "sites/assets/$PM_APP is missing after bench build"
		return 1
	}
}

site_exists() { [ -f "$PM_BENCH/sites/$1/site_config.json" ]; }

app_installed_on() {
	bench_cmd --site "$1" list-apps 2>/dev/null | grep -q "^$PM_APP"
}

new_site() { # site
	say "creating site $1"
	bench_cmd new-site "$1" --db-root-username root --db-root-password "$PM_DB_ROOT_PASSWORD" \
		--admin-password admin --no-mariadb-socket >/dev/null
}

# A site made anew: dropped first when it exists (with its database), so nothing left over by an earlier
# run can hide a missing step.
recreate_site() { # site
	drop_site "$1" && new_site "$1"
}

drop_site() { # site: its database and its folder, when it exists
	if site_exists "$1"; then
		say "dropping the site $1 left by an earlier run"
		bench_cmd drop-site "$1" --db-root-username root --db-root-password "$PM_DB_ROOT_PASSWORD" \
			--no-backup --force >/dev/null || return 1
	fi
	rm -rf "${PM_BENCH:?}/sites/$1" "$PM_BENCH/archived/sites/$1"
}

# new-site when missing, then install the app when it is not installed yet.
ensure_site_with_app() {
	local site=$1
	if ! site_exists "$site"; then
		new_site "$site" || return 1
	fi
	if ! app_installed_on "$site"; then
		say "installing $PM_APP on $site"
		bench_cmd --site "$site" install-app "$PM_APP" || return 1
	fi
}

# The HTTP tests (portal, permissions over REST) and PDF printing need the site served and its name
# resolving to this machine. The test server serves the test site only (`bench --site S serve`), on its own
# port, so that a demo server or a bench default site never answers in its place.
PM_TEST_WEB_PORT=${PM_TEST_WEB_PORT:-8800}
PM_STARTED_WEB_SERVER=""

ensure_host_entry() {
	local site=$1
	getent hosts "$site" >/dev/null 2>&1 && return 0
	if [ -w /etc/hosts ]; then
		echo "127.0.0.1 $site" >>/etc/hosts
	else
		warn "$site does not resolve; add '127.0.0.1 $site' to /etc/hosts"
	fi
}

served_site_answers() { # site, port
	curl -s -o /dev/null -H "Host: $1" "http://127.0.0.1:$2/api/method/ping"
}

start_web_server() { # site
	local site=$1 url="http://$1:$PM_TEST_WEB_PORT"
	export PM_TEST_BASE_URL=$url PM_PORTAL_URL=$url PM_SECURITY_BASE_URL=$url
	bench_cmd --site "$site" set-config host_name "$url" >/dev/null
	if ss -ltn 2>/dev/null | grep -q ":$PM_TEST_WEB_PORT "; then
		warn "port $PM_TEST_WEB_PORT is in use; using the server there for $site (set PM_TEST_WEB_PORT)"
		return 0
	fi
	say "serving $site on port $PM_TEST_WEB_PORT for the HTTP tests"
	mkdir -p "$PM_BENCH/logs"
	(cd "$PM_BENCH" && exec bench --site "$site" serve --port "$PM_TEST_WEB_PORT" --noreload \
		>"$PM_BENCH/logs/pm-test-serve.log" 2>&1) &
	PM_STARTED_WEB_SERVER=$!
	for _ in $(seq 1 60); do
		served_site_answers "$site" "$PM_TEST_WEB_PORT" && return 0
		sleep 1
	done
	warn "bench serve did not answer on port $PM_TEST_WEB_PORT"
	return 1
}

stop_web_server() {
	[ -n "$PM_STARTED_WEB_SERVER" ] || return 0
	pkill -P "$PM_STARTED_WEB_SERVER" 2>/dev/null
	kill "$PM_STARTED_WEB_SERVER" 2>/dev/null
	PM_STARTED_WEB_SERVER=""
}
