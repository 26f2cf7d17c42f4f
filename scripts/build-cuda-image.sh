#!/usr/bin/env bash
# Builds the CUDA image (Dockerfile.cuda): the CPU image plus Whisper.net's CUDA 12 runtime and Debian's CUDA 12.4
# libraries. x86-64 only: Whisper.net's CUDA runtimes ship for linux-x64 alone (a Jetson builds its own, Dockerfile.jetson).
# The runtime package must be served by the NuGet source this machine uses; when it is not, this stops before it
# publishes or tags anything, so the CPU image and its publish folder stay as they were.
# Usage: scripts/build-cuda-image.sh [--check] [TAG] [CPU_IMAGE]   (defaults livestt/appliance:cuda12, livestt/appliance:local)
#   --check: only say whether the NuGet source serves the runtime package (exit 0 when it does).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

check_only=false
if [ "${1:-}" = --check ]; then check_only=true; shift; fi
TAG=${1:-livestt/appliance:cuda12}
CPU_IMAGE=${2:-livestt/appliance:local}
PACKAGE=Whisper.net.Runtime.Cuda12.Linux

[ "$(dotnet_rid)" = linux-x64 ] || die "the CUDA image is x86-64 only: Whisper.net's CUDA runtimes ship for linux-x64 alone (this machine is $(dotnet_rid)); a Jetson uses Dockerfile.jetson"
version=$(sed -n "s|.*<PackageVersion Include=\"$PACKAGE\" Version=\"\([^\"]*\)\".*|\1|p" "$LIVESTT_ROOT/Directory.Packages.props")
[ -n "$version" ] || die "Directory.Packages.props names no version of $PACKAGE"

# A restore of the package alone, in a project of its own, so that a registry without it leaves nothing behind.
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
cat >"$probe/probe.csproj" <<PROJ
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup>
  <ItemGroup><PackageReference Include="$PACKAGE" Version="$version" /></ItemGroup>
</Project>
PROJ
log "checking that the NuGet source serves $PACKAGE $version"
if ! dotnet restore "$probe/probe.csproj" -nologo -v quiet >"$probe/restore.log" 2>&1; then
  reason=$(grep -o 'error NU[0-9]*: [^[]*' "$probe/restore.log" | head -n 1 | sed 's/ *$//')
  die "cannot build the CUDA image: the NuGet source does not serve $PACKAGE $version (${reason:-restore failed}). Nothing was published or tagged; the CPU image is unchanged."
fi
if $check_only; then log "the NuGet source serves $PACKAGE $version"; exit 0; fi

docker_image_present() { docker image inspect "$1" >/dev/null 2>&1; }
ensure_docker
# The CUDA libraries' stage starts from the CPU image's base.
"$LIVESTT_ROOT/scripts/base-image.sh"
docker_image_present "$CPU_IMAGE" || "$LIVESTT_ROOT/scripts/build-image.sh" "$CPU_IMAGE"

out="$LIVESTT_ROOT/artifacts/publish/appliance-cuda12"
log "publishing the appliance for linux-x64 with $PACKAGE $version"
rm -rf "$out"
dotnet publish "$LIVESTT_ROOT/src/Appliance/LiveStt.Appliance.csproj" -c Release -r linux-x64 --self-contained \
  -p:PublishSingleFile=false -p:WhisperRuntimeCuda12=true -o "$out" -nologo -v quiet
[ -s "$out/runtimes/cuda12/linux-x64/libwhisper.so" ] || die "the publish has no runtimes/cuda12/linux-x64/libwhisper.so; $PACKAGE $version is not laid out as expected"

log "building image $TAG on $CPU_IMAGE"
docker build --network host -f "$LIVESTT_ROOT/Dockerfile.cuda" --build-arg CPU_IMAGE="$CPU_IMAGE" -t "$TAG" "$LIVESTT_ROOT" \
  >"$LIVESTT_CACHE/docker-build-cuda.log" 2>&1 \
  || { tail -n 40 "$LIVESTT_CACHE/docker-build-cuda.log" >&2; die "docker build of the CUDA image failed (log above)"; }
docker image inspect "$TAG" >/dev/null
log "image $TAG built"
