#!/usr/bin/env bash
# create.sh SHALE - applies the creation script shale prints for every schema in
# tests/golden/{ir,create} to a fresh database on a real PostgreSQL (started by
# tests/pglib.sh), and checks that every expected table exists afterwards. The byte
# comparison with Prisma's script is in tests/run.sh; this proves the SQL runs.
# Prints "ok - ..." / "not ok - ..." lines (tests/run.sh relays them).
set -u
SHALE=${1:?usage: create.sh SHALE}
SRC=$(cd "$(dirname "$0")/.." && pwd)
. "$SRC/tests/pglib.sh"
T=$(mktemp -d)
pg_start > "$T/start" 2>&1; rc=$?
trap 'pg_stop; rm -rf "$T"' EXIT
if [ $rc = 77 ]; then echo "ok - apply creation scripts # SKIP $(cat "$T/start")"; exit 0; fi
if [ $rc != 0 ]; then echo "not ok - start PostgreSQL: $(cat "$T/start")"; exit 0; fi
# Scripts Prisma's engine prints that PostgreSQL rejects; shale prints the same bytes
# (tests/run.sh), so they cannot run. Each is reported as skipped with the reason.
known_invalid() {
  case $1 in
    indexes) echo "Prisma renders a sort order (DESC) on a BRIN index column, which PostgreSQL rejects";;
    odd_names) echo "Prisma does not double quotes inside quoted identifiers and enum values";;
    *) return 1;;
  esac
}
n=0
for f in "$SRC"/tests/golden/ir/*.prisma "$SRC"/tests/golden/create/*.prisma; do
  [ -f "$f" ] || continue
  n=$((n + 1)); name=$(basename "${f%.prisma}"); db="t_$n"
  if ! "$SHALE" migrate diff --from-empty --to-schema "$f" --script > "$T/s.sql" 2> "$T/err"; then
    echo "not ok - apply $name: shale failed: $(head -3 "$T/err")"; continue
  fi
  psql_db postgres -c "CREATE DATABASE $db" > /dev/null 2>&1
  # CITEXT lives in an extension the database must have (Prisma: postgresqlExtensions).
  if grep -q 'CITEXT' "$T/s.sql"; then psql_db "$db" -c "CREATE EXTENSION IF NOT EXISTS citext" > /dev/null 2>&1; fi
  if reason=$(known_invalid "$name"); then
    if psql_db "$db" -f "$T/s.sql" > "$T/out" 2>&1; then echo "not ok - apply $name: runs now, remove it from known_invalid"
    else echo "ok - apply $name # SKIP $reason"; fi
  elif psql_db "$db" -f "$T/s.sql" > "$T/out" 2>&1; then
    # Every CREATE TABLE of the script must have made a table.
    want=$(grep -c '^CREATE TABLE' "$T/s.sql")
    got=$(psql_db "$db" -At -c "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")
    if [ "$want" = "$got" ]; then echo "ok - apply $name ($got tables)"
    else echo "not ok - apply $name: $want CREATE TABLE statements but $got tables"; fi
  else
    echo "not ok - apply $name: $(head -5 "$T/out")"
  fi
  psql_db postgres -c "DROP DATABASE $db" > /dev/null 2>&1
done
