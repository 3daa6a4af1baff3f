#!/usr/bin/env bash
# A throwaway PostgreSQL server in a folder, for demos and trying the desk by hand (issue 14: several
# checkers share a workspace through PostgreSQL). The shell twin of the tests' server
# (src-tauri/core/tests/common/postgres.rs), set up the same way:
#   scripts/throwaway-postgres.sh start DIR [PORT]  create the server in DIR if new, start it, print its admin URL
#   scripts/throwaway-postgres.sh stop DIR          stop it (nothing to do if it is not running)
#   scripts/throwaway-postgres.sh url DIR           print its admin URL
# The URL is postgres://factdesk_admin:PASSWORD@127.0.0.1:PORT/postgres. DIR holds everything:
# the data folder (data/), the superuser's random password (pwfile), the port (port), the log
# (server.log) and the socket; after `stop`, `rm -rf DIR` removes it all. It listens on 127.0.0.1
# only, and every TCP connection must give its password (only the socket in DIR is trusted).
# PostgreSQL must be installed: scripts/deps.sh test (or desk-demo) installs it.
set -euo pipefail

usage() { echo "usage: scripts/throwaway-postgres.sh start DIR [PORT] | stop DIR | url DIR" >&2; exit 2; }
[ $# -ge 2 ] || usage
cmd=$1
dir=$2
port_arg=${3:-}
case "$cmd" in start) [ $# -le 3 ] || usage ;; stop|url) [ $# -eq 2 ] || usage ;; *) usage ;; esac
admin=factdesk_admin

# Debian keeps the server's programs out of PATH, in /usr/lib/postgresql/VERSION/bin: where
# pg_config says (if the server is there: pg_config may belong to a newer client library), else
# the newest of those, else PATH.
find_bindir() {
  local d
  d=$(pg_config --bindir 2>/dev/null || true)
  if [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return; fi
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return; fi
  done
  d=$(command -v initdb 2>/dev/null || true)
  if [ -n "$d" ]; then dirname "$d"; return; fi
  echo "PostgreSQL is not installed: run scripts/deps.sh test (make test does)" >&2
  exit 1
}

tool() { # the program from the server's folder, else from PATH
  if [ -x "$bindir/$1" ]; then echo "$bindir/$1"; else command -v "$1" || { echo "PostgreSQL's $1 not found: run scripts/deps.sh test" >&2; exit 1; }; fi
}

# initdb refuses to run as root, and the server with it: as root, the server's programs run as the
# `postgres` system user, which owns DIR.
as_server() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd "$dir" && LC_ALL=C runuser -u postgres -- "$@")
  else
    (cd "$dir" && LC_ALL=C "$@")
  fi
}

running() { [ -f "$dir/data/PG_VERSION" ] && as_server "$pg_ctl" status -D "$dir/data" >/dev/null 2>&1; }

url() {
  [ -f "$dir/pwfile" ] && [ -f "$dir/port" ] || { echo "no throwaway PostgreSQL in $dir (start it first)" >&2; exit 1; }
  # The password is hex, so it needs no escaping in a URL.
  echo "postgres://$admin:$(head -n 1 "$dir/pwfile")@127.0.0.1:$(cat "$dir/port")/postgres"
}

# A port nothing listens on, below Linux's ephemeral range (32768+) so that no outgoing
# connection holds it either. Binding can still lose a race: start retries with another.
pick_port() {
  local p
  for _ in $(seq 100); do
    p=$((20000 + RANDOM % 12000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  echo "no free port found" >&2
  exit 1
}

bindir=$(find_bindir)
pg_ctl=$(tool pg_ctl)

if [ "$cmd" = stop ]; then
  [ -d "$dir" ] || { echo "no throwaway PostgreSQL in $dir: nothing to stop"; exit 0; }
  dir=$(cd "$dir" && pwd)
  if running; then
    as_server "$pg_ctl" stop -D "$dir/data" -m fast -w -t 60 -s
    echo "stopped the PostgreSQL in $dir"
  else
    echo "the PostgreSQL in $dir is not running"
  fi
  exit 0
fi

if [ "$cmd" = url ]; then
  dir=$(cd "$dir" 2>/dev/null && pwd) || { echo "no throwaway PostgreSQL in $2" >&2; exit 1; }
  url
  exit 0
fi

# start
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
if running; then
  if [ -n "$port_arg" ] && [ "$port_arg" != "$(cat "$dir/port")" ]; then
    echo "the PostgreSQL in $dir already runs on port $(cat "$dir/port"), not $port_arg" >&2
    exit 1
  fi
  url
  exit 0
fi

if [ ! -f "$dir/data/PG_VERSION" ]; then
  initdb=$(tool initdb)
  [ -z "$(ls -A "$dir")" ] || { echo "$dir is not empty and holds no PostgreSQL: give a new or empty folder" >&2; exit 1; }
  (umask 077 && head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$dir/pwfile" && echo >>"$dir/pwfile")
  chmod 700 "$dir"
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || { echo "running as root, and there is no postgres system user to run the server as: run scripts/deps.sh test" >&2; exit 1; }
    chown -R postgres:postgres "$dir"
    runuser -u postgres -- test -w "$dir" || {
      echo "the postgres user cannot reach $dir (a parent folder is closed to others): use a folder under /tmp" >&2
      exit 1
    }
  fi
  # --no-sync: a throwaway server need not survive a power cut, and syncing is most of initdb's time.
  as_server "$initdb" -D "$dir/data" -U "$admin" --pwfile="$dir/pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C --no-sync --no-instructions >"$dir/initdb.log" 2>&1 || {
    echo "initdb failed:" >&2
    cat "$dir/initdb.log" >&2
    exit 1
  }
  printf "\ninclude 'factdesk.conf'\n" >>"$dir/data/postgresql.conf"
fi

# The socket goes in DIR unless DIR's path is too long for a socket's (107 bytes): then TCP only.
socket_dir=$dir
[ ${#dir} -le 90 ] || socket_dir=""
write_settings() {
  cat >"$dir/data/factdesk.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $1
unix_socket_directories = '${socket_dir//\'/\'\'}'
max_connections = 100
fsync = off
synchronous_commit = off
full_page_writes = off
logging_collector = off
EOF
  chmod 644 "$dir/data/factdesk.conf"
}

if [ -n "$port_arg" ]; then
  ports=("$port_arg")
elif [ -f "$dir/port" ]; then
  ports=("$(cat "$dir/port")" "$(pick_port)" "$(pick_port)")
else
  ports=("$(pick_port)" "$(pick_port)" "$(pick_port)" "$(pick_port)")
fi
started=""
for port in "${ports[@]}"; do
  write_settings "$port"
  if [ "$(id -u)" -eq 0 ]; then touch "$dir/server.log" && chown postgres:postgres "$dir/server.log"; fi
  log_size=$(stat -c %s "$dir/server.log" 2>/dev/null || echo 0)
  if as_server "$pg_ctl" start -D "$dir/data" -l "$dir/server.log" -w -t 30 -s >/dev/null 2>&1; then
    started=$port
    break
  fi
  # Another port only when this one was taken; any other failure stops here.
  tail -c +"$((log_size + 1))" "$dir/server.log" | grep -q -e "could not bind" -e "already in use" || break
done
if [ -z "$started" ]; then
  echo "PostgreSQL did not start in $dir; the end of its log:" >&2
  tail -n 30 "$dir/server.log" >&2
  exit 1
fi
echo "$started" >"$dir/port"

pg_isready=$(tool pg_isready)
for _ in $(seq 300); do
  "$pg_isready" -q -h 127.0.0.1 -p "$started" -t 2 && break
  sleep 0.1
done
"$pg_isready" -q -h 127.0.0.1 -p "$started" || {
  echo "PostgreSQL in $dir is not accepting connections on port $started; the end of its log:" >&2
  tail -n 30 "$dir/server.log" >&2
  exit 1
}
url
