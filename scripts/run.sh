#!/usr/bin/env bash
# Quick start: sets up what is missing (Docker engine, compose, base image, appliance image, the kiosk's PIN in
# .secrets/kiosk-pin) and starts the appliance on its embedded defaults at http://127.0.0.1:8080.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

IMAGE=${LIVESTT_IMAGE:-livestt/appliance:local}
export LIVESTT_IMAGE=$IMAGE

ensure_docker
ensure_compose
"$LIVESTT_ROOT/scripts/build-image.sh" "$IMAGE"

# Where the named model can't be downloaded (no internet), the appliance falls back to a generated
# random-weight model and says so on every page. It is made here, by the test/dev generator,
# because it is not part of the shipped image.
demo_dir="$LIVESTT_CACHE/demo-model"
if [ ! -s "$demo_dir/livestt-demo.bin" ]; then
  log "generating the demo model (random weights, tiny's dimensions)"
  dotnet run --project "$LIVESTT_ROOT/tests/ModelGenerator" -c Release -- --shape tiny --out "$demo_dir/livestt-demo.bin" >/dev/null
fi
# The kiosk's PIN, handed to the appliance as a compose secret. Compose reads a relative path from the checkout, so the
# one made here is passed on as a full path.
pin_file=${LIVESTT_KIOSK_PIN_FILE:-$LIVESTT_ROOT/.secrets/kiosk-pin}
case $pin_file in /*) ;; *) pin_file=$PWD/$pin_file ;; esac
ensure_kiosk_pin "$pin_file"
export LIVESTT_KIOSK_PIN_FILE=$pin_file

compose=(docker compose -f "$LIVESTT_ROOT/docker-compose.yml")
# Compose creates its volume; the demo model goes in before the appliance first looks for it.
"${compose[@]}" up --no-start --force-recreate >/dev/null
docker run --rm --user 0 --network none -v livestt-data:/data -v "$demo_dir":/demo:ro --entrypoint sh "$IMAGE" -c \
  'mkdir -p /data/models && cp -u /demo/livestt-demo.bin /demo/livestt-demo.bin.demo /data/models/ && chown -R 10001:10001 /data'

"${compose[@]}" up -d
log "waiting for the appliance to report healthy"
cid=$("${compose[@]}" ps -q appliance)
for _ in $(seq 1 90); do
  state=$(docker inspect -f '{{.State.Health.Status}}' "$cid" 2>/dev/null || echo starting)
  [ "$state" = healthy ] && break
  sleep 2
done
[ "$state" = healthy ] || { docker logs --tail 40 "$cid" >&2; die "the appliance did not become healthy (logs above)"; }
log "captions are live at http://127.0.0.1:8080  (logs: docker compose logs -f appliance; stop: docker compose down)"
log "the volunteers' kiosk is http://127.0.0.1:8080/kiosk; its PIN: sudo cat $pin_file"
