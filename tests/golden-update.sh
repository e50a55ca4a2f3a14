#!/usr/bin/env bash
# golden-update.sh SHALE_BIN - rewrites the expected diagnostics of tests/golden/parse
# (text .out and JSON .json) and tests/golden/validate (text .out) from the current
# binary and shows what changed. Only run
# it when a change of output is intended; review the diff before committing. The
# formatter goldens are not touched: their expectations come from Prisma's formatter
# (../shared/oracle/format.mjs).
set -eu
SHALE=$(cd "$(dirname "${1:?usage: golden-update.sh SHALE_BIN}")" && pwd)/$(basename "$1")
GOLDEN=$(cd "$(dirname "$0")/golden" && pwd)
export NO_COLOR=1
cd "$GOLDEN/parse"
for in in *.prisma; do
  base=${in%.prisma}
  { "$SHALE" validate --schema "$in" 2>&1; echo "exit: $?"; } > "$base.out" || true
  "$SHALE" validate --format json --schema "$in" > "$base.json" 2>/dev/null || true
done
# Validation goldens: the .prisma-says files (Prisma's verdict) are never rewritten here.
if [ -d "$GOLDEN/validate" ]; then
  cd "$GOLDEN/validate"
  for in in *.prisma; do
    [ -f "$in" ] || continue
    { "$SHALE" validate --schema "$in" 2>&1; echo "exit: $?"; } > "${in%.prisma}.out" || true
  done
fi
git -C "$GOLDEN" diff --stat -- . || true
