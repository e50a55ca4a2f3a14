# pglib.sh - a throwaway PostgreSQL server for tests. Source it, then:
#   pg_start || exit $?   # 0 started; 77 when no PostgreSQL binaries (skip)
#   psql_db DB -c 'select 1'
#   pg_stop               # also run by the EXIT trap pg_start installs
# The server runs from the system's PostgreSQL (PG_BIN, default the newest
# /usr/lib/postgresql/*/bin) in a temporary folder, on a private port on 127.0.0.1
# and a socket in that folder, with trust authentication and fsync off. PostgreSQL
# refuses to run as root, so as root it runs as the `postgres` user (runuser).
# After pg_start: PGHOST, PGPORT, PGUSER are exported and PG_URL is the URL of the
# `postgres` database.

pg_bin_dir() {
  if [ -n "${PG_BIN:-}" ]; then echo "$PG_BIN"; return; fi
  ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -1
}

pg_as_owner() { # run a server command as the cluster's owner
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_start() {
  PG_BIN_DIR=$(pg_bin_dir)
  if [ -z "$PG_BIN_DIR" ] || [ ! -x "$PG_BIN_DIR/initdb" ]; then
    echo "no PostgreSQL server binaries (set PG_BIN or install postgresql)"; return 77
  fi
  if [ "$(id -u)" = 0 ] && ! id postgres > /dev/null 2>&1; then
    echo "running as root without a postgres user to run the server as"; return 77
  fi
  PG_DIR=$(mktemp -d /tmp/shale-pg.XXXXXX)
  chmod 755 "$PG_DIR"
  [ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
  trap 'pg_stop' EXIT
  if ! pg_as_owner "$PG_BIN_DIR/initdb" -D "$PG_DIR/data" -U postgres -A trust --no-sync > "$PG_DIR/initdb.log" 2>&1; then
    echo "initdb failed: $(tail -3 "$PG_DIR/initdb.log")"; return 1
  fi
  # A free port: try from a per-process offset until the server starts.
  local port=$((54000 + $$ % 1000)) tries=0
  while [ $tries -lt 20 ]; do
    if pg_as_owner "$PG_BIN_DIR/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 30 \
         -o "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off" \
         start > /dev/null 2>&1; then
      export PGHOST=127.0.0.1 PGPORT=$port PGUSER=postgres
      PG_URL="postgresql://postgres@127.0.0.1:$port/postgres"
      return 0
    fi
    port=$((port + 1)); tries=$((tries + 1))
  done
  echo "the server did not start: $(tail -3 "$PG_DIR/server.log")"; return 1
}

pg_stop() {
  [ -n "${PG_DIR:-}" ] || return 0
  [ -d "$PG_DIR/data" ] && pg_as_owner "$PG_BIN_DIR/pg_ctl" -D "$PG_DIR/data" -m immediate stop > /dev/null 2>&1
  rm -rf "$PG_DIR"
  PG_DIR=
}

psql_db() { # psql_db DB ARGS... : quiet, stops at the first error
  local db=$1; shift
  PGOPTIONS="-c client_min_messages=warning" "$PG_BIN_DIR/psql" -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"
}
