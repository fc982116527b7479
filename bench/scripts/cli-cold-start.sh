#!/usr/bin/env bash
# Cold-start cost of the nodeward client: wall and CPU time of `nodeward --version` and `nodeward cert list`
# (signed in, one certificate, against a running embedded stack), each run a fresh JVM: through the launcher
# (C1 only, serial GC, the AppCDS archive the build makes), with its flags but no archive, and plain java -jar.
# Prints one line per case: median and p90 wall, median CPU (user+sys).
#
#   bash bench/scripts/cli-cold-start.sh [RUNS] [PORT_BASE]
#
# Needs the client and the stack built (mvn -B -q package -DskipTests -pl stack,cli -am); runs its own stack
# (cli-common.sh).
set -euo pipefail
RUNS=${1:-20}
PORT_BASE=${2:-22100}
# shellcheck source=bench/scripts/cli-common.sh
. "$(dirname "${BASH_SOURCE[0]}")/cli-common.sh"
(cd "$WORK" && "$NODEWARD" cert issue --node demo-node-1 > /dev/null)

# one case: label, then the command; prints median/p90 wall and median CPU of RUNS runs (after one warm-up of the
# page cache, which a user's second run also enjoys)
measure() {
  local label=$1; shift
  "$@" > /dev/null 2>&1
  : > "$WORK/times"
  for _ in $(seq 1 "$RUNS"); do
    /usr/bin/time -f "%e %U %S" -a -o "$WORK/times" "$@" > /dev/null 2>&1
  done
  awk -v label="$label" '{ wall[NR] = $1; cpu[NR] = $2 + $3 } END {
      n = asort(wall); asort(cpu);
      printf "%-34s wall median %.2f s, p90 %.2f s; cpu median %.2f s (%d runs)\n", label, wall[int((n+1)/2)], wall[int(n*0.9+0.5)], cpu[int((n+1)/2)], n
    }' "$WORK/times"
}

echo "load: $(uptime)"
measure "nodeward --version (CDS)" "$NODEWARD" --version
measure "nodeward cert list (CDS)" "$NODEWARD" cert list
JAR="$ROOT/cli/target/nodeward-cli.jar"
FLAGS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k"
# shellcheck disable=SC2086
measure "--version, launcher flags, no AppCDS" java $FLAGS -jar "$JAR" --version
# shellcheck disable=SC2086
measure "cert list, launcher flags, no AppCDS" java $FLAGS -jar "$JAR" cert list
measure "--version, plain java -jar" java -jar "$JAR" --version
measure "cert list, plain java -jar" java -jar "$JAR" cert list
echo "load: $(uptime)"
