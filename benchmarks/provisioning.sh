#!/usr/bin/env bash
# Benchmark: provisioning jobs scheduled through the real ProvisioningService and run by separate
# worker JVM processes (simulated driver) on PostgreSQL. Not a test; run it on purpose on a quiet
# machine. See docs/benchmarks.md ("Provisioning worker") for what it measures.
#
#   benchmarks/provisioning.sh [name=value ...]
#
# Options (defaults): scenario=all|pickup|throughput|recovery pickup=100 polled=30 sandboxes=1000
#                     threads=8 jit=full recoveries=3 heartbeat=5s missed=4
# jit=c1 starts the throughput workers with C1 only (-XX:TieredStopAtLevel=1), as before 2026-12-07.
# The database server is the one the tests use: DEMO_PORTAL_TEST_DATABASE_URL (with _USERNAME and
# _PASSWORD), else Docker (Testcontainers), else embedded PostgreSQL. A fresh database is created
# for the run and dropped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

source <(sed -n '/^java_major()/p;/^find_jdk()/,/^}/p' portal)
JAVA_HOME=$(find_jdk); export JAVA_HOME

# Compile the test classes and write the worker's test classpath (one reactor run: the sibling
# modules resolve to their freshly compiled classes; nothing is installed).
./mvnw -q -B ${MAVEN_ARGS:-} -pl provisioning-worker -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/benchmark.classpath
classpath="provisioning-worker/target/test-classes:provisioning-worker/target/classes"
classpath="$classpath:portal-core/target/classes:db/target/classes:test-support/target/classes"
classpath="$classpath:$(cat provisioning-worker/target/benchmark.classpath)"

exec "$JAVA_HOME/bin/java" -Xmx768m ${JAVA_OPTS:-} -cp "$classpath" \
  dev.demoportal.provisioning.worker.bench.ProvisioningBenchmark "$@"
