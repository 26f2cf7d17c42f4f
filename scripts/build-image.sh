#!/usr/bin/env bash
# Publishes the appliance (self-contained) and builds its image, for this machine's architecture unless told another.
# Usage: scripts/build-image.sh [--arch amd64|arm64] [TAG]   (default livestt/appliance:local)
# A foreign architecture builds through QEMU user emulation (scripts/base-image.sh makes its base image).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

ARCH="" TAG=""
while [ $# -gt 0 ]; do
  case "$1" in
    --arch) [ $# -ge 2 ] || die "--arch needs a value (amd64 or arm64)"; ARCH=$2; shift 2 ;;
    --arch=*) ARCH=${1#--arch=}; shift ;;
    -*) die "unknown option $1 (usage: scripts/build-image.sh [--arch amd64|arm64] [TAG])" ;;
    *) [ -z "$TAG" ] || die "one TAG only (usage: scripts/build-image.sh [--arch amd64|arm64] [TAG])"; TAG=$1; shift ;;
  esac
done
ARCH=$(image_arch "$ARCH")
TAG=${TAG:-livestt/appliance:local}
RID=$(arch_rid "$ARCH")
"$LIVESTT_ROOT/scripts/base-image.sh" "$ARCH"

out="$LIVESTT_ROOT/artifacts/publish/appliance"
log "publishing the appliance for $RID"
rm -rf "$out"
dotnet publish "$LIVESTT_ROOT/src/Appliance/LiveStt.Appliance.csproj" -c Release -r "$RID" \
  --self-contained -p:PublishSingleFile=false -o "$out" -nologo -v quiet

vad_model=$(ensure_vad_model)
log "building image $TAG for linux/$ARCH (voice-activity model $vad_model)"
buildlog="$LIVESTT_CACHE/docker-build$([ "$ARCH" = "$(dpkg --print-architecture)" ] || echo "-$ARCH").log"
# --platform only for a foreign architecture: the native build stays exactly what it was.
platform=()
[ "$ARCH" = "$(dpkg --print-architecture)" ] || platform=(--platform "linux/$ARCH")
docker build --network host "${platform[@]}" --build-arg BASE_IMAGE="$(base_image_tag "$ARCH")" \
  --build-arg VAD_MODEL_SHA256="$VAD_MODEL_SHA256" -t "$TAG" "$LIVESTT_ROOT" >"$buildlog" 2>&1 \
  || { tail -n 40 "$buildlog" >&2; die "docker build failed (log above)"; }
[ "$(docker image inspect -f '{{.Architecture}}' "$TAG")" = "$ARCH" ] || die "built $TAG but it is not an $ARCH image"
log "image $TAG built"
