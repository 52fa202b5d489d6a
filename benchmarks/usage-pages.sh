#!/usr/bin/env bash
# Dashboard page benchmark: time until every chart of a dashboard page is drawn in headless
# Chromium, on the generated database (benchmarks/usage-data.sh first). Starts the portal itself
# (local mode, the in-process provider, SPRING_DATASOURCE_URL = the generated database) and signs
# maria in. Needs /usr/bin/chromium (or CHROMIUM_PATH).
#
#   benchmarks/usage-pages.sh [database=demoportal_usage_bench] [runs=5]
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
  dev.demoportal.usage.bench.DashboardPageBenchmark "$@"
