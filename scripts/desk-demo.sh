#!/usr/bin/env bash
# `make desk-demo`: watch a change travel between two checkers' copies of a desk (issue 14).
# Starts a throwaway PostgreSQL in $DEMO_DIR (default /tmp/factdesk-desk-demo), creates a desk
# from the editor's demo workspace, lets a checker "alice" in with a workspace of her own, and
# opens both in two windows. Change a claim in one window: the other shows it within moments.
# Ctrl-C closes both windows and stops PostgreSQL; `rm -rf $DEMO_DIR` removes everything.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${DEMO_DIR:-/tmp/factdesk-desk-demo}
cli=${CLI_BIN:-target/debug/factdesk-cli}
app=${APP_BIN:-target/debug/factdesk}
mkdir -p "$dir"
admin_url=$(scripts/throwaway-postgres.sh start "$dir/pg")
trap 'kill $(jobs -p) 2>/dev/null || true; scripts/throwaway-postgres.sh stop "$dir/pg"' EXIT INT TERM
admin_pw=$(cat "$dir/pg/pwfile")
db_url=${admin_url%/postgres}/factdesk
editor="$dir/editor.factdesk"
alice="$dir/alice.factdesk"
if [ ! -f "$editor" ]; then
  psql "$admin_url" -qc "CREATE DATABASE factdesk" >/dev/null
  "$cli" --db "$editor" demo >/dev/null
  "$cli" --db "$editor" desk create "$db_url"
  psql "$admin_url" -qc "CREATE ROLE alice LOGIN PASSWORD 'alice-demo'" >/dev/null
  "$cli" --db "$editor" desk grant "$db_url" alice
  alice_url=$(echo "$db_url" | sed -E "s#//[^@]*@#//alice:alice-demo@#")
  "$cli" --db "$alice" desk join "$alice_url"
fi
echo "desk-demo: PostgreSQL at ${db_url/:$admin_pw@/:***@}"
echo "desk-demo: opening the editor's window ($editor) and alice's ($alice)."
PGPASSWORD="$admin_pw" "$app" --db "$editor" &
PGPASSWORD=alice-demo "$app" --db "$alice" &
wait
