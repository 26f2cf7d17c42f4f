#!/usr/bin/env bash
# The load benchmark across two instances: a caption source and a relay joined through a real redis-server (Debian's,
# on 127.0.0.1), both the real appliance image on the host's network, with tests/ViewerLoad holding N viewers on each
# box at once (two generator processes). The source captions the image's demo recording with a generated tiny-shaped
# model; the relay serves the source's events from Redis. Publish times are stamped by the source, so the relay's
# delivery delay includes the hop through Redis. COUNTS (default 500,1000) viewers per box, HOLD seconds (default 20).
# Usage: scripts/bench/viewer-scale-relay.sh [COUNTS] [HOLD]
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
counts=${1:-500,1000}
hold=${2:-20}
image=${LIVESTT_IMAGE:-livestt/appliance:local}

ensure_docker
ensure_packages /usr/bin/redis-server:redis-server
docker image inspect "$image" >/dev/null 2>&1 || "$LIVESTT_ROOT/scripts/build-image.sh" "$image" >&2
dotnet build "$LIVESTT_ROOT/tests/ViewerLoad" -c Release -nologo -v quiet >/dev/null
dotnet build "$LIVESTT_ROOT/tests/ModelGenerator" -c Release -nologo -v quiet >/dev/null

work=$(mktemp -d)
containers=()
redis_pid=""
cleanup() {
  for c in "${containers[@]}"; do docker rm -f -v "$c" >/dev/null 2>&1 || true; done
  [ -n "$redis_pid" ] && kill "$redis_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
mkdir -m 0755 "$work/models" "$work/secrets"
dotnet "$LIVESTT_ROOT/tests/ModelGenerator/bin/Release/net10.0/LiveStt.ModelGenerator.dll" --shape tiny --out "$work/models/bench-tiny.bin" >/dev/null
chmod 0644 "$work/models/bench-tiny.bin"
head -c 32 /dev/urandom >"$work/secrets/ticket.key"
chmod 0644 "$work/secrets/ticket.key"
redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --daemonize no >"$work/redis.log" 2>&1 &
redis_pid=$!

start_box() { # NAME PORT EXTRA-SETTINGS...
  local name=$1 port=$2; shift 2
  docker run -d --label livestt.test=bench --network host \
    -e "ASPNETCORE_URLS=http://127.0.0.1:$port" -v "$work/models:/models:ro" -v "$work/secrets:/secrets:ro" \
    -e Models__Path=/models/bench-tiny.bin -e Audio__Loop=true -e Tickets__KeyFile=/secrets/ticket.key \
    -e "Captions__Redis=127.0.0.1:$redis_port" \
    -e Guards__RepetitionEnabled=false -e Guards__CompressionEnabled=false -e Guards__NoSpeechEnabled=false "$@" "$image"
}
source_port=$(free_port); relay_port=$(free_port)
containers+=("$(start_box source "$source_port")")
containers+=("$(start_box relay "$relay_port" -e Captions__Relay=true)")
log "source on 127.0.0.1:$source_port, relay on 127.0.0.1:$relay_port, redis on $redis_port; waiting for captions on the relay"
for _ in $(seq 1 120); do
  received=$(curl -fsS "http://127.0.0.1:$relay_port/api/status" 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["backplane"]["eventsReceived"])' 2>/dev/null || echo 0)
  [ "${received:-0}" -gt 0 ] && break
  sleep 1
done
[ "${received:-0}" -gt 0 ] || die "the relay received no events from the source within 120 s"
ulimit -n "$(ulimit -Hn)"
sleep 10
run_load() { # PORT CONTAINER LABEL
  local pid; pid=$(docker inspect -f '{{.State.Pid}}' "$2")
  dotnet "$LIVESTT_ROOT/tests/ViewerLoad/bin/Release/net10.0/LiveStt.ViewerLoad.dll" --box "http://127.0.0.1:$1" --pid "$pid" \
    --counts "$counts" --hold "$hold" --sources 32 >"$work/$3.txt" 2>&1
}
run_load "$source_port" "${containers[0]}" source & source_load=$!
run_load "$relay_port" "${containers[1]}" relay & relay_load=$!
status=0
wait "$source_load" || status=$?
wait "$relay_load" || status=$?
for box in source relay; do echo "== $box (uptime: $(cut -d' ' -f1-3 /proc/loadavg))"; cat "$work/$box.txt"; done
exit "$status"
