#!/usr/bin/env bash
# `make run`: Relance with demo data on http://localhost:8080, on a private Postgres cluster
# (.data/postgres, port 54329) and Mailpit (SMTP 127.0.0.1:1025, UI http://localhost:8025).
# Installs and builds what is missing first. Ctrl-C stops everything this script started, and only that.
#
# Environment: DATABASE_URL (use that database instead of the private cluster), RELANCE_ADDR
# (default 127.0.0.1:8080), RELANCE_PG_PORT (default 54329), RELANCE_SKIP_BUILD=1 (set by make).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd -P)
cd "$ROOT"
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf '\033[1;31mrun.sh: %s\033[0m\n' "$*" >&2; exit 1; }

DATA=$ROOT/.data
PG_PORT=${RELANCE_PG_PORT:-54329}
SMTP_ADDR=127.0.0.1:1025
MAILPIT_UI=127.0.0.1:8025
export RELANCE_ADDR=${RELANCE_ADDR:-127.0.0.1:8080}
APP_PORT=${RELANCE_ADDR##*:}
export RELANCE_BASE_URL=${RELANCE_BASE_URL:-http://localhost:$APP_PORT}
export RELANCE_ENV=${RELANCE_ENV:-development}
export SMTP_URL=smtp://$SMTP_ADDR

# --- what this script started, stopped on exit ------------------------------------------------
SERVE_PID=
MAILPIT_PID=
PG_DIR=
cleanup() {
	local status=$?
	trap - EXIT INT TERM
	echo
	[ -n "$SERVE_PID" ] && { say "stopping relance"; stop_pid relance "$SERVE_PID"; }
	[ -n "$MAILPIT_PID" ] && { say "stopping Mailpit"; stop_pid mailpit "$MAILPIT_PID"; }
	[ -n "$PG_DIR" ] && { say "stopping PostgreSQL"; bash scripts/pg.sh stop "$PG_DIR" || true; }
	exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- tools and build ---------------------------------------------------------------------------
if [ -z "${RELANCE_SKIP_BUILD:-}" ]; then
	say "installing what is missing and building (make build .bin/mailpit)"
	make --no-print-directory build .bin/mailpit
fi
[ -x bin/relance ] || die "bin/relance is missing: run make build"
[ -x .bin/mailpit ] || die ".bin/mailpit is missing: run make tools"

if port_in_use "$APP_PORT"; then
	die "something already listens on 127.0.0.1:$APP_PORT (another make run?). Stop it, or set RELANCE_ADDR."
fi

mkdir -p "$DATA"
chmod 755 "$DATA"

# --- secret key --------------------------------------------------------------------------------
if [ -z "${RELANCE_SECRET_KEY:-}" ] && [ -z "${RELANCE_SECRET_KEY_FILE:-}" ]; then
	if [ ! -s "$DATA/secret_key" ]; then
		(umask 077 && random_secret >"$DATA/secret_key")
		say "generated a secret key in .data/secret_key"
	fi
	RELANCE_SECRET_KEY=$(cat "$DATA/secret_key")
	export RELANCE_SECRET_KEY
fi
export RELANCE_STORAGE_DIR=${RELANCE_STORAGE_DIR:-$DATA/files}

# --- PostgreSQL --------------------------------------------------------------------------------
if [ -n "${DATABASE_URL:-}" ] || [ -n "${DATABASE_URL_FILE:-}" ]; then
	say "using the database given by DATABASE_URL"
else
	pg_dir=$DATA/postgres
	# As root the cluster runs as the postgres user, which must be able to reach it.
	if [ "$(id -u)" -eq 0 ] && getent passwd postgres >/dev/null && ! runuser -u postgres -- test -x "$ROOT"; then
		pg_dir=/var/tmp/relance-$(printf '%s' "$ROOT" | cksum | cut -d' ' -f1)/postgres
		say "the postgres user cannot reach $ROOT: keeping the database in $pg_dir"
	fi
	if bash scripts/pg.sh status "$pg_dir" >/dev/null 2>&1; then
		say "PostgreSQL already running in $pg_dir: reusing it (it stays up when this stops)"
		bash scripts/pg.sh start "$pg_dir" "$PG_PORT"
	else
		say "starting PostgreSQL on 127.0.0.1:$PG_PORT"
		PG_DIR=$pg_dir
		bash scripts/pg.sh start "$pg_dir" "$PG_PORT"
	fi
	DATABASE_URL=$(bash scripts/pg.sh url "$pg_dir" "$PG_PORT")
	export DATABASE_URL
fi

# --- Mailpit -----------------------------------------------------------------------------------
if http_ok "http://$MAILPIT_UI/readyz"; then
	say "Mailpit already running on $MAILPIT_UI: reusing it"
else
	for port in "${SMTP_ADDR##*:}" "${MAILPIT_UI##*:}"; do
		port_in_use "$port" && die "port $port is taken by something else than Mailpit"
	done
	say "starting Mailpit (SMTP $SMTP_ADDR, UI http://$MAILPIT_UI)"
	.bin/mailpit --smtp "$SMTP_ADDR" --listen "$MAILPIT_UI" --disable-version-check \
		--database "$DATA/mailpit.db" >"$DATA/mailpit.log" 2>&1 &
	MAILPIT_PID=$!
	wait_http Mailpit "http://$MAILPIT_UI/readyz" 30 "$MAILPIT_PID" \
		|| { tail -n 20 "$DATA/mailpit.log" >&2; exit 1; }
fi

# --- Relance -----------------------------------------------------------------------------------
say "relance migrate"
bin/relance migrate
say "relance seed --demo"
bin/relance seed --demo

say "relance serve on $RELANCE_ADDR"
bin/relance serve &
SERVE_PID=$!
wait_http relance "http://$RELANCE_ADDR/readyz" 60 "$SERVE_PID"

cat <<EOF

────────────────────────────────────────────────────────────────────
  Relance is running                          (Ctrl-C stops it all)

  Dashboard   $RELANCE_BASE_URL
  API docs    $RELANCE_BASE_URL/api/docs
  Mailpit     http://localhost:${MAILPIT_UI##*:}   (every email Relance sends)

  Demo login  demo@relance.test  /  relance-demo
────────────────────────────────────────────────────────────────────

EOF

set +e
wait "$SERVE_PID"
status=$?
set -e
SERVE_PID=
exit "$status"
