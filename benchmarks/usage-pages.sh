#!/usr/bin/env bash
# Dashboard page benchmark: time until every chart of a dashboard page is drawn in headless
# Chromium, on the generated database (benchmarks/usage-data.sh first). Starts the portal itself
# (local mode, the in-process provider, SPRING_DATASOURCE_URL = the generated database) and signs
# maria in. Needs /usr/bin/chromium (or CHROMIUM_PATH).
#
#   benchmarks/usage-pages.sh [production] [database=demoportal_usage_bench] [runs=5] [windows=90,365,730]
#
# windows: on the pages with a date range, also the time from setting the range to that many days
# until every chart is drawn again (windows= for none). Without production the portal runs in this
# JVM in Vaadin's development mode, as the tests run it. With production it builds the local-mode jar
# as ./portal local does (-Pproduction; PAGES_SKIP_BUILD=1 reuses portal-local/target/portal-local.jar,
# jar=<path> names another) and starts it as a separate process with a 1 GiB heap, as a pod runs it;
# like ./portal local the build leaves Vaadin's production bundle in portal-ui/target/classes (clean
# portal-ui before running tests in the same worktree).
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
if [ "${1:-}" = production ] && [ -z "${PAGES_SKIP_BUILD:-}" ] && ! printf '%s\n' "$@" | grep -q '^jar='; then
  ./mvnw -B -q -Pproduction -Dmaven.test.skip=true package -pl portal-local -am
fi
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
./mvnw -B -q -pl portal-local -am test-compile dependency:build-classpath -Dmdep.outputFile="$cp_file" \
  -Dmdep.includeScope=test >/dev/null
if [ "${1:-}" = production ]; then
  "$JAVA_HOME/bin/java" -cp "portal-local/target/test-classes:portal-local/target/classes:$(cat "$cp_file")" \
    dev.demoportal.usage.bench.DashboardPageBenchmark "$@"
  exit
fi
# from portal-local, as its tests run: Vaadin's development mode writes its generated files there (git-ignored)
cd portal-local
"$JAVA_HOME/bin/java" -cp "target/test-classes:target/classes:$(cat "$cp_file")" \
  dev.demoportal.usage.bench.DashboardPageBenchmark "$@"
