#!/usr/bin/env bash
# How many phones one box carries: the real appliance image (a generated tiny-shaped f16 model, the image's demo
# recording looped in real time, guards off because a random-weight model loops) on the host's network at 127.0.0.1,
# and tests/ViewerLoad holding N SignalR viewers in one process, each with its own ticket, connecting as the viewer
# page does (access_token, skipNegotiation, WebSockets). For each N (COUNTS, default 100,500,1000,2000,5000, then
# 10000 if 5000 held) the viewers join, are held HOLD seconds (default 30) while whisper runs, and leave.
# Viewers connect from SOURCES loopback addresses (127.0.0.1 to 127.0.0.SOURCES, default 32), so the box's
# per-address ticket limit (Tickets:PermitsPerMinutePerAddress) applies as it would to 32 households, not bypassed:
# any 429 is counted and waited out. SOURCES=1 puts every viewer behind one address, like a room behind one NAT.
# LIVESTT_BENCH_ENV="Name=value ..." passes more settings to the appliance; LIVESTT_IMAGE picks the image (built with
# scripts/build-image.sh when it is missing). Extra arguments go to the generator (e.g. --parallel 500).
# Usage: scripts/bench/viewer-scale.sh [COUNTS] [HOLD] [generator args...]
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
counts=${1:-100,500,1000,2000,5000}
hold=${2:-30}
shift $(( $# < 2 ? $# : 2 ))
sources=${SOURCES:-32}
stretch=()
[ "$counts" = "100,500,1000,2000,5000" ] && stretch=(--stretch 10000)
image=${LIVESTT_IMAGE:-livestt/appliance:local}

ensure_docker
docker image inspect "$image" >/dev/null 2>&1 || "$LIVESTT_ROOT/scripts/build-image.sh" "$image" >&2
dotnet build "$LIVESTT_ROOT/tests/ViewerLoad" -c Release -nologo -v quiet >/dev/null
dotnet build "$LIVESTT_ROOT/tests/ModelGenerator" -c Release -nologo -v quiet >/dev/null

work=$(mktemp -d)
container=""
cleanup() {
  if [ -n "$container" ]; then
    docker logs --tail 40 "$container" >"$work/appliance.log" 2>&1 || true
    grep -E '"@l":"(Warning|Error|Fatal)"' "$work/appliance.log" | tail -n 5 >&2 || true
    docker rm -f -v "$container" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -m 0755 "$work/models"
dotnet "$LIVESTT_ROOT/tests/ModelGenerator/bin/Release/net10.0/LiveStt.ModelGenerator.dll" --shape tiny --out "$work/models/bench-tiny.bin" >/dev/null
chmod 0644 "$work/models/bench-tiny.bin"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
settings=(-e Guards__RepetitionEnabled=false -e Guards__CompressionEnabled=false -e Guards__NoSpeechEnabled=false)
for setting in ${LIVESTT_BENCH_ENV:-}; do settings+=(-e "$setting"); done
container=$(docker run -d --label livestt.test=bench --network host \
  -e "ASPNETCORE_URLS=http://127.0.0.1:$port" -v "$work/models:/models:ro" -e Models__Path=/models/bench-tiny.bin \
  -e Audio__Loop=true "${settings[@]}" "$image")
log "appliance $image on 127.0.0.1:$port (container ${container:0:12}); waiting for captions to be live"
for _ in $(seq 1 120); do
  state=$(curl -fsS "http://127.0.0.1:$port/api/status" 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["session"]["state"])' 2>/dev/null || true)
  [ "$state" = live ] && break
  [ "$(docker inspect -f '{{.State.Running}}' "$container")" = true ] || { docker logs --tail 30 "$container" >&2; die "the appliance exited"; }
  sleep 1
done
[ "$state" = live ] || die "the appliance was not live within 120 s (state: ${state:-no answer})"
pid=$(docker inspect -f '{{.State.Pid}}' "$container")
# One socket per viewer on each side, plus the generator's pooled ticket connections: both need more than the usual 1024.
# The container gets the engine's own limit (Docker refuses one above it); the generator raises its soft limit to its hard one.
ulimit -n "$(ulimit -Hn)"
log "fd limits: generator $(ulimit -n), appliance $(grep 'Max open files' "/proc/$pid/limits" | awk '{print $4}'); warming up 10 s"
sleep 10
dotnet "$LIVESTT_ROOT/tests/ViewerLoad/bin/Release/net10.0/LiveStt.ViewerLoad.dll" --box "http://127.0.0.1:$port" --pid "$pid" \
  --counts "$counts" "${stretch[@]}" --hold "$hold" --sources "$sources" "$@"
