#!/usr/bin/env bash
# valgrind.sh - `make check-valgrind`: the unit and runtime test programs, the
# integration programs built on generated code, and the shale CLI on the bundled sample,
# each under valgrind's memcheck (any error or definite leak fails it). One shared
# PostgreSQL (tests/pg.sh) serves the programs that need a server. Prints one line per
# program and ends with "N passed, N failed, N skipped".
# Environment: SHALE, SRCDIR, BUILDDIR.
set -u
SHALE=${SHALE:?} SRCDIR=${SRCDIR:?} BUILDDIR=${BUILDDIR:?}
pass=0; fail=0; skip=0
T=$(mktemp -d)
. "$SRCDIR/tests/pg.sh"
pg_start 2> "$T/pg.err" || { echo "not ok - start PostgreSQL: $(head -1 "$T/pg.err")"; echo "0 passed, 1 failed"; exit 1; }
trap 'pg_stop; rm -rf "$T"' EXIT

if ! command -v valgrind > /dev/null; then
  echo "ok - valgrind # SKIP not installed (Debian: apt-get install valgrind)"; echo "0 passed, 0 failed, 1 skipped"; exit 0
fi
VG=(valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite
    --track-origins=no --suppressions=/dev/null)

run() { # run NAME COMMAND... : passes unless valgrind reports an error or the program fails
  local name=$1; shift
  if "${VG[@]}" --log-file="$T/vg.log" "$@" > "$T/out" 2>&1; then
    pass=$((pass+1)); echo "ok - $name"
  else
    local rc=$?
    fail=$((fail+1)); echo "not ok - $name (exit $rc)"
    { grep -v '^==[0-9]*== *$' "$T/vg.log" | head -30; tail -5 "$T/out"; } | sed 's/^/#   /'
  fi
}

for t in "$BUILDDIR"/tests/unit/test_*; do
  [ -x "$t" ] && [ -f "$t" ] || continue
  case $t in *.c|*.o|*.h|*.sh) continue;; esac
  run "$(basename "$t")" "$t"
done
# The runtime's integration program and the programs on generated code (crud.c, the
# tennis sample), through their own scripts with valgrind as the wrapper: every check
# line they print counts, and a valgrind error fails the program's exit check.
VGCMD="${VG[*]} --log-file=$T/vg-%p.log"
relay() { # relay PREFIX SCRIPT ENV... : counts the script's ok/not ok lines
  local prefix=$1 script=$2 line; shift 2
  while IFS= read -r line; do
    case $line in
      "ok - "*" # SKIP "*) skip=$((skip+1)); echo "ok - $prefix: ${line#ok - }";;
      "ok - "*) pass=$((pass+1)); echo "ok - $prefix: ${line#ok - }";;
      "not ok - "*) fail=$((fail+1)); echo "not ok - $prefix: ${line#not ok - }";;
      "#"*) echo "$line";;
    esac
  done < <(env "$@" bash "$script" "$SHALE" 2>&1)
  for f in "$T"/vg-*.log; do
    [ -s "$f" ] || continue
    fail=$((fail+1)); echo "not ok - $prefix: valgrind reports errors"; sed 's/^/#   /' "$f" | head -30
  done
  rm -f "$T"/vg-*.log
}
relay runtime "$SRCDIR/tests/runtime.sh" RUNTIME_WRAPPER="$VGCMD" BUILDDIR="$BUILDDIR" SRCDIR="$SRCDIR"
relay codegen "$SRCDIR/tests/codegen.sh" CODEGEN_RUN="$VGCMD" BUILDDIR="$BUILDDIR" SRCDIR="$SRCDIR"

S=$SRCDIR/samples/tennis/schema.prisma
run "shale validate" "$SHALE" validate --schema "$S"
run "shale format --check" "$SHALE" format --check "$S"
run "shale migrate diff --script" "$SHALE" migrate diff --from-empty --to-schema "$S" --script
pg_psql postgres -qc "CREATE DATABASE vg_deploy" > /dev/null
run "shale migrate deploy" "$SHALE" migrate deploy --schema "$S" --url "$(pg_url vg_deploy)"
run "shale migrate status" "$SHALE" migrate status --schema "$S" --url "$(pg_url vg_deploy)"
echo "$pass passed, $fail failed, $skip skipped"
[ $fail = 0 ]
