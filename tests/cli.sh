#!/usr/bin/env bash
# cli.sh SHALE_BIN - behaviour of the `shale` command line: help and version, exit
# codes, schema discovery, multi-file schemas, in-place formatting (atomic, only when
# changed, never over syntax errors), --check, stdin mode, JSON and colour output.
# Prints "ok - name" / "not ok - name" lines.
set -u
SHALE=$(cd "$(dirname "${1:?usage: cli.sh SHALE_BIN}")" && pwd)/$(basename "$1")
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
unset NO_COLOR

t() { # t NAME EXPECTED_EXIT COMMAND... ; output in $T/out
  local name=$1 want=$2; shift 2
  "$@" > "$T/out" 2>&1; local rc=$?
  if [ "$rc" = "$want" ]; then echo "ok - $name"; else echo "not ok - $name (exit $rc, want $want)"; sed 's/^/#   /' "$T/out" | head -10; fi
}
has() { # has NAME PATTERN : the last output contains PATTERN
  if grep -q -- "$2" "$T/out"; then echo "ok - $1"; else echo "not ok - $1"; sed 's/^/#   /' "$T/out" | head -10; fi
}
same() { # same NAME FILE1 FILE2
  if cmp -s "$2" "$3"; then echo "ok - $1"; else echo "not ok - $1"; diff "$2" "$3" | sed 's/^/#   /' | head -10; fi
}

GOOD='datasource db {
  provider = "postgresql"
}

model User {
  id    Int    @id
  email String @unique
}
'
UGLY='datasource db {
provider = "postgresql"
}
model User {
  id Int @id
     email   String @unique
}'
BAD='model User {
  id Int @id
  this is wrong
}
'

t "no arguments is a usage error" 2 "$SHALE"
t "--help" 0 "$SHALE" --help; has "--help lists validate" "validate"; has "--help lists format" "format"
t "--version" 0 "$SHALE" --version; has "--version prints the version" "^shale [0-9]"
t "unknown command" 2 "$SHALE" frobnicate; has "unknown command is named" "frobnicate"
t "validate --help" 0 "$SHALE" validate --help; has "validate --help shows usage" "usage: shale validate"
t "format --help" 0 "$SHALE" format --help; has "format --help shows usage" "usage: shale format"
t "unknown option" 2 "$SHALE" validate --frob
t "bad --format value" 2 "$SHALE" validate --format xml --schema x

mkdir -p "$T/a" "$T/b/prisma" "$T/c" "$T/multi/sub" "$T/empty"
printf '%s' "$GOOD" > "$T/a/schema.prisma"
printf '%s' "$BAD" > "$T/b/prisma/schema.prisma"
(cd "$T/a" && t "finds ./schema.prisma" 0 "$SHALE" validate); has "names the schema it validated" "schema.prisma is valid"
(cd "$T/b" && t "finds ./prisma/schema.prisma" 1 "$SHALE" validate); has "reports the error in prisma/schema.prisma" "prisma/schema.prisma:3:3: error:"
(cd "$T/c" && t "no schema anywhere is a usage error" 2 "$SHALE" validate); has "says where it looked" "prisma/schema.prisma"
t "missing file" 2 "$SHALE" validate --schema "$T/nope.prisma"; has "missing file is named" "nope.prisma"
t "folder without .prisma files" 2 "$SHALE" validate --schema "$T/empty"; has "empty folder is named" "holds no"

printf 'datasource db {\n  provider = "postgresql"\n}\n' > "$T/multi/a.prisma"
printf 'model User {\n  id Int @id\n}\n' > "$T/multi/sub/user.prisma"
printf 'not a schema file\n' > "$T/multi/notes.txt"
t "multi-file folder validates" 0 "$SHALE" validate --schema "$T/multi"
printf 'model Post {\n  id Int @id\n  oops oops oops\n}\n' > "$T/multi/post.prisma"
t "multi-file error" 1 "$SHALE" validate --schema "$T/multi"; has "multi-file error names its file" "multi/post.prisma:3:3"

# JSON
"$SHALE" validate --format json --schema "$T/b/prisma/schema.prisma" > "$T/json" 2>/dev/null; rc=$?
[ $rc = 1 ] && echo "ok - json exit code 1" || echo "not ok - json exit code ($rc)"
if python3 - "$T/json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
x = d["diagnostics"][0]
assert d["errors"] == 1 and d["warnings"] == 0, d
assert x["severity"] == "error" and x["code"] == "E0002", x
assert x["start"] == {"line": 3, "column": 3, "offset": 28}, x["start"]
assert x["end"]["line"] == 3 and x["end"]["column"] == 16, x["end"]
assert x["file"].endswith("prisma/schema.prisma")
assert x["notes"][0]["message"].startswith("unexpected"), x["notes"]
PY
then echo "ok - json document has file, span, severity, code, notes"; else echo "not ok - json document"; fi
"$SHALE" validate --format json --schema "$T/a/schema.prisma" > "$T/json" 2>/dev/null
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["diagnostics"]==[] and d["errors"]==0' "$T/json" \
  && echo "ok - json for a valid schema is an empty list" || echo "not ok - json for a valid schema"

# Colour: never when piped; on a terminal unless NO_COLOR.
"$SHALE" validate --schema "$T/b/prisma/schema.prisma" 2> "$T/err" >/dev/null
if grep -q $'\x1b\[' "$T/err"; then echo "not ok - no colour when piped"; else echo "ok - no colour when piped"; fi
if command -v script >/dev/null; then
  script -qec "$SHALE validate --schema $T/b/prisma/schema.prisma" /dev/null > "$T/tty" 2>&1
  grep -q $'\x1b\[' "$T/tty" && echo "ok - colour on a terminal" || echo "not ok - colour on a terminal"
  NO_COLOR=1 script -qec "$SHALE validate --schema $T/b/prisma/schema.prisma" /dev/null > "$T/tty" 2>&1
  grep -q $'\x1b\[' "$T/tty" && echo "not ok - NO_COLOR turns colour off" || echo "ok - NO_COLOR turns colour off"
fi

# format in place
printf '%s' "$UGLY" > "$T/ugly.prisma"; chmod 640 "$T/ugly.prisma"
t "format --check on an unformatted file" 1 "$SHALE" format --check "$T/ugly.prisma"; has "--check names the file" "ugly.prisma is not formatted"
printf '%s' "$UGLY" > "$T/ugly.orig"; same "--check changes nothing" "$T/ugly.prisma" "$T/ugly.orig"
t "format rewrites in place" 0 "$SHALE" format "$T/ugly.prisma"
printf '%s' "$GOOD" > "$T/good.expected"; same "formatted file is right" "$T/ugly.prisma" "$T/good.expected"
[ "$(stat -c %a "$T/ugly.prisma")" = 640 ] && echo "ok - format keeps the file mode" || echo "not ok - format keeps the file mode ($(stat -c %a "$T/ugly.prisma"))"
ls "$T" | grep -q 'ugly.prisma\.' && echo "not ok - no temporary file left behind" || echo "ok - no temporary file left behind"
ino=$(stat -c %i "$T/ugly.prisma")
t "format on a formatted file" 0 "$SHALE" format "$T/ugly.prisma"
[ "$(stat -c %i "$T/ugly.prisma")" = "$ino" ] && echo "ok - a formatted file is not rewritten" || echo "not ok - a formatted file is not rewritten"
t "format --check on a formatted file" 0 "$SHALE" format --check "$T/ugly.prisma"
printf '%s' "$BAD" > "$T/bad.prisma"; cp "$T/bad.prisma" "$T/bad.orig"
t "format refuses a file with syntax errors" 1 "$SHALE" format "$T/bad.prisma"; has "format says why" "not rewritten because of syntax errors"
same "a file with syntax errors is left alone" "$T/bad.prisma" "$T/bad.orig"
printf 'model A {\n  id Int @id\n' > "$T/open.prisma"
t "format - refuses an unclosed block" 1 "$SHALE" format - < "$T/open.prisma"; has "unclosed block is explained" 'expected `}` to close model `A`'
printf '%s' "$UGLY" | "$SHALE" format - > "$T/stdout" 2>/dev/null; rc=$?
[ $rc = 0 ] && echo "ok - format - exits 0" || echo "not ok - format - exits 0 ($rc)"
same "format - writes the formatted text to stdout" "$T/stdout" "$T/good.expected"
printf '%s' "$UGLY" > "$T/a/schema.prisma"
(cd "$T/a" && t "format finds ./schema.prisma" 0 "$SHALE" format); same "format of the discovered schema" "$T/a/schema.prisma" "$T/good.expected"
printf 'model B {\nid Int @id\n}\n' > "$T/multi/sub/user.prisma"; rm "$T/multi/post.prisma"
printf 'model P {\n  oops oops oops\n}\n' > "$T/multi/broken.prisma"; cp "$T/multi/broken.prisma" "$T/broken.orig"
t "format a folder with one broken file" 1 "$SHALE" format "$T/multi"
same "the broken file of a folder is left alone" "$T/multi/broken.prisma" "$T/broken.orig"
printf 'model B {\n  id Int @id\n}\n' > "$T/b.expected"; same "the clean files of that folder are formatted" "$T/multi/sub/user.prisma" "$T/b.expected"
rm "$T/multi/broken.prisma"; printf 'model B {\nid Int @id\n}\n' > "$T/multi/sub/user.prisma"
t "format a folder" 0 "$SHALE" format "$T/multi"
printf 'model B {\n  id Int @id\n}\n' > "$T/b.expected"; same "every file of a folder is formatted" "$T/multi/sub/user.prisma" "$T/b.expected"

# ---- migrate diff -------------------------------------------------------------------
GOLD=$(cd "$(dirname "$0")/golden/create" && pwd)
t "migrate diff --script prints the creation script" 0 "$SHALE" migrate diff --from-empty --to-schema "$GOLD/tennis.prisma" --script
same "the creation script is Prisma's, byte for byte" "$T/out" "$GOLD/tennis.sql"
t "migrate diff -o writes the script to a file" 0 "$SHALE" migrate diff --from-empty --to-schema "$GOLD/tennis.prisma" --script -o "$T/tennis.sql"
same "the file holds the same script" "$T/tennis.sql" "$GOLD/tennis.sql"
t "migrate diff without --script prints a summary" 0 "$SHALE" migrate diff --from-empty --to-schema "$GOLD/tennis.prisma"
has "the summary lists the added tables" '\[+\] Added tables'
t "migrate diff --exit-code: 2 when there is a difference" 2 "$SHALE" migrate diff --from-empty --to-schema "$GOLD/tennis.prisma" --exit-code
printf 'datasource db {\n  provider = "postgresql"\n}\n' > "$T/empty.prisma"
t "migrate diff --exit-code: 0 when there is none" 0 "$SHALE" migrate diff --from-empty --to-schema "$T/empty.prisma" --script --exit-code
has "an empty schema is an empty migration" '^-- This is an empty migration\.$'
printf 'datasource db {\n  provider = "postgresql"\n}\n\nmodel A {\n  id Int @id\n  b  Strin\n}\n' > "$T/invalid.prisma"
t "migrate diff of an invalid schema exits 1" 1 "$SHALE" migrate diff --from-empty --to-schema "$T/invalid.prisma" --script
has "and shows why" 'Type "Strin" is neither a built-in type'
t "migrate diff of a missing file exits 1" 1 "$SHALE" migrate diff --from-empty --to-schema "$T/nope.prisma" --script
t "migrate diff --from-url of an unreachable server exits 1" 1 "$SHALE" migrate diff --from-url postgresql://u:secret@127.0.0.1:1/x --to-schema "$GOLD/tennis.prisma"
has "the reason names the server" '127.0.0.1'
if grep -q secret "$T/out"; then echo "not ok - the password is not printed"; else echo "ok - the password is not printed"; fi
t "migrate diff --from-migrations needs a shadow database" 1 "$SHALE" migrate diff --from-migrations "$T" --to-schema "$GOLD/tennis.prisma"
has "and says so" 'shadow-database-url'
t "migrate diff from a schema to empty" 0 "$SHALE" migrate diff --from-schema "$GOLD/tennis.prisma" --to-empty --script
has "drops the tables, qualified as Prisma writes them" '^DROP TABLE "public"."User";$'
has "and warns on stderr that their data goes" '^warning: You are about to drop the `User` table'
t "migrate diff of a schema against itself" 0 "$SHALE" migrate diff --from-schema "$GOLD/tennis.prisma" --to-schema "$GOLD/tennis.prisma" --script --exit-code
has "is an empty migration" '^-- This is an empty migration\.$'
t "migrate diff summary of a schema against itself" 0 "$SHALE" migrate diff --from-schema "$GOLD/tennis.prisma" --to-schema "$GOLD/tennis.prisma"
has "says there is no difference" '^No difference detected\.$'
t "migrate diff with an invalid source and target exits 1" 1 "$SHALE" migrate diff --from-schema "$T/invalid.prisma" --to-schema "$T/nope.prisma"
has "reports the source" 'invalid.prisma. is not a valid schema'
has "and the target in the same run" 'nope.prisma'
# A model mapped onto the join table of an implicit m:n relation validates (Prisma
# accepts it too) but gives two definitions of one table: refused, saying why.
printf 'datasource db {\n  provider = "postgresql"\n}\n\nmodel A {\n  id Int @id\n  bs B[]\n}\n\nmodel B {\n  id Int @id\n  as A[]\n}\n\nmodel AB {\n  A Int\n  B Int\n\n  @@id([A, B])\n  @@map("_AToB")\n}\n' > "$T/clash.prisma"
t "migrate diff of a model mapped onto an m:n join table exits 1" 1 "$SHALE" migrate diff --from-empty --to-schema "$T/clash.prisma" --script
has "and says the two need the same database object" 'clash.prisma: two parts of the schema need the same table.*nothing was compared'
printf 'datasource db {\n  provider = "postgresql"\n}\n\nmodel U {\n  id   Int    @id\n  name String\n}\n' > "$T/r1.prisma"
printf 'datasource db {\n  provider = "postgresql"\n}\n\nmodel U {\n  id       Int    @id\n  fullName String\n}\n' > "$T/r2.prisma"
t "migrate diff of a renamed field" 0 "$SHALE" migrate diff --from-schema "$T/r1.prisma" --to-schema "$T/r2.prisma" --script
has "drops and adds the column, as Prisma" '^ALTER TABLE "U" DROP COLUMN "name",$'
has "hints at the rename that keeps the data" '^hint: column `name` of table `U` is dropped and `fullName` .*RENAME COLUMN "name" TO "fullName" instead'
DG=$(cd "$(dirname "$0")/golden/diff" && pwd)
t "migrate diff that removes autoincrement" 0 "$SHALE" migrate diff --from-schema "$DG/default_removed_autoincrement/from.prisma" --to-schema "$DG/default_removed_autoincrement/to.prisma" --script
has "prints Prisma's DROP SEQUENCE \"\"" '^DROP SEQUENCE "";$'
has "and cautions that PostgreSQL rejects it" '^caution: the script drops a sequence with an empty name'
t "migrate diff of an autoincrement Int to BigInt" 0 "$SHALE" migrate diff --from-schema "$DG/type_autoincrement_id_int_to_bigint/from.prisma" --to-schema "$DG/type_autoincrement_id_int_to_bigint/to.prisma" --script
has "cautions about SET DATA TYPE BIGSERIAL" '^caution: .*SET DATA TYPE BIGSERIAL.*write SET DATA TYPE BIGINT instead'
t "migrate diff removing an enum value used by a new column" 0 "$SHALE" migrate diff --from-schema "$DG/enum_value_removed_and_column_added/from.prisma" --to-schema "$DG/enum_value_removed_and_column_added/to.prisma" --script
has "cautions that the enum swap comes too early" '^caution: the AlterEnum step converts columns of `Role`'
t "migrate diff errors exit 1 under --exit-code" 1 "$SHALE" migrate diff --from-url postgresql://x --to-empty --exit-code
t "migrate diff needs a source and a target" 2 "$SHALE" migrate diff --script
t "migrate --help" 0 "$SHALE" migrate --help
t "migrate with an unknown subcommand" 2 "$SHALE" migrate frobnicate
t "shale --help lists migrate" 0 "$SHALE" --help
has "migrate is in the command list" 'migrate'
