#!/usr/bin/env bash
# Make sure PostgreSQL and Redis answer on localhost, and that Debian's Chromium is there
# for the browser tests. Starts what is stopped; installs from Debian's packages what is missing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

wait_for() {  # wait_for <description> <command...>
  local what="$1"; shift
  for _ in $(seq 1 30); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  echo "ensure-services: $what did not come up" >&2
  return 1
}

# PostgreSQL ---------------------------------------------------------------
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "ensure-services: installing PostgreSQL from Debian's packages"
  "$here/apt-install.sh" postgresql postgresql-client
  # The test suite connects over TCP as the postgres role without a password.
  for hba in /etc/postgresql/*/main/pg_hba.conf; do
    sed -i -E 's/^(host\s+all\s+all\s+(127\.0\.0\.1\/32|::1\/128)\s+)\S+/\1trust/' "$hba"
  done
fi
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  echo "ensure-services: starting PostgreSQL"
  for version in $(ls /etc/postgresql); do
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  done
  wait_for PostgreSQL pg_isready -q -h 127.0.0.1 -p 5432
fi

# Redis --------------------------------------------------------------------
if ! command -v redis-server >/dev/null 2>&1; then
  echo "ensure-services: installing Redis from Debian's packages"
  "$here/apt-install.sh" redis-server
fi
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  echo "ensure-services: starting Redis"
  mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  wait_for Redis redis-cli -h 127.0.0.1 -p 6379 ping
fi

# Chromium for the browser tests (never a browser download) ---------------
if [ ! -x /usr/bin/chromium ]; then
  echo "ensure-services: installing Chromium from Debian's packages"
  "$here/apt-install.sh" chromium fonts-dejavu-core
fi
