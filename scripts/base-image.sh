#!/usr/bin/env bash
# Makes the base image debian:trixie-slim locally (debootstrap + docker import), because public
# registries can't be reached from the box's build machines. Reuses the image, or a cached root
# file system tarball, when present. Debian 13 "trixie" is the stable release: its packages get
# security fixes without new versions, so a rebuild next year installs what this one did.
# Usage: scripts/base-image.sh [ARCH]   (amd64 or arm64; default this machine's). A foreign architecture is
# debootstrapped through QEMU user emulation and imported as livestt/debian:trixie-slim-ARCH (base_image_tag).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

SUITE=trixie
ARCH=$(image_arch "${1:-}")
BASE_IMAGE=$(base_image_tag "$ARCH")

ensure_docker
# The second stage of a foreign debootstrap runs the new system's own programs, and so does every RUN of its image.
ensure_emulation "$ARCH"
if [ "$(docker image inspect -f '{{.Architecture}}' "$BASE_IMAGE" 2>/dev/null)" = "$ARCH" ]; then
  log "base image $BASE_IMAGE present"
  exit 0
fi

tarball="$LIVESTT_CACHE/$SUITE-minbase-$ARCH.tar"
if [ ! -s "$tarball" ]; then
  ensure_packages debootstrap:debootstrap
  mirror=$(debian_mirror)
  rootfs=$(mktemp -d /var/tmp/livestt-rootfs.XXXXXX)
  trap 'as_root rm -rf "$rootfs"' EXIT
  log "debootstrapping Debian $SUITE (minbase, $ARCH) from $mirror"
  as_root debootstrap --arch "$ARCH" --variant=minbase "$SUITE" "$rootfs" "$mirror" /usr/share/debootstrap/scripts/sid \
    >"$LIVESTT_CACHE/debootstrap-$ARCH.log" 2>&1 \
    || { tail -n 20 "$LIVESTT_CACHE/debootstrap-$ARCH.log" >&2; die "debootstrap failed"; }
  # The mirror may serve a dated snapshot whose Release files have expired; carry the same
  # allowance this machine's apt has, so Dockerfiles need no site-specific options.
  as_root tee "$rootfs/etc/apt/apt.conf.d/99livestt-snapshot" >/dev/null <<'APT'
Acquire::Check-Valid-Until "false";
Acquire::Check-Date "false";
APT
  as_root tee "$rootfs/etc/apt/apt.conf.d/99livestt-slim" >/dev/null <<'APT'
APT::Install-Recommends "false";
APT::Install-Suggests "false";
APT
  as_root rm -f "$rootfs/etc/apt/sources.list"
  as_root tee "$rootfs/etc/apt/sources.list.d/debian.sources" >/dev/null <<SRC
Types: deb
URIs: $mirror
Suites: $SUITE $SUITE-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: $(debian_security_mirror)
Suites: $SUITE-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  as_root chroot "$rootfs" apt-get clean
  as_root rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin
  as_root tar -C "$rootfs" --numeric-owner -cf "$tarball.tmp" .
  as_root mv "$tarball.tmp" "$tarball"
fi

log "importing $tarball as $BASE_IMAGE"
if [ "$ARCH" = "$(dpkg --print-architecture)" ]; then
  docker import "$tarball" "$BASE_IMAGE" >/dev/null
else
  # `docker import --platform` needs an engine in experimental mode (Docker 20.10 ignores it otherwise and records
  # the host's architecture), so a foreign image is loaded instead, from a `docker save` layout of one layer (the
  # root file system tarball) whose config names the architecture.
  load=$(mktemp -d "$LIVESTT_CACHE/load.XXXXXX")
  trap 'as_root rm -rf "${rootfs:-}"; rm -rf "$load"' EXIT
  mkdir "$load/layer"
  ln -s "$tarball" "$load/layer/layer.tar"
  diff_id=sha256:$(sha256sum "$tarball" | cut -d' ' -f1)
  config=$(printf '{"architecture":"%s","os":"linux","created":"%s","config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"Cmd":["bash"]},"rootfs":{"type":"layers","diff_ids":["%s"]},"history":[{"created":"%s","created_by":"debootstrap --arch %s --variant=minbase %s"}]}' \
    "$ARCH" "$(date -u -r "$tarball" +%Y-%m-%dT%H:%M:%SZ)" "$diff_id" "$(date -u -r "$tarball" +%Y-%m-%dT%H:%M:%SZ)" "$ARCH" "$SUITE")
  config_id=$(printf '%s' "$config" | sha256sum | cut -d' ' -f1)
  printf '%s' "$config" >"$load/$config_id.json"
  printf '[{"Config":"%s.json","RepoTags":["%s"],"Layers":["layer/layer.tar"]}]' "$config_id" "$BASE_IMAGE" >"$load/manifest.json"
  tar -C "$load" -ch . | docker load >/dev/null
  rm -rf "$load"
fi
[ "$(docker image inspect -f '{{.Architecture}}' "$BASE_IMAGE")" = "$ARCH" ] \
  || die "imported $BASE_IMAGE but its architecture is not $ARCH"
