#!/usr/bin/env bash
# The one test command: every module's tests against real Kafka (in-process), PostgreSQL, SQLite, TLS,
# and the cognito-local emulator. PostgreSQL must be up on 127.0.0.1:5432 (scripts/ensure-postgres.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-tools.sh
mvn -B verify "$@"
