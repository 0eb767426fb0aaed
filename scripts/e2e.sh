#!/usr/bin/env bash
# End-to-end tests: the real binary on a throwaway Postgres cluster, with Mailpit and stripe-mock,
# all on random loopback ports, driven by `npm run e2e` (Playwright + /usr/bin/chromium,
# installed with apt-get when missing and run as root).
# Everything is torn down on exit; the exit status is the tests'. The server log is printed on failure.
#
# The tests get: E2E_BASE_URL, MAILPIT_URL, E2E_STRIPE_WEBHOOK_SECRET.
# RELANCE_SKIP_BUILD=1 (set by make) skips `make build tools`; E2E_KEEP=1 keeps the temp dir.
# Arguments go to Playwright: `bash scripts/e2e.sh portal.spec.ts` runs one spec.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd -P)
cd "$ROOT"
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

say() { printf '==> %s\n' "$*"; }

if [ -z "${RELANCE_SKIP_BUILD:-}" ]; then
	make --no-print-directory build tools
fi
for f in bin/relance .bin/mailpit .bin/stripe-mock; do
	[ -x "$f" ] || { echo "e2e.sh: $f is missing: run make build tools" >&2; exit 1; }
done
# Postgres and the browser: installed from Debian's packages when missing and we are root.
bash scripts/system-deps.sh postgresql chromium

TMP=$(mktemp -d /tmp/relance-e2e.XXXXXX)
chmod 755 "$TMP"
SERVE_PID= MAILPIT_PID= STRIPE_PID= PG_STARTED=

cleanup() {
	local status=$?
	trap - EXIT INT TERM
	[ -n "$SERVE_PID" ] && stop_pid relance "$SERVE_PID"
	[ -n "$MAILPIT_PID" ] && stop_pid mailpit "$MAILPIT_PID"
	[ -n "$STRIPE_PID" ] && stop_pid stripe-mock "$STRIPE_PID"
	[ -n "$PG_STARTED" ] && { bash scripts/pg.sh stop "$TMP/pg" >/dev/null 2>&1 || true; }
	if [ -n "${E2E_KEEP:-}" ]; then
		echo "e2e.sh: kept $TMP" >&2
	else
		rm -rf "$TMP"
	fi
	exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

show_logs() {
	echo "---- relance server log ($TMP/serve.log) ----" >&2
	tail -n 300 "$TMP/serve.log" >&2 || true
	echo "---- end of server log ----" >&2
}

# A clean environment for the binary: nothing from the caller's shell may leak in.
for v in DATABASE_URL RELANCE_ADDR RELANCE_BASE_URL RELANCE_SECRET_KEY RELANCE_ENV RELANCE_LOG_FORMAT \
	SMTP_URL RELANCE_MAIL_FROM RELANCE_STORAGE_DIR STRIPE_SECRET_KEY STRIPE_WEBHOOK_SECRET STRIPE_API_BASE \
	RELANCE_METRICS_TOKEN RELANCE_METRICS_ADDR RELANCE_HTTP_READ_HEADER_TIMEOUT RELANCE_HTTP_READ_TIMEOUT \
	RELANCE_HTTP_WRITE_TIMEOUT RELANCE_HTTP_IDLE_TIMEOUT RELANCE_HTTP_TRANSFER_TIMEOUT; do
	unset "$v" "${v}_FILE"
done

read -r PG_PORT SMTP_PORT MAILPIT_PORT STRIPE_PORT STRIPE_TLS_PORT APP_PORT < <(free_ports 6)

say "PostgreSQL on 127.0.0.1:$PG_PORT"
PG_STARTED=1
PG_EXTRA_OPTS="-c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
	bash scripts/pg.sh start "$TMP/pg" "$PG_PORT"

say "Mailpit on 127.0.0.1:$SMTP_PORT (SMTP) and 127.0.0.1:$MAILPIT_PORT (HTTP)"
.bin/mailpit --smtp "127.0.0.1:$SMTP_PORT" --listen "127.0.0.1:$MAILPIT_PORT" --disable-version-check \
	>"$TMP/mailpit.log" 2>&1 &
MAILPIT_PID=$!

say "stripe-mock on 127.0.0.1:$STRIPE_PORT"
.bin/stripe-mock -http-addr "127.0.0.1:$STRIPE_PORT" -https-addr "127.0.0.1:$STRIPE_TLS_PORT" \
	>"$TMP/stripe-mock.log" 2>&1 &
STRIPE_PID=$!

wait_http Mailpit "http://127.0.0.1:$MAILPIT_PORT/readyz" 30 "$MAILPIT_PID" || { cat "$TMP/mailpit.log" >&2; exit 1; }
wait_port stripe-mock "$STRIPE_PORT" 30 "$STRIPE_PID" || { cat "$TMP/stripe-mock.log" >&2; exit 1; }

DATABASE_URL=$(bash scripts/pg.sh url "$TMP/pg" "$PG_PORT")
RELANCE_SECRET_KEY=$(random_secret)
export DATABASE_URL RELANCE_SECRET_KEY
export RELANCE_ENV=development
export RELANCE_STORAGE_DIR=$TMP/files
export RELANCE_ADDR=127.0.0.1:$APP_PORT
export RELANCE_BASE_URL=http://127.0.0.1:$APP_PORT
export SMTP_URL=smtp://127.0.0.1:$SMTP_PORT
export STRIPE_API_BASE=http://127.0.0.1:$STRIPE_PORT
export STRIPE_SECRET_KEY=sk_test_e2e
export STRIPE_WEBHOOK_SECRET=whsec_e2e

say "relance migrate && relance seed --demo"
bin/relance migrate >"$TMP/serve.log" 2>&1 || { show_logs; exit 1; }
bin/relance seed --demo >>"$TMP/serve.log" 2>&1 || { show_logs; exit 1; }

say "relance serve on $RELANCE_ADDR"
bin/relance serve >>"$TMP/serve.log" 2>&1 &
SERVE_PID=$!
wait_http relance "$RELANCE_BASE_URL/readyz" 60 "$SERVE_PID" || { show_logs; exit 1; }

say "npm run e2e"
set +e
E2E_BASE_URL=$RELANCE_BASE_URL MAILPIT_URL=http://127.0.0.1:$MAILPIT_PORT \
	E2E_STRIPE_WEBHOOK_SECRET=$STRIPE_WEBHOOK_SECRET npm --workspace frontend run e2e -- "$@"
status=$?
set -e
if [ "$status" -ne 0 ]; then
	show_logs
fi
exit "$status"
