#!/usr/bin/env bash
# robustness.sh SHALE_BIN - hostile inputs: shale must answer every one with exit 0, 1
# or 2 (never a signal), within 10 seconds, and never format a file whose block
# structure is broken. Prints "ok - name" / "not ok - name".
set -u
SHALE=$(cd "$(dirname "${1:?usage: robustness.sh SHALE_BIN}")" && pwd)/$(basename "$1")
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
export NO_COLOR=1

run() { # run NAME FILE WANT_VALIDATE : validate and format one input
  local name=$1 f=$2 want=$3 rc
  timeout 10 "$SHALE" validate --schema "$f" > "$T/v.out" 2>&1; rc=$?
  if [ $rc = "$want" ]; then echo "ok - validate $name"; else echo "not ok - validate $name (exit $rc, want $want)"; fi
  timeout 10 "$SHALE" format - < "$f" > "$T/f.out" 2>&1; rc=$?
  if [ $rc -le 2 ]; then echo "ok - format $name"; else echo "not ok - format $name (exit $rc)"; fi
  timeout 10 "$SHALE" validate --format json --schema "$f" > "$T/j.out" 2>/dev/null
  if python3 -m json.tool "$T/j.out" >/dev/null 2>&1; then echo "ok - json $name"; else echo "not ok - json $name"; fi
}

head -c 1000000 /dev/urandom > "$T/garbage.prisma"; run "binary garbage" "$T/garbage.prisma" 1
printf 'model A {\n  id Int @id\n  na\0me String\n}\n' > "$T/nul.prisma"; run "NUL byte in a model" "$T/nul.prisma" 1
printf 'model A {\n  id Int @id\n  name Str' > "$T/trunc1.prisma"; run "truncated mid-line" "$T/trunc1.prisma" 1
printf 'model A {\n  id Int @id\n  name String @default("abc' > "$T/trunc2.prisma"; run "truncated mid-string" "$T/trunc2.prisma" 1
{ printf 'model A {\n  id Int @id\n  x String @default("'; head -c 10000000 /dev/zero | tr '\0' 'a'; printf '")\n}\n'; } > "$T/longline.prisma"
run "10 MB line" "$T/longline.prisma" 0
{ printf 'model A {\n  id Int @id\n  x Int[] @default('; for i in $(seq 10000); do printf '['; done; printf '1'; for i in $(seq 10000); do printf ']'; done; printf ')\n}\n'; } > "$T/deep.prisma"
run "10,000-deep nesting" "$T/deep.prisma" 1
{ printf 'model A {\n  id Int @id\n  x Int @default('; for i in $(seq 10000); do printf 'f('; done; for i in $(seq 10000); do printf ')'; done; printf ')\n}\n'; } > "$T/deepcall.prisma"
run "10,000-deep function calls" "$T/deepcall.prisma" 1
yes '// comment' | head -100000 > "$T/comments.prisma"; run "100k comment lines" "$T/comments.prisma" 0
yes '' | head -100000 > "$T/blank.prisma"; run "100k blank lines" "$T/blank.prisma" 0
yes 'x y z' | head -100000 > "$T/badlines.prisma"; run "100k invalid lines" "$T/badlines.prisma" 1
printf 'model A {\n  id Int @id\n  s String @default("never closed\n}\n' > "$T/unterminated.prisma"; run "unterminated string" "$T/unterminated.prisma" 1
printf 'model A {\n  id Int @id\n' > "$T/open.prisma"; run "unterminated block" "$T/open.prisma" 1
if timeout 10 "$SHALE" format - < "$T/open.prisma" 2>/dev/null | grep -q .; then echo "not ok - an unclosed block is not formatted"; else echo "ok - an unclosed block is not formatted"; fi
printf '}\n' > "$T/brace.prisma"; run "a lone }" "$T/brace.prisma" 1
printf 'model \xff\xfe {\n  id Int @id\n  s String @default("\xc3\x28") // \xe2\x82\n}\n' > "$T/badutf8.prisma"; run "invalid UTF-8" "$T/badutf8.prisma" 1
printf 'model A {\r  id Int @id\r}\r' > "$T/cr.prisma"; run "CR line endings" "$T/cr.prisma" 0
printf 'model A {\r\n  id Int @id\r\n}\r\n' > "$T/crlf.prisma"; run "CRLF line endings" "$T/crlf.prisma" 0
: > "$T/empty.prisma"; run "empty file" "$T/empty.prisma" 0
printf '/* never closed\nmodel A {\n  id Int @id\n}\n' > "$T/opencomment.prisma"; run "unterminated block comment" "$T/opencomment.prisma" 1
{ for i in $(seq 20000); do printf 'model M%d {\n  id Int @id\n' "$i"; done; } > "$T/manyopen.prisma"; run "20,000 unclosed models" "$T/manyopen.prisma" 1
mkdir -p "$T/nofiles"; timeout 10 "$SHALE" validate --schema "$T/nofiles" >/dev/null 2>&1; rc=$?
[ $rc = 2 ] && echo "ok - folder without schema files is exit 2" || echo "not ok - folder without schema files ($rc)"
timeout 10 "$SHALE" validate --schema "$T/does-not-exist.prisma" >/dev/null 2>&1; rc=$?
[ $rc = 2 ] && echo "ok - missing file is exit 2" || echo "not ok - missing file ($rc)"
timeout 10 "$SHALE" validate --schema "$T" >/dev/null 2>&1; rc=$?
[ $rc = 1 ] && echo "ok - a folder of hostile files is validated together" || echo "not ok - folder of hostile files ($rc)"
if [ "$(id -u)" != 0 ]; then
  printf 'model A {\n  id Int @id\n}\n' > "$T/locked.prisma"; chmod 000 "$T/locked.prisma"
  timeout 10 "$SHALE" validate --schema "$T/locked.prisma" > "$T/out" 2>&1; rc=$?
  [ $rc = 2 ] && grep -q "locked.prisma" "$T/out" && echo "ok - unreadable file is exit 2 and named" || echo "not ok - unreadable file ($rc)"
fi
