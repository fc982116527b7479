#!/usr/bin/env bash
# (2) Throughput and latency through the mTLS gateway vs nginx (ssl_verify_client on) to the same upstream with
# the same certificates, over kept-alive connections (MtlsLoadDriver), and new full handshakes/s with
# `openssl s_time -new`. Installs nginx-light if missing. Everything runs on this machine: note the load.
#
# Environment: CONNECTIONS (32) PREWARM (30: unrecorded load on each target first, for the JIT) WARMUP (5) DURATION (15) ROUNDS (2) ENGINE (auto|openssl|jdk) LOOPS (2)
#              NGINX_WORKERS (2) STIME_SECONDS (10) GATEWAY_PORT (18443) NGINX_PORT (18444) UPSTREAM_PORT (18080)
set -euo pipefail
source "$(dirname "$0")/authorizer-common.sh"

CONNECTIONS=${CONNECTIONS:-32}
PREWARM=${PREWARM:-30}
WARMUP=${WARMUP:-5}
DURATION=${DURATION:-15}
ROUNDS=${ROUNDS:-2}
ENGINE=${ENGINE:-auto}
LOOPS=${LOOPS:-2}
NGINX_WORKERS=${NGINX_WORKERS:-2}
STIME_SECONDS=${STIME_SECONDS:-10}
GATEWAY_PORT=${GATEWAY_PORT:-18443}
NGINX_PORT=${NGINX_PORT:-18444}
UPSTREAM_PORT=${UPSTREAM_PORT:-18080}

if ! command -v nginx >/dev/null 2>&1; then
  echo "installing nginx-light" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y nginx-light >/dev/null 2>&1 \
    || { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y nginx-light >/dev/null; }
fi

WORK=$(mktemp -d /tmp/nodeward-authorizer-bench.XXXXXX)
INFRA_PID=""
SERVER_PID=""
cleanup() {
  if [ -f "$WORK/nginx.pid" ]; then nginx -p "$WORK" -c "$WORK/nginx.conf" -s stop 2>/dev/null || true; fi
  for pid in $SERVER_PID $INFRA_PID; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

await_file() {
  for _ in $(seq 1 600); do [ -f "$1" ] && return 0; sleep 0.2; done
  echo "timed out waiting for $1; logs in $WORK" >&2; exit 1
}

# CPU time (user+system, all threads) of processes, in microseconds: how much machine each request costs,
# which stays meaningful on a shared machine where wall-clock rates swing with the neighbours' load.
CLK_TCK=$(getconf CLK_TCK)
cpu_us() {
  local total=0 p f
  for p in "$@"; do
    f=$(sed -E 's/^[0-9]+ \(.*\) //' "/proc/$p/stat")
    total=$((total + $(echo "$f" | awk '{print $12 + $13}')))
  done
  echo $((total * 1000000 / CLK_TCK))
}
nginx_pids() { local master; master=$(cat "$WORK/nginx.pid"); echo "$master $(pgrep -P "$master" | tr '\n' ' ')"; }
gateway_pids() { echo "$SERVER_PID"; }

# Broker + upstream + PKI in one JVM, the authorizer alone in another.
java -Xms256m -Xmx768m -cp "$CP" io.nodeward.bench.authorizer.BenchInfra "$WORK" "$UPSTREAM_PORT" \
  > "$WORK/infra.log" 2>&1 &
INFRA_PID=$!
await_file "$WORK/infra-ready"
java -Xms512m -Xmx768m -cp "$CP" io.nodeward.bench.authorizer.GatewayBenchServer \
  "$WORK" "$GATEWAY_PORT" "$ENGINE" "$LOOPS" > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
await_file "$WORK/ready"
echo "nodeward gateway: $(tr '\n' ' ' < "$WORK/ready")"

cat > "$WORK/nginx.conf" <<NGINX
worker_processes $NGINX_WORKERS;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  upstream node_1 { server 127.0.0.1:$UPSTREAM_PORT; keepalive 64; }
  server {
    listen 127.0.0.1:$NGINX_PORT ssl;
    ssl_certificate $WORK/server.pem;
    ssl_certificate_key $WORK/server.key;
    ssl_client_certificate $WORK/ca.pem;
    ssl_verify_client on;
    ssl_protocols TLSv1.2 TLSv1.3;
    keepalive_requests 10000000;
    location /nodes/node-1/ {
      proxy_pass http://node_1/;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header X-Nodeward-User alice;
      proxy_set_header X-Nodeward-Node node-1;
    }
  }
}
NGINX
nginx -p "$WORK" -c "$WORK/nginx.conf"
sleep 0.5
echo "nginx $(nginx -v 2>&1 | sed 's/.*\///') with $NGINX_WORKERS worker(s) on $NGINX_PORT, access_log off"

echo "== pre-warm: ${PREWARM}s of unrecorded load on each target (JIT compilation of the JVM gateway)"
for port in "$GATEWAY_PORT" "$NGINX_PORT"; do
  java -Xmx256m -cp "$CP" io.nodeward.bench.authorizer.MtlsLoadDriver prewarm "$port" "$WORK" "$CONNECTIONS" 0 "$PREWARM" \
    > /dev/null
done
echo "== kept-alive mTLS load: $CONNECTIONS connections, ${WARMUP}s warm-up, ${DURATION}s measured, $ROUNDS round(s)"
for round in $(seq 1 "$ROUNDS"); do
  for target in nodeward nginx; do
    if [ "$target" = nodeward ]; then port=$GATEWAY_PORT; pids=$(gateway_pids); else port=$NGINX_PORT; pids=$(nginx_pids); fi
    before=$(cpu_us $pids)
    line=$(java -Xmx256m -cp "$CP" io.nodeward.bench.authorizer.MtlsLoadDriver "$target-round$round" "$port" \
      "$WORK" "$CONNECTIONS" "$WARMUP" "$DURATION")
    after=$(cpu_us $pids)
    all=$(echo "$line" | sed -E 's/.*all_requests=([0-9]+).*/\1/')
    echo "$line server_cpu_us_per_request=$(( (after - before) / (all > 0 ? all : 1) ))"
  done
done

echo "== new mTLS handshakes (openssl s_time -new, ${STIME_SECONDS}s each, one GET per connection)"
for target in nodeward nginx; do
  if [ "$target" = nodeward ]; then port=$GATEWAY_PORT; pids=$(gateway_pids); else port=$NGINX_PORT; pids=$(nginx_pids); fi
  before=$(cpu_us $pids)
  out=$(openssl s_time -connect "127.0.0.1:$port" -new -time "$STIME_SECONDS" \
    -cert "$WORK/client.pem" -key "$WORK/client.key" -CAfile "$WORK/ca.pem" -www /nodes/node-1/bench 2>&1 || true)
  after=$(cpu_us $pids)
  line=$(echo "$out" | grep -m1 'connections in .* real seconds' || true)
  n=$(echo "$line" | awk '{print $1}'); secs=$(echo "$line" | sed -E 's/.* in ([0-9.]+) real seconds.*/\1/')
  if [ -n "$n" ] && [ -n "$secs" ] && [ "$n" -gt 0 ]; then
    echo "$target handshakes/s=$(awk -v n="$n" -v s="$secs" 'BEGIN{printf "%.0f", n/s}')" \
      "server_cpu_us_per_handshake=$(( (after - before) / n )) ($line)"
  else
    echo "$target s_time failed: $(echo "$out" | tail -3)"
  fi
done
echo "== gateway metrics"
ADMIN=$(grep '^admin=' "$WORK/ready" | cut -d= -f2)
curl -s "http://127.0.0.1:$ADMIN/metrics" | grep -E '^nodeward_authorizer_(decisions_total\{effect="ALLOW"|decisions_published|spool_dropped|gateway_connection_failures)' || true
echo "machine: $(nproc) cores, load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
