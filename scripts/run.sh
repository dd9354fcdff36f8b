#!/usr/bin/env bash
# The README's run command: set up and serve a demo site of Petition Management on localhost:8000.
#   - installs MariaDB, Redis, wkhtmltopdf and a CJK font from the OS packages when missing, starts them
#   - installs frappe-bench and creates a bench with Frappe v15 (from Frappe's official repository, or
#     from a local clone: PM_FRAPPE_PATH=/path/to/frappe)
#   - creates the demo site, installs this app, loads demo data (zh_CN and en), serves it
# Safe to run again: every step checks what is already there.
# Settings: PM_BENCH (~/frappe-bench), PM_SITE (pm.localhost), PM_FRAPPE_PATH, PM_FRAPPE_BRANCH
#           (version-15), PM_DB_ROOT_PASSWORD (root), PM_PORT (8000), PM_NO_SERVE=1 (set up only).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PM_SITE=${PM_SITE:-pm.localhost}
PM_PORT=${PM_PORT:-8000}
PM_FRAPPE_PATH=${PM_FRAPPE_PATH:-https://github.com/frappe/frappe}
PM_FRAPPE_BRANCH=${PM_FRAPPE_BRANCH:-version-15}
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"

install_os_packages() {
	local wanted=(mariadb-server mariadb-client redis-server libmariadb-dev pkg-config wkhtmltopdf
		fonts-noto-cjk xvfb git curl cron python3-venv python3-dev)
	local missing=()
	for pkg in "${wanted[@]}"; do
		dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
	done
	# Node.js may come from elsewhere (nodesource, nvm): only ask Debian for it when there is none
	command -v node >/dev/null || missing+=(nodejs)
	command -v npm >/dev/null || missing+=(npm)
	if [ ${#missing[@]} -gt 0 ]; then
		say "installing OS packages: ${missing[*]}"
		$SUDO apt-get update -qq
		DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
	fi
	command -v yarn >/dev/null || { say "installing yarn"; $SUDO npm install -g yarn >/dev/null; }
}

configure_mariadb() {
	local cnf=/etc/mysql/mariadb.conf.d/99-petition-management.cnf
	if [ ! -f "$cnf" ]; then
		say "configuring MariaDB for Frappe (utf8mb4)"
		printf '[mysqld]\ncharacter-set-client-handshake = FALSE\ncharacter-set-server = utf8mb4\ncollation-server = utf8mb4_unicode_ci\n\n[mysql]\ndefault-character-set = utf8mb4\n' |
			$SUDO tee "$cnf" >/dev/null
		$SUDO service mariadb restart >/dev/null 2>&1 || true
	fi
	start_mariadb
	if ! mysql -uroot -p"$PM_DB_ROOT_PASSWORD" -h127.0.0.1 -e "select 1" >/dev/null 2>&1; then
		# Debian's init script and maintenance tasks log in as root over the socket: keep that login and
		# add the password beside it, never in its place.
		say "adding a password to MariaDB's root login for TCP (PM_DB_ROOT_PASSWORD); the socket login stays"
		$SUDO mysql -uroot -e "ALTER USER 'root'@'localhost' IDENTIFIED VIA unix_socket OR mysql_native_password USING PASSWORD('$PM_DB_ROOT_PASSWORD'); FLUSH PRIVILEGES;"
	fi
}

install_bench_cli() {
	command -v bench >/dev/null && return
	say "installing frappe-bench"
	python3 -m pip install --quiet frappe-bench || python3 -m pip install --quiet --break-system-packages frappe-bench
}

create_bench() {
	have_bench && return
	local parent
	parent=$(dirname "$PM_BENCH")
	mkdir -p "$parent"
	if [ "$(id -u)" = 0 ]; then
		# bench refuses root unless the folder it runs in says so
		mkdir -p "$parent/sites"
		[ -f "$parent/sites/common_site_config.json" ] || echo '{"frappe_user": "root"}' >"$parent/sites/common_site_config.json"
	fi
	say "creating a bench with Frappe $PM_FRAPPE_BRANCH from $PM_FRAPPE_PATH (several minutes)"
	(cd "$parent" && bench init "$(basename "$PM_BENCH")" --frappe-path "$PM_FRAPPE_PATH" \
		--frappe-branch "$PM_FRAPPE_BRANCH" --python "$(command -v python3)")
	if [ "$(id -u)" = 0 ]; then
		bench_cmd set-config -g frappe_user root >/dev/null
	fi
	# frappe v15's new-site still imports pkg_resources
	"$PM_BENCH/env/bin/python" -m pip install --quiet "setuptools<81"
}

load_demo() {
	# every step adds only what is missing, so an upgraded app fills in its new features' demo records
	# petition-demo refuses a site not marked petition_demo_site (set above when this command made it)
	say "loading demo data (zh_CN and en)"
	bench_cmd --site "$PM_SITE" set-config --parse throttle_user_limit 1000 >/dev/null
	bench_cmd --site "$PM_SITE" petition-demo
}

serve() {
	bench_cmd --site "$PM_SITE" enable-scheduler >/dev/null || true
	printf '\n\033[1mPetition Management demo\033[0m\n  URL:    http://localhost:%s/app/petitions\n' "$PM_PORT"
	printf '  login:  Administrator / admin\n  staff:  office@demo.petition.local (and the other demo users) / Demo-Petition-2026\n\n'
	[ "${PM_NO_SERVE:-0}" = 1 ] && return
	(cd "$PM_BENCH" && bench --site "$PM_SITE" worker >/dev/null 2>&1) &
	(cd "$PM_BENCH" && bench --site "$PM_SITE" schedule >/dev/null 2>&1) &
	trap 'kill $(jobs -p) 2>/dev/null' EXIT
	cd "$PM_BENCH" && bench --site "$PM_SITE" serve --port "$PM_PORT"
}

install_os_packages
configure_mariadb
install_bench_cli
create_bench
start_services
link_app_into_bench
build_app_assets
if ! site_exists "$PM_SITE"; then
	new_site "$PM_SITE"
	# the demo users share a published password: only a site marked as a demo site takes the demo
	bench_cmd --site "$PM_SITE" set-config --parse petition_demo_site 1 >/dev/null
fi
ensure_site_with_app "$PM_SITE"
bench_cmd --site "$PM_SITE" migrate >/dev/null
load_demo
serve
