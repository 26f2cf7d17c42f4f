# Sourced by the whisper benchmarks (after scripts/lib/common.sh); don't run it.
# whisper.cpp's own tools (Debian forky's whisper.cpp-tools, libwhisper 1.9.5 on ggml 0.27) in a local image, and
# the generated models the benchmarks decode with: f16 from tests/ModelGenerator, q8_0 made from it by whisper.cpp's
# own whisper-quantize.

WHISPER_TOOLS_IMAGE=${LIVESTT_WHISPER_TOOLS_IMAGE:-livestt/whisper-tools:forky}
BENCH_LABEL=livestt.bench=$$

# Containers this script started (labelled with its pid) are removed on exit, whatever the exit.
remove_bench_containers() {
  docker_up || return 0
  docker ps -aq --filter "label=$BENCH_LABEL" | xargs -r docker rm -f >/dev/null 2>&1 || true
}

# debian:forky-slim made the way ENVIRONMENT.md describes (debootstrap, docker import), then whisper.cpp-tools on it.
ensure_whisper_tools_image() {
  docker image inspect "$WHISPER_TOOLS_IMAGE" >/dev/null 2>&1 && return 0
  if ! docker image inspect debian:forky-slim >/dev/null 2>&1; then
    local tarball="$LIVESTT_CACHE/forky-minbase-$(dpkg --print-architecture).tar"
    if [ ! -s "$tarball" ]; then
      ensure_packages debootstrap:debootstrap
      local rootfs; rootfs=$(mktemp -d /var/tmp/livestt-forky.XXXXXX)
      log "debootstrapping Debian forky (minbase) from $(debian_mirror)"
      as_root debootstrap --variant=minbase forky "$rootfs" "$(debian_mirror)" /usr/share/debootstrap/scripts/sid \
        >"$LIVESTT_CACHE/debootstrap-forky.log" 2>&1 || { as_root rm -rf "$rootfs"; die "debootstrap failed (see $LIVESTT_CACHE/debootstrap-forky.log)"; }
      printf 'Acquire::Check-Valid-Until "false";\nAcquire::Check-Date "false";\n' | as_root tee "$rootfs/etc/apt/apt.conf.d/99livestt-snapshot" >/dev/null
      as_root chroot "$rootfs" apt-get clean
      as_root rm -rf "$rootfs"/var/lib/apt/lists/*
      as_root tar -C "$rootfs" --numeric-owner -cf "$tarball" .
      as_root rm -rf "$rootfs"
    fi
    docker import "$tarball" debian:forky-slim >/dev/null
  fi
  log "building $WHISPER_TOOLS_IMAGE (whisper.cpp-tools from Debian forky)"
  docker build -q -t "$WHISPER_TOOLS_IMAGE" - >/dev/null <<'DOCKERFILE'
FROM debian:forky-slim
RUN apt-get update && apt-get install -y --no-install-recommends whisper.cpp-tools && rm -rf /var/lib/apt/lists/*
DOCKERFILE
}

# whisper_tools ARGS...  runs a command in the tools image, the folder $work mounted at the same path, no network.
whisper_tools() {
  docker run --rm -i --label "$BENCH_LABEL" --network none -v "$work:$work" -w "$work" "$WHISPER_TOOLS_IMAGE" "$@"
}

# bench_models DIR SHAPE...  writes DIR/SHAPE-f16.bin (seed 1) and DIR/SHAPE-q8_0.bin for each shape.
bench_models() {
  local dir=$1 shape; shift
  mkdir -p "$dir"
  for shape in "$@"; do
    [ -s "$dir/$shape-f16.bin" ] || dotnet run --project "$LIVESTT_ROOT/tests/ModelGenerator" -c Release -- --shape "$shape" --out "$dir/$shape-f16.bin" >/dev/null
    if [ ! -s "$dir/$shape-q8_0.bin" ]; then
      whisper_tools whisper-quantize "$dir/$shape-f16.bin" "$dir/$shape-q8_0.bin" q8_0 >"$dir/$shape-q8_0.log" 2>&1 \
        || { tail -n 5 "$dir/$shape-q8_0.log" >&2; die "whisper-quantize failed for $shape"; }
      cp "$dir/$shape-f16.bin.demo" "$dir/$shape-q8_0.bin.demo"
    fi
  done
  chmod -R a+rX "$dir"
}

# The encoder positions a window needs: 50 a second, 64 more (1.3 s) so the end is not cut, at most the full 1500.
audio_ctx_for() {
  python3 -c "import math,sys; print(min(1500, math.ceil(float(sys.argv[1]) * 50) + 64))" "$1"
}

# One line on what else this machine was doing: load average and the processes busiest over the last second.
machine_load() {
  printf 'load average %s; busiest over 1 s: ' "$(cut -d' ' -f1-3 /proc/loadavg)"
  top -b -n 2 -d 1 -w 200 | awk '/^top -/{block++} block==2 && $1 ~ /^[0-9]+$/ && $9+0 >= 5 {printf "%s %s%%, ", $12, $9}'
  echo
}
