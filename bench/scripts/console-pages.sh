#!/usr/bin/env bash
# Server time per console page with 10,000 certificates and 1,000,000 audit records behind it (issue 9: p95 < 50 ms),
# against the real stack jar on PORT_BASE..+8 with state in a temporary folder (stopped and removed on exit):
#   1. start the stack (issuance rate limit off for the load), provision 10 nodes for alice and issue CERTS
#      certificates on them through the issuer API (CSR mode), revoke every tenth;
#   2. stop it and append EVENTS records to its SQLite audit trail through the audit store's chained batch append;
#   3. start it again (default settings) and time every page as alice, the auditor and the admin, signed in through
#      the hosted UI (ConsolePageBenchmark pages): Server-Timing p50/p95/p99 per page.
#
#   bash bench/scripts/console-pages.sh [CERTS=10000] [EVENTS=1000000] [ITERATIONS=200] [PORT_BASE=26000]
#
# Builds the stack and the bench module first (offline, package only: nothing is installed into ~/.m2).
set -euo pipefail
CERTS=${1:-10000}
EVENTS=${2:-1000000}
ITERATIONS=${3:-200}
BASE=${4:-26000}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
if [ -z "${SKIP_BUILD:-}" ]; then
  mvn -B -o -q -pl stack,bench -am package -DskipTests org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath -Dmdep.outputFile=target/classpath.txt
fi
WORK=$(mktemp -d /tmp/console-bench.XXXXXX)
STACK_PID=""
stop_stack() {
  if [ -n "$STACK_PID" ]; then kill "$STACK_PID" 2>/dev/null || true; wait "$STACK_PID" 2>/dev/null || true; fi
  STACK_PID=""
}
trap 'stop_stack; rm -rf "$WORK"' EXIT
# private copies: a jar replaced under a running JVM ends it
cp stack/target/nodeward-stack.jar "$WORK/stack.jar"
mkdir "$WORK/classes" && cp -r bench/target/classes/. "$WORK/classes/"
CP="$WORK/classes:$(cat bench/target/classpath.txt)"
BENCH=(java -cp "$CP" -Dnodeward.log.level=warn io.nodeward.bench.console.ConsolePageBenchmark)

export NODEWARD_DATA_DIR="$WORK/data" NODEWARD_ISSUER_PORT=$BASE NODEWARD_AUDIT_PORT=$((BASE+1))
export NODEWARD_AUTHORIZER_ADMIN_PORT=$((BASE+2)) NODEWARD_AUTHORIZER_GATEWAY_PORT=$((BASE+3)) NODEWARD_IDP_PORT=$((BASE+4))
export NODEWARD_STACK_KAFKA_PORT=$((BASE+5)) NODEWARD_STACK_DEMO_NODE_PORT=$((BASE+6)) NODEWARD_ISSUER_MTLS_PORT=$((BASE+7))
export NODEWARD_CONSOLE_PORT=$((BASE+8))

start_stack() {
  : > "$WORK/stack.log"
  env "$@" java -jar "$WORK/stack.jar" >> "$WORK/stack.log" 2>&1 &
  STACK_PID=$!
  for _ in $(seq 1 240); do
    grep -q "nodeward is up" "$WORK/stack.log" 2>/dev/null && return 0
    sleep 0.5
  done
  echo "the stack did not start:" >&2; tail "$WORK/stack.log" >&2; exit 1
}

echo "== $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg): data"
start_stack NODEWARD_ISSUER_ISSUE_RATE=0 NODEWARD_ISSUER_REVOKE_RATE=0
"${BENCH[@]}" data "http://127.0.0.1:$BASE" "http://127.0.0.1:$((BASE+4))" "http://127.0.0.1:$((BASE+6))" 10 "$CERTS" \
  | tee "$WORK/data.txt"
ALICE_SUB=$(sed -n 's/^ALICE_SUB=//p' "$WORK/data.txt")
sleep 5   # let the audit service take in the issuance events before the stop (it would resume after it anyway)
stop_stack
"${BENCH[@]}" trail "$WORK/data" "$EVENTS" "$ALICE_SUB" 10
start_stack
echo "== $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg): pages"
"${BENCH[@]}" pages "http://127.0.0.1:$((BASE+8))" "$ITERATIONS"
echo "== $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg): done"
