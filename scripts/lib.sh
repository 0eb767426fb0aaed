# Helpers shared by scripts/run.sh and scripts/e2e.sh (sourced, not run).

# http_ok URL: true when URL answers with a 2xx status.
http_ok() {
	if command -v curl >/dev/null 2>&1; then
		curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null
	else
		node -e 'fetch(process.argv[1], {signal: AbortSignal.timeout(2000)})
			.then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$1"
	fi
}

# port_in_use PORT: true when something accepts connections on 127.0.0.1:PORT.
port_in_use() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# free_ports N: prints N distinct loopback TCP ports nobody listens on, on one line. Ask for all
# the ports at once: each $(…) runs in a subshell, so separate calls cannot avoid each other.
free_ports() {
	local n=$1 given=" " p i
	for i in $(seq 1 $((n * 50))); do
		[ "$n" -gt 0 ] || break
		p=$((20000 + RANDOM % 40000))
		case "$given" in *" $p "*) continue ;; esac
		if ! port_in_use "$p"; then
			given="$given$p "
			n=$((n - 1))
		fi
	done
	[ "$n" -eq 0 ] || { echo "no free port found" >&2; return 1; }
	echo $given
}

# wait_until NAME SECONDS PID CHECK...: runs CHECK every 0.2 s until it succeeds; fails after
# SECONDS, or early when PID (if not empty) has exited.
wait_until() {
	local name=$1 secs=$2 pid=$3 i
	shift 3
	for i in $(seq 1 $((secs * 5))); do
		"$@" && return 0
		if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
			echo "$name exited before it was ready" >&2
			return 1
		fi
		sleep 0.2
	done
	echo "$name not ready after ${secs}s" >&2
	return 1
}

# wait_http NAME URL SECONDS [PID]: waits until URL answers 2xx.
wait_http() { wait_until "$1" "$3" "${4:-}" http_ok "$2"; }

# wait_port NAME PORT SECONDS [PID]: waits until something listens on 127.0.0.1:PORT.
wait_port() { wait_until "$1" "$3" "${4:-}" port_in_use "$2"; }

# stop_pid NAME PID: SIGTERM, then SIGKILL after 10 s; waits for it (it must be our child).
stop_pid() {
	local name=$1 pid=$2 i
	kill -0 "$pid" 2>/dev/null || return 0
	kill -TERM "$pid" 2>/dev/null || true
	for i in $(seq 1 50); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.2
	done
	if kill -0 "$pid" 2>/dev/null; then
		echo "$name did not stop in 10 s: killing it" >&2
		kill -KILL "$pid" 2>/dev/null || true
	fi
	wait "$pid" 2>/dev/null || true
}

# random_secret: 64 hex characters from /dev/urandom.
random_secret() {
	od -An -tx1 -N32 /dev/urandom | tr -d ' \n'
}
