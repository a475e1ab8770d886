#!/usr/bin/env bash
# Services for the web and storage tests (run as root; idempotent):
#   - installs Debian's chromium and postgresql packages if missing,
#   - starts a PostgreSQL cluster listening on 127.0.0.1 only,
#   - creates the vitk_test role and database,
#   - prints VITK_TEST_POSTGRES_URL=... on stdout (everything else goes to stderr).
set -euo pipefail
exec 3>&1 1>&2

PGPORT=${VITK_TEST_PGPORT:-5432}
PGPASS=${VITK_TEST_PGPASSWORD:-vitk_test}

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
if [ "${#need[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "ci-services: need root to install: ${need[*]}" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi

PGVER=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | awk '{print $1"/"$2}' | grep -qx "$PGVER/main"; then
  pg_createcluster "$PGVER" main -p "$PGPORT" -- --auth-local=peer --auth-host=scram-sha-256
fi
CONF=/etc/postgresql/$PGVER/main/postgresql.conf
# Loopback only: the test database must never listen on other interfaces.
sed -i "s/^#\?listen_addresses.*/listen_addresses = '127.0.0.1'/" "$CONF"
PORT=$(pg_lsclusters -h | awk -v v="$PGVER" '$1==v && $2=="main" {print $3}')
if ! pg_lsclusters -h | awk -v v="$PGVER" '$1==v && $2=="main" {print $4}' | grep -q online; then
  # The server is a daemon: it must not inherit this script's stdout (fd 3) or
  # the caller's stderr, or whoever reads them waits for an EOF that never comes.
  # (A clean CI machine hung here for the whole CI budget before this.)
  START_LOG=$(mktemp /tmp/vitk-pg-start.XXXXXX)
  if ! pg_ctlcluster "$PGVER" main start </dev/null >"$START_LOG" 2>&1 3>&-; then
    cat "$START_LOG" >&2
    exit 1
  fi
  cat "$START_LOG" >&2
fi

psql_su() { su postgres -c "psql -p $PORT -v ON_ERROR_STOP=1 -qAt $*"; }
for _ in $(seq 1 30); do
  if su postgres -c "pg_isready -q -p $PORT"; then break; fi
  sleep 1
done
if [ "$(psql_su "-c \"SELECT 1 FROM pg_roles WHERE rolname='vitk_test'\"")" != "1" ]; then
  psql_su "-c \"CREATE ROLE vitk_test LOGIN PASSWORD '$PGPASS'\""
fi
if [ "$(psql_su "-c \"SELECT 1 FROM pg_database WHERE datname='vitk_test'\"")" != "1" ]; then
  psql_su "-c \"CREATE DATABASE vitk_test OWNER vitk_test\""
fi

echo "VITK_TEST_POSTGRES_URL=postgresql+psycopg://vitk_test:$PGPASS@127.0.0.1:$PORT/vitk_test" >&3
