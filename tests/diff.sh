#!/usr/bin/env bash
# diff.sh [SHALE] - the schema differ against Prisma's, on the goldens in
# tests/golden/diff/<case>/: from.prisma and to.prisma (either may be absent: the empty
# schema), expected.sql (Prisma's `migrate diff --script`) and warnings.txt (Prisma's
# data-loss warnings as `warning: ` lines, then its unexecutable steps as `note: `).
# For each case:
#   script     shale's stdout is expected.sql byte for byte (and it exits 0)
#   warnings   the `warning: `/`note: ` lines of its stderr are warnings.txt
#   round trip on a throwaway PostgreSQL (tests/pg.sh), FROM's creation script + the diff
#              gives the same normalised schema dump as TO's creation script
#              (tests/roundtrip.sh: how scripts run, what the normalisation removes)
# Prints "ok - ..." / "not ok - ..." lines for tests/run.sh; exits 1 on any failure.
# Environment: SHALE (or the first argument), SRCDIR, SHALE_DIFF_CMD (another diff
# command, see tests/roundtrip.sh: SHALE_DIFF_CMD=oracle checks the goldens and this
# harness with Prisma's own engine), DIFF_CASES (a space-separated list of case names),
# DIFF_GOLDEN (another folder of cases).
set -u
SHALE=${1:-${SHALE:-}}
[ -n "$SHALE" ] || [ -n "${SHALE_DIFF_CMD:-}" ] || { echo "usage: diff.sh SHALE (or set SHALE or SHALE_DIFF_CMD)" >&2; exit 2; }
SRC=$(cd "${SRCDIR:-$(dirname "$0")/..}" && pwd)
GOLDEN=${DIFF_GOLDEN:-$SRC/tests/golden/diff}
T=$(mktemp -d)
RT_DIR=$T
. "$SRC/tests/pg.sh"
. "$SRC/tests/roundtrip.sh"
generating=
trap '[ -n "$generating" ] && kill $generating 2> /dev/null; pg_stop; rm -rf "$T"' EXIT
trap 'exit 130' INT TERM

# Cases whose Prisma script PostgreSQL rejects, or that runs but does not reach TO
# (tests/golden/diff/README.md, "Prisma output that PostgreSQL rejects or that looks
# wrong"; found again by `SHALE_DIFF_CMD=oracle tests/diff.sh`): shale prints the same
# bytes, so their round trip cannot pass. Reported as skipped; one that passes fails.
known_invalid() { # known_invalid NAME: sets $reason
  case $1 in
    default_removed_autoincrement)
      reason='Prisma renders DROP SEQUENCE "" (a schema has no sequence name): zero-length delimited identifier';;
    type_autoincrement_id_int_to_bigint)
      reason='Prisma renders SET DATA TYPE BIGSERIAL: type "bigserial" does not exist';;
    enum_value_removed_and_column_added)
      reason='the AlterEnum block comes first and retypes columns the later steps create: column "backup" does not exist';;
    table_added_other_schema|table_moved_other_schema)
      reason='FROM lists schema "other" without a model in it, so its creation script makes no schema "other" and the diff does not either: schema "other" does not exist';;
    pk_name_changed_via_map_and_columns)
      reason='Prisma renames the primary key after the ALTER TABLE that dropped it and added the new one: constraint "Profile_pk3" does not exist';;
    default_changed_datetime_literal|default_changed_scalar_literals)
      reason='Prisma never diffs DateTime literal defaults: the script runs, but the column keeps its old default';;
    *) return 1;;
  esac
}

cases=()
if [ -n "${DIFF_CASES:-}" ]; then
  for c in $DIFF_CASES; do cases+=("$c"); done
else
  for d in "$GOLDEN"/*/; do [ -d "$d" ] && cases+=("$(basename "$d")"); done
fi
if [ ${#cases[@]} = 0 ]; then echo "ok - diff goldens # SKIP no cases in tests/golden/diff"; exit 0; fi

# The two sides of each case: the schema's path, or `empty`.
declare -A from_of to_of
for c in "${cases[@]}"; do
  from_of[$c]=empty to_of[$c]=empty
  [ -f "$GOLDEN/$c/from.prisma" ] && from_of[$c]=$GOLDEN/$c/from.prisma
  [ -f "$GOLDEN/$c/to.prisma" ] && to_of[$c]=$GOLDEN/$c/to.prisma
done

# Every script the cases need: the diff, and the creation scripts of FROM and TO (the
# same command with an empty source), in parallel. Against the oracle, that needs the
# server first; shale's run while initdb does.
for c in "${cases[@]}"; do
  mkdir -p "$T/$c"; from=${from_of[$c]} to=${to_of[$c]}
  printf '%s\t%s\t%s\n' "$from" "$to" "$T/$c/diff"
  [ "$from" != empty ] && printf 'empty\t%s\t%s\n' "$from" "$T/$c/from"
  [ "$to" != empty ] && printf 'empty\t%s\t%s\n' "$to" "$T/$c/to"
done > "$T/jobs"
if [ "${SHALE_DIFF_CMD:-}" != oracle ]; then rt_diff_many "$T/jobs" & generating=$!; fi

pg_start 2> "$T/start"; rc=$?
server=yes
if [ $rc = 77 ]; then echo "ok - diff round trips # SKIP $(head -1 "$T/start")"; server=no
elif [ $rc != 0 ]; then echo "not ok - start PostgreSQL"; sed 's/^/#   /' "$T/start"; server=no
fi
if [ -n "$generating" ]; then wait $generating; generating=
elif [ $server = yes ]; then rt_diff_many "$T/jobs"
else echo "not ok - diff goldens: SHALE_DIFF_CMD=oracle needs the server"; exit 1
fi

fails=0
say_bad() { fails=$((fails + 1)); echo "not ok - $1"; [ $# -gt 1 ] && printf '%s\n' "$2" | head -80 | sed 's/^/#   /'; }

for c in "${cases[@]}"; do
  d=$T/$c rc=$(cat "$T/$c/diff.rc" 2> /dev/null)
  if [ ! -f "$GOLDEN/$c/expected.sql" ]; then say_bad "$c: script" "no expected.sql in tests/golden/diff/$c"
  elif [ "$rc" = 0 ] && cmp -s "$d/diff.sql" "$GOLDEN/$c/expected.sql"; then echo "ok - $c: script"
  else say_bad "$c: script" "exit ${rc:-?}$(echo; diff "$GOLDEN/$c/expected.sql" "$d/diff.sql" | head -30; head -5 "$d/diff.err")"
  fi
  # Compared as sorted lists: Prisma computes its warnings (migrate dev) against the
  # introspected database, whose tables come in name order, while `migrate diff`
  # walks the schema's order; the set of warnings and their words are what must match.
  grep -E '^(warning|note): ' "$d/diff.err" | LC_ALL=C sort > "$d/warnings" 2> /dev/null
  if [ -f "$GOLDEN/$c/warnings.txt" ]; then LC_ALL=C sort "$GOLDEN/$c/warnings.txt" > "$d/want"; else : > "$d/want"; fi
  want=$d/want
  if cmp -s "$d/warnings" "$want"; then echo "ok - $c: warnings"
  else say_bad "$c: warnings" "$(diff "$want" "$d/warnings")"
  fi
  [ $server = yes ] || continue
  if [ "$rc" != 0 ]; then continue; fi
  fsql=; tsql=
  [ -f "$d/from.sql" ] && fsql=$d/from.sql
  [ -f "$d/to.sql" ] && tsql=$d/to.sql
  if [ "${from_of[$c]}" != empty ] && [ "$(cat "$d/from.rc")" != 0 ]; then continue; fi
  if [ "${to_of[$c]}" != empty ] && [ "$(cat "$d/to.rc")" != 0 ]; then continue; fi
  rt_queue "$c" "$fsql" "$d/diff.sql" "$tsql"
done
[ $server = yes ] && rt_run

for c in "${cases[@]}"; do
  [ $server = yes ] || break
  d=$T/$c
  if [ -z "${rt_result[$c]:-}" ]; then
    msg="no diff script (exit $(cat "$d/diff.rc"))"
    for s in from to; do
      [ -f "$d/$s.rc" ] && [ "$(cat "$d/$s.rc")" != 0 ] && msg="no creation script of $s.prisma: $(head -3 "$d/$s.err")"
    done
    say_bad "$c: round trip" "$msg"
  elif known_invalid "$c"; then
    if [ "${rt_result[$c]}" = ok ]; then say_bad "$c: round trip" "passes now: remove it from known_invalid in tests/diff.sh"
    else echo "ok - $c: round trip # SKIP $reason"; fi
  elif [ "${rt_result[$c]}" = ok ]; then echo "ok - $c: round trip"
  else say_bad "$c: round trip" "$(rt_detail "$c")"
  fi
done
[ $fails = 0 ]
