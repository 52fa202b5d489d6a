#!/usr/bin/env bash
# Data generator for the dashboards: fills a NEW database with two years of history (1,000,000
# bookings, 100,000 sandboxes with their jobs and steps, 2,000,000 audit events), then rolls up the
# closed days. See docs/benchmarks.md ("Dashboards").
#
#   benchmarks/usage-data.sh [database=demoportal_usage_bench] [bookings=1000000] [sandboxes=100000]
#                            [audit=2000000] [days=730] [environments_per_region=40] [replace=false]
#
# The server is the one of DEMO_PORTAL_TEST_DATABASE_URL (with _USERNAME, _PASSWORD); that URL's
# own database is only used to issue CREATE DATABASE. An existing database is refused, unless it
# was made by this generator and replace=true is given.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
./mvnw -B -q -pl portal-core -am test-compile dependency:build-classpath -Dmdep.outputFile="$cp_file" \
  -Dmdep.includeScope=test >/dev/null
"$JAVA_HOME/bin/java" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "portal-core/target/test-classes:portal-core/target/classes:db/target/classes:$(cat "$cp_file")" \
  dev.demoportal.usage.bench.UsageDataGenerator sql=benchmarks/usage-data.sql "$@"
