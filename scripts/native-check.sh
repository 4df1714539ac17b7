#!/usr/bin/env bash
# The production build's check, run by CI: `./mvnw package -Dnative -Dquarkus.native.sources-only=true`
# prepares everything native-image needs (target/native-sources) without GraalVM, and fails here on
# any build warning, or when the artifact carries the embedded broker, database or Keycloak launcher.
# With Mandrel or GraalVM 25 installed, drop sources-only to get the executable (see the README).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# clean: classes of the embedded default left by a JVM build must not reach this artifact.
if ! ./mvnw -B clean package -Dnative -Dquarkus.native.sources-only=true >"$log" 2>&1; then
  tail -n 80 "$log"
  echo "native-check: the native build failed" >&2
  exit 1
fi
# Quarkus' packaging reports the classes it rewrote for Hibernate (its own checkpoint entity and
# PanacheEntity) twice in the source jar; that is Quarkus' business and harmless. Every other
# warning fails the check.
warnings=$(grep -E '^\[WARNING\]' "$log" \
  | grep -vE "ParallelCommonsCompressArchiveCreator\] Duplicate entry 'io/quarkus/(smallrye/reactivemessaging/kafka/CheckpointEntity(Id)?|hibernate/reactive/panache/PanacheEntity)\.class'" \
  || true)
if [ -n "$warnings" ]; then
  grep -A8 -E '^\[WARNING\]' "$log" | head -n 60
  echo "native-check: the native build warns (above)" >&2
  exit 1
fi
sources=target/native-sources
jar=$(ls "$sources"/*-runner.jar)
if unzip -l "$jar" | grep -q 'io/strata/embedded/.*\.class'; then
  echo "native-check: the production artifact carries io.strata.embedded" >&2
  exit 1
fi
if ls "$sources"/lib | grep -E '^(org\.apache\.kafka\.kafka_2|io\.zonky)'; then
  echo "native-check: the production artifact carries the embedded broker or database (above)" >&2
  exit 1
fi
echo "native-check: OK ($(ls "$sources"/lib | wc -l) libraries, no warnings, no embedded services)"
