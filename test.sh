#!/usr/bin/env bash
# Runs every test: unit tests, then integration tests against a real Kafka broker, PostgreSQL and
# Keycloak (all started by the tests themselves) and browser tests of the web console in a real
# headless Chromium. Installs Debian's chromium and chromium-driver first when they are missing.
set -euo pipefail
cd "$(dirname "$0")"
if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
: "${JAVA_HOME:?set JAVA_HOME to a JDK 25}"
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  echo "Installing chromium and chromium-driver for the browser tests ..."
  sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
exec ./mvnw -B verify "$@"
