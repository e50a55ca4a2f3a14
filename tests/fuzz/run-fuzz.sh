#!/usr/bin/env bash
# run-fuzz.sh [SECONDS] - builds the libFuzzer target tests/fuzz/fuzz_front.c with
# ASan+UBSan and runs it for SECONDS (default 30) on a scratch copy of the seed corpus
# (tests/fuzz/corpus), so the checked-in corpus is not modified. Exits 1 on a crash,
# leak or timeout (the reproducer path is printed), 77 when clang/libFuzzer is missing.
# BUILDDIR: the configured build folder holding the generated grammar/*.c (default .).
set -u
SECONDS_TO_RUN=${1:-30}
SRC=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$(cd "${BUILDDIR:-.}" && pwd)
CC_FUZZ=${CC_FUZZ:-clang}
command -v "$CC_FUZZ" >/dev/null || { echo "clang not found: cannot build the fuzzer"; exit 77; }
gen() { if [ -f "$BUILD/grammar/$1" ]; then echo "$BUILD/grammar/$1"; else echo "$SRC/grammar/$1"; fi; }
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
srcs=$(ls "$SRC"/compiler/*.c)
if ! "$CC_FUZZ" -std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 -fsanitize=fuzzer,address,undefined \
      -fno-sanitize-recover=undefined -I"$SRC" -I"$BUILD" -I"$BUILD/grammar" -I"$SRC/grammar" \
      -o "$W/fuzz_front" "$SRC/tests/fuzz/fuzz_front.c" $srcs "$(gen lexer.c)" "$(gen parser.c)" \
      -ljansson 2> "$W/build.log"; then
  if grep -q "fuzzer" "$W/build.log"; then echo "libFuzzer is not available: $(head -1 "$W/build.log")"; exit 77; fi
  cat "$W/build.log"; exit 1
fi
mkdir -p "$W/corpus" "$W/artifacts"
cp "$SRC"/tests/fuzz/corpus/* "$W/corpus/" 2>/dev/null || true
cp "$SRC"/tests/golden/*/*.prisma "$W/corpus/" 2>/dev/null || true
"$W/fuzz_front" -max_total_time="$SECONDS_TO_RUN" -timeout=5 -rss_limit_mb=2048 -max_len=65536 \
  -artifact_prefix="$W/artifacts/" -print_final_stats=1 "$W/corpus" > "$W/run.log" 2>&1
rc=$?
execs=$(grep -E '^stat::number_of_executed_units' "$W/run.log" | awk '{print $2}')
if [ $rc != 0 ] || ls "$W/artifacts"/* >/dev/null 2>&1; then
  grep -E 'ERROR|SUMMARY|Test unit written|not idempotent' "$W/run.log" | head -20
  mkdir -p "$BUILD/fuzz-artifacts"; cp "$W/artifacts"/* "$BUILD/fuzz-artifacts/" 2>/dev/null
  echo "fuzzing found a problem; reproducers copied to $BUILD/fuzz-artifacts/"
  exit 1
fi
echo "${execs:-?} inputs in ${SECONDS_TO_RUN}s, no crash, leak, hang or idempotence failure"
