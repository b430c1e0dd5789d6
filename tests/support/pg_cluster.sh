#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests, on a Unix socket in a temporary folder.
#   pg_cluster.sh start STATE_DIR   initdb + pg_ctl start; writes STATE_DIR/uri (superuser
#                                   "duckweed", database "duckweed") and STATE_DIR/cluster
#   pg_cluster.sh stop STATE_DIR    stops the cluster and removes its folder
# initdb refuses root, so as root the cluster runs as the `postgres` system user (runuser).
# Role "pwuser" (password "right-password") authenticates by scram-sha-256, for the wrong-password
# tests; every other local connection is trusted.
set -euo pipefail
action=${1:?start|stop}
state=${2:?state folder}
bin=${DUCKWEED_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
[ -x "$bin/initdb" ] || { echo "pg_cluster: no PostgreSQL server found (Debian: apt-get install postgresql)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop() {
  [ -f "$state/cluster" ] || return 0
  local dir
  dir=$(cat "$state/cluster")
  if [ -d "$dir/data" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir" "$state/cluster" "$state/uri"
}

case "$action" in
  stop) stop ;;
  start)
    mkdir -p "$state"
    stop  # a cluster left by an interrupted run
    dir=$(mktemp -d /tmp/duckweed-pg.XXXXXX)
    echo "$dir" >"$state/cluster"
    chmod 755 "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U duckweed -E UTF8 --locale=C --no-sync \
      --auth-local=trust --auth-host=reject >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    {
      echo "listen_addresses = ''"
      echo "unix_socket_directories = '$dir'"
      echo "fsync = off"
      echo "full_page_writes = off"
      echo "max_connections = 60"
      echo "shared_buffers = 64MB"
    } >>"$dir/data/postgresql.conf"
    # First matching line wins: the password role before the trust line.
    printf 'local all pwuser scram-sha-256\n%s\n' "$(cat "$dir/data/pg_hba.conf")" \
      >"$dir/data/pg_hba.conf"
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null ||
      { cat "$dir/server.log" >&2; exit 1; }
    "$bin/psql" -q -h "$dir" -U duckweed -d postgres -v ON_ERROR_STOP=1 \
      -c "CREATE DATABASE duckweed" \
      -c "CREATE ROLE pwuser LOGIN PASSWORD 'right-password'" \
      -c "GRANT ALL ON DATABASE duckweed TO pwuser" >/dev/null
    echo "postgresql:///duckweed?host=$dir&user=duckweed" >"$state/uri"
    ;;
  *) echo "usage: pg_cluster.sh start|stop STATE_DIR" >&2; exit 2 ;;
esac
