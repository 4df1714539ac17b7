#!/usr/bin/env bash
# Makes the JVM's ahead-of-time cache for this build of Strata, target/quarkus-app/app.aot, which
# run.sh, scripts/cluster.sh and the benchmark then start the application with.
#
# The cache (JDK 25: JEP 483, 514, 515) is written by the JVM as a training run exits: here the
# packaged application starts with the embedded Kafka and PostgreSQL, takes the benchmark's
# generated load over HTTP (EVENTS events, 300,000 unless given) and its searches, and stops. It
# holds Strata's classes loaded and linked and the JIT's profiles of that run, so that the next
# start is ready in about 5 s instead of about 8 (README, Benchmarks; what it saves in CPU under the
# first load is within the benchmark's noise).
#
# A cache belongs to one build, one JDK and one set of JVM options: after a new build, train again
# (run.sh ignores a cache older than the jar; the JVM refuses one that does not match).
#
# Usage: scripts/aot-train.sh [EVENTS]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
: "${JAVA_HOME:?set JAVA_HOME to a JDK 25}"
events=${1:-300000}
cache=$PWD/target/quarkus-app/app.aot

echo "aot-train.sh: building Strata and the benchmark (./mvnw -Pbench package) ..."
./mvnw -B -q -Pbench package -DskipTests
rm -f "$cache"
echo "aot-train.sh: training run: $events events and the benchmark's searches ..."
started=$SECONDS
# The benchmark starts the application with run.sh's JVM options; these make it the training run.
STRATA_JAVA_OPTS="-XX:AOTCacheOutput=$cache ${STRATA_JAVA_OPTS:-}" ./mvnw -B -q -Pbench exec:exec \
  -Dexec.args="--events $events --throughput-seconds 0 --search-runs 20 --search-warmup 0 --probes 0 --skip-direct" \
  >target/aot-train.log 2>&1 || {
  tail -20 target/aot-train.log
  echo "aot-train.sh: the training run failed; its output is in target/aot-train.log" >&2
  exit 1
}
if [ ! -s "$cache" ]; then
  echo "aot-train.sh: the JVM wrote no cache; see target/aot-train.log and" \
    "target/bench-data/app.log" >&2
  exit 1
fi
echo "aot-train.sh: wrote $cache ($(du -m "$cache" | cut -f1) MB) in $((SECONDS - started)) s;" \
  "run.sh uses it until the next build"
