#!/usr/bin/env bash
# (issue 12.1) The cost of durability before-forward against async: two authorizers on the same broker, upstream
# and certificates, one with NODEWARD_AUTHORIZER_DECISION_DURABILITY=before-forward (the default: a request waits
# until Kafka acknowledged its decision, or the spool fsync'd it) and one with async; the same kept-alive mTLS
# load (MtlsLoadDriver) on each in turn, at each concurrency. Prints requests/s, latency percentiles and the
# gateway's CPU per request; the difference is the cost. Everything runs on this machine: note the load.
#
# Uses what the reactor built in this checkout (never `mvn install`): build first with
#   mvn -o -q -pl bench -am package -DskipTests \
#     org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath -Dmdep.outputFile=$PWD/bench/target/authorizer-classpath.txt
#
# Environment: CONCURRENCY ("1 32": connections per run) PREWARM (20) WARMUP (5) DURATION (15) ROUNDS (2)
#              ENGINE (auto) LOOPS (2) BASE_PORT (22000: gateways on BASE_PORT+1/+2, upstream on BASE_PORT+80)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
export NODEWARD_PROFILE=${NODEWARD_PROFILE:-dev} # the bench runs on a plaintext loopback broker

CONCURRENCY=${CONCURRENCY:-"1 32"}
PREWARM=${PREWARM:-20}
WARMUP=${WARMUP:-5}
DURATION=${DURATION:-15}
ROUNDS=${ROUNDS:-2}
ENGINE=${ENGINE:-auto}
LOOPS=${LOOPS:-2}
BASE_PORT=${BASE_PORT:-22000}
UPSTREAM_PORT=$((BASE_PORT + 80))

# A private copy of the compiled bench classes (as authorizer-common.sh does); the rest from the reactor's classpath.
CLASSES=$(mktemp -d /tmp/nodeward-bench-classes.XXXXXX)
cp -r "$ROOT/bench/target/classes/." "$CLASSES/"
CP="$CLASSES:$(cat "$ROOT/bench/target/authorizer-classpath.txt")"

WORK=$(mktemp -d /tmp/nodeward-durability-bench.XXXXXX)
PIDS=""
cleanup() {
  for pid in $PIDS; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$CLASSES"
}
trap cleanup EXIT

await_file() {
  for _ in $(seq 1 600); do [ -f "$1" ] && return 0; sleep 0.2; done
  echo "timed out waiting for $1; logs in $WORK" >&2; exit 1
}

CLK_TCK=$(getconf CLK_TCK)
cpu_us() {
  local f
  f=$(sed -E 's/^[0-9]+ \(.*\) //' "/proc/$1/stat")
  echo $(( $(echo "$f" | awk '{print $12 + $13}') * 1000000 / CLK_TCK ))
}

java -Xms256m -Xmx768m -cp "$CP" io.nodeward.bench.authorizer.BenchInfra "$WORK" "$UPSTREAM_PORT" \
  > "$WORK/infra.log" 2>&1 &
PIDS="$!"
await_file "$WORK/infra-ready"

declare -A PID PORT
start_gateway() { # name durability port
  local dir="$WORK/$1"
  mkdir -p "$dir"
  for f in infra-ready ca.pem server.pem server.key client.pem client.key; do ln -sf "$WORK/$f" "$dir/$f"; done
  NODEWARD_AUTHORIZER_DECISION_DURABILITY=$2 NODEWARD_AUTHORIZER_INSTANCE_ID="bench-$1" \
    java -Xms512m -Xmx768m -cp "$CP" io.nodeward.bench.authorizer.GatewayBenchServer \
    "$dir" "$3" "$ENGINE" "$LOOPS" > "$dir/server.log" 2>&1 &
  PID[$1]=$!
  PORT[$1]=$3
  PIDS="${PID[$1]} $PIDS"
  await_file "$dir/ready"
  echo "$1 ($2): $(tr '\n' ' ' < "$dir/ready")"
}
start_gateway before-forward before-forward $((BASE_PORT + 1))
start_gateway async async $((BASE_PORT + 2))

echo "== pre-warm: ${PREWARM}s of unrecorded load on each gateway (JIT)"
for name in before-forward async; do
  java -Xmx256m -cp "$CP" io.nodeward.bench.authorizer.MtlsLoadDriver prewarm "${PORT[$name]}" "$WORK" 32 0 "$PREWARM" \
    > /dev/null
done
echo "== kept-alive mTLS load: connections ${CONCURRENCY}, ${WARMUP}s warm-up, ${DURATION}s measured, $ROUNDS round(s)"
for round in $(seq 1 "$ROUNDS"); do
  for connections in $CONCURRENCY; do
    for name in before-forward async; do
      before=$(cpu_us "${PID[$name]}")
      line=$(java -Xmx256m -cp "$CP" io.nodeward.bench.authorizer.MtlsLoadDriver "$name-c$connections-round$round" \
        "${PORT[$name]}" "$WORK" "$connections" "$WARMUP" "$DURATION")
      after=$(cpu_us "${PID[$name]}")
      all=$(echo "$line" | sed -E 's/.*all_requests=([0-9]+).*/\1/')
      echo "$line gateway_cpu_us_per_request=$(( (after - before) / (all > 0 ? all : 1) )) load=$(cut -d' ' -f1-3 /proc/loadavg)"
    done
  done
done
echo "== decisions recorded by each gateway"
for name in before-forward async; do
  admin=$(grep '^admin=' "$WORK/$name/ready" | cut -d= -f2)
  echo "$name: $(curl -s "http://127.0.0.1:$admin/metrics" | grep -E '^nodeward_authorizer_(decisions_published|decisions_spooled_after_ack_wait|decisions_not_durable|spool_dropped)' | tr '\n' ' ')"
done
echo "machine: $(nproc) cores, load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
