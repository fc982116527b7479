#!/usr/bin/env bash
# Makes sure PostgreSQL answers on 127.0.0.1:5432 (the audit store's tests use it for real); starts the
# machine's cluster if it is down. Exits non-zero, saying why, if it cannot.
set -euo pipefail
host=${PGHOST:-127.0.0.1}
port=${PGPORT:-5432}
if pg_isready -h "$host" -p "$port" -q 2>/dev/null; then
  echo "PostgreSQL is up on $host:$port"
  exit 0
fi
echo "PostgreSQL is not answering on $host:$port; starting the local cluster"
if [ -d /etc/postgresql ]; then
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
fi
for _ in $(seq 1 30); do
  if pg_isready -h "$host" -p "$port" -q 2>/dev/null; then
    echo "PostgreSQL is up on $host:$port"
    exit 0
  fi
  sleep 1
done
echo "FATAL: PostgreSQL is required on $host:$port (trust auth, database 'test') and could not be started." >&2
echo "       Install it (apt-get install postgresql) or start it: pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start" >&2
exit 1
