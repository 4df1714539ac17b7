#!/usr/bin/env bash
# Builds Strata when needed and starts it. With no KAFKA_BOOTSTRAP_SERVERS and no
# QUARKUS_DATASOURCE_REACTIVE_URL it starts a real Kafka broker and a real PostgreSQL itself,
# keeping everything under STRATA_DATA_DIR (default ./data).
set -euo pipefail
cd "$(dirname "$0")"
if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
: "${JAVA_HOME:?set JAVA_HOME to a JDK 25}"
jar=target/quarkus-app/quarkus-run.jar
if [ ! -f "$jar" ] || [ -n "$(find src pom.xml -newer "$jar" -print -quit)" ]; then
  ./mvnw -B -q package -DskipTests
fi
# Indexes, the broker's log, the databases and generated secrets are the service account's alone.
umask 077
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector \
  ${STRATA_JAVA_OPTS:-} -jar "$jar" "$@"
