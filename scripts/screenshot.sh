#!/usr/bin/env bash
# Opens the app under Xvfb on a workspace and saves a screenshot of the screen, to look at a UI
# change as a person sees it. Usage: scripts/screenshot.sh OUT.png [WORKSPACE] [SECONDS]
# With no workspace, a fresh demo workspace is made in a temporary folder.
set -euo pipefail
out=$1; db=${2:-}; wait_s=${3:-4}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'kill ${app:-} ${xvfb:-} 2>/dev/null || true; rm -rf "$work"' EXIT
if [ -z "$db" ]; then db=$work/demo.factdesk; "$root/target/debug/factdesk-cli" --db "$db" demo >/dev/null; fi
display=:$((500 + RANDOM % 400))
Xvfb "$display" -screen 0 1400x900x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
export DISPLAY=$display HOME=$work/home; mkdir -p "$HOME"
sleep 0.5
"$root/target/debug/factdesk" --db "$db" >"$work/app.log" 2>&1 & app=$!
for _ in $(seq 300); do grep -q "first claim list drawn" "$work/app.log" && break; sleep 0.1; done
sleep "$wait_s"
xwd -root -silent | convert xwd:- "$out"
grep "first claim list drawn" "$work/app.log" || echo "(the app never reported its first list)"
