#!/usr/bin/env bash
# Confirmed revocation: the issuer's revoke call timed end to end while it waits for every live authorizer
# instance to confirm, p50/p90/p99 over COUNT revocations (after WARMUP), INSTANCES authorizers, one JVM.
# Builds in the reactor (no `mvn install`: nothing is published to ~/.m2); test-compile, because a module the
# bench uses depends on service-kit's test classes.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
INSTANCES=${INSTANCES:-3}
COUNT=${COUNT:-300}
WARMUP=${WARMUP:-50}
mvn -o -q -pl bench -am test-compile org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath -Dmdep.outputFile="$ROOT/bench/target/revocation-classpath.txt" \
  -Dmdep.includeScope=runtime
CLASSES=$(mktemp -d /tmp/nodeward-bench-classes.XXXXXX)
cp -r "$ROOT/bench/target/classes/." "$CLASSES/"
CP="$CLASSES:$(cat "$ROOT/bench/target/revocation-classpath.txt")"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx1g -cp "$CP" io.nodeward.bench.issuer.ConfirmedRevocationBench "$INSTANCES" "$COUNT" "$WARMUP"
echo "machine: $(nproc) cores, load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
