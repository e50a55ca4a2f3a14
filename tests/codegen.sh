#!/usr/bin/env bash
# codegen.sh [SHALE] - `shale generate`: the goldens of tests/golden/codegen (byte for
# byte; tests/golden/codegen/regen.sh rewrites them), every golden output compiled with
# gcc and clang at -std=c11 -Wall -Wextra -Wpedantic -Werror (and -Wshadow
# -Wmissing-prototypes -Wstrict-prototypes), unchanged files left alone, the errors,
# and the generated code of tests/codegen/app.prisma and samples/tennis run against
# fresh databases on the shared PostgreSQL (tests/pg.sh). Prints "ok - ..." /
# "not ok - ..." lines for tests/run.sh.
# Environment: SHALE (or the first argument), SRCDIR, BUILDDIR (libshale.a), SAN_CFLAGS
# (the sanitizer flags libshale.a was built with), CODEGEN_RUN (a wrapper for the
# integration programs, e.g. valgrind).
set -u
SHALE=${1:-${SHALE:?usage: codegen.sh SHALE (or set SHALE)}}
SHALE=$(cd "$(dirname "$SHALE")" && pwd)/$(basename "$SHALE")
SRC=$(cd "${SRCDIR:-$(dirname "$0")/..}" && pwd)
BUILD=$(cd "${BUILDDIR:-$(dirname "$SHALE")}" && pwd)
G=$SRC/tests/golden/codegen
T=$(mktemp -d)
. "$SRC/tests/pg.sh"
dbs=()
cleanup() {
  for d in "${dbs[@]}"; do pg_psql postgres -c "DROP DATABASE IF EXISTS $d" > /dev/null 2>&1; done
  pg_stop; rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ok() { echo "ok - $1"; }
bad() { echo "not ok - $1"; [ $# -gt 1 ] && printf '%s\n' "$2" | head -30 | sed 's/^/#   /'; }
t() { # t NAME EXPECTED_EXIT COMMAND... : stdout in $T/out, stderr in $T/err
  local name=$1 want=$2; shift 2
  "$@" > "$T/out" 2> "$T/err"; local rc=$?
  if [ "$rc" = "$want" ]; then ok "$name"; else bad "$name (exit $rc, want $want)" "$(cat "$T/out" "$T/err")"; fi
}
has() { # has NAME PATTERN FILE
  if grep -Eq -- "$2" "$3"; then ok "$1"; else bad "$1" "$(cat "$3")"; fi
}
CFLAGS_STRICT="-std=c11 -Wall -Wextra -Wpedantic -Werror -Wshadow -Wmissing-prototypes -Wstrict-prototypes"
compilers=()
for cc in gcc clang; do command -v $cc > /dev/null 2>&1 && compilers+=("$cc"); done

# ---- goldens ------------------------------------------------------------------------
mkdir -p "$T/g"
for f in "$G"/*.prisma; do
  name=$(basename "${f%.prisma}")
  if ! "$SHALE" generate --schema "$f" --out "$T/g" --prefix "$name" > "$T/out" 2> "$T/err"; then
    bad "golden $name: generate" "$(cat "$T/err")"; continue
  fi
  for ext in h c; do
    if cmp -s "$T/g/$name.$ext" "$G/$name.$ext"; then ok "golden $name.$ext"
    else bad "golden $name.$ext (tests/golden/codegen/regen.sh rewrites it)" "$(diff "$G/$name.$ext" "$T/g/$name.$ext" | head -20)"; fi
  done
  for cc in "${compilers[@]}"; do
    if $cc $CFLAGS_STRICT -I"$SRC/runtime" -I"$G" -c "$G/$name.c" -o "$T/$name.$cc.o" 2> "$T/err"; then
      ok "golden $name.c compiles with $cc"
    else
      bad "golden $name.c compiles with $cc" "$(cat "$T/err")"
    fi
  done
done
[ ${#compilers[@]} = 2 ] || echo "ok - compile with gcc and clang # SKIP only ${compilers[*]:-no compiler} found"

# ---- determinism, unchanged files, the generator block --------------------------------
mkdir -p "$T/u"
cp "$G/scalars.prisma" "$T/u/schema.prisma"
t "generate with the schema's generator block" 0 "$SHALE" generate --schema "$T/u/schema.prisma"
has "it says what it wrote" "^wrote .*/gen/db\.h$" "$T/out"
if cmp -s "$T/u/gen/db.c" "$T/g/scalars.c" 2> /dev/null; then bad "prefix db differs from prefix scalars"; else ok "the prefix names the files and the C names"; fi
touch -d '2001-01-01 00:00:00' "$T/u/gen/db.h" "$T/u/gen/db.c"
before=$(stat -c %Y "$T/u/gen/db.h" "$T/u/gen/db.c")
t "generate again" 0 "$SHALE" generate --schema "$T/u/schema.prisma"
has "it says the files are unchanged" "^unchanged .*/gen/db\.c$" "$T/out"
if [ "$(stat -c %Y "$T/u/gen/db.h" "$T/u/gen/db.c")" = "$before" ]; then ok "unchanged files keep their mtime"
else bad "unchanged files keep their mtime"; fi
sed -i 's/^  flag       Boolean$/  flag       Boolean @default(true)/' "$T/u/schema.prisma"
t "generate after a schema change" 0 "$SHALE" generate --schema "$T/u/schema.prisma"
has "only the changed files are rewritten" "^wrote .*/gen/db\.h$" "$T/out"
ls -A "$T/u/gen" > "$T/ls"
if [ "$(wc -l < "$T/ls")" = 2 ]; then ok "no temporary files are left"; else bad "no temporary files are left" "$(cat "$T/ls")"; fi
t "--out and --prefix override the block" 0 "$SHALE" generate --schema "$T/u/schema.prisma" --out "$T/u/other" --prefix store
if [ -f "$T/u/other/store.h" ] && grep -q '^typedef struct store_sample ' "$T/u/other/store.h"; then ok "--prefix renames files and types"
else bad "--prefix renames files and types"; fi
cat > "$T/u/other.prisma" <<'S'
datasource db {
  provider = "postgresql"
}

generator js {
  provider = "prisma-client-js"
}

generator c {
  provider = "shale-c"
  output   = "../gen-c"
  prefix   = "my_db"
}

model A {
  id Int @id
}
S
t "other providers are ignored; output is relative to the schema" 0 "$SHALE" generate --schema "$T/u/other.prisma"
if [ -f "$T/gen-c/my_db.h" ]; then ok "output ../gen-c beside the schema"; else bad "output ../gen-c beside the schema" "$(ls -R "$T" | head)"; fi

# ---- errors -------------------------------------------------------------------------
t "no shale-c generator and no --out" 1 "$SHALE" generate --schema "$G/defaults.prisma"
has "it points at the schema (file:line:col, E2003)" "defaults\.prisma:1:1: error: .*shale-c.*\[E2003\]" "$T/err"
printf 'model A {\n  id Int @id\n  b  Nope\n}\n' > "$T/u/bad.prisma"
t "an invalid schema" 1 "$SHALE" generate --schema "$T/u/bad.prisma" --out "$T/u/x"
has "its diagnostics are printed" "bad\.prisma:3:" "$T/err"
[ -e "$T/u/x" ] && bad "nothing is written for an invalid schema" || ok "nothing is written for an invalid schema"
touch "$T/u/afile"
t "an output folder that cannot be made" 1 "$SHALE" generate --schema "$G/defaults.prisma" --out "$T/u/afile/sub"
has "it says why" "cannot create the output folder .*afile/sub" "$T/err"
mkdir -p "$T/u/ro"; cp "$G/defaults.h" "$T/u/ro/db.h"; chmod 555 "$T/u/ro"
if [ "$(id -u)" != 0 ]; then
  t "an output folder that cannot be written" 1 "$SHALE" generate --schema "$G/defaults.prisma" --out "$T/u/ro"
  has "it names the file" "cannot write .*ro/db\.h" "$T/err"
else
  echo "ok - an output folder that cannot be written # SKIP running as root: permissions do not stop root"
fi
chmod 755 "$T/u/ro"
printf 'datasource db {\n  provider = "postgresql"\n}\n\nmodel A {\n  id      Int @id\n  userId  Int\n  user_id Int\n}\n' > "$T/u/clash.prisma"
t "two fields with one C name" 1 "$SHALE" generate --schema "$T/u/clash.prisma" --out "$T/u/y"
has "the clash is reported at the second field, with a note at the first" \
  "clash\.prisma:8:3: error: field \`user_id\` and field \`userId\` both become the C name \`user_id\`.*\[E2002\]" "$T/err"
printf 'datasource db {\n  provider = "postgresql"\n}\n\nmodel User {\n  id Int @id\n}\n\nmodel UserList {\n  id Int @id\n}\n' > "$T/u/clash2.prisma"
t "a model whose C name is another model's list type" 1 "$SHALE" generate --schema "$T/u/clash2.prisma" --out "$T/u/y"
has "the clash names db_user_list" "db_user_list" "$T/err"
printf 'datasource db {\n  provider = "postgresql"\n}\n\nmodel User {\n  id           Int    @id\n  posts        Post[] @relation("a")\n  postsInclude Post[] @relation("b")\n}\n\nmodel Post {\n  id  Int  @id\n  aId Int\n  bId Int\n  a   User @relation("a", fields: [aId], references: [id])\n  b   User @relation("b", fields: [bId], references: [id])\n}\n' > "$T/u/clash3.prisma"
t "a relation named like another's nested include" 1 "$SHALE" generate --schema "$T/u/clash3.prisma" --out "$T/u/y"
has "the clash names posts_include in db_user_include" "clash3\.prisma:8:3: error: .*posts_include.* in db_user_include.*\[E2002\]" "$T/err"
t "a prefix that cannot start C names" 2 "$SHALE" generate --schema "$G/defaults.prisma" --out "$T/u/y" --prefix 9x
printf 'datasource db {\n  provider = "postgresql"\n}\n\ngenerator c {\n  provider = "shale-c"\n  prefix   = "Bad-Prefix"\n}\n\nmodel A {\n  id Int @id\n}\n' > "$T/u/badprefix.prisma"
t "a bad prefix in the generator block" 1 "$SHALE" generate --schema "$T/u/badprefix.prisma"
has "it points at the prefix (E2001)" "badprefix\.prisma:7:14: error: .*\[E2001\]" "$T/err"
t "generate --help" 0 "$SHALE" generate --help

# ---- against PostgreSQL ---------------------------------------------------------------
LIBS="$BUILD/libshale.a -lpq -lcrypto -ljansson"
PQ_CFLAGS=$(pkg-config --cflags libpq 2> /dev/null)
if ! pg_start 2> "$T/pg.err"; then
  echo "not ok - generated code against PostgreSQL: no server: $(head -1 "$T/pg.err")"
  exit 0
fi
fresh_db() { # fresh_db NAME: creates it (dropped at exit), prints its URL
  pg_psql postgres -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" > /dev/null || return 1
  dbs+=("$1"); pg_url "$1"
}
build() { # build NAME GEN_DIR SOURCES... : links a program on the generated code
  local name=$1 dir=$2; shift 2
  # SAN_CFLAGS: under `make check-asan` libshale.a is built with the sanitizers, and so
  # must the programs linking it be.
  ${compilers[0]:-cc} $CFLAGS_STRICT ${SAN_CFLAGS:-} -D_POSIX_C_SOURCE=200809L -I"$SRC/runtime" -I"$dir" $PQ_CFLAGS \
    -o "$T/$name" "$@" $LIBS 2> "$T/build.err"
}
relay_prog() { # relay_prog PREFIX COMMAND... : the program's ok/not ok lines, prefixed
  local prefix=$1 line rc; shift
  ${CODEGEN_RUN:-} "$@" > "$T/prog.out" 2> "$T/prog.err"; rc=$?
  while IFS= read -r line; do
    case $line in
      "ok - "*) echo "ok - $prefix: ${line#ok - }";;
      "not ok - "*) echo "not ok - $prefix: ${line#not ok - }";;
      "#"*) echo "$line";;
    esac
  done < "$T/prog.out"
  [ $rc = 0 ] || bad "$prefix exits 0 (exit $rc)" "$(cat "$T/prog.err")"
}

cg_db=shale_codegen_$$
url=$(fresh_db "$cg_db") || { bad "create a database for the integration test"; exit 0; }
if "$SHALE" migrate diff --from-empty --to-schema "$SRC/tests/codegen/app.prisma" --script > "$T/app.sql" 2> "$T/err" &&
   pg_psql "$cg_db" -f "$T/app.sql" > /dev/null 2>> "$T/err"; then ok "integration: the schema is applied"
else bad "integration: the schema is applied" "$(cat "$T/err")"; fi
if "$SHALE" generate --schema "$SRC/tests/codegen/app.prisma" --out "$T/app" > /dev/null 2> "$T/err" &&
   build crud "$T/app" "$SRC/tests/codegen/crud.c" "$T/app/app.c"; then
  ok "integration: crud.c builds on the generated code"
  relay_prog integration "$T/crud" "$url"
else
  bad "integration: crud.c builds on the generated code" "$(cat "$T/err" "$T/build.err" 2> /dev/null)"
fi

# ---- samples/tennis: its migrations deployed, its program on its generated code ------------
TN=$SRC/samples/tennis
if [ -f "$TN/app/tennis.c" ]; then
  tn_db=shale_tennis_$$
  url=$(fresh_db "$tn_db") || { bad "create a database for the tennis sample"; exit 0; }
  mkdir -p "$T/tennis"; cp -R "$TN/schema.prisma" "$TN/migrations" "$T/tennis/"
  if "$SHALE" generate --schema "$T/tennis/schema.prisma" > /dev/null 2> "$T/err" &&
     build tennis_app "$T/tennis/app/gen" "$TN/app/tennis.c" "$T/tennis/app/gen/db.c"; then
    ok "tennis: app/tennis.c builds on the generated code"
    # The program deploys the migrations itself at start-up (shale_migrate_deploy), then
    # the CLI sees the same history as up to date.
    n_mig=$(find "$T/tennis/migrations" -name migration.sql | wc -l)
    if DATABASE_URL=$url ${CODEGEN_RUN:-} "$T/tennis_app" "$T/tennis/migrations" > "$T/tennis.out" 2> "$T/err"; then
      ok "tennis: the program runs"
    else bad "tennis: the program runs" "$(cat "$T/tennis.out" "$T/err")"; fi
    has "tennis: it applies the $n_mig migrations at start-up" "^migrations: $n_mig applied, the last " "$T/tennis.out"
    if DATABASE_URL=$url "$SHALE" migrate status --schema "$T/tennis/schema.prisma" > "$T/out" 2> "$T/err" &&
       grep -q "Database schema is up to date" "$T/out"; then ok "tennis: migrate status agrees: up to date"
    else bad "tennis: migrate status agrees: up to date" "$(cat "$T/out" "$T/err")"; fi
    # (Its data then clashes with the first run's: only the start-up line matters here.)
    DATABASE_URL=$url "$T/tennis_app" "$T/tennis/migrations" > "$T/tennis2.out" 2> "$T/err"
    if grep -q "^migrations: 0 applied$" "$T/tennis2.out"; then ok "tennis: a second start applies nothing"
    else bad "tennis: a second start applies nothing" "$(cat "$T/tennis2.out" "$T/err")"; fi
    has "tennis: it lists the public match with its sets" "^Ann vs Bo \(won by Ann, umpire umpire\): 6-4 3-6 7-5$" "$T/tennis.out"
  else
    bad "tennis: app/tennis.c builds on the generated code" "$(cat "$T/err" "$T/build.err" 2> /dev/null)"
  fi
fi
