#!/usr/bin/env bash
# Benchmark: bookings through the real BookingService on PostgreSQL. Not a test; run it on purpose
# on a quiet machine. See docs/benchmarks.md ("Bookings") for what it measures.
#
#   benchmarks/booking.sh [name=value ...]
#
# Options (defaults): clients=200 rounds=3 threads=8 bookings=12000 warmup=2000 pool=10 passes=3
# (the service and the bare-JDBC floors take turns in passes; figures are summed over all passes)
# The database server is the one the tests use: DEMO_PORTAL_TEST_DATABASE_URL (with _USERNAME and
# _PASSWORD), else Docker (Testcontainers), else embedded PostgreSQL. A fresh database is created
# for the run and dropped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

source <(sed -n '/^java_major()/p;/^find_jdk()/,/^}/p' portal)
JAVA_HOME=$(find_jdk); export JAVA_HOME

# Compile the test classes and write portal-core's test classpath (in one reactor run, so the
# sibling modules resolve to their freshly compiled classes; nothing is installed).
./mvnw -q -B -pl portal-core -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/benchmark.classpath
classpath="portal-core/target/test-classes:portal-core/target/classes:$(cat portal-core/target/benchmark.classpath)"

# JAVA_OPTS, e.g. -XX:StartFlightRecording=filename=booking.jfr, to profile a run
exec "$JAVA_HOME/bin/java" -Xmx1g ${JAVA_OPTS:-} -cp "$classpath" dev.demoportal.booking.bench.BookingBenchmark "$@"
