#!/usr/bin/env bash
# Start a local PostgreSQL for the store tests and export MARSAD_TEST_PG_URL.
# Sourced by .ci/run (so the export reaches `make test`); also runnable on its own,
# in which case it prints the URL to export. Installs Debian's postgresql if missing.
# Idempotent: an existing cluster, role or database is reused.
set -eu
PG_USER="${MARSAD_PG_USER:-marsad}"
PG_PASS="${MARSAD_PG_PASSWORD:-marsad}"
PG_DB="${MARSAD_PG_DB:-marsad_test}"
PG_PORT="${MARSAD_PG_PORT:-5432}"

if ! command -v pg_ctlcluster >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq postgresql >/dev/null
fi

if command -v pg_lsclusters >/dev/null 2>&1; then
  if [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
    ver="$(ls /usr/lib/postgresql | sort -V | tail -1)"
    pg_createcluster "$ver" main --port "$PG_PORT" >/dev/null
  fi
  read -r ver name port _ < <(pg_lsclusters -h | head -1)
  PG_PORT="$port"
  pg_ctlcluster "$ver" "$name" start 2>/dev/null || true
else
  service postgresql start >/dev/null 2>&1 || true
fi

# wait for the server (up to ~15 s)
for _ in $(seq 30); do
  if su postgres -c "psql -p $PG_PORT -qAtc 'select 1'" >/dev/null 2>&1; then break; fi
  sleep 0.5
done

su postgres -c "psql -p $PG_PORT -qAtc \"select 1 from pg_roles where rolname='$PG_USER'\"" | grep -q 1 \
  || su postgres -c "psql -p $PG_PORT -qc \"create role $PG_USER login password '$PG_PASS' createdb\"" >/dev/null
su postgres -c "psql -p $PG_PORT -qAtc \"select 1 from pg_database where datname='$PG_DB'\"" | grep -q 1 \
  || su postgres -c "createdb -p $PG_PORT -O $PG_USER $PG_DB"

MARSAD_TEST_PG_URL="postgresql://$PG_USER:$PG_PASS@localhost:$PG_PORT/$PG_DB"
export MARSAD_TEST_PG_URL
echo "MARSAD_TEST_PG_URL=$MARSAD_TEST_PG_URL"
