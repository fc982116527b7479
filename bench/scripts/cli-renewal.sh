#!/usr/bin/env bash
# Renewal throughput with the nodeward client against the embedded stack, two ways:
#  1. one process per renewal, as a fleet of nodes renews (`nodeward cert renew --force`: JVM start, mutual TLS with
#     the certificate itself, a fresh EC key and CSR, the issuer signs and records on Kafka, files replaced), run
#     one after the other and by 4 at once; with client and stack CPU per renewal (/proc/<pid>/stat);
#  2. the same renewal code in one warm JVM (bench RenewalThroughput), 1, 2 and 4 workers.
#
#   bash bench/scripts/cli-renewal.sh [RENEWALS] [PORT_BASE]
set -euo pipefail
RENEWALS=${1:-40}
PORT_BASE=${2:-22100}
# shellcheck source=bench/scripts/cli-common.sh
. "$(dirname "${BASH_SOURCE[0]}")/cli-common.sh"

for i in 0 1 2 3; do
  mkdir -p "$WORK/w$i"
  (cd "$WORK/w$i" && "$NODEWARD" cert issue --node demo-node-1 --out . > /dev/null \
    && mv demo-node-1.crt node.crt && mv demo-node-1.key node.key)
done

echo "load: $(uptime)"
renew() { "$NODEWARD" cert renew --force --cert "$WORK/w$1/node.crt" --key "$WORK/w$1/node.key" > /dev/null; }
renew 0   # page cache and the issuer's first TLS handshakes

stack_before=$(cpu_seconds "$STACK_PID")
start=$(date +%s.%N)
: > "$WORK/times"
for _ in $(seq 1 "$RENEWALS"); do
  /usr/bin/time -f "%U %S" -a -o "$WORK/times" "$NODEWARD" cert renew --force --cert "$WORK/w0/node.crt" --key "$WORK/w0/node.key" > /dev/null
done
end=$(date +%s.%N)
stack_after=$(cpu_seconds "$STACK_PID")
awk -v n="$RENEWALS" -v s="$start" -v e="$end" -v sb="$stack_before" -v sa="$stack_after" \
  '{ cpu += $1 + $2 } END { printf "process per renewal, sequential: %.2f renewals/s; client CPU %.2f s, stack CPU %.3f s per renewal\n", n / (e - s), cpu / n, (sa - sb) / n }' "$WORK/times"

stack_before=$(cpu_seconds "$STACK_PID")
start=$(date +%s.%N)
for i in 0 1 2 3; do
  ( for _ in $(seq 1 $((RENEWALS / 4))); do renew "$i"; done ) &
done
wait $(jobs -p | grep -v "^$STACK_PID$") 2>/dev/null || true
end=$(date +%s.%N)
stack_after=$(cpu_seconds "$STACK_PID")
awk -v n="$((RENEWALS / 4 * 4))" -v s="$start" -v e="$end" -v sb="$stack_before" -v sa="$stack_after" \
  'BEGIN { printf "process per renewal, 4 at once: %.2f renewals/s; stack CPU %.3f s per renewal\n", n / (e - s), (sa - sb) / n }'

mvn -o -q -f "$ROOT/pom.xml" -pl bench -am package -DskipTests org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath -Dmdep.outputFile="$WORK/cp.txt" > /dev/null
CP="$ROOT/bench/target/classes:$(cat "$WORK/cp.txt")"
for workers in 1 2 4; do
  stack_before=$(cpu_seconds "$STACK_PID")
  java -cp "$CP" io.nodeward.bench.cli.RenewalThroughput "$NODEWARD_CLI_ISSUER_MTLS_URL" "$WORK" "$workers" $((RENEWALS * 5 / workers))
  stack_after=$(cpu_seconds "$STACK_PID")
  awk -v n="$((RENEWALS * 5 / workers * workers + 20 * workers))" -v sb="$stack_before" -v sa="$stack_after" \
    'BEGIN { printf "  stack CPU %.4f s per renewal (warm-up included)\n", (sa - sb) / n }'
done
echo "load: $(uptime)"
