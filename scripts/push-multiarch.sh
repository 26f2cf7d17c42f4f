#!/usr/bin/env bash
# Pushes a release for both architectures: the amd64 and arm64 images under TAG-amd64 and TAG-arm64, then TAG as a
# manifest list over the two, so that a box of either kind pulling TAG gets its own (the ops agent asks for its
# engine's platform). Checks each image's architecture first and the pushed list afterwards; prints the list's digest.
# Usage: scripts/push-multiarch.sh REGISTRY/REPOSITORY:TAG AMD64_IMAGE ARM64_IMAGE
# A registry on a loopback address, or one named in LIVESTT_INSECURE_REGISTRIES (space-separated host:port), is
# spoken to over plain HTTP.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

[ $# -eq 3 ] || die "usage: scripts/push-multiarch.sh REGISTRY/REPOSITORY:TAG AMD64_IMAGE ARM64_IMAGE"
TARGET=$1
declare -A IMAGES=([amd64]=$2 [arm64]=$3)
case "$TARGET" in
  */*:*) ;;
  *) die "'$TARGET' must name a registry, repository and tag (e.g. registry.example:5000/livestt/appliance:1.4.0)" ;;
esac
REPOSITORY=${TARGET%:*} TAG=${TARGET##*:}
[[ $TAG != */* ]] || die "'$TARGET' must end in :TAG"
REGISTRY=${TARGET%%/*}

ensure_docker
insecure=()
host=${REGISTRY%:*}
if [[ $host == localhost || $host == 127.* || $host == "[::1]" || " ${LIVESTT_INSECURE_REGISTRIES:-} " == *" $REGISTRY "* ]]; then
  insecure=(--insecure)
fi

children=()
for arch in amd64 arm64; do
  image=${IMAGES[$arch]}
  actual=$(docker image inspect -f '{{.Os}}/{{.Architecture}}' "$image" 2>/dev/null) || die "image $image is not in the engine"
  [ "$actual" = "linux/$arch" ] || die "image $image is $actual, not linux/$arch"
  docker tag "$image" "$REPOSITORY:$TAG-$arch"
  log "pushing $REPOSITORY:$TAG-$arch"
  docker push -q "$REPOSITORY:$TAG-$arch" >/dev/null || die "push of $REPOSITORY:$TAG-$arch failed"
  children+=("$REPOSITORY:$TAG-$arch")
done

# docker manifest keeps lists it made in ~/.docker/manifests: --amend replaces one an earlier run left there.
log "pushing $TARGET as a manifest list over ${children[*]}"
docker manifest create --amend "${insecure[@]}" "$TARGET" "${children[@]}" >/dev/null || die "docker manifest create failed"
digest=$(docker manifest push --purge "${insecure[@]}" "$TARGET") || die "docker manifest push failed"

platforms=$(docker manifest inspect "${insecure[@]}" "$TARGET" \
  | grep -E '"(architecture|os)"' | tr -d ' ",' | paste -sd' ' -)
[ "$platforms" = "architecture:amd64 os:linux architecture:arm64 os:linux" ] \
  || die "the registry's list for $TARGET is not amd64 and arm64 (it has: $platforms)"
log "$TARGET is a manifest list for linux/amd64 and linux/arm64"
printf '%s\n' "$digest"
