#!/usr/bin/env bash
# db.sh [SHALE] - `shale db start|stop|status` on the real PostgreSQL server programs: a
# development cluster in a temporary project's .shale/pg, reached with psql through the
# printed DATABASE_URL; starting twice, stopping, the remembered port; the errors for
# missing server programs and bad usage. Prints "ok - ..." / "not ok - ..." lines for
# tests/run.sh; without server programs it reports one skip.
# Environment: SHALE (or the first argument), SRCDIR, PG_BIN (as tests/pg.sh).
set -u
SHALE=${1:-${SHALE:?usage: db.sh SHALE (or set SHALE)}}
SHALE=$(cd "$(dirname "$SHALE")" && pwd)/$(basename "$SHALE")
SRC=$(cd "${SRCDIR:-$(dirname "$0")/..}" && pwd)
. "$SRC/tests/pg.sh" # for pg__bin: the same server programs the other tests use
T=$(mktemp -d)
# As root the server runs as `postgres`, which must be able to enter the project.
chmod 755 "$T"
P=$T/proj
mkdir "$P"

cleanup() {
  "$SHALE" db stop --dir "$P" > /dev/null 2>&1
  # If stop failed, end the postmaster by its own pid so no server outlives the test.
  local pid; pid=$(head -1 "$P/.shale/pg/data/postmaster.pid" 2> /dev/null)
  if [ -n "$pid" ] && kill -0 "$pid" 2> /dev/null; then kill -KILL "$pid" 2> /dev/null; fi
  rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

t() { # t NAME EXPECTED_EXIT COMMAND... : stdout in $T/out, stderr in $T/err
  local name=$1 want=$2; shift 2
  "$@" > "$T/out" 2> "$T/err"; local rc=$?
  if [ "$rc" = "$want" ]; then echo "ok - $name"
  else echo "not ok - $name (exit $rc, want $want)"; cat "$T/out" "$T/err" | sed 's/^/#   /' | head -20; fi
}
has() { # has NAME PATTERN [FILE] : the last stdout (or FILE) matches the extended regex PATTERN
  local f=${3:-$T/out}
  if grep -Eq -- "$2" "$f"; then echo "ok - $1"; else echo "not ok - $1"; sed 's/^/#   /' "$f" | head -10; fi
}
lacks() { # lacks NAME PATTERN [FILE]
  local f=${3:-$T/out}
  if grep -Eq -- "$2" "$f"; then echo "not ok - $1"; sed 's/^/#   /' "$f" | head -10; else echo "ok - $1"; fi
}

bin=$(pg__bin)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ] || [ ! -x "$bin/pg_ctl" ]; then
  echo "ok - shale db # SKIP no PostgreSQL server programs (install postgresql or set PG_BIN)"
  exit 0
fi
if [ "$(id -u)" = 0 ] && ! id postgres > /dev/null 2>&1; then
  echo "ok - shale db # SKIP running as root and there is no postgres user"
  exit 0
fi
PSQL=$bin/psql; [ -x "$PSQL" ] || PSQL=psql
psql_at() { "$PSQL" -X -q -At -d "$1" -c "$2"; }

# ---- usage -----------------------------------------------------------------------
t "db without a subcommand is a usage error" 2 "$SHALE" db
t "db with an unknown subcommand is a usage error" 2 "$SHALE" db frobnicate
has "the unknown subcommand is named" "frobnicate" "$T/err"
t "db start with an unknown option is a usage error" 2 "$SHALE" db start --frob
t "db --help" 0 "$SHALE" db --help; has "db --help shows usage" "usage: shale db start\|stop\|status"
t "shale --help" 0 "$SHALE" --help; has "shale --help lists db" "^  db "

# ---- a cluster's life ----------------------------------------------------------------
t "status before the first start" 0 "$SHALE" db status --dir "$P"
has "status says there is no database yet" "no development database"
[ ! -e "$P/.shale" ] && echo "ok - status creates nothing" || echo "not ok - status creates nothing"

cd "$P" || exit 1
t "start creates and starts the cluster" 0 "$SHALE" db start
has "start prints DATABASE_URL on stdout" '^DATABASE_URL="postgresql://postgres@127\.0\.0\.1:[0-9]+/shale"$'
[ "$(wc -l < "$T/out")" = 1 ] && echo "ok - the URL is start's only stdout" || echo "not ok - the URL is start's only stdout"
has "start says it created the cluster" "Created a PostgreSQL" "$T/err"
url=$(sed -n 's/^DATABASE_URL="\(.*\)"$/\1/p' "$T/out")
port=${url##*:}; port=${port%%/*}
[ -f .shale/pg/port ] && [ "$(cat .shale/pg/port)" = "$port" ] &&
  echo "ok - the port is remembered in .shale/pg/port" || echo "not ok - the port is remembered in .shale/pg/port"
[ -f .shale/pg/data/PG_VERSION ] && echo "ok - the data folder is .shale/pg/data" || echo "not ok - the data folder is .shale/pg/data"
grep -qx '\*' .shale/.gitignore 2> /dev/null && echo "ok - .shale/.gitignore ignores the cluster" ||
  echo "not ok - .shale/.gitignore ignores the cluster"

t "status while running" 0 "$SHALE" db status
has "status says it is running" "is running"
has "status names the data folder" "data folder: $P/.shale/pg/data$"
has "status prints the same URL" "^DATABASE_URL=\"$url\"$"

if got=$(psql_at "$url" "SELECT current_database() || ' ' || current_setting('listen_addresses') || ' ' || pg_encoding_to_char(encoding) || ' ' || datcollate FROM pg_database WHERE datname = current_database()" 2>&1); then
  [ "$got" = "shale 127.0.0.1 UTF8 C" ] && echo "ok - psql connects to the printed URL (database shale, 127.0.0.1 only, UTF8, locale C)" ||
    { echo "not ok - psql connects to the printed URL: got '$got'"; }
else
  echo "not ok - psql connects to the printed URL"; echo "$got" | sed 's/^/#   /'
fi
psql_at "$url" "CREATE TABLE kept (id int); INSERT INTO kept VALUES (42)" > /dev/null 2>&1

t "start again while running" 0 "$SHALE" db start
has "start again says it is already running" "already running" "$T/err"
has "start again prints the same URL" "^DATABASE_URL=\"$url\"$"

(cd / && t "stop with --dir from another folder" 0 "$SHALE" db stop --dir "$P")
has "stop says it stopped" "Stopped"
t "status after stop" 0 "$SHALE" db status
has "status says it is not running" "not running"
has "a stopped cluster still shows its URL" "^DATABASE_URL=\"$url\"$"
if psql_at "$url" "SELECT 1" > /dev/null 2>&1; then echo "not ok - the server is really stopped"; else echo "ok - the server is really stopped"; fi
t "stop when stopped is fine" 0 "$SHALE" db stop
has "stop when stopped says so" "not running"

t "start after stop" 0 "$SHALE" db start
has "the port stays the same" "^DATABASE_URL=\"$url\"$"
lacks "no second initdb" "Created" "$T/err"
[ "$(psql_at "$url" "SELECT id FROM kept" 2>&1)" = 42 ] && echo "ok - the data survives a restart" || echo "not ok - the data survives a restart"
t "stop again" 0 "$SHALE" db stop
cd "$T" || exit 1

# ---- errors ----------------------------------------------------------------------------
mkdir "$T/nobin" "$T/proj2"; chmod 755 "$T/proj2"
t "no server programs (PG_BIN is an empty folder) is an error" 1 env PG_BIN="$T/nobin" "$SHALE" db start --dir "$T/proj2"
has "the error says to install postgresql" "install postgresql" "$T/err"
has "the error names PG_BIN" "PG_BIN=$T/nobin" "$T/err"
[ ! -e "$T/proj2/.shale/pg/data" ] && echo "ok - nothing is initialised without server programs" ||
  echo "not ok - nothing is initialised without server programs"
t "a project folder that does not exist is an error" 1 "$SHALE" db start --dir "$T/missing"
has "the missing folder is named" "$T/missing" "$T/err"
