#!/usr/bin/env bash
# Sessions per pod: retained heap per open board, idle CPU, propagation of one booking to every open
# board, and what closing every tab gives back. Headless Chromium (/usr/bin/chromium or CHROMIUM_PATH).
# Usage: benchmarks/sessions.sh [sizes] [tabs-per-session]   (default 50,100,250,500 and 5)
# Starts the portal itself in this JVM with a 1 GiB heap (local mode, fresh embedded PostgreSQL in a
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
  dev.demoportal.booking.bench.SessionsBenchmark "${1:-50,100,250,500}" "${2:-5}"
