#!/usr/bin/env bash
# make-expected.sh [CASE...] - rewrites <case>.prisma: what Prisma's re-introspection
# (`db pull` without --force) writes when the database was created from <case>.db.prisma
# and the schema file is <case>.old.prisma. Needs the oracle harness (../shared/oracle
# beside the source tree, or $ORACLE) with its PostgreSQL started (`./pg.sh start`).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
oracle=${ORACLE:-$(cd "$here/../../../../shared/oracle" && pwd)}
base=$(cd "$oracle" && ./pg.sh url)
cases=("$@")
[ ${#cases[@]} -gt 0 ] || for f in "$here"/*.old.prisma; do cases+=("$(basename "${f%.old.prisma}")"); done
for c in "${cases[@]}"; do
  db=repull_expected_$$
  psql -q "$base" -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" > /dev/null
  url=${base%/*}/$db
  (cd "$oracle" && node diff.mjs --offline empty "$here/$c.db.prisma") | PGOPTIONS="-c client_min_messages=warning" psql -q -v ON_ERROR_STOP=1 "$url" > /dev/null
  (cd "$oracle" && node "$here/../pull/prisma-pull.mjs" --merge "$url" "$here/$c.old.prisma") > "$here/$c.prisma" \
    2> "$here/$c.warnings" || { cat "$here/$c.warnings"; exit 1; }
  [ -s "$here/$c.warnings" ] || rm -f "$here/$c.warnings"
  psql -q "$base" -c "DROP DATABASE $db" > /dev/null
  echo "$c"
done
