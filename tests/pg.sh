#!/usr/bin/env bash
# pg.sh - a throwaway PostgreSQL server for shale's integration tests: initdb into a
# temporary folder, pg_ctl start on a free private port on 127.0.0.1 (socket in the same
# folder), trust authentication, fsync off. Nothing outside that folder is touched.
#
# Sourced:   . tests/pg.sh; trap pg_stop EXIT; pg_start || exit $?   (77: cannot run, skip)
#            pg_psql DB [psql args]   psql on database DB, quiet, stops at the first error
#            pg_url DB                the URL of database DB
# Run:       eval "$(tests/pg.sh start)"   prints export lines (SHALE_PG_DIR and the rest)
#            tests/pg.sh url|stop [DIR]    DIR defaults to $SHALE_PG_DIR
#
# After pg_start, PGHOST PGPORT PGUSER and SHALE_TEST_DATABASE_URL (the `postgres`
# database) are exported. If SHALE_TEST_DATABASE_URL is already set, pg_start starts
# nothing and every helper uses that server instead. Server binaries: $PG_BIN, else
# the newest /usr/lib/postgresql/*/bin, else the folder of `initdb` on PATH.
# PostgreSQL refuses to run as root: as root the server runs as the `postgres` user
# (runuser), which then owns the temporary folder.

pg__bin() {
  if [ -n "${PG_BIN:-}" ]; then echo "$PG_BIN"; return; fi
  local d; d=$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -1)
  if [ -z "$d" ] && command -v initdb > /dev/null 2>&1; then d=$(dirname "$(command -v initdb)"); fi
  echo "$d"
}

pg__as_owner() { # runs a server program as the cluster's owner, from a folder it can read
  if [ "$(id -u)" = 0 ]; then (cd "$SHALE_PG_DIR" && runuser -u postgres -- "$@")
  else (cd "$SHALE_PG_DIR" && "$@"); fi
}

pg__port_busy() { (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null; }

# pg_start: 0 when a server is ready; 77 when none can be run here (the reason is on
# stderr, the caller reports a skip); 1 when starting failed (a test failure).
pg_start() {
  [ -n "${SHALE_TEST_DATABASE_URL:-}" ] && return 0
  local bin; bin=$(pg__bin)
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ] || [ ! -x "$bin/pg_ctl" ]; then
    echo "no PostgreSQL server binaries (install postgresql, or set PG_BIN or SHALE_TEST_DATABASE_URL)" >&2
    return 77
  fi
  if [ "$(id -u)" = 0 ] && ! id postgres > /dev/null 2>&1; then
    echo "running as root and there is no postgres user to run the server as" >&2
    return 77
  fi
  PG_BIN=$bin
  SHALE_PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/shale-pg.XXXXXX") || return 1
  pg__mine=$SHALE_PG_DIR
  export SHALE_PG_DIR PG_BIN
  if [ "$(id -u)" = 0 ]; then chown postgres "$SHALE_PG_DIR"; fi
  if ! pg__as_owner "$PG_BIN/initdb" -D "$SHALE_PG_DIR/data" -U postgres -A trust -E UTF8 \
       --locale=C --no-sync > "$SHALE_PG_DIR/initdb.log" 2>&1; then
    echo "initdb failed: $(tail -3 "$SHALE_PG_DIR/initdb.log")" >&2; return 1
  fi
  # A port of our own: start from a per-process offset and skip ports that answer.
  local port=$((54000 + $$ % 1000)) tries=0
  while [ $tries -lt 30 ]; do
    if ! pg__port_busy $port &&
       pg__as_owner "$PG_BIN/pg_ctl" -D "$SHALE_PG_DIR/data" -l "$SHALE_PG_DIR/server.log" -w -t 30 \
         -o "-p $port -k $SHALE_PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=20 -c fsync=off -c full_page_writes=off -c synchronous_commit=off" \
         start > /dev/null 2>&1; then
      export PGHOST=127.0.0.1 PGPORT=$port PGUSER=postgres
      export SHALE_TEST_DATABASE_URL="postgresql://postgres@127.0.0.1:$port/postgres"
      echo "$SHALE_TEST_DATABASE_URL" > "$SHALE_PG_DIR/url"
      return 0
    fi
    port=$((port + 1)); tries=$((tries + 1))
  done
  echo "the server did not start: $(tail -3 "$SHALE_PG_DIR/server.log" 2> /dev/null)" >&2
  return 1
}

# pg_stop: stops the server this shell's pg_start started and deletes its folder; safe
# to call twice, and leaves alone a server it did not start (SHALE_TEST_DATABASE_URL).
pg_stop() {
  [ -n "${pg__mine:-}" ] && [ -d "$pg__mine" ] || return 0
  local bin=${PG_BIN:-$(pg__bin)} pid SHALE_PG_DIR=$pg__mine
  if [ -f "$SHALE_PG_DIR/data/postmaster.pid" ]; then
    pg__as_owner "$bin/pg_ctl" -D "$SHALE_PG_DIR/data" -m immediate -w stop > /dev/null 2>&1
    # pg_ctl failed (say, a half-started server): end that postmaster by its own pid.
    pid=$(head -1 "$SHALE_PG_DIR/data/postmaster.pid" 2> /dev/null)
    if [ -n "$pid" ] && kill -0 "$pid" 2> /dev/null; then kill -KILL "$pid" 2> /dev/null; sleep 0.2; fi
  fi
  rm -rf "$pg__mine"
  pg__mine=
  unset SHALE_TEST_DATABASE_URL PGHOST PGPORT PGUSER
}

pg_url() { # pg_url DB: the server's URL with DB as the database
  local url=${SHALE_TEST_DATABASE_URL:?pg_start first} scheme rest auth query=
  scheme=${url%%://*}; rest=${url#*://}
  auth=${rest%%[/?]*}
  case $rest in *\?*) query="?${rest#*\?}";; esac
  echo "$scheme://$auth/$1$query"
}

pg_psql() { # pg_psql DB ARGS... : quiet, no psqlrc, stops at the first error
  local db=$1 psql=${PG_BIN:-$(pg__bin)}/psql; shift
  [ -x "$psql" ] || psql=psql
  PGOPTIONS="-c client_min_messages=warning" "$psql" -X -q -v ON_ERROR_STOP=1 -d "$(pg_url "$db")" "$@"
}

# Run as a program: start prints export lines for eval; url and stop take the folder.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -u
  cmd=${1:-}; [ $# -gt 1 ] && SHALE_PG_DIR=$2
  case $cmd in
    start)
      unset SHALE_TEST_DATABASE_URL
      pg_start >&2; rc=$?
      if [ $rc != 0 ]; then pg_stop; exit $rc; fi
      printf 'export SHALE_PG_DIR=%s PG_BIN=%s PGHOST=%s PGPORT=%s PGUSER=%s SHALE_TEST_DATABASE_URL=%s\n' \
        "$SHALE_PG_DIR" "$PG_BIN" "$PGHOST" "$PGPORT" "$PGUSER" "$SHALE_TEST_DATABASE_URL";;
    url)
      cat "${SHALE_PG_DIR:?no server: give its folder or set SHALE_PG_DIR}/url";;
    stop)
      pg__mine=${SHALE_PG_DIR:?no server: give its folder or set SHALE_PG_DIR}
      [ -f "$pg__mine/url" ] || { echo "pg.sh: $pg__mine is not a folder pg.sh start made" >&2; exit 1; }
      pg_stop;;
    *)
      echo "usage: pg.sh start | url [DIR] | stop [DIR]   (or source it: pg_start, pg_psql, pg_url, pg_stop)" >&2
      exit 2;;
  esac
fi
