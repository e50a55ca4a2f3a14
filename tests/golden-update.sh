#!/usr/bin/env bash
# golden-update.sh SHALE_BIN - rewrites the expected diagnostics of tests/golden/parse
# (text .out and JSON .json) from the current binary and shows what changed. Only run
# it when a change of output is intended; review the diff before committing. The
# formatter goldens are not touched: their expectations come from Prisma's formatter
# (../shared/oracle/format.mjs).
set -eu
SHALE=$(cd "$(dirname "${1:?usage: golden-update.sh SHALE_BIN}")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/golden/parse"
export NO_COLOR=1
for in in *.prisma; do
  base=${in%.prisma}
  { "$SHALE" validate --schema "$in" 2>&1; echo "exit: $?"; } > "$base.out" || true
  "$SHALE" validate --format json --schema "$in" > "$base.json" 2>/dev/null || true
done
git -C . diff --stat -- . || true
