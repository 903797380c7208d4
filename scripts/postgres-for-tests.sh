#!/usr/bin/env bash
# Install (Debian package) and start a PostgreSQL server on loopback for the test suite, and print
# the URL the tests use (COMMUNIQUE_TEST_POSTGRES). Idempotent: safe to run when it is already up.
# Only the URL goes to stdout; whatever the server tools print (e.g. "Removed stale pid file.") goes
# to stderr, since the caller captures stdout as the URL.
set -euo pipefail
exec 3>&1 1>&2
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /etc/postgresql | sort -V | tail -1)
# The server must not inherit fd 3, or the caller's $(...) waits for it to exit.
pg_ctlcluster "$version" main status >/dev/null 2>&1 || pg_ctlcluster "$version" main start 3>&-
for _ in $(seq 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done
as_postgres() { su postgres -c "$1"; }
as_postgres "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='communique'\"" | grep -q 1 \
  || as_postgres "psql -qc \"CREATE ROLE communique LOGIN PASSWORD 'communique-test'\""
as_postgres "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='communique_test'\"" | grep -q 1 \
  || as_postgres "createdb -O communique communique_test"
echo "postgresql://communique:communique-test@127.0.0.1:5432/communique_test" >&3
