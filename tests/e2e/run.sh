#!/usr/bin/env bash
# End-to-end tests in the real Factdesk window (Xvfb + tauri-driver + WebKitWebDriver).
# Needs nothing running beforehand and leaves nothing running: wdio.conf.mjs's hooks start and
# stop their own X server and driver. Usage: tests/e2e/run.sh [extra wdio run args], e.g.
#   tests/e2e/run.sh --spec specs/sources.test.mjs      one spec file
#   tests/e2e/run.sh --mochaOpts.grep 'verdict'         the steps whose title matches
#   FACTDESK_APP=/path/to/factdesk      the app binary (default: target/debug/factdesk)
#   FACTDESK_CLI=/path/to/factdesk-cli  the CLI used to seed and check workspaces
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
export FACTDESK_APP=${FACTDESK_APP:-$repo/target/debug/factdesk}
export FACTDESK_CLI=${FACTDESK_CLI:-$repo/target/debug/factdesk-cli}
export PATH="$PATH:$HOME/.cargo/bin"

missing=0
need() { # need <what> <check command...>
  local what=$1; shift
  if ! "$@" >/dev/null 2>&1; then echo "e2e: missing: $what" >&2; missing=1; fi
}
need "Xvfb (apt-get install xvfb)" command -v Xvfb
need "WebKitWebDriver at ${WEBKIT_WEBDRIVER:-/usr/bin/WebKitWebDriver} (apt-get install webkit2gtk-driver)" test -x "${WEBKIT_WEBDRIVER:-/usr/bin/WebKitWebDriver}"
need "tauri-driver (cargo install tauri-driver --version '^2' --locked)" command -v tauri-driver
need "node >= 20 and npm (https://nodejs.org)" command -v npm
need "the app binary $FACTDESK_APP (build it with: make build)" test -x "$FACTDESK_APP"
need "the CLI binary $FACTDESK_CLI (build it with: make build)" test -x "$FACTDESK_CLI"
[ "$missing" -eq 0 ] || { echo "e2e: see scripts/deps.sh, or run 'make test', which installs and builds what is missing" >&2; exit 1; }

cd "$here"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
start=$(date +%s)
status=0
npm test --silent -- "$@" || status=$?
echo "e2e: $( [ $status -eq 0 ] && echo passed || echo FAILED ) in $(( $(date +%s) - start )) s$( [ $status -eq 0 ] || echo "; screenshots and logs in tests/e2e/.artifacts/")"
exit $status
