#!/usr/bin/env bash
# run-fuzz.sh [SECONDS] - builds the libFuzzer target tests/fuzz/fuzz_front.c with
# ASan+UBSan and runs it for SECONDS (default 30), with the token dictionary
# tests/fuzz/prisma.dict, on a scratch copy of the seed corpus (tests/fuzz/corpus,
# plus the golden inputs), so the checked-in corpus is not modified. Prints the
# number of inputs run; exits 1 on a crash, leak, timeout or idempotence failure (the
# reproducer is kept and its path printed), 77 when clang or libFuzzer is missing.
# run-fuzz.sh FILE... - builds the same target and runs it once on each FILE (a
# reproducer), printing the full report.
#
# Environment: BUILDDIR, the configured build folder holding the generated
# grammar/*.c (default .); CC_FUZZ (default clang); FUZZ_ARTIFACTS, where reproducers
# are kept (default $BUILDDIR/fuzz-artifacts).
set -u
SECONDS_TO_RUN=${1:-30}
SRC=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$(cd "${BUILDDIR:-.}" && pwd)
ARTIFACTS=${FUZZ_ARTIFACTS:-$BUILD/fuzz-artifacts}
CC_FUZZ=${CC_FUZZ:-clang}
command -v "$CC_FUZZ" > /dev/null || { echo "clang not found ($CC_FUZZ): cannot build the fuzzer"; exit 77; }
# The generated front end is preferred from the build folder (VPATH builds), else
# from the source tree (a dist tarball ships it there).
gen() { if [ -f "$BUILD/grammar/$1" ]; then echo "$BUILD/grammar/$1"; else echo "$SRC/grammar/$1"; fi; }
if [ ! -f "$(gen lexer.c)" ] || [ ! -f "$(gen parser.c)" ]; then
  echo "grammar/lexer.c and grammar/parser.c are not generated yet: run make first"; exit 1
fi
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT

# First a trivial program, so that a toolchain without libFuzzer (no
# libclang_rt.fuzzer) is told apart from a compile error in the sources.
printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' > "$W/probe.c"
if ! "$CC_FUZZ" -fsanitize=fuzzer,address,undefined -o "$W/probe" "$W/probe.c" > "$W/probe.log" 2>&1; then
  echo "libFuzzer is not available with $CC_FUZZ: $(head -1 "$W/probe.log")"
  exit 77
fi
# The library sources are compiler/*.c, codegen/*.c and runtime/*.c (libshale: the buffer
# and the migration engine); the CLI (compiler/cli/) is not linked in. The
# migration engine's files there need libpq's and OpenSSL's headers and libraries.
DB_CFLAGS=$(pkg-config --cflags libpq libcrypto 2> /dev/null)
DB_LIBS=$(pkg-config --libs libpq libcrypto 2> /dev/null || echo "-lpq -lcrypto")
# shellcheck disable=SC2086
if ! "$CC_FUZZ" -std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 -fsanitize=fuzzer,address,undefined \
      -fno-sanitize-recover=undefined -I"$SRC" -I"$BUILD" -I"$BUILD/grammar" -I"$SRC/grammar" $DB_CFLAGS \
      -o "$W/fuzz_front" "$SRC/tests/fuzz/fuzz_front.c" "$SRC"/compiler/*.c "$SRC"/runtime/*.c "$SRC"/codegen/*.c "$(gen lexer.c)" "$(gen parser.c)" \
      -ljansson $DB_LIBS > "$W/build.log" 2>&1; then
  cat "$W/build.log"; echo "could not build the fuzzer"; exit 1
fi

if [ -f "$SECONDS_TO_RUN" ]; then
  # libFuzzer may exit 77 on a crash, which means "skipped" to the test suite.
  "$W/fuzz_front" "$@" || exit 1
  exit 0
fi

mkdir -p "$W/corpus" "$W/artifacts"
cp "$SRC"/tests/fuzz/corpus/* "$W/corpus/" 2> /dev/null || true
cp "$SRC"/tests/golden/*/*.prisma "$W/corpus/" 2> /dev/null || true
"$W/fuzz_front" -max_total_time="$SECONDS_TO_RUN" -timeout=5 -rss_limit_mb=2048 -max_len=65536 \
  -dict="$SRC/tests/fuzz/prisma.dict" -artifact_prefix="$W/artifacts/" -print_final_stats=1 "$W/corpus" \
  > "$W/run.log" 2>&1
rc=$?
execs=$(awk '/^stat::number_of_executed_units/ {print $2}' "$W/run.log")
if [ $rc != 0 ] || ls "$W/artifacts"/* > /dev/null 2>&1; then
  # What went wrong: the sanitizer's report or the target's abort message with the
  # top of the stack, not the thousands of progress lines before it.
  awk '/^(==[0-9]+==|SUMMARY|formatt|INFO: a leak|ALARM|  *#[0-9]+ )/' "$W/run.log" | head -40
  mkdir -p "$ARTIFACTS" && cp "$W/artifacts"/* "$ARTIFACTS/" 2> /dev/null
  for a in "$W/artifacts"/*; do [ -f "$a" ] && echo "reproducer: $ARTIFACTS/$(basename "$a")"; done
  echo "fuzzing found a problem after ${execs:-?} inputs (libFuzzer exit $rc); to rerun one: $0 REPRODUCER"
  exit 1
fi
echo "${execs:-?} inputs in ${SECONDS_TO_RUN}s, no crash, leak, hang or idempotence failure"
