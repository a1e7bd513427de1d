#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the tests (store suite, distributed audits) and prints the
# variable that points the tests at it:
#   eval "$(scripts/postgres-test.sh start)"   # exports CLARTE_TEST_POSTGRES_URL
#   scripts/postgres-test.sh stop
# The cluster lives in a temporary folder (PGTEST_DIR, default /tmp/clarte-pg), listens on loopback
# (PGTEST_PORT, default 54329) and trusts local connections: for tests only, never for data.
# PostgreSQL comes from Debian's packages (`apt-get install postgresql`); run as root, the server
# runs as the `postgres` system user the package creates.
set -euo pipefail
dir="${PGTEST_DIR:-/tmp/clarte-pg}"
port="${PGTEST_PORT:-54329}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$bin/postgres" ] || { echo "PostgreSQL introuvable (apt-get install postgresql)" >&2; exit 1; }
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "${1:-start}" in
  start)
    if [ ! -f "$dir/PG_VERSION" ]; then
      mkdir -p "$dir"
      [ "$(id -u)" = 0 ] && chown postgres: "$dir"
      as_pg "$bin/initdb" -D "$dir" -U clarte --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! as_pg "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
      as_pg "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
    fi
    echo "export CLARTE_TEST_POSTGRES_URL=postgres://clarte@127.0.0.1:$port/postgres"
    ;;
  stop)
    as_pg "$bin/pg_ctl" -D "$dir" -m fast stop >/dev/null 2>&1 || true
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
