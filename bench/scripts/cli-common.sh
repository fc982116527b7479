#!/usr/bin/env bash
# Shared by the client's benchmark scripts: starts a stack from stack/target/nodeward-stack.jar on PORT_BASE..+8
# with state in a temporary folder (stopped and removed on exit), signs alice in with the client, and exports
# NODEWARD (the launcher), WORK, STACK_PID and the client's NODEWARD_CLI_* / XDG_* settings.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
NODEWARD="$ROOT/cli/target/bin/nodeward"
[ -x "$NODEWARD" ] && [ -f "$ROOT/stack/target/nodeward-stack.jar" ] || {
  echo "build first: mvn -B -q package -DskipTests -pl stack,cli -am" >&2; exit 1; }
WORK=$(mktemp -d /tmp/cli-bench.XXXXXX)
STACK_PID=""
cleanup() {
  if [ -n "$STACK_PID" ]; then kill "$STACK_PID" 2>/dev/null || true; wait "$STACK_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

BASE=${PORT_BASE:-22100}
export NODEWARD_DATA_DIR="$WORK/data" NODEWARD_ISSUER_PORT=$BASE NODEWARD_AUDIT_PORT=$((BASE+1))
export NODEWARD_AUTHORIZER_ADMIN_PORT=$((BASE+2)) NODEWARD_AUTHORIZER_GATEWAY_PORT=$((BASE+3)) NODEWARD_IDP_PORT=$((BASE+4))
export NODEWARD_STACK_KAFKA_PORT=$((BASE+5)) NODEWARD_STACK_DEMO_NODE_PORT=$((BASE+6)) NODEWARD_ISSUER_MTLS_PORT=$((BASE+7))
export NODEWARD_CONSOLE_PORT=$((BASE+8))
java -jar "$ROOT/stack/target/nodeward-stack.jar" > "$WORK/stack.log" 2>&1 &
STACK_PID=$!
for _ in $(seq 1 240); do
  grep -q "nodeward is up" "$WORK/stack.log" 2>/dev/null && break
  sleep 0.5
done
grep -q "nodeward is up" "$WORK/stack.log" || { echo "the stack did not start:" >&2; tail "$WORK/stack.log" >&2; exit 1; }

export XDG_CONFIG_HOME="$WORK/config" XDG_STATE_HOME="$WORK/state" HOME="$WORK"
export NODEWARD_CLI_ISSUER_URL=http://127.0.0.1:$BASE NODEWARD_CLI_IDP_URL=http://127.0.0.1:$((BASE+4))
export NODEWARD_CLI_AUDIT_URL=http://127.0.0.1:$((BASE+1)) NODEWARD_CLI_GATEWAY_URL=https://127.0.0.1:$((BASE+3))
export NODEWARD_CLI_ISSUER_MTLS_URL=https://127.0.0.1:$((BASE+7))
echo alice-dev-password | "$NODEWARD" login --username alice --password-stdin > /dev/null

# CPU seconds (user+sys) a process has used so far, from /proc/<pid>/stat
cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"
}
