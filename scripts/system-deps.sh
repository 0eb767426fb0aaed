#!/usr/bin/env bash
# Installs the Debian packages the make targets need, only when they are missing:
#
#   scripts/system-deps.sh postgresql [gcc] [chromium]
#
#   postgresql  PostgreSQL server binaries (initdb, pg_ctl) on PATH or under /usr/lib/postgresql/*/bin:
#               the Go tests, `make run` and the end-to-end tests start private clusters with them
#   gcc         a C compiler: `go test -race` needs cgo
#   chromium    the end-to-end tests' browser, /usr/bin/chromium (or the one CHROMIUM_PATH names)
#
# As root, what is missing is installed with one `apt-get update && apt-get install -y`; as another
# user the script prints the command to run and fails. Nothing happens when everything is there.
set -euo pipefail

has_postgresql() {
	if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
		return 0
	fi
	local f
	for f in /usr/lib/postgresql/*/bin/initdb; do
		[ -x "$f" ] && [ -x "$(dirname "$f")/pg_ctl" ] && return 0
	done
	return 1
}

has_chromium() {
	[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]
}

missing=()
for pkg in "$@"; do
	case "$pkg" in
	postgresql) has_postgresql || missing+=(postgresql) ;;
	gcc) command -v gcc >/dev/null 2>&1 || missing+=(gcc) ;;
	chromium)
		if ! has_chromium; then
			if [ -n "${CHROMIUM_PATH:-}" ]; then
				echo "system-deps.sh: CHROMIUM_PATH=$CHROMIUM_PATH is not an executable" >&2
				exit 1
			fi
			missing+=(chromium)
		fi
		;;
	*)
		echo "system-deps.sh: unknown package '$pkg' (postgresql, gcc, chromium)" >&2
		exit 2
		;;
	esac
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
	echo "system-deps.sh: missing ${missing[*]}. Install with:
    sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
	exit 1
fi
echo "==> ${missing[*]} not found: apt-get install -y ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# `make -j` may run two of these at once: wait for dpkg's lock rather than fail on it.
apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}" >&2

for pkg in "${missing[@]}"; do
	case "$pkg" in
	postgresql) has_postgresql ;;
	gcc) command -v gcc >/dev/null 2>&1 ;;
	chromium) has_chromium ;;
	esac || { echo "system-deps.sh: $pkg installed, but still not found" >&2; exit 1; }
done
