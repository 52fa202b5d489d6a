#!/usr/bin/env bash
# Benchmark: local mode start-up, from the command to "ready" (the LOCAL MODE banner is logged and
# http://localhost:8080/ redirects to sign-in). Not a test; run it on purpose on a quiet machine.
#
#   benchmarks/local-startup.sh [runs]     default 3 runs of each case
#
# Cases (each printed separately):
#   build+fresh   ./portal local as a newcomer runs it: Maven build (dependencies cached), then a new
#                 embedded database (initdb, migrations, demo data)
#   jar+fresh     the built jar only, new database
#   jar+restart   the built jar only, existing database
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
if curl -s -o /dev/null --max-time 2 http://localhost:8080/; then
  echo "something already answers on :8080; stop it first" >&2; exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

measure() { # name, data dir, command...
  local name=$1 data=$2; shift 2
  local log="$work/$name.log" start end pid
  start=$(date +%s%N)
  setsid "$@" --portal.local.data-directory="$data" >"$log" 2>&1 < /dev/null &
  pid=$!
  until grep -q "running in LOCAL MODE" "$log" 2>/dev/null \
      && [ "$(curl -s -o /dev/null -w '%{http_code}' http://localhost:8080/)" = "302" ]; do
    if ! kill -0 $pid 2>/dev/null; then echo "$name: portal exited; see $log" >&2; tail -20 "$log" >&2; exit 1; fi
    sleep 0.1
  done
  end=$(date +%s%N)
  kill -TERM -- -$pid 2>/dev/null || true
  wait $pid 2>/dev/null || true
  while curl -s -o /dev/null --max-time 1 http://localhost:8080/; do sleep 0.2; done
  echo "$name $(( (end - start) / 1000000 ))"
}

source <(sed -n '/^java_major()/p;/^find_jdk()/,/^}/p' portal)
JAVA_HOME=$(find_jdk); export JAVA_HOME
jar=(env JAVA_HOME="$JAVA_HOME" "$JAVA_HOME/bin/java" -jar portal-local/target/portal-local.jar)

results=()
for i in $(seq 1 "$runs"); do
  results+=("$(measure build+fresh "$work/db-b$i" ./portal local)")
  results+=("$(measure jar+fresh "$work/db-j$i" "${jar[@]}")")
  results+=("$(measure jar+restart "$work/db-j$i" "${jar[@]}")")
done
echo
echo "local mode start-up, command to ready (ms), $runs run(s) each, $(nproc) cores, commit $(git rev-parse --short HEAD)"
for name in build+fresh jar+fresh jar+restart; do
  values=$(printf '%s\n' "${results[@]}" | awk -v n="$name" '$1 == n { print $2 }' | sort -n)
  count=$(echo "$values" | wc -l)
  median=$(echo "$values" | sed -n "$(( (count + 1) / 2 ))p")
  printf '  %-12s median %6d ms   runs: %s\n' "$name" "$median" "$(echo $values)"
done
