#!/usr/bin/env bash
# Install (if missing) and start what the tests need: PostgreSQL on loopback and Chromium.
# Idempotent; `make test` and `.ci/run` both call it. Prints the PostgreSQL URL for the tests.
set -euo pipefail

PG_DB=${NIGHTCRAMPS_TEST_PG_DB:-nightcramps_test}
PG_USER=nightcramps
PG_PASSWORD=nightcramps
PG_PORT=${NIGHTCRAMPS_TEST_PG_PORT:-5432}

need_apt=()
command -v pg_ctlcluster >/dev/null 2>&1 || need_apt+=(postgresql)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
# The clinician report: WeasyPrint needs Pango and the fonts it names; its tests read the PDF
# with poppler (pdftotext, pdffonts, pdftoppm).
command -v pdftotext >/dev/null 2>&1 || need_apt+=(poppler-utils)
ls /usr/lib/*/libpango-1.0.so.0 >/dev/null 2>&1 || need_apt+=(libpango-1.0-0)
ls /usr/lib/*/libpangoft2-1.0.so.0 >/dev/null 2>&1 || need_apt+=(libpangoft2-1.0-0)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need_apt+=(fonts-dejavu-core)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "test-services: please install ${need_apt[*]} (Debian packages) and rerun" >&2
    exit 1
  fi
  echo "test-services: installing ${need_apt[*]}" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >&2
fi

version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | awk '{print $2}' | grep -qx main; then
  pg_createcluster "$version" main -p "$PG_PORT" >&2
fi
cluster_version=$(pg_lsclusters -h | awk '$2=="main"{print $1; exit}')
if ! pg_lsclusters -h | awk '$2=="main"{print $4}' | grep -qx online; then
  pg_ctlcluster "$cluster_version" main start >&2
fi
port=$(pg_lsclusters -h | awk '$2=="main"{print $3; exit}')
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
for _ in $(seq 1 30); do
  as_postgres psql -p "$port" -qAtc "select 1" >/dev/null 2>&1 && break
  sleep 1
done
if ! as_postgres psql -p "$port" -qAtc "select 1 from pg_roles where rolname='$PG_USER'" | grep -q 1; then
  as_postgres psql -p "$port" -qc "create role $PG_USER login createdb password '$PG_PASSWORD'" >&2
fi
if ! as_postgres psql -p "$port" -qAtc "select 1 from pg_database where datname='$PG_DB'" | grep -q 1; then
  as_postgres psql -p "$port" -qc "create database $PG_DB owner $PG_USER" >&2
fi
echo "postgresql+psycopg://$PG_USER:$PG_PASSWORD@127.0.0.1:$port/$PG_DB"
