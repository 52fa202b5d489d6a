#!/usr/bin/env bash
# Board propagation benchmark: committed booking -> visible in another open browser (headless Chromium).
# Usage: benchmarks/board-propagation.sh [runs]   (default 30). Needs /usr/bin/chromium (or CHROMIUM_PATH).
# Starts the portal itself (local mode, fresh embedded PostgreSQL in a temporary folder); nothing else needed.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
./mvnw -B -q -pl portal-local -am test-compile dependency:build-classpath -Dmdep.outputFile="$cp_file" \
  -Dmdep.includeScope=test >/dev/null
# from portal-local, as its tests run: Vaadin's development mode writes its generated files there (git-ignored)
cd portal-local
"$JAVA_HOME/bin/java" -cp "target/test-classes:target/classes:$(cat "$cp_file")" \
  dev.demoportal.booking.bench.BoardPropagationBenchmark "${1:-30}"
