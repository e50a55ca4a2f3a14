#!/usr/bin/env bash
# install.sh [SHALE] - `make install` of libshale as a user gets it: into a temporary
# DESTDIR, then a small program that includes <shale.h> and is compiled and linked with
# nothing but `pkg-config --cflags --libs shale` from the installed shale.pc.
# Prints "ok - ..." / "not ok - ..." lines for tests/run.sh.
# Environment: BUILDDIR (the configured build folder), CC, SAN_CFLAGS (the sanitizer
# flags libshale.a was built with, under `make check-asan`).
set -u
BUILDDIR=${BUILDDIR:?install.sh needs BUILDDIR, the build folder}
CC=${CC:-cc}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

ok() { echo "ok - $1"; }
bad() { echo "not ok - $1"; [ $# -gt 1 ] && printf '%s\n' "$2" | sed 's/^/#   /' | head -30; }

# prefix as configured; DESTDIR puts it under $T.
if out=$(make -s -C "$BUILDDIR" install-libLIBRARIES install-includeHEADERS install-pkgconfigDATA DESTDIR="$T/root" 2>&1); then
  ok "make install puts libshale, its headers and shale.pc under DESTDIR"
else
  bad "make install puts libshale, its headers and shale.pc under DESTDIR" "$out"; exit 0
fi
pc=$(find "$T/root" -name shale.pc | head -1)
lib=$(find "$T/root" -name libshale.a | head -1)
hdr=$(find "$T/root" -name shale.h | head -1)
if [ -n "$pc" ] && [ -n "$lib" ] && [ -n "$hdr" ] && [ -f "$(dirname "$hdr")/shale_code.h" ] \
   && [ -f "$(dirname "$hdr")/shale_model.h" ]; then
  ok "installed: $(echo "${lib#$T/root}") $(echo "${hdr#$T/root}") $(echo "${pc#$T/root}")"
else
  bad "installed files" "$(cd "$T/root" && find . -type f)"; exit 0
fi

# shale.pc names the configured prefix; a copy of it names the DESTDIR one instead
# (--define-variable would move libpq's prefix too).
prefix=$(sed -n 's/^prefix=//p' "$pc")
mkdir -p "$T/pc" && sed "s|^prefix=.*|prefix=$T/root$prefix|" "$pc" > "$T/pc/shale.pc"
export PKG_CONFIG_PATH="$T/pc"
cat > "$T/app.c" <<'C'
#include <shale.h>
#include <stdio.h>
int main(void)
{
    shale_error err = SHALE_ERROR_INIT;
    shale_client *c = NULL;
    /* Nothing listens on port 1: the call must fail cleanly with SHALE_ECONN. */
    int rc = shale_client_open(&c, "postgresql://nobody@127.0.0.1:1/none", NULL, &err);
    printf("%d %s\n", rc, shale_code_name(rc));
    shale_client_close(c);
    return rc == SHALE_ECONN ? 0 : 1;
}
C
flags=$(pkg-config --cflags --libs shale 2>&1)
case "$flags" in *-lshale*) ok "pkg-config --libs shale gives -lshale ($flags)";; *) bad "pkg-config shale" "$flags";; esac
if out=$($CC -std=c11 -Wall -Wextra -Wpedantic -Werror ${SAN_CFLAGS:-} -o "$T/app" "$T/app.c" $flags 2>&1); then
  ok "a program using <shale.h> builds with the installed flags alone (prefix $prefix)"
  if out=$("$T/app" 2>&1); then ok "and runs: $out"; else bad "the installed library runs" "$out"; fi
else
  bad "a program using <shale.h> builds with the installed flags alone" "$out"
fi
