#!/usr/bin/env bash
# create.sh [SHALE] - the creation-script goldens on a real PostgreSQL. For every
# tests/golden/{ir,create}/<case>.prisma, shale must accept the schema, and <case>.sql
# (what Prisma's engine prints for `migrate diff --from-empty`; tests/run.sh checks that
# shale prints the same bytes) must run on a throwaway server (tests/pg.sh) and make
# every table it creates. Prints "ok - ..." / "not ok - ..." lines for tests/run.sh.
#
# Each script runs in a transaction that is rolled back: as clean as a fresh database
# (PostgreSQL's DDL is transactional) for a fraction of the time of CREATE DATABASE, and
# harmless on a server named by SHALE_TEST_DATABASE_URL. All scripts share one psql
# session, and the loops avoid subshells: a process costs ~20 ms on CI machines.
# Environment: SHALE (or the first argument), SRCDIR.
set -u
SHALE=${1:-${SHALE:?usage: create.sh SHALE (or set SHALE)}}
SRC=$(cd "${SRCDIR:-$(dirname "$0")/..}" && pwd)
T=$(mktemp -d)
. "$SRC/tests/pg.sh"
validating=
trap '[ -n "$validating" ] && kill $validating 2> /dev/null; pg_stop; rm -rf "$T"' EXIT
trap 'exit 130' INT TERM

# Scripts Prisma's engine prints that PostgreSQL rejects; shale prints the same bytes
# (tests/run.sh), so they cannot run. Each is reported as skipped with the reason.
known_invalid() { # known_invalid NAME: sets $reason
  case $1 in
    indexes) reason="Prisma renders a sort order (DESC) on a BRIN index column, which PostgreSQL rejects";;
    odd_names) reason="Prisma does not double quotes inside quoted identifiers and enum values";;
    *) return 1;;
  esac
}

cases=() sqls=()
for f in "$SRC"/tests/golden/ir/*.prisma "$SRC"/tests/golden/create/*.prisma; do
  [ -f "$f" ] || continue
  cases+=("$f"); [ -f "${f%.prisma}.sql" ] && sqls+=("${f%.prisma}.sql")
done

# shale validates every case while initdb runs.
for i in "${!cases[@]}"; do
  "$SHALE" validate --schema "${cases[$i]}" > "$T/validate.$i" 2>&1
  echo "$i $?"
done > "$T/validated" &
validating=$!

# One grep each for what the scripts hold: CREATE TABLE counts, and CITEXT columns,
# whose extension the database must have unless the script creates it (Prisma's
# postgresqlExtensions feature).
declare -A tables citext
if [ ${#sqls[@]} -gt 0 ]; then
  while IFS= read -r l; do tables[${l%:*}]=${l##*:}; done < <(grep -c -H '^CREATE TABLE' "${sqls[@]}")
  while IFS= read -r l; do citext[$l]=1; done < <(grep -l 'CITEXT' "${sqls[@]}")
  while IFS= read -r l; do unset "citext[$l]"; done < <(grep -l 'CREATE EXTENSION.*"citext"' "${sqls[@]}")
fi

# case_sql SQL: the script in a transaction that is rolled back, reporting "tables=N".
# psql reads it with \i, so a stray quote in one script cannot swallow the next one.
case_sql() {
  echo 'BEGIN;'
  [ -n "${citext[$1]:-}" ] && echo 'CREATE EXTENSION citext;'
  printf "\\\\i '%s'\n;\nSELECT 'tables=' || count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema');\nROLLBACK;\n" "$1"
}

pg_start 2> "$T/start"; rc=$?
server=yes
if [ $rc = 77 ]; then echo "ok - apply creation scripts # SKIP $(head -1 "$T/start")"; server=no
elif [ $rc != 0 ]; then echo "not ok - start PostgreSQL"; sed 's/^/#   /' "$T/start"; server=no
fi

# Every script in one session, each after a marker line. A case without a clean result
# there is run again on its own, and that run decides (and shows the error).
declare -A got
if [ $server = yes ]; then
  for i in "${!cases[@]}"; do
    sql=${cases[$i]%.prisma}.sql; name=${sql##*/}; name=${name%.sql}
    [ -f "$sql" ] && ! known_invalid "$name" || continue
    printf '\\echo @@case %d\n' "$i"; case_sql "$sql"
  done > "$T/all.sql"
  pg_psql postgres -At -v ON_ERROR_STOP=0 -f "$T/all.sql" > "$T/all.out" 2> /dev/null
  cur=
  while IFS= read -r l; do
    case $l in "@@case "*) cur=${l#@@case };; tables=*) [ -n "$cur" ] && got[$cur]=${l#tables=}; cur=;; esac
  done < "$T/all.out"
fi

wait $validating
declare -A valid
while read -r i rc; do valid[$i]=$rc; done < "$T/validated"

for i in "${!cases[@]}"; do
  sql=${cases[$i]%.prisma}.sql; name=${sql##*/}; name=${name%.sql}
  if [ "${valid[$i]:-}" = 0 ]; then echo "ok - validate $name"
  else echo "not ok - validate $name"; sed 's/^/#   /' "$T/validate.$i" | head -10; fi
  [ $server = yes ] || continue
  if [ ! -f "$sql" ]; then echo "not ok - apply $name: no $name.sql"; continue; fi
  if known_invalid "$name"; then
    if case_sql "$sql" | pg_psql postgres -At > "$T/out" 2>&1; then echo "not ok - apply $name: runs now, remove it from known_invalid"
    else echo "ok - apply $name # SKIP $reason"; fi
    continue
  fi
  n=${got[$i]:-}
  if [ -z "$n" ]; then
    if case_sql "$sql" | pg_psql postgres -At > "$T/out" 2>&1; then n=$(sed -n 's/^tables=//p' "$T/out")
    else echo "not ok - apply $name"; sed 's/^/#   /' "$T/out" | head -10; continue; fi
  fi
  if [ "${tables[$sql]}" = "$n" ]; then echo "ok - apply $name ($n tables)"
  else echo "not ok - apply $name: ${tables[$sql]} CREATE TABLE statements but ${n:-no} tables"; fi
done
