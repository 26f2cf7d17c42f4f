#!/usr/bin/env bash
# Publishes the appliance (self-contained, for this machine's architecture) and builds its image.
# Usage: scripts/build-image.sh [TAG]   (default livestt/appliance:local)
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

TAG=${1:-livestt/appliance:local}
"$LIVESTT_ROOT/scripts/base-image.sh"

out="$LIVESTT_ROOT/artifacts/publish/appliance"
log "publishing the appliance for $(dotnet_rid)"
rm -rf "$out"
dotnet publish "$LIVESTT_ROOT/src/Appliance/LiveStt.Appliance.csproj" -c Release -r "$(dotnet_rid)" \
  --self-contained -p:PublishSingleFile=false -o "$out" -nologo -v quiet

vad_model=$(ensure_vad_model)
log "building image $TAG (voice-activity model $vad_model)"
docker build --network host --build-arg VAD_MODEL_SHA256="$VAD_MODEL_SHA256" -t "$TAG" "$LIVESTT_ROOT" >"$LIVESTT_CACHE/docker-build.log" 2>&1 \
  || { tail -n 40 "$LIVESTT_CACHE/docker-build.log" >&2; die "docker build failed (log above)"; }
docker image inspect "$TAG" >/dev/null
log "image $TAG built"
