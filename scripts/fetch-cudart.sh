#!/usr/bin/env bash
# Unpacks Debian 13's CUDA 12 runtime library (libcudart12, non-free; the one Dockerfile.cuda installs) into the cache
# and prints the folder that holds libcudart.so.12. No GPU or driver is needed to load it: a test uses it to see the
# appliance fall back to the CPU as it does in the CUDA image on a host without the NVIDIA runtime. This machine's apt
# configuration is left alone: the package lists live under the cache too.
# Usage: scripts/fetch-cudart.sh
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

arch=$(dpkg --print-architecture)
dir="$LIVESTT_CACHE/cudart12-$arch"
lib="$dir/usr/lib/$(gcc -dumpmachine 2>/dev/null || echo "$(uname -m)-linux-gnu")"
if [ ! -e "$lib/libcudart.so.12" ]; then
  apt_dir="$LIVESTT_CACHE/apt-trixie-non-free"
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/debs"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $(debian_mirror) trixie non-free" >"$apt_dir/sources.list"
  apt=(-o "Dir::Etc::sourcelist=$apt_dir/sources.list" -o Dir::Etc::sourceparts=- -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache")
  apt-get "${apt[@]}" update -qq >/dev/null 2>&1 || die "apt could not read Debian trixie's non-free section from $(debian_mirror)"
  rm -f "$apt_dir/debs"/*.deb
  (cd "$apt_dir/debs" && apt-get "${apt[@]}" download -qq libcudart12 >/dev/null 2>&1) || die "could not download libcudart12 from Debian trixie non-free"
  rm -rf "$dir.tmp" && mkdir -p "$dir.tmp"
  dpkg-deb -x "$apt_dir/debs"/libcudart12_*.deb "$dir.tmp"
  rm -rf "$dir" && mv "$dir.tmp" "$dir"
fi
[ -e "$lib/libcudart.so.12" ] || die "libcudart12 has no libcudart.so.12 in $lib"
echo "$lib"
