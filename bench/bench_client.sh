#!/usr/bin/env bash
# bench_client.sh SHALE BENCH_CLIENT - runs bench/bench_client on a throwaway server
# (tests/pg.sh; data on /dev/shm when there is one) in a fresh database holding the
# table of bench/client/schema.prisma, created by shale's own creation script.
set -u
SHALE=$1 BIN=$2
SRC=$(cd "${SRCDIR:-$(dirname "$0")/..}" && pwd)
if [ -d /dev/shm ] && [ -w /dev/shm ]; then export TMPDIR=/dev/shm; fi
. "$SRC/tests/pg.sh"
trap 'pg_stop > /dev/null 2>&1' EXIT
pg_start > /dev/null || { echo "bench-client: cannot start PostgreSQL" >&2; exit 1; }
pg_psql postgres -qc "CREATE DATABASE bench_client" > /dev/null || exit 1
"$SHALE" migrate diff --from-empty --to-schema "$SRC/bench/client/schema.prisma" --script | pg_psql bench_client -q > /dev/null || exit 1
echo "bench-client: PostgreSQL $(pg_psql postgres -Atc 'SHOW server_version'), loopback TCP, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
"$BIN" "$(pg_url bench_client)" "${BENCH_CLIENT_SCALE:-1}"
rc=$?
exit $rc
