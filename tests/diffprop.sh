#!/usr/bin/env bash
# diffprop.sh [SHALE] [COUNT] [FIRST_SEED] - property test of the schema differ. For each
# seed, tests/diffprop/gen_pair writes a random schema (from.prisma) and a mutation of it
# (to.prisma); then
#   - shale's diff from -> to exits 0, and its round trip holds on a throwaway PostgreSQL
#     (tests/roundtrip.sh: FROM's creation script + the diff == TO's creation script,
#     compared as normalised pg_dump output),
#   - diffing from against from, and to against to, prints "-- This is an empty migration."
# Prints "ok - diffprop seed N" / "not ok - diffprop seed N" with what failed (the schema
# change, the error or the dump difference, the SQL); `gen_pair N DIR` writes the same
# schemas again. COUNT defaults to 40 (make check), FIRST_SEED to 1; `make check-diffprop`
# runs DIFFPROP_COUNT (2000) seeds.
# Environment: SHALE (or the first argument), SRCDIR, GEN_PAIR (the generator; default
# tests/diffprop/gen_pair beside SHALE, else compiled here with cc), SHALE_DIFF_CMD (see
# tests/roundtrip.sh), DIFFPROP_BATCH (seeds per round of databases, default 50),
# DIFFPROP_KEEP (a folder: the files of failing seeds are copied there).
set -u
SHALE=${1:-${SHALE:-}}
[ -n "$SHALE" ] || [ -n "${SHALE_DIFF_CMD:-}" ] || { echo "usage: diffprop.sh SHALE [COUNT] [FIRST_SEED]" >&2; exit 2; }
COUNT=${2:-40} FIRST=${3:-1} BATCH=${DIFFPROP_BATCH:-50}
SRC=$(cd "${SRCDIR:-$(dirname "$0")/..}" && pwd)
T=$(mktemp -d)
RT_DIR=$T
. "$SRC/tests/pg.sh"
. "$SRC/tests/roundtrip.sh"
trap 'pg_stop; rm -rf "$T"' EXIT
trap 'exit 130' INT TERM

EMPTY='-- This is an empty migration.'

GEN=${GEN_PAIR:-}
if [ -z "$GEN" ] && [ -n "$SHALE" ] && [ -x "$(dirname "$SHALE")/tests/diffprop/gen_pair" ]; then
  GEN=$(dirname "$SHALE")/tests/diffprop/gen_pair
fi
if [ -z "$GEN" ]; then
  GEN=$T/gen_pair
  if ! "${CC:-cc}" -std=c11 -O2 -o "$GEN" "$SRC/tests/diffprop/gen_pair.c" 2> "$T/cc.log"; then
    echo "not ok - diffprop: cannot build gen_pair"; sed 's/^/#   /' "$T/cc.log"; exit 1
  fi
fi

pg_start 2> "$T/start"; rc=$?
if [ $rc = 77 ]; then echo "ok - diffprop # SKIP $(head -1 "$T/start")"; exit 0
elif [ $rc != 0 ]; then echo "not ok - diffprop: start PostgreSQL"; sed 's/^/#   /' "$T/start"; exit 1
fi

fails=0
# report SEED: the verdict of one seed, from its files and the round trip's result.
report() {
  local seed=$1 d=$T/s$1 why=
  for s in from to; do
    if [ "$(cat "$d/self_$s.rc")" != 0 ] || [ "$(cat "$d/self_$s.sql")" != "$EMPTY" ]; then
      why+="diffing $s.prisma against itself (exit $(cat "$d/self_$s.rc")) is not an empty migration:"$'\n'
      why+="$(head -20 "$d/self_$s.sql"; head -5 "$d/self_$s.err")"$'\n'
    fi
  done
  if [ "$(cat "$d/diff.rc")" != 0 ]; then
    why+="the diff exits $(cat "$d/diff.rc"): $(head -10 "$d/diff.err")"$'\n'
  elif [ "$(cat "$d/from.rc")" != 0 ] || [ "$(cat "$d/to.rc")" != 0 ]; then
    why+="no creation script: $(head -5 "$d/from.err" "$d/to.err")"$'\n'
  elif [ "${rt_result[$seed]:-}" != ok ]; then
    why+="round trip: $(rt_detail "$seed")"$'\n'
  fi
  if [ -z "$why" ]; then echo "ok - diffprop seed $seed"; rm -rf "$d"; return; fi
  fails=$((fails + 1))
  echo "not ok - diffprop seed $seed"
  {
    echo "reproduce: gen_pair $seed DIR; the schema change (diff from.prisma to.prisma):"
    diff "$d/from.prisma" "$d/to.prisma" | head -40
    printf '%s' "$why"
  } | head -150 | sed 's/^/#   /'
  if [ -n "${DIFFPROP_KEEP:-}" ]; then mkdir -p "$DIFFPROP_KEEP"; cp -r "$d" "$DIFFPROP_KEEP/seed$seed"; fi
}

last=$((FIRST + COUNT - 1))
for ((start = FIRST; start <= last; start += BATCH)); do
  end=$((start + BATCH - 1)); [ $end -gt $last ] && end=$last
  : > "$T/jobs"
  for ((seed = start; seed <= end; seed++)); do
    d=$T/s$seed
    if ! "$GEN" "$seed" "$d" 2> "$T/gen.err"; then
      echo "not ok - diffprop seed $seed: gen_pair failed"; sed 's/^/#   /' "$T/gen.err"; fails=$((fails + 1)); continue
    fi
    printf '%s\t%s\t%s\n' "$d/from.prisma" "$d/to.prisma" "$d/diff" empty "$d/from.prisma" "$d/from" \
      empty "$d/to.prisma" "$d/to" "$d/from.prisma" "$d/from.prisma" "$d/self_from" \
      "$d/to.prisma" "$d/to.prisma" "$d/self_to" >> "$T/jobs"
  done
  rt_diff_many "$T/jobs"
  for ((seed = start; seed <= end; seed++)); do
    d=$T/s$seed
    [ -f "$d/diff.rc" ] && [ "$(cat "$d/diff.rc" "$d/from.rc" "$d/to.rc")" = $'0\n0\n0' ] || continue
    rt_queue "$seed" "$d/from.sql" "$d/diff.sql" "$d/to.sql"
  done
  rt_run
  for ((seed = start; seed <= end; seed++)); do [ -d "$T/s$seed" ] && report "$seed"; done
  rt_forget
done
echo "# diffprop: seeds $FIRST..$last, $fails failed"
[ $fails = 0 ]
