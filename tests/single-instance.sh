#!/usr/bin/env bash
# A second launch on a workspace that is already open must not start a second writer: it hands over
# to the open window and exits. A launch on another workspace file opens its own window.
# Runs the real app binary under Xvfb twice: with a private D-Bus session bus, and with none (the
# guard is the workspace's own lock, which needs no bus).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
app=${FACTDESK_APP:-$here/../target/debug/factdesk}
[ -x "$app" ] || { echo "single-instance: $app is missing; run make build first" >&2; exit 1; }
if [ -z "${SI_INNER:-}" ]; then
  env SI_INNER=1 SI_BUS="a D-Bus session" dbus-run-session -- "$0" "$@"
  exec env -u DBUS_SESSION_BUS_ADDRESS SI_INNER=1 SI_BUS="no session bus" "$0" "$@"
fi

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

display=:$((90 + RANDOM % 400))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
pids+=($!)
export DISPLAY=$display HOME=$work/home XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config XDG_CACHE_HOME=$work/cache XDG_RUNTIME_DIR=$work/runtime
mkdir -p "$HOME" "$XDG_RUNTIME_DIR"; chmod 700 "$XDG_RUNTIME_DIR"
for _ in $(seq 50); do xwininfo -root >/dev/null 2>&1 && break; sleep 0.1; done

windows_titled() { xwininfo -root -tree 2>/dev/null | grep -c "\"Factdesk — $1\"" || true; }
wait_for_window() {
  for _ in $(seq 300); do [ "$(windows_titled "$1")" -ge 1 ] && return 0; sleep 0.1; done
  echo "FAIL: no window for $1 after 30 s" >&2; exit 1
}

"$app" --db "$work/a.factdesk" >"$work/first.log" 2>&1 &
first=$!; pids+=($first)
wait_for_window a.factdesk

"$app" --db "$work/a.factdesk" >"$work/second.log" 2>&1 &
second=$!; pids+=($second)
for _ in $(seq 150); do kill -0 "$second" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$second" 2>/dev/null; then
  echo "FAIL: a second launch on the same workspace kept running (two writers on one file)" >&2; exit 1
fi
kill -0 "$first" || { echo "FAIL: the first window closed" >&2; exit 1; }
[ "$(windows_titled a.factdesk)" -eq 1 ] || { echo "FAIL: expected one window on a.factdesk" >&2; exit 1; }

"$app" --db "$work/b.factdesk" >"$work/third.log" 2>&1 &
third=$!; pids+=($third)
wait_for_window b.factdesk
kill -0 "$third" || { echo "FAIL: a launch on another workspace did not stay open" >&2; exit 1; }
grep -q "already open in another window" "$work/second.log" || { echo "FAIL: the second launch did not say why it ended" >&2; exit 1; }
echo "single-instance ($SI_BUS): ok (second launch on the same file handed over and exited; another file got its own window)"
