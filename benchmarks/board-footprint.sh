#!/usr/bin/env bash
# Board footprint: live heap one open board keeps on the server, next to an empty Vaadin UI (the
# floor), and the classes a board retains. No browser: Karibu-Testing opens the UIs in-process.
# Usage: benchmarks/board-footprint.sh [n]   (default 50 UIs of each kind)
# JAVA_OPTS=-Dvaadin.devmode.componentTracker.enabled=false leaves out the stack trace development mode
# keeps per component, as production mode does.
# Starts the portal itself in this JVM (local mode, its demo data, fresh embedded PostgreSQL in a
# temporary folder); nothing else needed. JAVA_OPTS adds JVM options.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
./mvnw -B -q -o -pl portal-local -am test-compile dependency:build-classpath -Dmdep.outputFile="$cp_file" \
  -Dmdep.includeScope=test >/dev/null
# from portal-local, as its tests run: Vaadin's development mode writes its generated files there (git-ignored)
cd portal-local
# shellcheck disable=SC2086
"$JAVA_HOME/bin/java" -Xms1g -Xmx1g ${JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat "$cp_file")" \
  dev.demoportal.booking.bench.BoardFootprintBenchmark "${1:-50}"
