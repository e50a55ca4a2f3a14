#!/usr/bin/env bash
# pull.sh [SHALE] - `shale db pull` on a real PostgreSQL (tests/pg.sh): every schema of
# tests/golden/create is created in a fresh database with shale's own creation script,
# pulled back (`db pull --print --force`, the original file as --schema so its datasource and
# generator are kept), and the pulled schema must validate, be formatted already, and
# lower to the same database: `migrate diff` between the original and the pulled schema
# is empty in both directions. Then the pulled text is compared byte for byte with what
# Prisma's own `db pull` printed for the same database (tests/golden/pull/<case>.prisma,
# made with tests/golden/pull/prisma-pull.mjs). Known gaps are skips with their reasons.
# Re-introspection: for every tests/golden/repull/<case>.old.prisma, a database is created
# from <case>.db.prisma and pulled with the old file as the schema (merged, no --force);
# the text must be what Prisma's engine wrote (<case>.prisma, made with make-expected.sh
# there), validate, and lower to the same database.
# Also the command's behaviour: writing the file, merging into a valid file, refusing to
# overwrite one that does not validate, --force, an empty database. Prints "ok - ..." / "not ok - ..." lines for tests/run.sh.
# Environment: SHALE (or the first argument), SRCDIR, SHALE_TEST_DATABASE_URL (a server
# to use instead of starting one).
set -u
SHALE=${1:-${SHALE:?usage: pull.sh SHALE (or set SHALE)}}
SHALE=$(cd "$(dirname "$SHALE")" && pwd)/$(basename "$SHALE")
SRC=$(cd "${SRCDIR:-$(dirname "$0")/..}" && pwd)
T=$(mktemp -d)
. "$SRC/tests/pg.sh"
dbs=()
cleanup() {
  local d
  for d in "${dbs[@]}"; do pg_psql postgres -c "DROP DATABASE IF EXISTS \"$d\"" > /dev/null 2>&1; done
  pg_stop
  rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

pass() { echo "ok - pull: $1"; }
fail() { echo "not ok - pull: $1"; [ $# -gt 1 ] && printf '%s\n' "$2" | head -15 | sed 's/^/#   /'; }
skip() { echo "ok - pull: $1 # SKIP $2"; }

# The schemas whose creation script PostgreSQL rejects: tests/create.sh keeps the list.
eval "$(sed -n '/^known_invalid()/,/^}/p' "$SRC/tests/create.sh")"

# Cases whose pulled schema does not lower to the same database, and why. Prisma's own
# `db pull` has each of these gaps too.
known_difference() { # known_difference NAME: sets $reason
  case $1 in
    default_literal_forms) reason="PostgreSQL keeps dbgenerated(\"1 + 1\") as (1 + 1): the pulled default's text differs";;
    unsupported_fields) reason="PostgreSQL keeps dbgenerated(\"point(0, 0)\") as point((0)::double precision, (0)::double precision)";;
    client_side_defaults) reason="@default(dbgenerated()) without an expression leaves no default in the database to pull";;
    index_methods_and_ops) reason="ops: TimestampTzMinMaxOps and TextOps are the columns' default operator classes: the database does not say they were written";;
    *) return 1;;
  esac
}

# Cases whose pulled text differs from Prisma's `db pull` (tests/golden/pull), and why.
known_byte_difference() { # known_byte_difference NAME: sets $reason
  case $1 in
    default_literal_forms|types_natives_defaults)
      reason="DateTime defaults are written as RFC 3339 values (\"2020-01-01T10:11:12.123Z\"), which round-trip; Prisma writes dbgenerated(\"'...'::timestamp without time zone\")";;
    lists_of_every_scalar)
      reason="a BigInt[] default is written [1, 2]; Prisma writes dbgenerated(\"ARRAY[(1)::bigint, (2)::bigint]\")";;
    native_types_explicit)
      reason="CHAR and BIT without a length are written @db.Char and @db.Bit (shale reads CHAR(1) as CHAR); Prisma writes Char(1) and Bit(1)";;
    partial_index_number_defaults)
      reason="where: raw(\"x > 0\") without the parentheses pg_get_expr() adds, so the predicate diffs equal";;
    shop_realistic)
      reason="the operator class text_pattern_ops is kept as ops: raw(\"text_pattern_ops\"); Prisma drops it";;
    unsupported_fields)
      reason="Unsupported(\"path\")[] names the element type; Prisma writes Unsupported(\"_path\")[], which lowers to a type that does not exist";;
    multi_schema_crossing)
      reason="Prisma names two relation fields of sales_item \`item\` (the schema does not validate); shale renames the second item_2";;
    multi_schema_relations|public_schema_unqualified|extensions_citext)
      reason="the datasource block is kept as written; Prisma rewrites it (sorts \`schemas\`, drops \`extensions\`)";;
    *) return 1;;
  esac
}

# Cases whose text merged into the original schema (re-introspection) differs from
# Prisma's (tests/golden/pull/<case>.merged.prisma), and why: the ones above, and these.
known_merge_difference() { # known_merge_difference NAME: sets $reason
  case $1 in
    enums)
      reason="an enum list default is written with the kept value names ([SMALL, LARGE]); Prisma writes the database names ([s, l]), which do not validate";;
    types_natives_defaults)
      reason="as in enums (an enum list default keeps the value names), and DateTime defaults as RFC 3339 values (see above)";;
    ignored_relations)
      reason="a relation field to a model the old schema marks @@ignore keeps its @ignore; Prisma drops it and its schema does not validate";;
    multi_schema_crossing) return 1;; # the old names tell the two fields apart
    relation_mode_prisma)
      reason="the join table of the m:n relation copied from the old schema is left out; Prisma also writes it as a model (two definitions of _AuthorToTag, which shale's lowering refuses)";;
    *) known_byte_difference "$1";;
  esac
}

pg_start 2> "$T/start"; rc=$?
if [ $rc = 77 ]; then echo "ok - pull # SKIP $(head -1 "$T/start")"; exit 0; fi
if [ $rc != 0 ]; then fail "start PostgreSQL" "$(cat "$T/start")"; exit 1; fi

n=0
fresh_db() { # fresh_db: a new empty database; sets DB and URL
  n=$((n + 1)); DB=shale_pull_$$_$n
  pg_psql postgres -c "CREATE DATABASE \"$DB\"" > /dev/null || return 1
  dbs+=("$DB")
  URL=$(pg_url "$DB")
}
drop_db() { pg_psql postgres -c "DROP DATABASE IF EXISTS \"$DB\"" > /dev/null 2>&1; }

empty_migration() { # empty_migration FROM TO: the diff between two schemas is empty
  local out
  out=$("$SHALE" migrate diff --from-schema "$1" --to-schema "$2" --script 2>&1)
  if [ "$out" = "-- This is an empty migration." ]; then return 0; fi
  printf '%s\n' "$out" > "$T/diff.out"
  return 1
}

# ---- the round trip of every creation golden ------------------------------------------
trips=0 tripped=0 merged_same=0
for f in "$SRC"/tests/golden/create/*.prisma; do
  [ -f "$f" ] || continue
  name=$(basename "${f%.prisma}")
  if known_invalid "$name"; then skip "$name" "$reason"; continue; fi
  "$SHALE" migrate diff --from-empty --to-schema "$f" --script > "$T/create.sql" 2> "$T/err" ||
    { fail "$name: creation script" "$(cat "$T/err")"; continue; }
  trips=$((trips + 1))
  fresh_db || { fail "$name: create a database"; continue; }
  # A type of an extension the script does not create itself (CITEXT without
  # postgresqlExtensions) needs the extension in the database first, as in create.sh.
  if grep -q 'CITEXT' "$T/create.sql" && ! grep -q 'CREATE EXTENSION.*"citext"' "$T/create.sql" &&
     ! pg_psql "$DB" -c 'CREATE EXTENSION citext' > /dev/null 2>&1; then
    skip "$name" "its creation script needs the citext extension, which this server does not have"; drop_db; continue
  fi
  if ! pg_psql "$DB" -f "$T/create.sql" > "$T/err" 2>&1; then
    if grep -q 'extension' "$T/err"; then skip "$name" "the server has no $(grep -o 'extension "[a-z_]*"' "$T/err" | head -1)"
    else fail "$name: apply the creation script" "$(cat "$T/err")"; fi
    drop_db; continue
  fi
  P=$T/$name.pulled.prisma
  if ! "$SHALE" db pull --print --force --schema "$f" --url "$URL" > "$P" 2> "$T/err"; then
    fail "$name: db pull" "$(cat "$T/err")"; drop_db; continue
  fi
  # Re-introspection: the same database merged into the original schema.
  M=$T/$name.merged.prisma
  "$SHALE" db pull --print --schema "$f" --url "$URL" > "$M" 2> "$T/merge.err" || M=
  drop_db
  ok=yes
  if "$SHALE" validate --schema "$P" > "$T/out" 2>&1; then pass "$name: the pulled schema validates"
  else fail "$name: the pulled schema validates" "$(cat "$T/out")"; ok=no; fi
  if "$SHALE" format --check "$P" > "$T/out" 2>&1; then pass "$name: the pulled schema is formatted"
  else fail "$name: the pulled schema is formatted" "$("$SHALE" format - < "$P" | diff "$P" - | head -10)"; ok=no; fi
  same=yes
  empty_migration "$f" "$P" || same=no
  [ $same = yes ] && { empty_migration "$P" "$f" || same=no; }
  if known_difference "$name"; then
    if [ $same = yes ]; then fail "$name: round trip" "the migration is empty now: remove $name from known_difference"
    else skip "$name: round trip" "$reason"; fi
  elif [ $same = yes ]; then pass "$name: round trip (migrate diff original -> pulled -> original is empty)"
  else fail "$name: round trip (migrate diff original <-> pulled)" "$(cat "$T/diff.out")"; ok=no; fi
  [ $ok = yes ] && [ $same = yes ] && tripped=$((tripped + 1))
  # Byte for byte against Prisma's `db pull` of the same database.
  G=$SRC/tests/golden/pull/$name.prisma
  if [ ! -f "$G" ]; then fail "$name: same text as Prisma's db pull" "no tests/golden/pull/$name.prisma"
  elif cmp -s "$P" "$G"; then
    if known_byte_difference "$name"; then fail "$name: same text as Prisma's db pull" "identical now: remove $name from known_byte_difference"
    else pass "$name: same text as Prisma's db pull"; fi
  elif known_byte_difference "$name"; then skip "$name: same text as Prisma's db pull" "$reason"
  else fail "$name: same text as Prisma's db pull" "$(diff "$G" "$P" | head -12)"; fi
  # Merged into the original schema: it validates, lowers to the same database, and is
  # what Prisma's re-introspection wrote (tests/golden/pull/<case>.merged.prisma).
  if [ -z "$M" ]; then fail "$name: db pull merged into the original" "$(cat "$T/merge.err")"; continue; fi
  if "$SHALE" validate --schema "$M" > "$T/out" 2>&1; then pass "$name: merged: validates"
  else fail "$name: merged: validates" "$(cat "$T/out")"; fi
  if known_difference "$name"; then :
  elif empty_migration "$f" "$M" && empty_migration "$M" "$f"; then pass "$name: merged: round trip"
  else fail "$name: merged: round trip" "$(cat "$T/diff.out")"; fi
  G=$SRC/tests/golden/pull/$name.merged.prisma
  if [ ! -f "$G" ]; then fail "$name: merged: same text as Prisma's re-introspection" "no tests/golden/pull/$name.merged.prisma"
  elif cmp -s "$M" "$G"; then
    if known_merge_difference "$name"; then fail "$name: merged: same text as Prisma's re-introspection" "identical now: remove $name from known_merge_difference"
    else pass "$name: merged: same text as Prisma's re-introspection"; merged_same=$((merged_same + 1)); fi
  elif known_merge_difference "$name"; then skip "$name: merged: same text as Prisma's re-introspection" "$reason"
  else fail "$name: merged: same text as Prisma's re-introspection" "$(diff "$G" "$M" | head -12)"; fi
done
echo "# $merged_same of $trips creation goldens merged into their own schema are byte for byte Prisma's"
echo "# $tripped of $trips creation goldens round-trip through db pull"

# Re-introspection cases whose text differs from Prisma's, and why.
known_repull_difference() { # known_repull_difference NAME: sets $reason
  case $1 in
    ignored) reason="a relation field to a model the old schema marks @@ignore gets @ignore; Prisma drops it and its schema does not validate";;
    clashes) reason="a new column or enum value taking a name the old schema gives another becomes name_2 (with @map); Prisma writes the name twice, which does not validate";;
    *) return 1;;
  esac
}

# ---- re-introspection: merging the database into an existing schema ----------------------
R=$SRC/tests/golden/repull
merged=0 repulls=0
for f in "$R"/*.old.prisma; do
  [ -f "$f" ] || continue
  name=repull/$(basename "${f%.old.prisma}"); base=${f%.old.prisma}
  repulls=$((repulls + 1))
  "$SHALE" migrate diff --from-empty --to-schema "$base.db.prisma" --script > "$T/create.sql" 2> "$T/err" ||
    { fail "$name: creation script" "$(cat "$T/err")"; continue; }
  fresh_db || { fail "$name: create a database"; continue; }
  if ! pg_psql "$DB" -f "$T/create.sql" > "$T/err" 2>&1; then
    fail "$name: apply the creation script" "$(cat "$T/err")"; drop_db; continue
  fi
  mkdir -p "$T/repull"; cp "$f" "$T/repull/schema.prisma"
  P=$T/repull/pulled.prisma
  if ! "$SHALE" db pull --print --schema "$T/repull/schema.prisma" --url "$URL" > "$P" 2> "$T/err"; then
    fail "$name: db pull" "$(cat "$T/err")"; drop_db; continue
  fi
  drop_db
  ok=yes
  if "$SHALE" validate --schema "$P" > "$T/out" 2>&1; then pass "$name: the merged schema validates"
  else fail "$name: the merged schema validates" "$(cat "$T/out")"; ok=no; fi
  if empty_migration "$base.db.prisma" "$P" && empty_migration "$P" "$base.db.prisma"; then
    pass "$name: the merged schema lowers to the database it was pulled from"
  else fail "$name: the merged schema lowers to the database it was pulled from" "$(cat "$T/diff.out")"; ok=no; fi
  if cmp -s "$P" "$base.prisma"; then
    if known_repull_difference "${name#repull/}"; then fail "$name: same text as Prisma's re-introspection" "identical now: remove it from known_repull_difference"
    else pass "$name: same text as Prisma's re-introspection"; [ $ok = yes ] && merged=$((merged + 1)); fi
  elif known_repull_difference "${name#repull/}"; then skip "$name: same text as Prisma's re-introspection" "$reason"
  else fail "$name: same text as Prisma's re-introspection" "$(diff "$base.prisma" "$P" | head -12)"; fi
done
echo "# $merged of $repulls re-introspection cases are byte for byte Prisma's"

# ---- the command ---------------------------------------------------------------------------
W=$T/work; mkdir -p "$W"
cd "$W" || exit 1
fresh_db
t() { # t NAME EXPECTED_EXIT COMMAND... : output in $T/out
  local name=$1 want=$2; shift 2
  "$@" > "$T/out" 2>&1; local got=$?
  if [ "$got" = "$want" ]; then pass "$name"; else fail "$name (exit $got, want $want)" "$(cat "$T/out")"; fi
}
has() { if grep -q -- "$2" "$T/out"; then pass "$1"; else fail "$1" "$(cat "$T/out")"; fi; }
t "an empty database is an error (exit 1)" 1 "$SHALE" db pull --print --url "$URL"
has "and says so" "the database schema is empty"
pg_psql "$DB" -c 'CREATE TABLE "User" (id SERIAL PRIMARY KEY, "e-mail" VARCHAR(200) NOT NULL UNIQUE);
  CREATE TABLE post (id INT PRIMARY KEY, author INT REFERENCES "User"(id) ON DELETE CASCADE);
  CREATE TABLE log (line TEXT)' > /dev/null
t "without a schema file, db pull writes ./schema.prisma" 0 "$SHALE" db pull --url "$URL"
has "and says what it wrote" "Introspected 3 models and 0 enums and wrote them into schema.prisma"
if grep -q 'e_mail *String *@unique @map("e-mail") @db.VarChar(200)' schema.prisma &&
   grep -q 'post *post\[\]' schema.prisma && grep -q '@relation(fields: \[author\], references: \[id\], onDelete: Cascade, onUpdate: NoAction)' schema.prisma
then pass "the schema has the sanitised field, both relation sides and the referential action"
else fail "the schema has the sanitised field, both relation sides and the referential action" "$(cat schema.prisma)"; fi
if grep -q '@@ignore' schema.prisma; then pass "a table without a unique identifier is @@ignore"
else fail "a table without a unique identifier is @@ignore" "$(cat schema.prisma)"; fi
t "the written schema validates" 0 "$SHALE" validate --schema schema.prisma
cp schema.prisma before.prisma
t "db pull again merges into the valid schema file" 0 "$SHALE" db pull --url "$URL"
if cmp -s schema.prisma before.prisma; then pass "and nothing changed, nothing changes"
else fail "and nothing changed, nothing changes" "$(diff before.prisma schema.prisma)"; fi
sed -e 's/^model post {/model Article {\n  @@map("post")/' -e 's/^  post *post\[\]/  articles Article[]/' \
    -e 's/^  e_mail\( *\)String/  email\1String/' -e 's/^model log {/\/\/\/ Log lines.\nmodel log {/' \
    before.prisma > schema.prisma
t "a renamed model and fields are merged (exit 0)" 0 "$SHALE" db pull --url "$URL"
if grep -q '^model Article {' schema.prisma && grep -q '@@map("post")' schema.prisma &&
   grep -q '^  articles *Article\[\]' schema.prisma && grep -q '^  email .*@map("e-mail")' schema.prisma &&
   grep -B1 '^model log {' schema.prisma | grep -q '^/// Log lines\.$' && ! grep -q '^model post' schema.prisma
then pass "and the names and documentation chosen in the file are kept, with @map/@@map"
else fail "and the names and documentation chosen in the file are kept, with @map/@@map" "$(cat schema.prisma)"; fi
t "the merged schema validates" 0 "$SHALE" validate --schema schema.prisma
printf 'datasource db {\n  provider = "postgresql"\n}\n\nmodel Old {\n  id Nope @id\n}\n' > schema.prisma
cp schema.prisma before.prisma
t "a schema file that does not validate is not overwritten (exit 1)" 1 "$SHALE" db pull --url "$URL"
has "and the warning says it cannot be merged" "does not validate.*cannot be merged"
has "and the message names --force" "--force"
if cmp -s schema.prisma before.prisma; then pass "the file is unchanged"; else fail "the file is unchanged"; fi
t "with --print it is printed as with --force (exit 0)" 0 "$SHALE" db pull --print --url "$URL"
has "and the warning says so" "does not validate"
printf 'generator client {\n  provider = "prisma-client-js"\n}\n\ndatasource pg {\n  provider = "postgresql" // mine\n}\n\nmodel Old {\n  id Int @id\n}\n' > schema.prisma
t "--force overwrites it" 0 "$SHALE" db pull --force --url "$URL"
if grep -q 'provider = "postgresql" // mine' schema.prisma && grep -q '^generator client' schema.prisma &&
   grep -q '@pg.VarChar(200)' schema.prisma && ! grep -q 'model Old' schema.prisma
then pass "keeping the datasource and generator blocks, with the datasource's name as native type prefix"
else fail "keeping the datasource and generator blocks, with the datasource's name as native type prefix" "$(cat schema.prisma)"; fi
t "a bad option is a usage error (exit 2)" 2 "$SHALE" db pull --nope
