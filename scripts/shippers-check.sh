#!/usr/bin/env bash
# Real log shippers against the packaged Strata: rsyslog (omelasticsearch) and syslog-ng
# (elasticsearch-http()) each read a file of N generated lines and send it to Strata's
# Elasticsearch _bulk endpoint with an API key, then rsyslog (omfwd) and syslog-ng (network(),
# syslog() over TLS) to its syslog listeners; the check searches /api/v1/search and fails unless
# every line arrived exactly once. The shippers' configurations are the README's snippets, with
# only the host, ports, key and file paths replaced. Run after `./mvnw package` (it needs
# target/quarkus-app/quarkus-run.jar); .ci/run calls it after the Maven tests.
#
# Installs what it needs from Debian's packages: rsyslog and rsyslog-elasticsearch, and syslog-ng
# (which conflicts with rsyslog as a system logger, so its packages are unpacked into a private
# directory instead of installed). Without apt-get and without the tools, it says so and skips.
#
# Environment: SHIPPERS_LINES (default 1000), JAVA_HOME (default Temurin 25), KEEP=1 keeps the
# work directory.
set -euo pipefail
cd "$(dirname "$0")/.."

LINES=${SHIPPERS_LINES:-1000}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAR=target/quarkus-app/quarkus-run.jar
SNG_HOME=${SYSLOG_NG_HOME:-$HOME/.cache/strata/syslog-ng}
started=$(date +%s)

say() { printf 'shippers-check: %s\n' "$*"; }
fail() { say "FAILED: $*"; exit 1; }

# The README's snippets are what users copy: the check runs them as written, replacing only the
# host, ports, key and file paths. readme_block FIRST-LINE prints the fenced block of README.md that
# starts with that line; from_readme WHAT FROM=>TO... applies the replacements to stdin and fails
# when one of them does not apply (the snippet changed: the check must follow).
readme_block() {
  awk -v first="$1" '
    /^```/ { if (inside) { if (found) exit; inside = 0 } else { inside = 1; start = 1 }; next }
    inside && start { start = 0; if ($0 == first) found = 1 }
    inside && found { print }
  ' README.md
}
from_readme() { # $1 = what, then FROM=>TO pairs
  local what=$1 text from to pair
  shift
  text=$(cat)
  [ -n "$text" ] || fail "README.md has no $what snippet any more"
  for pair in "$@"; do
    from=${pair%%=>*}
    to=${pair#*=>}
    [[ "$text" == *"$from"* ]] || fail "README.md's $what snippet no longer has '$from'"
    text=${text//"$from"/"$to"}
  done
  printf '%s\n' "$text"
}

[ -f "$JAR" ] || fail "$JAR is missing: run ./mvnw package first"

# --- Tools ---------------------------------------------------------------------------------------
RSYSLOG_MODULES=/usr/lib/x86_64-linux-gnu/rsyslog
have_rsyslog() { command -v rsyslogd >/dev/null && [ -f "$RSYSLOG_MODULES/omelasticsearch.so" ]; }
have_syslog_ng() { [ -x "$SNG_HOME/usr/sbin/syslog-ng" ] && [ -f "$SNG_HOME/usr/lib/syslog-ng/3.38/libhttp.so" ]; }
need=()
have_rsyslog || need+=(rsyslog rsyslog-elasticsearch)
command -v jq >/dev/null || need+=(jq)
command -v curl >/dev/null || need+=(curl)
command -v openssl >/dev/null || need+=(openssl)
if [ ${#need[@]} -gt 0 ] || ! have_syslog_ng; then
  if ! command -v apt-get >/dev/null; then
    say "SKIPPED: apt-get is not available to install rsyslog, syslog-ng, jq and curl"
    exit 0
  fi
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  say "installing ${need[*]:+${need[*]} and }syslog-ng from Debian's packages ..."
  # syslog-ng's shared libraries and libcurl (its http module, rsyslog's omelasticsearch).
  if ! { $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends \
      "${need[@]}" libcap2 libglib2.0-0 libivykis0 libjson-c5 libnet1 libpcre3 libwrap0 libcurl4 \
      libssl3 >/dev/null; }; then
    say "SKIPPED: the packages could not be installed (is Debian's package registry reachable?)"
    exit 0
  fi
  if ! have_syslog_ng; then
    # Installing syslog-ng would remove rsyslog (both are the system logger): unpack it privately.
    tmp=$(mktemp -d)
    if ! (cd "$tmp" && apt-get download syslog-ng-core syslog-ng-mod-http syslog-ng-scl >/dev/null 2>&1); then
      rm -rf "$tmp"
      say "SKIPPED: syslog-ng's packages could not be downloaded"
      exit 0
    fi
    mkdir -p "$SNG_HOME"
    for deb in "$tmp"/*.deb; do dpkg -x "$deb" "$SNG_HOME"; done
    rm -rf "$tmp"
  fi
fi
have_rsyslog || fail "rsyslog with omelasticsearch is not installed"
have_syslog_ng || fail "syslog-ng could not be unpacked into $SNG_HOME"
syslog_ng() { # exec: a background call's $! is then syslog-ng itself
  LD_LIBRARY_PATH="$SNG_HOME/usr/lib/syslog-ng" exec "$SNG_HOME/usr/sbin/syslog-ng" \
    --module-path="$SNG_HOME/usr/lib/syslog-ng/3.38" "$@"
}
say "rsyslog $(rsyslogd -v | head -1 | awk '{print $2}' | tr -d ,), $(syslog_ng --version | head -1)"

# --- Strata --------------------------------------------------------------------------------------
WORK=$(mktemp -d "${TMPDIR:-/tmp}/strata-shippers-XXXXXX")
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if [ "${KEEP:-0}" = 1 ] || [ "${failed:-0}" = 1 ]; then
    say "work directory kept: $WORK"
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT
failed=1

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 20000))
    (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}
PORT=$(free_port)
OP="op-$RANDOM$RANDOM$RANDOM"
BASE="http://127.0.0.1:$PORT"
MGMT_PORT=$(free_port)
MGMT="http://127.0.0.1:$MGMT_PORT" # health and metrics: the management port
strata_pid=
start_strata() { # extra environment as NAME=VALUE arguments
  say "starting Strata on port $PORT (data in $WORK/data) ..."
  env -u KAFKA_BOOTSTRAP_SERVERS -u QUARKUS_DATASOURCE_REACTIVE_URL \
    STRATA_DATA_DIR="$WORK/data" STRATA_OPERATOR_KEY="$OP" QUARKUS_OIDC_TENANT_ENABLED=false \
    QUARKUS_HTTP_PORT="$PORT" QUARKUS_MANAGEMENT_PORT="$MGMT_PORT" "$@" \
    "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx1g -jar "$JAR" >>"$WORK/strata.log" 2>&1 &
  strata_pid=$!
  pids+=("$strata_pid")
  local t0
  t0=$(date +%s)
  for _ in $(seq 1 240); do
    kill -0 "$strata_pid" 2>/dev/null || { tail -30 "$WORK/strata.log"; fail "Strata exited"; }
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$MGMT/q/health/ready")" = 200 ] && break
    sleep 0.5
  done
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$MGMT/q/health/ready")" = 200 ] \
    || { tail -30 "$WORK/strata.log"; fail "Strata was not ready in 120 s"; }
  say "Strata ready after $(( $(date +%s) - t0 )) s"
}
stop_strata() {
  kill "$strata_pid" && wait "$strata_pid" 2>/dev/null || true
}
start_strata

curl -sf -X POST "$BASE/api/v1/admin/tenants" -H "Authorization: Bearer $OP" \
  -H 'Content-Type: application/json' -d '{"id":"shippers","name":"Shipper check"}' >/dev/null \
  || fail "could not create the tenant"
KEY=$(curl -sf -X POST "$BASE/api/v1/admin/tenants/shippers/keys" -H "Authorization: Bearer $OP" \
  -H 'Content-Type: application/json' -d '{"name":"shippers","scopes":["ingest","search"]}' \
  | jq -r .key)
[ -n "$KEY" ] && [ "$KEY" != null ] || fail "could not issue a key"

# --- Input: N numbered lines per shipper, each with the run's marker -----------------------------
RUN="r$RANDOM$RANDOM"
make_input() { # $1 = shipper tag
  local i
  for ((i = 1; i <= LINES; i++)); do
    printf '%s%s line n%05d: GET /api/orders/%d 200 %d ms\n' "$1" "$RUN" "$i" "$i" $((i % 997))
  done >"$WORK/$1.log"
}
make_input rsy
make_input sng

# --- rsyslog: imfile -> the README's omelasticsearch snippet -------------------------------------
mkdir -p "$WORK/rsyslog"
{
  cat <<EOF
# private rsyslog config: nothing from /etc/rsyslog.conf is loaded
global(workDirectory="$WORK/rsyslog" maxMessageSize="64k")
module(load="imfile" PollingInterval="1")
input(type="imfile" File="$WORK/rsy.log" Tag="shipcheck" Severity="info" Facility="local0")
EOF
  readme_block '# rsyslog (package rsyslog-elasticsearch): the module, a JSON template, and the action' \
    | from_readme "rsyslog omelasticsearch" \
      'server="strata.example.com" serverport="443" usehttps="on"=>server="127.0.0.1" serverport="'"$PORT"'" usehttps="off"' \
      'pwd="strata_..."=>pwd="'"$KEY"'"' \
      '/var/log/rsyslog-strata-errors.json=>'"$WORK/rsyslog/es-errors.json"
} >"$WORK/rsyslog/rsyslog.conf"
rsyslogd -n -f "$WORK/rsyslog/rsyslog.conf" -i "$WORK/rsyslog/rsyslogd.pid" >"$WORK/rsyslog/out.log" 2>&1 &
rsyslog_pid=$!
pids+=("$rsyslog_pid")

# --- syslog-ng: file() as s_src -> the README's elasticsearch-http() snippet ---------------------
mkdir -p "$WORK/syslog-ng"
{
  cat <<EOF
@version: 3.38
# private syslog-ng config; nothing from /etc/syslog-ng is used (Debian's includes scl.conf)
@include "$SNG_HOME/usr/share/syslog-ng/include/scl/elasticsearch/elastic-http.conf"
options { stats-freq(0); keep-hostname(yes); };
source s_src { file("$WORK/sng.log" follow-freq(1) flags(no-parse) program-override("shipcheck")); };
EOF
  readme_block "# syslog-ng (package syslog-ng-mod-http): elasticsearch-http() comes from scl.conf, which Debian's" \
    | from_readme "syslog-ng elasticsearch-http()" \
      'url("https://strata.example.com/_bulk")=>url("http://127.0.0.1:'"$PORT"'/_bulk")' \
      'password("strata_...")=>password("'"$KEY"'")'
} >"$WORK/syslog-ng/syslog-ng.conf"
syslog_ng -F -f "$WORK/syslog-ng/syslog-ng.conf" -R "$WORK/syslog-ng/persist" \
  -p "$WORK/syslog-ng/pid" -c "$WORK/syslog-ng/ctl" >"$WORK/syslog-ng/out.log" 2>&1 &
syslog_ng_pid=$!
pids+=("$syslog_ng_pid")

# --- Check: every line searchable exactly once ---------------------------------------------------
search() { # $1 = query
  curl -sf -G "$BASE/api/v1/search" -H "Authorization: Bearer $KEY" \
    --data-urlencode "q=$1" --data-urlencode 'from=now-1h' --data-urlencode 'to=now+1h' \
    --data-urlencode 'limit=1000'
}
check() { # $1 = line tag, $2 = name, $3 = its log, $4 = a query that must find line n00042, $5 = least lines
  local answer total distinct once least=${5:-$LINES}
  for _ in $(seq 1 120); do
    total=$(search "$1$RUN" | jq -r .total)
    [ "$total" -ge "$LINES" ] 2>/dev/null && break
    sleep 0.5
  done
  sleep 1 # a duplicate would show up late
  answer=$(search "$1$RUN")
  total=$(jq -r .total <<<"$answer")
  distinct=$(jq -r '.events[].message' <<<"$answer" | grep -o 'line n[0-9]*' | sort -u | wc -l)
  once=$(jq -r '.events[].message' <<<"$answer" | grep -o 'line n[0-9]*' | sort | uniq -u | wc -l)
  if [ "$total" -gt "$LINES" ] || [ "$total" -lt "$least" ] || [ "$distinct" != "$total" ] \
      || [ "$once" != "$total" ]; then
    say "$2: $total events found for $LINES lines ($distinct distinct, $once exactly once)"
    tail -20 "$3" || true
    return 1
  fi
  # The events are searchable by their fields too.
  [ "$(search "$1$RUN AND n00042 AND $4" | jq -r .total)" = 1 ] \
    || { say "$2: line n00042 is not found by '$4'"; return 1; }
  say "$2: $total/$LINES lines searchable exactly once (found by $4)"
}
ok=0
check rsy "rsyslog omelasticsearch -> /_bulk (README)" "$WORK/rsyslog/out.log" "stream:syslog" \
  || ok=1
check sng "syslog-ng elasticsearch-http() -> /_bulk (README)" "$WORK/syslog-ng/out.log" \
  "stream:syslog" || ok=1
[ "$ok" = 0 ] || fail "see above; Strata's log: $WORK/strata.log"
kill "$rsyslog_pid" "$syslog_ng_pid" 2>/dev/null || true

# --- Direct syslog: the same shippers to Strata's syslog listeners --------------------------------
# The listeners take the key from the environment at start, as an operator configures them.
stop_strata
SYSLOG_TCP=$(free_port)
SYSLOG_UDP=$((SYSLOG_TCP + 1))
SYSLOG_TLS=$(free_port)
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
  -subj /CN=localhost -addext "subjectAltName=DNS:localhost" \
  -keyout "$WORK/tls.key" -out "$WORK/tls.crt" 2>/dev/null \
  || fail "openssl could not make a certificate"
start_strata STRATA_SYSLOG_HOST=127.0.0.1 STRATA_SYSLOG_TCP_PORT="$SYSLOG_TCP" \
  STRATA_SYSLOG_UDP_PORT="$SYSLOG_UDP" STRATA_SYSLOG_API_KEY="$KEY" \
  STRATA_SYSLOG_LISTENER_TLS_HOST=127.0.0.1 STRATA_SYSLOG_LISTENER_TLS_TCP_PORT="$SYSLOG_TLS" \
  STRATA_SYSLOG_LISTENER_TLS_API_KEY="$KEY" \
  STRATA_SYSLOG_LISTENER_TLS_TLS_CERTIFICATE="$WORK/tls.crt" \
  STRATA_SYSLOG_LISTENER_TLS_TLS_KEY="$WORK/tls.key"
for _ in $(seq 1 40); do
  [ "$(grep -c "takes events for tenant shippers" "$WORK/strata.log")" -ge 2 ] && break
  sleep 0.5
done
grep "syslog listener" "$WORK/strata.log" | sed 's/^.*syslog listener/  syslog listener/'
make_input rtc
make_input rud
make_input snl
make_input stl

# The README's rsyslog block: its TCP and UDP actions (its TLS one needs rsyslog-gnutls), each in a
# ruleset of its own input.
rsyslog_syslog=$(readme_block '# rsyslog: RFC 5424, octet-counted, over TCP (queued and retried while Strata is away)')
mkdir -p "$WORK/rsyslog2"
{
  cat <<EOF
global(workDirectory="$WORK/rsyslog2" maxMessageSize="64k")
module(load="imfile" PollingInterval="1")
input(type="imfile" File="$WORK/rtc.log" Tag="shipcheck:" Severity="notice" Facility="local1" ruleset="tcp")
input(type="imfile" File="$WORK/rud.log" Tag="shipcheck:" Severity="warning" Facility="local2" ruleset="udp")
ruleset(name="tcp") {
EOF
  sed -n '1,/^# \.\.\. over TLS/p' <<<"$rsyslog_syslog" | sed '$d' \
    | from_readme "rsyslog omfwd TCP" \
      'target="strata.example.com" port="5514" protocol="tcp"=>target="127.0.0.1" port="'"$SYSLOG_TCP"'" protocol="tcp"'
  printf '}\nruleset(name="udp") {\n'
  sed -n '/^# RFC 3164 over UDP/,$p' <<<"$rsyslog_syslog" \
    | from_readme "rsyslog omfwd UDP" \
      'target="strata.example.com" port="5514" protocol="udp"=>target="127.0.0.1" port="'"$SYSLOG_UDP"'" protocol="udp"'
  printf '}\n'
} >"$WORK/rsyslog2/rsyslog.conf"
rsyslogd -n -f "$WORK/rsyslog2/rsyslog.conf" -i "$WORK/rsyslog2/rsyslogd.pid" >"$WORK/rsyslog2/out.log" 2>&1 &
pids+=($!)

# The README's syslog-ng block as written, to localhost, trusting the check's own certificate.
mkdir -p "$WORK/syslog-ng2"
{
  cat <<EOF
@version: 3.38
options { stats-freq(0); };
source s_tcp { file("$WORK/snl.log" follow-freq(1) flags(no-parse) program-override("shipcheck")); };
source s_tls { file("$WORK/stl.log" follow-freq(1) flags(no-parse) program-override("shipcheck")); };
EOF
  readme_block '# syslog-ng: RFC 5424 over TLS (RFC 5425 framing), and RFC 3164 over TCP' \
    | from_readme "syslog-ng syslog() and network()" \
      '"strata.example.com" port(6514)=>"localhost" port('"$SYSLOG_TLS"')' \
      '"strata.example.com" port(5514)=>"127.0.0.1" port('"$SYSLOG_TCP"')' \
      'ca-file("/etc/ssl/certs/ca-certificates.crt")=>ca-file("'"$WORK/tls.crt"'")'
  cat <<EOF
log { source(s_tcp); destination(d_strata_tcp); };
log { source(s_tls); destination(d_strata_tls); };
EOF
} >"$WORK/syslog-ng2/syslog-ng.conf"
syslog_ng -F -f "$WORK/syslog-ng2/syslog-ng.conf" -R "$WORK/syslog-ng2/persist" \
  -p "$WORK/syslog-ng2/pid" -c "$WORK/syslog-ng2/ctl" >"$WORK/syslog-ng2/out.log" 2>&1 &
pids+=($!)

check rtc "rsyslog omfwd RFC 5424, TCP octet-counted (README)" "$WORK/rsyslog2/out.log" \
  "service:shipcheck AND facility:local1 AND level_original:notice" || ok=1
# UDP is best effort: every line that arrives must arrive once; allow 2% to be lost.
check rud "rsyslog omfwd RFC 3164, UDP (README)" "$WORK/rsyslog2/out.log" \
  "service:shipcheck AND facility:local2 AND level:WARN" $((LINES * 98 / 100)) || ok=1
check snl "syslog-ng network() RFC 3164, TCP newline (README)" "$WORK/syslog-ng2/out.log" \
  "service:shipcheck AND facility:user" || ok=1
check stl "syslog-ng syslog() RFC 5424, TLS, peer verified (README)" "$WORK/syslog-ng2/out.log" \
  "service:shipcheck AND facility:user" || ok=1
[ "$ok" = 0 ] || fail "see above; Strata's log: $WORK/strata.log"
failed=0
say "OK in $(( $(date +%s) - started )) s"
