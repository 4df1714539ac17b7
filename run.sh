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
  # Quiet Maven says nothing for a minute or more: say what is going on, and how long it took.
  if [ -f "$jar" ]; then
    echo "run.sh: sources changed since the last build; building Strata (./mvnw package) ..."
  else
    echo "run.sh: building Strata (./mvnw package; the first build takes a minute or more," \
      "longer while Maven fetches its dependencies) ..."
  fi
  built=$SECONDS
  ./mvnw -B -q package -DskipTests
  echo "run.sh: built in $((SECONDS - built)) s; starting Strata ..."
fi
# The JVM's ahead-of-time cache, when scripts/aot-train.sh has made one since this build: Strata's
# classes come loaded and linked, and the JIT starts from the training run's profiles: the
# platform is ready in about 5 s instead of about 8 (README, Benchmarks). A cache
# older than the jar is of an earlier build, which the JVM would refuse anyway.
aot=target/quarkus-app/app.aot
aot_opts=""
if [ -f "$aot" ] && [ "$aot" -nt "$jar" ] && [[ "${STRATA_JAVA_OPTS:-}" != *-XX:AOTCache* ]]; then
  aot_opts="-XX:AOTCache=$aot"
fi
# Indexes, the broker's log, the databases and generated secrets are the service account's alone.
umask 077
# Lucene uses the vector API (the JVM says so once, "Using incubator modules"); Kafka's clients still
# use sun.misc.Unsafe, which JDK 25 allows but warns about unless told. GCTimeRatio=4 lets G1 spend
# up to a fifth of its time collecting before it grows the heap, instead of a thirteenth: a 1M-event
# load peaks at ~1.15 GB instead of ~1.2-1.5 GB for no measurable CPU (README, Benchmarks).
# STRATA_JAVA_OPTS comes last, so it overrides any of these.
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector \
  --sun-misc-unsafe-memory-access=allow -XX:GCTimeRatio=4 $aot_opts \
  ${STRATA_JAVA_OPTS:-} -jar "$jar" "$@"
