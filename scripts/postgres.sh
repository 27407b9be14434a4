#!/usr/bin/env bash
# A throwaway PostgreSQL server for the store's tests, on 127.0.0.1 without Docker.
#   scripts/postgres.sh start   install the server if missing (Debian/Ubuntu, root), start it, print its URL
#   scripts/postgres.sh stop
# Env: PGPORT (55432), PGDATA_DIR (.tmp/postgres).
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PGPORT:-55432}
data=${PGDATA_DIR:-$PWD/.tmp/postgres}
say() { echo "postgres: $*" >&2; }

bin_dir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] && echo "$dir"
}

ensure_installed() {
  if [ -z "$(bin_dir)" ]; then
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
      say "no PostgreSQL server found: install it, or set DATABASE_URL"; exit 1
    fi
    say "installing PostgreSQL from Debian's packages"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  fi
}

# initdb and postgres refuse to run as root: use the postgres account when we are root.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    ensure_installed
    bin=$(bin_dir)
    mkdir -p "$(dirname "$data")"
    if [ ! -f "$data/PG_VERSION" ]; then
      mkdir -p "$data"
      [ "$(id -u)" = 0 ] && chown postgres:postgres "$data"
      as_owner "$bin/initdb" -D "$data" -U stixmill --auth=trust >/dev/null
    fi
    if ! as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
      as_owner "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
        -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off" start >&2
    fi
    "$bin/psql" -h 127.0.0.1 -p "$port" -U stixmill -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='stixmill_test'" | grep -q 1 ||
      "$bin/psql" -h 127.0.0.1 -p "$port" -U stixmill -d postgres -qc "CREATE DATABASE stixmill_test" >&2
    echo "postgres://stixmill@127.0.0.1:$port/stixmill_test"
    ;;
  stop)
    bin=$(bin_dir)
    as_owner "$bin/pg_ctl" -D "$data" -m fast stop >&2 || true
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
