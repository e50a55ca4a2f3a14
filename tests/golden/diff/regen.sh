#!/usr/bin/env bash
# regen.sh [ORACLE_DIR] [CASE...] - regenerate the schema-differ goldens from Prisma's own engine.
#
# For every case directory here (or only the CASEs named), with FROM = from.prisma (or `empty`
# when the file is absent) and TO = to.prisma (or `empty`), writes:
#   expected.sql   stdout of `node diff.mjs FROM TO`            (= prisma migrate diff --script)
#   warnings.txt   from `node diff.mjs --json FROM TO`: "warning: <text>" per data-loss warning,
#                  then "note: <text>" per unexecutable step (empty file when there are none)
#   migration.sql  stdout of `node diff.mjs --warnings FROM TO` (= migration.sql of prisma migrate dev)
# The oracle cannot run its data-loss check with TO = `empty`; for those cases warnings.txt and
# migration.sql are made with a datasource-only schema as TO (what `prisma migrate dev` sees when
# every model was deleted). Its SQL differs from expected.sql: no "public". qualification.
#
# ORACLE_DIR defaults to ../shared/oracle relative to the repository root. The oracle's
# PostgreSQL must be running (cd ORACLE_DIR && ./pg.sh start). JOBS=N runs N cases at once.
# The .prisma inputs are never touched; review `git diff` after running.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
if [ "${1:-}" = --one ]; then
  # internal: regenerate one case; $2 = oracle dir, $3 = case name
  ORACLE=$2; cd "$HERE/$3"
  from=empty; to=empty; to_dl=empty
  [ -f from.prisma ] && from=from.prisma
  [ -f to.prisma ] && to=to.prisma && to_dl=to.prisma
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  if [ "$to" = empty ]; then
    printf 'datasource db {\n  provider = "postgresql"\n}\n' > "$tmp/datasource-only.prisma"
    to_dl=$tmp/datasource-only.prisma
  fi
  node "$ORACLE/diff.mjs" "$from" "$to" > "$tmp/expected.sql"
  node "$ORACLE/diff.mjs" --json "$from" "$to_dl" > "$tmp/diff.json"
  node -e '
    const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    let o = "";
    for (const w of j.warnings) o += "warning: " + w + "\n";
    for (const u of j.unexecutable) o += "note: " + u + "\n";
    process.stdout.write(o);' "$tmp/diff.json" > "$tmp/warnings.txt"
  node "$ORACLE/diff.mjs" --warnings "$from" "$to_dl" > "$tmp/migration.sql"
  mv "$tmp/expected.sql" "$tmp/warnings.txt" "$tmp/migration.sql" .
  echo "$3"
  exit 0
fi
ORACLE=$(cd "${1:-$ROOT/../shared/oracle}" && pwd)
[ $# -gt 0 ] && shift
[ -f "$ORACLE/diff.mjs" ] || { echo "regen.sh: no diff.mjs in $ORACLE" >&2; exit 2; }
if [ $# -gt 0 ]; then cases=("$@"); else
  cases=(); for d in "$HERE"/*/; do d=${d%/}; cases+=("${d##*/}"); done
fi
printf '%s\n' "${cases[@]}" | xargs -P "${JOBS:-1}" -I{} "$HERE/regen.sh" --one "$ORACLE" {}
echo "regenerated ${#cases[@]} case(s)"
