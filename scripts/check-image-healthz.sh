#!/usr/bin/env bash
# Starts an appliance image, as its platform (emulated where it is foreign), on a generated micro model and the demo
# input it ships with, and checks that it answers GET /healthz with 200 and that it runs as that architecture.
# Prints how long it took to answer. Removes the container it started, whatever happens.
# Usage: scripts/check-image-healthz.sh [--arch amd64|arm64] IMAGE
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

ARCH="" IMAGE=""
while [ $# -gt 0 ]; do
  case "$1" in
    --arch) [ $# -ge 2 ] || die "--arch needs a value (amd64 or arm64)"; ARCH=$2; shift 2 ;;
    --arch=*) ARCH=${1#--arch=}; shift ;;
    -*) die "unknown option $1 (usage: scripts/check-image-healthz.sh [--arch amd64|arm64] IMAGE)" ;;
    *) [ -z "$IMAGE" ] || die "one IMAGE only"; IMAGE=$1; shift ;;
  esac
done
[ -n "$IMAGE" ] || die "usage: scripts/check-image-healthz.sh [--arch amd64|arm64] IMAGE"
ARCH=$(image_arch "$ARCH")
# Under emulation start-up is slow (JIT and whisper's load run through QEMU): give it minutes, not seconds.
TIMEOUT=${LIVESTT_HEALTHZ_TIMEOUT:-300}

ensure_docker
ensure_emulation "$ARCH"
docker image inspect "$IMAGE" >/dev/null 2>&1 || die "image $IMAGE is not in the engine (build it with scripts/build-image.sh --arch $ARCH $IMAGE)"
actual=$(docker image inspect -f '{{.Os}}/{{.Architecture}}' "$IMAGE")
[ "$actual" = "linux/$ARCH" ] || die "image $IMAGE is $actual, not linux/$ARCH"

models="$LIVESTT_CACHE/healthz-model"
if [ ! -s "$models/ggml-micro.bin" ]; then
  log "generating a micro model (random weights) for the check"
  dotnet run --project "$LIVESTT_ROOT/tests/ModelGenerator" -c Release -- --shape micro --out "$models/ggml-micro.bin" >/dev/null
fi

name="livestt-healthz-$ARCH-$$"
cleanup() { docker rm -f "$name" >/dev/null 2>&1 || true; }
trap cleanup EXIT
# Emulated, .NET's W^X must be off (why: emulated_dotnet_env in scripts/lib/common.sh).
emulation=()
for variable in $(emulated_dotnet_env "$ARCH"); do emulation+=(-e "$variable"); done
start=$(date +%s%N)
docker run -d --name "$name" --label livestt.test=healthz --platform "linux/$ARCH" -p "127.0.0.1::8080" "${emulation[@]}" \
  -v "$models":/models:ro -e Models__Path=/models/ggml-micro.bin -e Whisper__Threads=2 "$IMAGE" >/dev/null
address=$(docker port "$name" 8080/tcp | head -n1)

body="" code=""
while :; do
  [ "$(docker inspect -f '{{.State.Running}}' "$name")" = true ] \
    || { docker logs --tail 40 "$name" >&2; die "the $ARCH appliance exited before answering /healthz (logs above)"; }
  code=$(curl -s -o /tmp/livestt-healthz.$$ -w '%{http_code}' --max-time 5 "http://$address/healthz" || true)
  if [ "$code" = 200 ]; then body=$(cat /tmp/livestt-healthz.$$); rm -f /tmp/livestt-healthz.$$; break; fi
  if [ $(( ($(date +%s%N) - start) / 1000000000 )) -ge "$TIMEOUT" ]; then
    rm -f /tmp/livestt-healthz.$$
    docker logs --tail 40 "$name" >&2
    die "the $ARCH appliance did not answer /healthz with 200 within $TIMEOUT s (last: ${code:-no answer})"
  fi
  sleep 1
done
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
machine=$(docker exec "$name" uname -m)
expected=$([ "$ARCH" = arm64 ] && echo aarch64 || echo x86_64)
[ "$machine" = "$expected" ] || die "the container reports machine $machine, not $expected"
printf '/healthz answered 200 after %d.%01d s on linux/%s (uname -m in the container: %s):\n%s\n' \
  $((elapsed_ms / 1000)) $((elapsed_ms % 1000 / 100)) "$ARCH" "$machine" "$body"
