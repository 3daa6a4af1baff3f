#!/usr/bin/env bash
# Launches the app N times under Xvfb on a demo workspace and reports, per run, the time from
# launch to the first claim list drawn (as the window reports it through `app_ready`) and the
# resident memory of the app process and of its WebKit child processes once the list is shown.
# Usage: scripts/measure-startup.sh [BINARY] [RUNS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/target/release/factdesk}; runs=${2:-5}
work=$(mktemp -d)
trap 'kill ${xvfb:-} 2>/dev/null || true; rm -rf "$work"' EXIT
"$root/target/debug/factdesk-cli" --db "$work/demo.factdesk" demo >/dev/null
display=:$((500 + RANDOM % 400))
Xvfb "$display" -screen 0 1400x900x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
export DISPLAY=$display HOME=$work/home; mkdir -p "$HOME"; sleep 0.5
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
# Proportional set size: shared pages split between the processes that map them, so sums are fair.
pss_kb() { awk '/^Pss:/ {print $2}' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0; }
for i in $(seq "$runs"); do
  : >"$work/app.log"
  start=$(date +%s%N)
  "$bin" --db "$work/demo.factdesk" >"$work/app.log" 2>&1 & app=$!
  for _ in $(seq 600); do grep -q "first claim list drawn" "$work/app.log" && break; sleep 0.01; done
  wall_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  sleep 1
  main=$(rss_kb $app); kids=0; pss=$(pss_kb $app)
  for c in $(pgrep -P $app); do kids=$((kids + $(rss_kb $c))); pss=$((pss + $(pss_kb $c))); done
  reported=$(grep -o "drawn [0-9]* ms" "$work/app.log" | grep -o "[0-9]*")
  echo "run $i: first list drawn ${reported} ms (app clock), ${wall_ms} ms (launcher clock, 10 ms polling); RSS app $((main/1024)) MiB + WebKit children $((kids/1024)) MiB; PSS all $((pss/1024)) MiB"
  kill $app; wait $app 2>/dev/null || true
done
