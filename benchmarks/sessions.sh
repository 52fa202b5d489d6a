#!/usr/bin/env bash
# Sessions per pod: retained heap per open board, idle CPU, propagation of one booking to every open
# board, and what the portal gives back when the boards are gone. Two ways (docs/benchmarks.md):
#
#   benchmarks/sessions.sh driver [sizes] [boards-per-session]   (default 50,100,250,500 and 1)
#     The protocol driver: builds the production-mode local-mode jar as ./portal local does, starts it
#     as a separate process with a 1 GiB heap (SESSIONS_HEAP), a fresh embedded PostgreSQL and free
#     ports, and opens boards by speaking Vaadin's bootstrap and push protocol over plain HTTP and
#     WebSockets (no browser). SESSIONS_SKIP_BUILD=1 reuses portal-local/target/portal-local.jar
#     (or the jar in SESSIONS_JAR); the first line printed says which Vaadin mode the portal runs in.
#
#   benchmarks/sessions.sh soak [minutes] [boards] [boards-per-session]   (default 60, 50 and 5)
#     The heap curve of simulated use, with the same driver and jar: for the given minutes the boards
#     churn (each open one to five minutes, then gone without a goodbye, a new one opening in its
#     place) while bookings flow through the REST API; the heap after a full GC, the live UIs and the
#     open boards every 30 s, then the curve as CSV and its slope.
#
#   benchmarks/sessions.sh [sizes] [tabs-per-session]            (default 50,100,250,500 and 5)
#     Headless Chromium (/usr/bin/chromium or CHROMIUM_PATH), one tab per board; starts the portal
#     itself in this JVM with a 1 GiB heap (local mode, Vaadin development mode, fresh embedded
#     PostgreSQL in a temporary folder). A few dozen boards at most on a small machine.
#
# JAVA_OPTS adds JVM options (to the benchmark's JVM).
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
mode=browser
if [ "${1:-}" = driver ] || [ "${1:-}" = soak ]; then
  mode=$1
  shift
fi
if [ "$mode" != browser ] && [ -z "${SESSIONS_SKIP_BUILD:-}" ]; then
  ./mvnw -B -q -Pproduction -Dmaven.test.skip=true package -pl portal-local -am
fi
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
./mvnw -B -q -o -pl portal-local -am test-compile dependency:build-classpath -Dmdep.outputFile="$cp_file" \
  -Dmdep.includeScope=test >/dev/null
if [ "$mode" != browser ]; then
  if [ "$mode" = driver ]; then
    main=(dev.demoportal.booking.bench.SessionsDriverBenchmark "${1:-50,100,250,500}" "${2:-1}")
  else
    main=(dev.demoportal.booking.bench.SessionsSoakBenchmark "${1:-60}" "${2:-50}" "${3:-5}")
  fi
  # shellcheck disable=SC2086
  "$JAVA_HOME/bin/java" ${JAVA_OPTS:-} -Dsessions.jar="${SESSIONS_JAR:-portal-local/target/portal-local.jar}" \
    -Dsessions.heap="${SESSIONS_HEAP:-1g}" -cp "portal-local/target/test-classes:portal-local/target/classes:$(cat "$cp_file")" \
    "${main[@]}"
  exit
fi
# from portal-local, as its tests run: Vaadin's development mode writes its generated files there (git-ignored)
cd portal-local
# shellcheck disable=SC2086
"$JAVA_HOME/bin/java" -Xms1g -Xmx1g ${JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat "$cp_file")" \
  dev.demoportal.booking.bench.SessionsBenchmark "${1:-50,100,250,500}" "${2:-5}"
