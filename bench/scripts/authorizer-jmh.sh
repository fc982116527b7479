#!/usr/bin/env bash
# (1) The decision itself: JMH SampleTime percentiles of AccessPolicy.decide over a 100k-certificate allow-list.
set -euo pipefail
source "$(dirname "$0")/authorizer-common.sh"
java -cp "$CP" org.openjdk.jmh.Main 'io.nodeward.bench.authorizer.AccessPolicyBenchmark' \
  -rf json -rff bench/target/authorizer-jmh.json "$@"
