#!/usr/bin/env bash
# regen.sh SHALE - rewrites the expected output of the codegen goldens from the current
# binary: for every <case>.prisma here, `shale generate --prefix <case>` gives <case>.h
# and <case>.c (the prefix is the case's name, so the expected files compile as they
# are). Review the diff before committing it.
set -eu
SHALE=${1:?usage: regen.sh SHALE}
DIR=$(cd "$(dirname "$0")" && pwd)
for f in "$DIR"/*.prisma; do
  name=$(basename "${f%.prisma}")
  "$SHALE" generate --schema "$f" --out "$DIR" --prefix "$name" > /dev/null
done
git -C "$DIR" diff --stat -- . 2> /dev/null || true
