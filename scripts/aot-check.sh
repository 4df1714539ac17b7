#!/usr/bin/env bash
# Checks the ahead-of-time cache end to end (CI runs it after the tests): scripts/aot-train.sh makes
# one for this build, then run.sh starts the application with it under -XX:AOTMode=on, with which
# the JVM refuses to start when it cannot use the cache (by default it would start without it, and
# say so only in its log). The application must then come up and answer its health check.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
say() { echo "aot-check.sh: $*"; }

scripts/aot-train.sh 100000
data=$(mktemp -d)
log=$data/run.log
port=${AOT_CHECK_PORT:-18481}
management=$((port + 1))
say "starting run.sh with the cache (-XX:AOTMode=on; data in $data) ..."
STRATA_DATA_DIR=$data QUARKUS_OIDC_TENANT_ENABLED=false QUARKUS_HTTP_PORT=$port \
  QUARKUS_MANAGEMENT_PORT=$management STRATA_JAVA_OPTS="-XX:AOTMode=on" \
  ./run.sh >"$log" 2>&1 &
pid=$!
stop() {
  kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  rm -rf "$data"
}
trap stop EXIT

started=$SECONDS
until grep -q "Strata is ready" "$log"; do
  if ! kill -0 "$pid" 2>/dev/null; then
    tail -20 "$log"
    say "FAILED: the application did not start with the cache (its log above)"
    exit 1
  fi
  if [ $((SECONDS - started)) -gt 180 ]; then
    tail -20 "$log"
    say "FAILED: not ready within 180 s (its log above)"
    exit 1
  fi
  sleep 0.5
done
ready=$((SECONDS - started))
if ! tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "-XX:AOTCache="; then
  say "FAILED: run.sh did not pass the cache to the JVM"
  exit 1
fi
status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$management/q/health")
if [ "$status" != 200 ]; then
  tail -20 "$log"
  say "FAILED: /q/health answered $status (the log above)"
  exit 1
fi
say "OK: started with the cache in ${ready} s (embedded Kafka and PostgreSQL included); health 200"
