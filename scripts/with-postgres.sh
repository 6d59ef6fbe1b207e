#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL server, then always stops it and
# deletes its files.
#
#   scripts/with-postgres.sh <command> [args...]
#   e.g. scripts/with-postgres.sh npx tsx scripts/postgres-integration.ts
#
# The command sees SWITCHYARD_PG_URL and DATABASE_URL set to
# postgresql://postgres@127.0.0.1:<port>/switchyard (trust auth, loopback only).
# If SWITCHYARD_PG_URL is already set, no server is started: the command runs
# against that server instead (e.g. a CI service container).
# Installs Debian's postgresql with apt when pg_ctl is missing.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 <command> [args...]" >&2
  exit 2
fi

if [ -n "${SWITCHYARD_PG_URL:-}" ]; then
  export DATABASE_URL="$SWITCHYARD_PG_URL"
  exec "$@"
fi

find_pg_bin() {
  if command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v pg_ctl)")"
    return
  fi
  # Debian keeps the binaries off PATH; take the newest installed major version.
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$dir" ] && [ -x "$dir/pg_ctl" ] && echo "$dir"
}

PG_BIN=$(find_pg_bin || true)
if [ -z "$PG_BIN" ]; then
  echo "with-postgres: pg_ctl not found; installing postgresql with apt" >&2
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
  PG_BIN=$(find_pg_bin)
fi

# initdb refuses to run as root: run the server as the `postgres` user then.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

TMP=$(mktemp -d /tmp/switchyard-pg.XXXXXX)
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$TMP"
DATA="$TMP/data"
STARTED=0

cleanup() {
  local status=$?
  if [ "$STARTED" -eq 1 ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$TMP"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A free loopback port: bind port 0 and read back what the kernel chose.
PORT=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')

as_pg "$PG_BIN/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --no-sync >"$TMP/initdb.log" 2>&1 ||
  { cat "$TMP/initdb.log" >&2; exit 1; }
STARTED=1
as_pg "$PG_BIN/pg_ctl" -D "$DATA" -l "$TMP/server.log" -w -t 30 \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $TMP -c fsync=off" start >/dev/null ||
  { cat "$TMP/server.log" >&2; exit 1; }
as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres switchyard

export SWITCHYARD_PG_URL="postgresql://postgres@127.0.0.1:$PORT/switchyard"
export DATABASE_URL="$SWITCHYARD_PG_URL"
echo "with-postgres: PostgreSQL $("$PG_BIN/pg_ctl" --version | awk '{print $3}') on 127.0.0.1:$PORT" >&2

# Not exec: the trap must run after the command to stop the server.
set +e
"$@"
status=$?
set -e
exit "$status"
