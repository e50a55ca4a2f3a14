#!/usr/bin/env bash
# bootstrap.sh - set up shale on a fresh Debian machine and run it.
#
#   ./bootstrap.sh        install what is missing, build, and run shale on samples/tennis
#   ./bootstrap.sh test   install what is missing, build, and run the whole test suite:
#                         the normal build, then again under ASan+UBSan, then the test
#                         programs and the CLI under valgrind; the last line is
#                         "total: N passed, N failed, N skipped"
#
# Packages come from apt-get (with sudo when not root). The build goes to ./build.
set -euo pipefail
cd "$(dirname "$0")"
mode=${1:-demo}
case $mode in demo|test) ;; *) echo "usage: $0 [demo|test]" >&2; exit 2;; esac

packages="build-essential autoconf automake pkg-config re2c lemon libpq-dev libssl-dev libjansson-dev python3 util-linux"
# The tests run a real PostgreSQL server (tests/pg.sh) from the postgresql package.
[ "$mode" = test ] && packages="$packages clang valgrind postgresql"
missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "bootstrap: installing$missing"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi

[ -x configure ] && [ configure -nt configure.ac ] && [ configure -nt Makefile.am ] || autoreconf -fi >/dev/null
mkdir -p build
if [ ! -f build/Makefile ] || [ build/Makefile -ot configure ]; then
  (cd build && ../configure -q --enable-werror)
fi
make -C build -j2 -s >/dev/null

if [ "$mode" = demo ]; then
  set -x
  build/shale validate --schema samples/tennis/schema.prisma
  build/shale format --check samples/tennis/schema.prisma
  build/shale migrate diff --from-empty --to-schema samples/tennis/schema.prisma --script
  exit 0
fi

total_pass=0; total_fail=0; total_skip=0
run_suite() { # run_suite LABEL MAKE-ARGS... : runs a suite, adds its closing counts
  local label=$1; shift
  local log; log=$(mktemp)
  set +e; "$@" 2>&1 | tee "$log"; set -e
  local line; line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
  rm -f "$log"
  if [ -z "$line" ]; then
    echo "bootstrap: the $label suite did not finish (no summary line)"; total_fail=$((total_fail+1)); return
  fi
  local p f s
  p=$(echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/')
  f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
  s=$(echo "$line" | sed -nE 's/.* ([0-9]+) skipped.*/\1/p')
  total_pass=$((total_pass+p)); total_fail=$((total_fail+f)); total_skip=$((total_skip+${s:-0}))
}
run_suite normal env FUZZ_SECONDS="${FUZZ_SECONDS:-30}" make -C build check
run_suite asan env FUZZ_SECONDS=0 make -C build check-asan
run_suite valgrind make -C build check-valgrind
echo "total: $total_pass passed, $total_fail failed, $total_skip skipped"
[ "$total_fail" = 0 ]
