#!/usr/bin/env bash
# Shared by the authorizer benchmark scripts: builds the authorizer and the bench module (offline) and sets CP.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
mvn -o -q -pl authorizer-service install -DskipTests
mvn -o -q -pl bench compile dependency:build-classpath -Dmdep.outputFile="$ROOT/bench/target/authorizer-classpath.txt"
# A private copy of the compiled bench classes: other people build the bench module while a run is going.
CLASSES=$(mktemp -d /tmp/nodeward-bench-classes.XXXXXX)
cp -r "$ROOT/bench/target/classes/." "$CLASSES/"
CP="$CLASSES:$(cat "$ROOT/bench/target/authorizer-classpath.txt")"
export CP ROOT
