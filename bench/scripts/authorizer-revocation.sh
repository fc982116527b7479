#!/usr/bin/env bash
# (3) Revocation propagation: revoke published and acknowledged -> first 403 on an already-open connection,
# p50/p90/p99 over COUNT revocations (after WARMUP unrecorded ones). Broker, authorizer and client in one JVM.
set -euo pipefail
source "$(dirname "$0")/authorizer-common.sh"
COUNT=${COUNT:-200}
WARMUP=${WARMUP:-20}
WORK=$(mktemp -d /tmp/nodeward-revocation-bench.XXXXXX)
java -Xmx1g -cp "$CP" io.nodeward.bench.authorizer.RevocationPropagationBench "$WORK" "$COUNT" "$WARMUP" 2>"$WORK/bench.log"
echo "machine: $(nproc) cores, load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
