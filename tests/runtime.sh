#!/usr/bin/env bash
# runtime.sh [SHALE] - libshale's query runtime against a real PostgreSQL: creates a
# fresh database per program on the shared test server (tests/pg.sh; run.sh starts one
# and exports SHALE_TEST_DATABASE_URL) and runs tests/runtime/test_query and
# tests/runtime/test_relations on them, turning their TAP lines into "ok - ..." /
# "not ok - ..." lines for tests/run.sh.
# Environment: BUILDDIR (where the programs were built), SRCDIR, PG_BIN (as tests/pg.sh),
# RUNTIME_WRAPPER (e.g. valgrind).
set -u
SRC=$(cd "${SRCDIR:-$(dirname "$0")/..}" && pwd)
BUILDDIR=$(cd "${BUILDDIR:-.}" && pwd)
. "$SRC/tests/pg.sh"
T=$(mktemp -d)
trap 'pg_stop; rm -rf "$T"' EXIT
started=0
for name in test_query test_relations; do
  prog=$BUILDDIR/tests/runtime/$name
  if [ ! -x "$prog" ]; then
    echo "not ok - $name is built ($prog missing: make check builds it)"
    continue
  fi
  if [ $started = 0 ]; then
    pg_start 2> "$T/pg.err"; rc=$?
    reason=$(head -1 "$T/pg.err" 2> /dev/null)
    if [ $rc = 77 ]; then echo "ok - query runtime # SKIP $reason"; exit 0; fi
    if [ $rc != 0 ]; then echo "not ok - a PostgreSQL server for the runtime tests: $reason"; exit 0; fi
    started=1
  fi
  db=shale_rt_$$_$RANDOM
  if ! out=$(pg_psql postgres -c "CREATE DATABASE $db" 2>&1); then
    echo "not ok - create database $db: $out"; continue
  fi
  dburl=$(pg_url "$db")
  seen=0
  while IFS= read -r line; do
    case $line in
      "ok "*) seen=1; echo "ok - ${line#ok * - }";;
      "not ok "*) seen=1; echo "not ok - ${line#not ok * - }";;
      "# exit 0") ;;
      "# exit "*) echo "not ok - $name exited with status ${line#\# exit }";;
      "#"*) echo "$line";;
    esac
  done < <(${RUNTIME_WRAPPER:-} "$prog" "$dburl" 2>&1; echo "# exit $?")
  [ $seen = 1 ] || echo "not ok - $name printed no results"
  pg_psql postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" > /dev/null 2>&1 ||
    pg_psql postgres -c "DROP DATABASE IF EXISTS $db" > /dev/null 2>&1
done
