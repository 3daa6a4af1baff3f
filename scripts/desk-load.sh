#!/usr/bin/env bash
# `make desk-load`: issue 14's figures. A throwaway PostgreSQL, ten checker roles, and the
# desk_load example (src-tauri/core/examples/desk_load.rs) for DESK_SECONDS (default 60); then
# the desk's size in PostgreSQL. DESK_JOIN_CLAIMS=N times a new checker joining a desk of N
# synthetic claims instead.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d /tmp/factdesk-desk-load.XXXXXX)
chmod 755 "$dir"  # the server runs as the postgres user when we are root
admin_url=$(scripts/throwaway-postgres.sh start "$dir/pg")
trap 'scripts/throwaway-postgres.sh stop "$dir/pg"; rm -rf "$dir"' EXIT
db_url=${admin_url%/postgres}/load
psql "$admin_url" -qc "CREATE DATABASE load"
n=${DESK_CHECKERS:-10}
for i in $(seq 1 "$n"); do
  psql "$admin_url" -qc "CREATE ROLE checker$i LOGIN PASSWORD 'pw-checker$i'"
done
# The roles become checkers once the desk exists: the example creates it, so grant on first use.
psql "$admin_url" -qc "DO \$\$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'factdesk_checker') THEN CREATE ROLE factdesk_checker NOLOGIN; END IF; IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'factdesk_reader') THEN CREATE ROLE factdesk_reader NOLOGIN; END IF; END \$\$"
for i in $(seq 1 "$n"); do psql "$admin_url" -qc "GRANT factdesk_checker TO checker$i"; done
if [ -n "${DESK_JOIN_CLAIMS:-}" ]; then
  target/release/examples/desk_load "$db_url" --join-claims "$DESK_JOIN_CLAIMS"
else
  target/release/examples/desk_load "$db_url" --checkers "$n" --seconds "${DESK_SECONDS:-60}"
fi
psql "$db_url" -tAc "SELECT 'desk size in PostgreSQL: ' || pg_size_pretty(sum(pg_total_relation_size(c.oid))) || ' (' || (SELECT count(*) FROM factdesk.entities) || ' rows, ' || (SELECT count(*) FROM factdesk.changes) || ' changes)' FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'factdesk' AND c.relkind = 'r'"
