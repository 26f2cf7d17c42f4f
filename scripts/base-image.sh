#!/usr/bin/env bash
# Makes the base image debian:trixie-slim locally (debootstrap + docker import), because public
# registries can't be reached from the box's build machines. Reuses the image, or a cached root
# file system tarball, when present. Debian 13 "trixie" is the stable release: its packages get
# security fixes without new versions, so a rebuild next year installs what this one did.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

SUITE=trixie
BASE_IMAGE=${LIVESTT_BASE_IMAGE:-debian:$SUITE-slim}

ensure_docker
if docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
  log "base image $BASE_IMAGE present"
  exit 0
fi

tarball="$LIVESTT_CACHE/$SUITE-minbase-$(dpkg --print-architecture).tar"
if [ ! -s "$tarball" ]; then
  ensure_packages debootstrap:debootstrap
  mirror=$(debian_mirror)
  rootfs=$(mktemp -d /var/tmp/livestt-rootfs.XXXXXX)
  trap 'as_root rm -rf "$rootfs"' EXIT
  log "debootstrapping Debian $SUITE (minbase) from $mirror"
  as_root debootstrap --variant=minbase "$SUITE" "$rootfs" "$mirror" /usr/share/debootstrap/scripts/sid >"$LIVESTT_CACHE/debootstrap.log" 2>&1 \
    || { tail -n 20 "$LIVESTT_CACHE/debootstrap.log" >&2; die "debootstrap failed"; }
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
docker import "$tarball" "$BASE_IMAGE" >/dev/null
docker image inspect "$BASE_IMAGE" >/dev/null
