#!/usr/bin/env bash
# A private PostgreSQL cluster for development and end-to-end tests.
#
#   scripts/pg.sh start  DATA_DIR PORT   initdb once (reused afterwards), start on 127.0.0.1:PORT,
#                                        create the database "relance" if missing
#   scripts/pg.sh stop   DATA_DIR        stop it (pg_ctl -m fast); fine if it is not running
#   scripts/pg.sh status DATA_DIR        exit 0 when it runs, 3 when it does not
#   scripts/pg.sh url    DATA_DIR PORT   print the DATABASE_URL of the "relance" database
#
# initdb and pg_ctl are looked up on PATH, then under /usr/lib/postgresql/*/bin (highest version).
# Postgres refuses to run as root: as root, initdb and pg_ctl run as the "postgres" system user and
# the data directory is handed to that user. Extra server options: PG_EXTRA_OPTS="-c fsync=off ...".
set -euo pipefail

die() { echo "pg.sh: $*" >&2; exit 1; }
log() { echo "pg.sh: $*" >&2; }

usage() {
	sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
}

# find_bin sets PG_BIN to the directory that holds initdb and pg_ctl.
find_bin() {
	local initdb
	if initdb=$(command -v initdb 2>/dev/null) && command -v pg_ctl >/dev/null 2>&1; then
		PG_BIN=$(dirname "$(readlink -f "$initdb")")
		return 0
	fi
	local dir
	dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
	if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
		PG_BIN=$dir
		return 0
	fi
	return 1
}

ensure_bin() {
	find_bin && return 0
	if [ "$(id -u)" -ne 0 ]; then
		die "PostgreSQL server binaries (initdb, pg_ctl) not found. Install them with:
    sudo apt-get update && sudo apt-get install -y postgresql"
	fi
	log "PostgreSQL not found: installing it (apt-get install -y postgresql)"
	# Debian may create and start its own cluster on port 5432; this script does not use it.
	DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
	find_bin || die "postgresql installed, but initdb/pg_ctl are still not found"
}

is_root() { [ "$(id -u)" -eq 0 ]; }

# as_pg runs a command as the user that owns the cluster: "postgres" when we are root.
as_pg() {
	if is_root; then
		(cd / && runuser -u postgres -- "$@")
	else
		"$@"
	fi
}

# prepare_root_access creates the postgres system user if needed, gives it DIR and makes every
# parent of DIR traversable by it.
prepare_root_access() {
	local dir=$1
	if ! getent passwd postgres >/dev/null; then
		log "creating the system user postgres"
		useradd --system --user-group --home-dir /var/lib/postgresql --shell /bin/bash postgres
	fi
	mkdir -p "$dir"
	chown postgres:postgres "$dir"
	chmod 700 "$dir"
	# The parent (e.g. .data/) must be traversable: chmod 755 on it when it is ours to change.
	local parent
	parent=$(dirname "$dir")
	chmod 755 "$parent" 2>/dev/null || true
	if ! runuser -u postgres -- test -x "$parent"; then
		die "the postgres user cannot reach $dir (a parent directory is not traversable, e.g. /root is 0700).
Use a data directory elsewhere (e.g. under /var/tmp), or set DATABASE_URL to an existing server."
	fi
}

# socket_dir prints a directory for the Unix socket: "<parent of data dir>/run" when the socket path
# fits the 107-byte limit of sun_path, else /tmp.
socket_dir() {
	local data=$1 port=$2 dir
	dir="$(dirname "$data")/run"
	if [ $(( ${#dir} + ${#port} + 11 )) -ge 107 ]; then # "/.s.PGSQL." + port
		dir=/tmp
	fi
	echo "$dir"
}

abs_path() {
	local p=$1
	mkdir -p "$p"
	(cd "$p" && pwd -P)
}

is_running() {
	local data=$1
	[ -f "$data/PG_VERSION" ] || return 1
	as_pg "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1
}

running_port() {
	sed -n 4p "$1/postmaster.pid" 2>/dev/null || true
}

ensure_database() {
	local port=$1 exists
	exists=$("$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc \
		"SELECT 1 FROM pg_database WHERE datname = 'relance'")
	if [ "$exists" != "1" ]; then
		"$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "CREATE DATABASE relance" >/dev/null
		log "created database relance"
	fi
}

cmd_start() {
	[ $# -eq 2 ] || usage
	local data port sock
	port=$2
	[[ $port =~ ^[0-9]+$ ]] || die "PORT must be a number, got '$port'"
	ensure_bin
	data=$(abs_path "$1")

	if is_root; then
		prepare_root_access "$data"
	fi

	if is_running "$data"; then
		local rport
		rport=$(running_port "$data")
		if [ -n "$rport" ] && [ "$rport" != "$port" ]; then
			die "a cluster is already running in $data, but on port $rport (not $port)"
		fi
		log "already running: $data on 127.0.0.1:$port (reusing it)"
		ensure_database "$port"
		return 0
	fi

	if [ ! -f "$data/PG_VERSION" ]; then
		log "initdb $data ($("$PG_BIN/initdb" --version))"
		as_pg "$PG_BIN/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C >"$data.initdb.log" 2>&1 \
			|| { cat "$data.initdb.log" >&2; die "initdb failed"; }
		rm -f "$data.initdb.log"
	fi

	sock=$(socket_dir "$data" "$port")
	if [ "$sock" != /tmp ]; then
		mkdir -p "$sock"
		if is_root; then chown postgres:postgres "$sock"; fi
	fi

	log "starting PostgreSQL on 127.0.0.1:$port (data $data)"
	if ! as_pg "$PG_BIN/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 start \
		-o "-p $port -k $sock -c listen_addresses=127.0.0.1 ${PG_EXTRA_OPTS:-}" >/dev/null; then
		tail -n 30 "$data/server.log" >&2 || true
		die "PostgreSQL did not start (log: $data/server.log)"
	fi
	ensure_database "$port"
}

cmd_stop() {
	[ $# -eq 1 ] || usage
	local data=$1
	[ -f "$data/PG_VERSION" ] || { log "no cluster in $data"; return 0; }
	ensure_bin
	data=$(abs_path "$data")
	if ! is_running "$data"; then
		log "not running: $data"
		return 0
	fi
	as_pg "$PG_BIN/pg_ctl" -D "$data" -m fast -w -t 60 stop >/dev/null
	log "stopped PostgreSQL ($data)"
}

cmd_status() {
	[ $# -eq 1 ] || usage
	find_bin || return 3
	local data
	if [ -d "$1" ] && data=$(cd "$1" 2>/dev/null && pwd -P) && is_running "$data"; then
		echo "running on port $(running_port "$data")"
		return 0
	fi
	echo "not running"
	return 3
}

cmd_url() {
	[ $# -eq 2 ] || usage
	echo "postgres://postgres@127.0.0.1:$2/relance?sslmode=disable"
}

[ $# -ge 1 ] || usage
sub=$1
shift
case "$sub" in
start) cmd_start "$@" ;;
stop) cmd_stop "$@" ;;
status) cmd_status "$@" ;;
url) cmd_url "$@" ;;
*) usage ;;
esac
