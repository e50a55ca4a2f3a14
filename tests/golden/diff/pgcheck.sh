#!/usr/bin/env bash
# pgcheck.sh [ORACLE_DIR] [CASE...] - apply every case's expected.sql to a real PostgreSQL.
#
# For each case: create a scratch database on the oracle's server, bring it to from.prisma
# (`node diff.mjs empty from.prisma`, nothing when from.prisma is absent), then run expected.sql
# with psql -v ON_ERROR_STOP=1, and when that worked, diff the live database against to.prisma
# (`node diff.mjs postgresql://... to.prisma`) to see whether the script reached the target.
# Prints one line per case:
#   ok      CASE
#   FAIL    CASE: <first psql ERROR line>
#   DRIFT   CASE: <first line of what is still missing>   (applied, but not at to.prisma yet)
# Needs the oracle's PostgreSQL (cd ORACLE_DIR && ./pg.sh start) and psql. Databases are named
# oracle_scratch_pgcheck_* and dropped after each case (./pg.sh clean drops leftovers).
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
ORACLE=$(cd "${1:-$ROOT/../shared/oracle}" && pwd)
[ $# -gt 0 ] && shift
ADMIN=${ORACLE_DATABASE_URL:-postgresql://postgres@127.0.0.1:55432/postgres}
BASE=${ADMIN%/*}
PSQL=$(command -v psql || echo /usr/lib/postgresql/15/bin/psql)
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
if [ $# -gt 0 ]; then cases=("$@"); else
  cases=(); for d in "$HERE"/*/; do d=${d%/}; cases+=("${d##*/}"); done
fi
nfail=0
for c in "${cases[@]}"; do
  cd "$HERE/$c" || continue
  db=oracle_scratch_pgcheck_$$
  url=$BASE/$db
  "$PSQL" -qX "$ADMIN" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" >/dev/null
  status=ok; msg=
  if [ -f from.prisma ]; then
    if ! err=$(node "$ORACLE/diff.mjs" empty from.prisma | "$PSQL" -qX -v ON_ERROR_STOP=1 "$url" 2>&1 >/dev/null); then
      status=SETUP; msg=$(printf '%s\n' "$err" | grep -m1 ERROR)
    fi
  fi
  if [ $status = ok ]; then
    if ! err=$("$PSQL" -qX -v ON_ERROR_STOP=1 -f expected.sql "$url" 2>&1 >/dev/null); then
      status=FAIL; msg=$(printf '%s\n' "$err" | grep -m1 ERROR)
    else
      to=to.prisma
      if [ ! -f to.prisma ]; then
        to=$(mktemp --suffix=.prisma); printf 'datasource db {\n  provider = "postgresql"\n}\n' > "$to"
      fi
      rest=$(node "$ORACLE/diff.mjs" "$url" "$to" 2>&1)
      [ -f to.prisma ] || rm -f "$to"
      if [ "$rest" != "-- This is an empty migration." ]; then
        status=DRIFT; msg=$(printf '%s\n' "$rest" | grep -v '^--' | grep -m1 .)
      fi
    fi
  fi
  "$PSQL" -qX "$ADMIN" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null
  if [ $status = ok ]; then printf 'ok      %s\n' "$c"; else printf '%-7s %s: %s\n' "$status" "$c" "$msg"; nfail=$((nfail+1)); fi
done
echo "$nfail of ${#cases[@]} case(s) not ok"
