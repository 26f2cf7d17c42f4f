#!/usr/bin/env bash
# Publishes the ops agent (trimmed, self-contained, for this machine's architecture) and builds its image.
# Usage: scripts/build-opsagent-image.sh [TAG]   (default livestt/opsagent:local)
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

TAG=${1:-livestt/opsagent:local}
"$LIVESTT_ROOT/scripts/base-image.sh"

out="$LIVESTT_ROOT/artifacts/publish/opsagent"
log "publishing the ops agent for $(dotnet_rid)"
rm -rf "$out"
dotnet publish "$LIVESTT_ROOT/src/OpsAgent/LiveStt.OpsAgent.csproj" -c Release -r "$(dotnet_rid)" --self-contained \
  -o "$out" -nologo -v quiet

log "building image $TAG"
docker build --network host -f "$LIVESTT_ROOT/src/OpsAgent/Dockerfile" -t "$TAG" "$LIVESTT_ROOT" >"$LIVESTT_CACHE/docker-build-opsagent.log" 2>&1 \
  || { tail -n 40 "$LIVESTT_CACHE/docker-build-opsagent.log" >&2; die "docker build failed (log above)"; }
log "image $TAG built"
