#!/usr/bin/env bash
# A Strata cluster on one machine: one real Kafka broker and one real PostgreSQL (in a process of
# their own) and N Strata nodes, each with its own roles, ports and data directory.
#
#   scripts/cluster.sh start N      start the services and nodes 1..N (waits until they are ready)
#   scripts/cluster.sh add          start one more node (roles from STRATA_NODE_ROLES, default all)
#   scripts/cluster.sh kill I       kill -9 node I (no shutdown, no final commit)
#   scripts/cluster.sh restart I    start node I again, with its roles and data
#   scripts/cluster.sh status       the nodes, their roles, ports and whether they run
#   scripts/cluster.sh stop         stop every node, then the services
#   scripts/cluster.sh s3 stop|start  take the S3-compatible server down or up again (its data stays)
#
# Settings (environment):
#   STRATA_CLUSTER_DIR        where everything is kept (default ./data/cluster)
#   STRATA_CLUSTER_ROLES      roles per node, ';' between nodes, e.g. "ingest,index;search,console;index,jobs"
#                             (default: every role on every node)
#   STRATA_CLUSTER_BASE_PORT  HTTP port of node 1 (default 8081); node I listens on BASE+I-1 and
#                             its health on BASE+1000+I-1
#   STRATA_CLUSTER_HEAP       heap of each node (default 768m)
#   STRATA_KAFKA_PARTITIONS   partitions of the event topic, read when the first node creates it
#   STRATA_CLUSTER_S3=1       also run a real S3-compatible server (s3proxy, its own process, files
#                             in DIR/s3proxy) and point every node's STRATA_S3_* at it; a cluster
#                             started so keeps it on restart and add
#   STRATA_CLUSTER_S3_PORT    its port (default BASE+2000)
# Nodes sign callers in with API keys only (no Keycloak): the operator key is printed at start.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
: "${JAVA_HOME:?set JAVA_HOME to a JDK 25}"
dir=$(mkdir -p "${STRATA_CLUSTER_DIR:-data/cluster}" && cd "${STRATA_CLUSTER_DIR:-data/cluster}" && pwd)
base=${STRATA_CLUSTER_BASE_PORT:-8081}
app=target/quarkus-app
umask 077

say() { echo "cluster.sh: $*"; }

build_if_needed() {
  local jar=$app/quarkus-run.jar
  if [ ! -f "$jar" ] || [ -n "$(find src pom.xml -newer "$jar" -print -quit)" ] \
    || { [ "${STRATA_CLUSTER_S3:-}" = 1 ] && [ ! -f target/s3proxy/s3proxy.jar ]; }; then
    say "building Strata (./mvnw package) ..."
    ./mvnw -B -q package -DskipTests
  fi
}

# aot_opts: the JVM's ahead-of-time cache of scripts/aot-train.sh, as run.sh uses it.
aot_opts() {
  if [ -f "$app/app.aot" ] && [ "$app/app.aot" -nt "$app/quarkus-run.jar" ] \
    && [[ "${STRATA_JAVA_OPTS:-}" != *-XX:AOTCache* ]]; then
    echo "-XX:AOTCache=$app/app.aot"
  fi
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

start_services() {
  if alive "$dir/services.pid"; then
    return
  fi
  rm -f "$dir/services/services.env"
  say "starting Kafka and PostgreSQL (data in $dir/services) ..."
  nohup "$JAVA_HOME/bin/java" -Xmx512m --enable-native-access=ALL-UNNAMED \
    --sun-misc-unsafe-memory-access=allow -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
    -cp "$app/app/*:$app/lib/main/*:$app/lib/boot/*" io.strata.embedded.ClusterServices \
    "$dir/services" >"$dir/services.log" 2>&1 &
  echo $! >"$dir/services.pid"
  for _ in $(seq 1 120); do
    [ -f "$dir/services/services.env" ] && return
    alive "$dir/services.pid" || { say "the services did not start; see $dir/services.log"; exit 1; }
    sleep 0.5
  done
  say "the services did not start within 60 s; see $dir/services.log"
  exit 1
}

s3_enabled() { [ -f "$dir/s3proxy/s3proxy.properties" ]; }

s3_port() { sed -n 's|^s3proxy.endpoint=http://127.0.0.1:||p' "$dir/s3proxy/s3proxy.properties"; }

# start_s3: s3proxy with filesystem storage, in a process of its own (its cloud SDKs and logback
# stay off the nodes' class path), with a key of the cluster's own.
start_s3() {
  if alive "$dir/s3proxy.pid"; then
    return
  fi
  mkdir -p "$dir/s3proxy/buckets"
  if ! s3_enabled; then
    {
      echo "s3proxy.endpoint=http://127.0.0.1:${STRATA_CLUSTER_S3_PORT:-$((base + 2000))}"
      echo "s3proxy.authorization=aws-v2-or-v4"
      echo "s3proxy.identity=strata"
      echo "s3proxy.credential=$(secret_file "$dir/s3.secret")"
      echo "jclouds.provider=filesystem"
      echo "jclouds.filesystem.basedir=$dir/s3proxy/buckets"
    } >"$dir/s3proxy/s3proxy.properties"
  fi
  say "starting s3proxy on port $(s3_port) (buckets in $dir/s3proxy/buckets) ..."
  nohup "$JAVA_HOME/bin/java" -Xmx256m \
    -Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener \
    -jar target/s3proxy/s3proxy.jar --properties "$dir/s3proxy/s3proxy.properties" \
    >>"$dir/s3proxy.log" 2>&1 &
  echo $! >"$dir/s3proxy.pid"
  for _ in $(seq 1 120); do
    (exec 3<>"/dev/tcp/127.0.0.1/$(s3_port)") 2>/dev/null && return
    alive "$dir/s3proxy.pid" || { say "s3proxy did not start; see $dir/s3proxy.log"; exit 1; }
    sleep 0.5
  done
  say "s3proxy did not start within 60 s; see $dir/s3proxy.log"
  exit 1
}

stop_s3() {
  if alive "$dir/s3proxy.pid"; then
    kill "$(cat "$dir/s3proxy.pid")"
    while alive "$dir/s3proxy.pid"; do sleep 0.2; done
  fi
}

secret_file() {
  [ -s "$1" ] || head -c 32 /dev/urandom | base64 | tr -d '/+=\n' >"$1"
  cat "$1"
}

# start_node I ROLES: starts node I in the background.
start_node() {
  local i=$1 roles=$2 port=$((base + $1 - 1)) mgmt=$((base + 1000 + $1 - 1))
  if alive "$dir/node-$i.pid"; then
    say "node $i is running already"
    return
  fi
  echo "$roles" >"$dir/node-$i.roles"
  (
    set -a
    # shellcheck disable=SC1091
    . "$dir/services/services.env"
    set +a
    export STRATA_ROLES="$roles" STRATA_NODE_ID="strata-$i" STRATA_DATA_DIR="$dir/node-$i"
    export STRATA_NODE_URL="http://127.0.0.1:$port" QUARKUS_HTTP_PORT=$port
    export QUARKUS_MANAGEMENT_PORT=$mgmt STRATA_PUBLIC_URL="http://localhost:$port"
    export STRATA_OPERATOR_KEY="$(secret_file "$dir/operator.key")"
    export STRATA_CLUSTER_SECRET="$(secret_file "$dir/cluster.secret")"
    export QUARKUS_OIDC_TENANT_ENABLED=${QUARKUS_OIDC_TENANT_ENABLED:-false}
    if s3_enabled; then
      export STRATA_S3_ENDPOINT="http://127.0.0.1:$(s3_port)" STRATA_S3_BUCKET=strata
      export STRATA_S3_ACCESS_KEY=strata STRATA_S3_SECRET_KEY="$(cat "$dir/s3.secret")"
    fi
    exec nohup "$JAVA_HOME/bin/java" "-Xmx${STRATA_CLUSTER_HEAP:-768m}" \
      --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector \
      --sun-misc-unsafe-memory-access=allow -XX:GCTimeRatio=4 $(aot_opts) ${STRATA_JAVA_OPTS:-} \
      -jar "$app/quarkus-run.jar" \
      >>"$dir/node-$i.log" 2>&1
  ) &
  echo $! >"$dir/node-$i.pid"
}

await_ready() {
  local i=$1 mgmt=$((base + 1000 + $1 - 1))
  for _ in $(seq 1 240); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$mgmt/q/health/ready" 2>/dev/null; then
      return
    fi
    alive "$dir/node-$i.pid" || { say "node $i exited; see $dir/node-$i.log"; exit 1; }
    sleep 0.5
  done
  say "node $i is not ready after 120 s; see $dir/node-$i.log"
  exit 1
}

nodes() { ls "$dir" | sed -n 's/^node-\([0-9]*\)\.roles$/\1/p' | sort -n; }

status() {
  printf '%-6s %-32s %-24s %-8s %s\n' node roles api health state
  for i in $(nodes); do
    local state=stopped
    alive "$dir/node-$i.pid" && state="running (pid $(cat "$dir/node-$i.pid"))"
    printf '%-6s %-32s %-24s %-8s %s\n' "$i" "$(cat "$dir/node-$i.roles")" \
      "http://127.0.0.1:$((base + i - 1))" "$((base + 1000 + i - 1))" "$state"
  done
  say "operator key: $dir/operator.key; logs: $dir/node-I.log"
}

roles_of() {
  local n=$1 list=${STRATA_CLUSTER_ROLES:-}
  if [ -z "$list" ] && [ -f "$dir/node-$n.roles" ]; then
    cat "$dir/node-$n.roles" # a cluster started again keeps its nodes' roles
  elif [ -z "$list" ]; then
    echo "ingest,index,search,console,jobs"
  else
    local r
    r=$(echo "$list" | cut -d';' -f"$n")
    [ -n "$r" ] || { say "STRATA_CLUSTER_ROLES names no roles for node $n"; exit 2; }
    echo "$r"
  fi
}

case "${1:-}" in
  start)
    count=${2:?usage: cluster.sh start N}
    build_if_needed
    start_services
    if [ "${STRATA_CLUSTER_S3:-}" = 1 ] || s3_enabled; then
      start_s3
    fi
    # The first node creates the topic and the schema; the others start once it has.
    start_node 1 "$(roles_of 1)"
    await_ready 1
    for i in $(seq 2 "$count"); do
      start_node "$i" "$(roles_of "$i")"
    done
    for i in $(seq 2 "$count"); do
      await_ready "$i"
    done
    status
    ;;
  add)
    start_services
    if s3_enabled; then start_s3; fi
    next=$(( $(nodes | tail -1) + 1 ))
    start_node "$next" "${STRATA_NODE_ROLES:-ingest,index,search,console,jobs}"
    await_ready "$next"
    status
    ;;
  kill)
    i=${2:?usage: cluster.sh kill I}
    kill -9 "$(cat "$dir/node-$i.pid")"
    while alive "$dir/node-$i.pid"; do sleep 0.1; done
    say "node $i killed"
    ;;
  restart)
    i=${2:?usage: cluster.sh restart I}
    start_services
    if s3_enabled; then start_s3; fi
    start_node "$i" "$(cat "$dir/node-$i.roles")"
    await_ready "$i"
    ;;
  status)
    status
    ;;
  stop)
    for i in $(nodes); do
      if alive "$dir/node-$i.pid"; then
        kill "$(cat "$dir/node-$i.pid")" 2>/dev/null || true
      fi
    done
    for i in $(nodes); do
      while alive "$dir/node-$i.pid"; do sleep 0.2; done
    done
    if alive "$dir/services.pid"; then
      kill "$(cat "$dir/services.pid")"
      while alive "$dir/services.pid"; do sleep 0.2; done
    fi
    stop_s3
    say "stopped"
    ;;
  s3)
    s3_enabled || { say "this cluster runs no S3 server (start it with STRATA_CLUSTER_S3=1)"; exit 2; }
    case "${2:-}" in
      stop) stop_s3; say "s3proxy stopped" ;;
      start) start_s3 ;;
      *) say "usage: cluster.sh s3 stop|start"; exit 2 ;;
    esac
    ;;
  *)
    sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
