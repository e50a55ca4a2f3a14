#!/usr/bin/env bash
# roundtrip.sh - the migration round trip shared by tests/diff.sh and tests/diffprop.sh:
# database X gets the creation script of FROM and then the diff script FROM -> TO,
# database Y gets the creation script of TO, and the normalised `pg_dump --schema-only`
# of X must equal that of Y. Sourced, after tests/pg.sh and pg_start:
#
#   rt_diff FROM TO OUT        one diff into OUT.sql, OUT.err, OUT.rc (FROM/TO: empty or a path)
#   rt_diff_many LIST          the same for every "FROM<TAB>TO<TAB>OUT" line of LIST, in parallel
#   rt_queue ID FROM_SQL DIFF_SQL TO_SQL
#                              queues a round trip; FROM_SQL or TO_SQL "" = nothing to run
#   rt_run                     runs the queued round trips (then the queue is empty):
#                              rt_result[ID] = ok | fail, and rt_detail ID prints why
#   rt_forget                  deletes the files of the last rt_run
# Run as a program: `roundtrip.sh diff FROM TO OUT` (what rt_diff_many runs per line).
#
# The diff command: $SHALE (`shale migrate diff ... --script`) unless SHALE_DIFF_CMD is
# set. SHALE_DIFF_CMD="CMD ARGS" is run as `CMD ARGS FROM TO` and prints the script on
# stdout (e.g. "node ../shared/oracle/diff.mjs --offline": Prisma's own SQL, to check
# the harness); SHALE_DIFF_CMD=oracle runs that oracle against the test server with
# --json, so the data-loss warnings come out on stderr as shale prints them.
# Environment: RT_DIR (a scratch folder, required), RT_JOBS (parallel sessions,
# default: the number of CPUs, at most 4), SHALE_ORACLE (default ../shared/oracle).
#
# How a script runs: as one simple-protocol query (psql's \gexec of the whole file),
# which is how Prisma's schema engine sends a migration (tokio-postgres batch_execute).
# PostgreSQL then runs it as one implicit transaction unless it holds BEGIN/COMMIT, so a
# script that would fail under `prisma migrate deploy` fails here too (say, an enum value
# added and used in the same script: "unsafe use of new value").
# Speed: RT_JOBS workers share the queue. Each has two databases (X, Y) of its own and a
# psql session on each that stays open for all its cases (a new connection, or a new
# database, costs more than most scripts here); between cases both are emptied the same
# way (rt__reset), and both are dumped at once. One awk and one sort normalise every
# dump of the run.

RT_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
declare -gA rt_result
rt__queue=() rt__serial=0 rt__jobs=1 rt__public=
# Prisma writes no comments, security labels, publications, subscriptions or tablespaces:
# not asking for them saves pg_dump a third of its catalog reads.
rt__dump_opts='--schema-only --no-comments --no-security-labels --no-publications --no-subscriptions --no-tablespaces'

rt__diff_args() { # the shale arguments for FROM and TO
  if [ "$1" = empty ]; then printf '%s\n' --from-empty; else printf '%s\n' --from-schema "$1"; fi
  if [ "$2" = empty ]; then printf '%s\n' --to-empty; else printf '%s\n' --to-schema "$2"; fi
}

# The oracle with its data-loss check. The check needs a schema file as TO, so for an
# empty TO it gets a schema with the datasource alone; the script then comes from
# `empty` itself (it qualifies names with "public", the datasource-only schema does not).
rt__oracle() { # rt__oracle FROM TO OUT
  local oracle=${SHALE_ORACLE:-$RT_SRC/../shared/oracle} to=$2
  if [ "$1" = empty ]; then
    node "$oracle/diff.mjs" --offline "$1" "$2" > "$3.sql" 2> "$3.err"; return
  fi
  if [ "$to" = empty ]; then
    to=$3.empty.prisma; printf 'datasource db {\n  provider = "postgresql"\n}\n' > "$to"
  fi
  node "$oracle/diff.mjs" --json --url "$(pg_url postgres)" "$1" "$to" > "$3.json" 2> "$3.err" || return
  node -e '
    const j = JSON.parse(require("fs").readFileSync(0, "utf8"));
    process.stdout.write(j.script);
    for (const w of j.warnings) process.stderr.write(`warning: ${w}\n`);
    for (const u of j.unexecutable) process.stderr.write(`note: ${u}\n`);
  ' < "$3.json" > "$3.sql" 2>> "$3.err" || return
  if [ "$2" = empty ]; then node "$oracle/diff.mjs" --offline "$1" empty > "$3.sql" 2>> "$3.err"; fi
}

rt_diff() { # rt_diff FROM TO OUT: OUT.sql (stdout), OUT.err (stderr), OUT.rc (exit status)
  local rc
  if [ "${SHALE_DIFF_CMD:-}" = oracle ]; then
    rt__oracle "$1" "$2" "$3"
  elif [ -n "${SHALE_DIFF_CMD:-}" ]; then
    $SHALE_DIFF_CMD "$1" "$2" > "$3.sql" 2> "$3.err"
  else
    local args; mapfile -t args < <(rt__diff_args "$1" "$2")
    "$SHALE" migrate diff "${args[@]}" --script > "$3.sql" 2> "$3.err"
  fi
  rc=$?; echo $rc > "$3.rc"; return $rc
}

rt_jobs() {
  local n=${RT_JOBS:-$(nproc 2> /dev/null || echo 2)}
  [ "$n" -gt 4 ] && n=4; [ "$n" -lt 1 ] && n=1; echo "$n"
}

rt_diff_many() { # rt_diff_many LIST: one rt_diff per "FROM<TAB>TO<TAB>OUT" line, in parallel
  export SHALE SHALE_DIFF_CMD SHALE_ORACLE SHALE_TEST_DATABASE_URL PGHOST PGPORT PGUSER
  tr '\t\n' '\0\0' < "$1" | xargs -0 -n 3 -P "$(rt_jobs)" bash "$RT_SRC/tests/roundtrip.sh" diff
}

rt_queue() { # rt_queue ID FROM_SQL DIFF_SQL TO_SQL
  rt__queue+=("$1"$'\037'"$2"$'\037'"$3"$'\037'"$4") # unit separators: a field may be empty
}

# rt__run_sql FILE: psql lines that run FILE as one query. The script goes in a
# dollar-quoted literal (psql interpolates nothing inside it) and \gexec sends the
# value back as a query of its own.
rt__run_sql() {
  local body=
  [ -f "$1" ] && IFS= read -r -d '' body < "$1"
  case $body in *'$shale_rt$'*) printf 'SELECT 1/0 AS "%s contains $shale_rt$";\n' "$1"; return;; esac
  printf 'SELECT $shale_rt$%s$shale_rt$ \\gexec\n' "$body"
}

# rt__step WHAT FILE: run FILE, and report a failure as "@@fail WHAT: message" on stderr.
rt__step() {
  rt__run_sql "$2"
  printf '\\if :ERROR\n\\warn @@fail %s: :LAST_ERROR_MESSAGE\n\\endif\n' "$1"
}

# Back to an empty database between cases, X and Y alike: whatever the last scripts
# made lives in a schema or is an extension, so drop them all (a failed script may have
# left a transaction open: ROLLBACK first; it may have SET something: RESET ALL), then
# make public as initdb does.
rt__reset() {
  printf '%s\n' 'ROLLBACK;' 'RESET ALL;' \
    'DO $shale_rt$ DECLARE r record; BEGIN' \
    "  FOR r IN SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' LOOP" \
    "    EXECUTE format('DROP EXTENSION %I CASCADE', r.extname); END LOOP;" \
    "  FOR r IN SELECT nspname FROM pg_namespace WHERE nspname !~ '^pg_' AND nspname <> 'information_schema' LOOP" \
    "    EXECUTE format('DROP SCHEMA %I CASCADE', r.nspname); END LOOP;" \
    'END $shale_rt$;' "$rt__public"
}

# rt__worker W: runs cases W, W+jobs, ... of the queue in databases of its own,
# shale_rt<pid>_<W>_x and _y, each with a psql session that stays open (a connection
# costs more than most scripts). After both sessions report @@done, pg_dump both.
rt__worker() {
  local w=$1 d=$RT_DIR/run i n id from diff to x y px py line citext fd bin=${PG_BIN:-$(pg__bin)}
  trap '' PIPE # a session that died is reported below, not by killing the worker
  x=shale_rt${$}_${w}_x y=shale_rt${$}_${w}_y
  pg_psql postgres -c "DROP DATABASE IF EXISTS $x" -c "DROP DATABASE IF EXISTS $y" \
    -c "CREATE DATABASE $x TEMPLATE template0" -c "CREATE DATABASE $y TEMPLATE template0" > "$d/w$w.create" 2>&1
  mkfifo "$d/w$w.xin" "$d/w$w.xerr" "$d/w$w.yin" "$d/w$w.yerr" || return 1
  PGOPTIONS="-c client_min_messages=error" "$bin/psql" -X -q -At -v ON_ERROR_STOP=0 -d "$(pg_url "$x")" \
    < "$d/w$w.xin" > /dev/null 2> "$d/w$w.xerr" & px=$!
  PGOPTIONS="-c client_min_messages=error" "$bin/psql" -X -q -At -v ON_ERROR_STOP=0 -d "$(pg_url "$y")" \
    < "$d/w$w.yin" > /dev/null 2> "$d/w$w.yerr" & py=$!
  exec 3> "$d/w$w.xin" 4< "$d/w$w.xerr" 5> "$d/w$w.yin" 6< "$d/w$w.yerr"
  for ((i = w; i < ${#rt__queue[@]}; i += rt__jobs)); do
    IFS=$'\037' read -r id from diff to <<< "${rt__queue[$i]}"
    n=$((rt__serial + i)); citext=
    # A CITEXT column needs the extension; Prisma creates it only with the
    # postgresqlExtensions preview feature. As tests/create.sh, give it to both sides.
    if grep -qs CITEXT "$from" "$diff" "$to" && ! grep -qs 'CREATE EXTENSION.*"citext"' "$from" "$diff" "$to"; then
      citext='CREATE EXTENSION IF NOT EXISTS citext;'
    fi
    {
      rt__reset; echo "$citext"
      if [ -n "$from" ]; then
        rt__step "creation script of FROM (database X)" "$from"
        printf '\\if :ERROR\n\\else\n'
        rt__step "diff script (database X)" "$diff"
        printf '\\endif\n'
      else
        rt__step "diff script (database X)" "$diff"
      fi
      printf '\\warn @@done\n'
    } >&3
    { rt__reset; echo "$citext"; [ -n "$to" ] && rt__step "creation script of TO (database Y)" "$to"; printf '\\warn @@done\n'; } >&5
    : > "$d/$n.fails"
    for fd in 4 6; do
      while true; do
        if ! IFS= read -r line <&$fd; then echo "psql ended early: $(cat "$d/w$w.create")" >> "$d/$n.fails"; break; fi
        case $line in "@@done") break;; "@@fail "*) echo "${line#@@fail }" >> "$d/$n.fails";; esac
      done
    done
    "$bin/pg_dump" $rt__dump_opts -d "$(pg_url "$x")" > "$d/$n.x.dump" 2> "$d/$n.x.dumperr" &
    "$bin/pg_dump" $rt__dump_opts -d "$(pg_url "$y")" > "$d/$n.y.dump" 2> "$d/$n.y.dumperr"
    wait $!
  done
  exec 3>&- 5>&-
  wait $px $py
  exec 4<&- 6<&-
  pg_psql postgres -c "DROP DATABASE IF EXISTS $x" -c "DROP DATABASE IF EXISTS $y" > /dev/null 2>&1
}

# ---- normalisation of pg_dump --schema-only output ------------------------------------
# What legitimately differs between X (FROM + diff) and Y (TO from scratch), and how each
# rule removes it. Nothing else is touched, so everything else must match exactly.
#  1. Noise: comment lines (they name objects, the database and pg_dump's version), blank
#     lines, SET lines, the search_path set_config, and \restrict/\unrestrict, whose key is
#     random per dump.
#  2. Statement order: pg_dump orders objects by kind, name and dependencies; names that
#     rules 4-5 change move statements around. Each statement is kept whole and the
#     statements are sorted, so only the set of statements counts.
#  3. Column order inside CREATE TABLE: ALTER TABLE ADD COLUMN appends at the end, a
#     fresh CREATE TABLE follows the schema's field order. The column lines are sorted
#     (each still complete: type, default, NOT NULL).
#  4. Enum label order: ALTER TYPE ADD VALUE (what Prisma emits for a new enum value)
#     appends; Prisma's schema engine treats label order as no difference.
#  5. Sequences owned by a column (autoincrement()): CREATE TABLE uses SERIAL, which
#     makes "<table>_<column>_seq" of the column's integer type, while Prisma's diff
#     adds autoincrement() to an existing column with CREATE SEQUENCE <lowercased name>
#     (bigint) + SET DEFAULT nextval(...) + OWNED BY. An owned sequence is therefore
#     named after its owning column, its AS clause dropped (the column type bounds the
#     values), and an owned sequence no default uses any more is dropped: Prisma removes
#     autoincrement() with DROP DEFAULT and leaves the (then unused) sequence behind.
#  6. Casts in DEFAULT expressions: a default keeps the cast to the column type it had
#     when it was set ('x'::character varying), and ALTER COLUMN ... SET DATA TYPE adds
#     one to the new type ((ARRAY[]::text[])::date[], ARRAY[(0)::oid]) where a fresh
#     table has ARRAY[]::date[]. Casts (::type) outside string literals in a DEFAULT are
#     dropped, then the parentheses left around a literal, a number or an ARRAY[...];
#     the literal text, and so the value, must still match.
rt__norm_awk='
function flush_file(   i, k, s, seq, used) {
  if (file == "") return
  # rule 5: sequences owned by a column
  for (i = 1; i <= ns; i++) {
    if (index(st[i], "ALTER SEQUENCE ") != 1 || !(k = index(st[i], " OWNED BY "))) continue
    seq = substr(st[i], 16, k - 16); s = substr(st[i], k + 10); sub(/;$/, "", s); owner[seq] = s
  }
  for (seq in owner) {
    used = 0
    for (i = 1; i <= ns; i++) if (index(st[i], "nextval(" Q seq Q)) used = 1
    for (i = 1; i <= ns; i++) {
      if (!used) {
        if (index(st[i], "CREATE SEQUENCE " seq "\n") == 1 || index(st[i], "ALTER TABLE " seq " OWNER TO ") == 1 ||
            index(st[i], "ALTER SEQUENCE " seq " OWNED BY ") == 1) st[i] = ""
        continue
      }
      if (index(st[i], "CREATE SEQUENCE " seq "\n") == 1) gsub(/\n    AS [a-z]+/, "", st[i])
      st[i] = replace_all(st[i], "nextval(" Q seq Q, "nextval(" Q "<sequence of " owner[seq] ">" Q)
      st[i] = replace_all(st[i], " " seq "\n", " <sequence of " owner[seq] ">\n")
      st[i] = replace_all(st[i], " " seq " ", " <sequence of " owner[seq] "> ")
    }
  }
  for (i = 1; i <= ns; i++) {
    if (st[i] == "") continue
    s = st[i]; gsub(/\n/, "\001", s)
    print fileno "\t" file "\t" s
  }
  for (seq in owner) delete owner[seq]
  ns = 0
}
function replace_all(s, from, to,   out, k) {
  out = ""
  while ((k = index(s, from)) > 0) { out = out substr(s, 1, k - 1) to; s = substr(s, k + length(from)) }
  return out s
}
# rule 6: drop ::casts outside string literals from the DEFAULT part of a line
function strip_casts(line,   k, head, s, out, c, q) {
  k = index(line, " DEFAULT "); if (k == 0) return line
  head = substr(line, 1, k + 8); s = substr(line, k + 9); out = ""; q = 0
  while (length(s) > 0) {
    c = substr(s, 1, 1)
    if (c == Q) { q = !q; out = out c; s = substr(s, 2); continue }
    if (!q && substr(s, 1, 2) == "::" &&
        match(s, /^::(("[^"]*"|[a-z_][a-z0-9_]*)\.)?("[^"]*"|[a-z_][a-z0-9_]*)(\([0-9, ]*\)|\[\]| [a-z_]+)*/)) {
      s = substr(s, RLENGTH + 1); continue
    }
    out = out c; s = substr(s, 2)
  }
  return head unparen(out)
}
# the end of the bracket group that starts at s[i] ("(" or "["), or 0
function close_of(s, i,   n, c, d, q) {
  d = 0; q = 0
  for (n = i; n <= length(s); n++) {
    c = substr(s, n, 1)
    if (c == Q) q = !q
    else if (!q && (c == "(" || c == "[")) d++
    else if (!q && (c == ")" || c == "]") && --d == 0) return n
  }
  return 0
}
# (x) -> x for x a literal, a number, ARRAY[...] or (...); not the parentheses of a call
function unparen(s,   i, e, c, q, in_) {
  q = 0
  for (i = 1; i <= length(s); i++) {
    c = substr(s, i, 1)
    if (c == Q) { q = !q; continue }
    if (q || c != "(" || substr(s, i - 1, 1) ~ /[A-Za-z0-9_"]/) continue
    if (!(e = close_of(s, i))) return s
    in_ = substr(s, i + 1, e - i - 1)
    if (in_ ~ /^-?[0-9.]+$/ || in_ ~ ("^" Q "([^" Q "]|" Q Q ")*" Q "$") ||
        (in_ ~ /^ARRAY\[/ && close_of(in_, 6) == length(in_)) || (in_ ~ /^\(/ && close_of(in_, 1) == length(in_))) {
      s = substr(s, 1, i - 1) in_ substr(s, e + 1); i--
    }
  }
  return s
}
# rules 3 and 4: sort the lines between the first and the last of a statement
function sort_inner(stmt,   n, l, i, j, t, out) {
  n = split(stmt, l, "\n")
  for (i = 2; i < n; i++) { sub(/,$/, "", l[i]); l[i] = strip_casts(l[i]) }
  for (i = 3; i < n; i++) { t = l[i]; for (j = i - 1; j >= 2 && l[j] > t; j--) l[j + 1] = l[j]; l[j + 1] = t }
  out = l[1]
  for (i = 2; i < n; i++) out = out "\n" l[i] (i < n - 1 ? "," : "")
  return out "\n" l[n]
}
function end_stmt() {
  if (cur ~ /^CREATE TABLE / || (cur ~ /^CREATE TYPE / && index(cur, " AS ENUM (\n"))) cur = sort_inner(cur)
  else if (cur ~ / SET DEFAULT /) cur = strip_casts(cur)
  st[++ns] = cur; cur = ""
}
FNR == 1 { if (cur != "") end_stmt(); flush_file(); file = FILENAME; fileno++ }
/^--/ || /^$/ || /^SET / || /^SELECT pg_catalog\.set_config\(/ || /^\\(un)?restrict / { next }
{ cur = (cur == "" ? $0 : cur "\n" $0); if ($0 ~ /;$/) end_stmt() }
END { if (cur != "") end_stmt(); flush_file() }
'

# rt__normalise DUMP...: writes DUMP.norm for each dump: one awk for all of them, one
# sort, and one awk that writes the files back out with their line breaks.
rt__normalise() {
  [ $# -gt 0 ] || return 0
  awk -v Q="'" "$rt__norm_awk" "$@" | LC_ALL=C sort -t "$(printf '\t')" -k1,1n -k3 |
    awk -F '\t' '$2 != f { if (f != "") close(f ".norm"); f = $2 }
                 { s = $3; gsub(/\001/, "\n", s); print s > (f ".norm") }'
  local d; for d in "$@"; do [ -f "$d.norm" ] || : > "$d.norm"; done
}

rt_run() {
  local n i w id x y from diff to
  [ ${#rt__queue[@]} -gt 0 ] || return 0
  rt__jobs=$(rt_jobs); [ $rt__jobs -gt ${#rt__queue[@]} ] && rt__jobs=${#rt__queue[@]}
  if [ -z "$rt__public" ]; then
    n=$(pg_psql postgres -At -c 'SHOW server_version_num' 2> /dev/null)
    rt__public='CREATE SCHEMA public;'
    [ "${n:-0}" -ge 140000 ] && rt__public="CREATE SCHEMA public AUTHORIZATION pg_database_owner; GRANT USAGE ON SCHEMA public TO PUBLIC; COMMENT ON SCHEMA public IS 'standard public schema';"
  fi
  rm -rf "$RT_DIR/run"; mkdir -p "$RT_DIR/run"
  for ((w = 0; w < rt__jobs; w++)); do rt__worker $w & done
  wait
  local dumps=()
  for ((i = 0; i < ${#rt__queue[@]}; i++)); do
    n=$((rt__serial + i)); dumps+=("$RT_DIR/run/$n.x.dump" "$RT_DIR/run/$n.y.dump")
  done
  rt__normalise "${dumps[@]}"
  for ((i = 0; i < ${#rt__queue[@]}; i++)); do
    n=$((rt__serial + i))
    x=$RT_DIR/run/$n.x.dump y=$RT_DIR/run/$n.y.dump
    IFS=$'\037' read -r id from diff to <<< "${rt__queue[$i]}"
    rt__x[$id]=$x rt__y[$id]=$y rt__sql[$id]=$diff rt__why[$id]=
    if [ -s "$RT_DIR/run/$n.fails" ]; then rt_result[$id]=fail; rt__why[$id]=$(cat "$RT_DIR/run/$n.fails")$'\n'
    elif [ ! -s "$x" ] || [ ! -s "$y" ]; then
      rt_result[$id]=fail; rt__why[$id]="pg_dump failed: $(cat "$x"err "$y"err 2> /dev/null | head -3)"$'\n'
    elif cmp -s "$x.norm" "$y.norm"; then rt_result[$id]=ok
    else rt_result[$id]=fail; rt__why[$id]="the normalised schema dumps differ (--- Y: TO from scratch, +++ X: FROM + diff):"$'\n'
    fi
  done
  rt__serial=$((rt__serial + ${#rt__queue[@]}))
  rt__queue=()
}
declare -gA rt__x rt__y rt__sql rt__why

rt_detail() { # rt_detail ID: why the round trip of ID failed (errors, dump diff, the SQL)
  local id=$1
  printf '%s' "${rt__why[$id]:-}"
  if [ -f "${rt__x[$id]}.norm" ] && [ -f "${rt__y[$id]}.norm" ] && ! cmp -s "${rt__x[$id]}.norm" "${rt__y[$id]}.norm"; then
    diff -u "${rt__y[$id]}.norm" "${rt__x[$id]}.norm" | tail -n +3 | head -60
  fi
  echo "the diff script:"
  head -60 "${rt__sql[$id]}"
}

rt_forget() { rm -rf "$RT_DIR/run"; }

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  case ${1:-} in
    diff) shift; . "$RT_SRC/tests/pg.sh"; rt_diff "$@"; exit 0;;
    *) echo "usage: roundtrip.sh diff FROM TO OUT   (or source it)" >&2; exit 2;;
  esac
fi
