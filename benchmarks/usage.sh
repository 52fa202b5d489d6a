#!/usr/bin/env bash
# Dashboard query benchmark: every dashboard query through the real services on the generated
# database (benchmarks/usage-data.sh first), median and max of several runs after a warm-up.
#
#   benchmarks/usage.sh [database=demoportal_usage_bench] [runs=7]
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
./mvnw -B -q -pl portal-core -am test-compile dependency:build-classpath -Dmdep.outputFile="$cp_file" \
  -Dmdep.includeScope=test >/dev/null
"$JAVA_HOME/bin/java" -cp "portal-core/target/test-classes:portal-core/target/classes:db/target/classes:$(cat "$cp_file")" \
  dev.demoportal.usage.bench.UsageBenchmark "$@"
