#!/usr/bin/env bash
# Builds the Jetson image (Dockerfile.jetson): the appliance published for linux-arm64, with a CUDA libwhisper built
# from the whisper.cpp commit Whisper.net is built from. Run it on the Jetson, or on an arm64 machine that can pull
# NVIDIA's L4T images from nvcr.io; this project's build machines can do neither, and it stops there after the publish.
# Usage: scripts/build-jetson-image.sh [TAG]   (default livestt/appliance:jetson)
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

TAG=${1:-livestt/appliance:jetson}
out="$LIVESTT_ROOT/artifacts/publish/appliance-linux-arm64"
log "publishing the appliance for linux-arm64"
rm -rf "$out"
dotnet publish "$LIVESTT_ROOT/src/Appliance/LiveStt.Appliance.csproj" -c Release -r linux-arm64 --self-contained \
  -p:PublishSingleFile=false -o "$out" -nologo -v quiet
[ -s "$out/runtimes/linux-arm64/libwhisper.so" ] || die "the linux-arm64 publish has no runtimes/linux-arm64/libwhisper.so"

[ "$(dotnet_rid)" = linux-arm64 ] || die "the Jetson image builds on arm64 only (NVIDIA's L4T base images and nvcc for sm_87 are arm64); this machine is $(dotnet_rid). The linux-arm64 publish is in $out."
ensure_docker
vad_model=$(ensure_vad_model)
log "building image $TAG (voice-activity model $vad_model); this pulls NVIDIA's L4T images and whisper.cpp's source"
docker build -f "$LIVESTT_ROOT/Dockerfile.jetson" --build-arg VAD_MODEL_SHA256="$VAD_MODEL_SHA256" -t "$TAG" "$LIVESTT_ROOT" \
  >"$LIVESTT_CACHE/docker-build-jetson.log" 2>&1 \
  || { tail -n 40 "$LIVESTT_CACHE/docker-build-jetson.log" >&2; die "docker build of the Jetson image failed (log above)"; }
log "image $TAG built"
