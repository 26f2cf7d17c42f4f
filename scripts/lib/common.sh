# Shared helpers for the project's scripts. Source it; don't run it.
# Every function is idempotent: a second run reuses what the first one installed or built.

# The checkout this file is in, even when a script was started through a link to the scripts folder.
LIVESTT_ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
LIVESTT_CACHE=${LIVESTT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/livestt}
DOCKER_SOCK=${DOCKER_SOCK:-/var/run/docker.sock}
export DOCKER_HOST=${DOCKER_HOST:-unix://$DOCKER_SOCK}
LIVESTT_STARTED_DOCKERD=""

log() { printf '[livestt] %s\n' "$*" >&2; }
die() { printf '[livestt] error: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# The Debian mirror this machine's own apt sources name, so a base image made here uses it too.
debian_mirror() {
  local uri
  uri=$(grep -hE '^(URIs:|deb )' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
        | grep -v -e security -e nodesource -e google | head -n1 \
        | sed -E 's/^URIs:[[:space:]]*//; s/^deb[[:space:]]+(\[[^]]*\][[:space:]]+)?//; s/[[:space:]].*$//')
  printf '%s\n' "${uri:-http://deb.debian.org/debian}"
}

# The security mirror this machine's apt sources name (stable releases get their fixes there).
debian_security_mirror() {
  local uri
  uri=$(grep -hE '^(URIs:|deb )' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
        | grep security | head -n1 \
        | sed -E 's/^URIs:[[:space:]]*//; s/^deb[[:space:]]+(\[[^]]*\][[:space:]]+)?//; s/[[:space:]].*$//')
  printf '%s\n' "${uri:-http://deb.debian.org/debian-security}"
}

# Debian forky carries the docker compose v2 plugin (bookworm's docker-compose is the old 1.x).
ensure_forky_source() {
  [ -f /etc/apt/sources.list.d/livestt-forky.sources ] && return 0
  grep -rqs 'Suites:.*forky' /etc/apt/sources.list.d/ && return 0
  log "adding Debian forky to apt sources at low priority (for docker compose v2)"
  as_root tee /etc/apt/sources.list.d/livestt-forky.sources >/dev/null <<SRC
Types: deb
URIs: $(debian_mirror)
Suites: forky
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  as_root tee /etc/apt/preferences.d/livestt-forky >/dev/null <<'PIN'
Package: *
Pin: release n=forky
Pin-Priority: 100
PIN
  LIVESTT_APT_UPDATED=""
}

apt_update_once() {
  [ -n "${LIVESTT_APT_UPDATED:-}" ] && return 0
  as_root apt-get update -qq >/dev/null
  LIVESTT_APT_UPDATED=1
}

# ensure_packages CMD:PACKAGE ...  installs PACKAGE when CMD is missing.
ensure_packages() {
  local missing=() pair
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || [ -x "${pair%%:*}" ] || missing+=("${pair#*:}")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing: ${missing[*]}"
  apt_update_once
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# ensure_library SONAME PACKAGE  installs PACKAGE when the dynamic linker cannot find SONAME.
ensure_library() {
  ldconfig -p 2>/dev/null | grep -q "$1" && return 0
  log "installing: $2"
  apt_update_once
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$2" >/dev/null
}

ensure_compose() {
  docker compose version >/dev/null 2>&1 && return 0
  ensure_forky_source
  apt_update_once
  local tmp; tmp=$(mktemp -d)
  (cd "$tmp" && apt-get download -qq docker-compose/forky >/dev/null 2>&1) || die "could not download docker-compose from Debian forky"
  dpkg-deb -x "$tmp"/docker-compose_*.deb "$tmp/x"
  as_root mkdir -p /usr/libexec/docker/cli-plugins
  as_root install -m 0755 "$tmp/x/usr/libexec/docker/cli-plugins/docker-compose" /usr/libexec/docker/cli-plugins/docker-compose
  rm -rf "$tmp"
  docker compose version >/dev/null || die "docker compose plugin did not install"
}

docker_up() { docker info >/dev/null 2>&1; }

# Starts a Docker engine when none answers. Sets LIVESTT_STARTED_DOCKERD to its pid when this
# script started it, so a test run can stop exactly what it started.
ensure_docker() {
  ensure_packages dockerd:docker.io docker:docker.io
  docker_up && return 0
  log "starting dockerd on $DOCKER_SOCK"
  as_root mkdir -p /var/lib/docker /run/docker
  as_root rm -f /run/livestt-dockerd.pid
  # setsid: the engine must not die with the shell's process group (and must not hold its terminal).
  as_root setsid dockerd --host "unix://$DOCKER_SOCK" --data-root /var/lib/docker --exec-root /run/docker \
    --pidfile /run/livestt-dockerd.pid >"$LIVESTT_CACHE/dockerd.log" 2>&1 < /dev/null &
  local i
  for i in $(seq 1 60); do
    docker_up && break
    sleep 1
  done
  docker_up || { tail -n 30 "$LIVESTT_CACHE/dockerd.log" >&2; die "dockerd did not start (log above)"; }
  LIVESTT_STARTED_DOCKERD=$(cat /run/livestt-dockerd.pid 2>/dev/null || true)
}

stop_docker_if_started() {
  [ -n "$LIVESTT_STARTED_DOCKERD" ] || return 0
  log "stopping the dockerd this run started (pid $LIVESTT_STARTED_DOCKERD)"
  as_root kill "$LIVESTT_STARTED_DOCKERD" 2>/dev/null || true
  local i
  for i in $(seq 1 30); do
    kill -0 "$LIVESTT_STARTED_DOCKERD" 2>/dev/null || break
    sleep 1
  done
  LIVESTT_STARTED_DOCKERD=""
}

# The image's app group (Dockerfile: groupadd --gid 10001; the app user is UID 10001 in it).
LIVESTT_APP_GID=10001

# ensure_kiosk_pin FILE: puts a new kiosk PIN, 6 random digits, in FILE unless it holds one already. FILE is root's,
# readable by the image's app group too: compose bind-mounts it into the container as the secret kiosk_pin, where the
# app user reads it; a folder it has to make is its maker's alone (0700). The PIN itself is never printed.
ensure_kiosk_pin() {
  local file=$1 dir
  dir=$(dirname "$file")
  # As root: the folder may be root's own 0700 one (an earlier run with sudo), and not being able to look in must not
  # count as having no PIN.
  if as_root test -s "$file"; then
    log "kiosk PIN: keeping the one in $file (to read it: sudo cat $file)"
    return 0
  fi
  [ -d "$dir" ] || mkdir -m 0700 "$dir"
  as_root rm -f "$file.part"
  as_root install -m 0640 -o 0 -g "$LIVESTT_APP_GID" /dev/null "$file.part"
  kiosk_pin_digits | as_root tee "$file.part" >/dev/null
  as_root mv -f "$file.part" "$file"
  log "kiosk PIN: made a new one in $file (to read it: sudo cat $file; to change it, write 4 to 12 digits there and restart: docker compose restart appliance)"
}

# Six digits from the kernel's random source. A 32-bit draw at or above the largest multiple of 10^6 below 2^32 is
# drawn again, so that every PIN is equally likely (plain modulo would favour the lower ones, slightly).
kiosk_pin_digits() {
  local n
  while :; do
    n=$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')
    [ "$n" -lt 4294000000 ] && break
  done
  printf '%06d\n' $((n % 1000000))
}

# The architecture names .NET and Docker use for this machine.
dotnet_rid() {
  case "$(uname -m)" in
    x86_64) echo linux-x64 ;;
    aarch64|arm64) echo linux-arm64 ;;
    *) die "unsupported architecture $(uname -m)" ;;
  esac
}

# image_arch [ARCH]: checks an image architecture name (Debian's and Docker's: amd64, arm64) and prints it; no
# argument means this machine's own.
image_arch() {
  local arch=${1:-$(dpkg --print-architecture)}
  case "$arch" in
    amd64|arm64) printf '%s\n' "$arch" ;;
    *) die "unsupported image architecture '$arch' (amd64 or arm64)" ;;
  esac
}

# arch_rid ARCH: the .NET runtime identifier for an image architecture.
arch_rid() {
  case "$1" in
    amd64) echo linux-x64 ;;
    arm64) echo linux-arm64 ;;
    *) die "unsupported image architecture '$1' (amd64 or arm64)" ;;
  esac
}

# base_image_tag ARCH: the local base image for ARCH. This machine's own architecture keeps the plain
# debian:trixie-slim the Dockerfiles name (LIVESTT_BASE_IMAGE overrides it); a foreign one gets a tag of its own, so
# importing it never replaces the native image that every other build starts from.
base_image_tag() {
  if [ "$1" = "$(dpkg --print-architecture)" ]; then
    printf '%s\n' "${LIVESTT_BASE_IMAGE:-debian:trixie-slim}"
  else
    printf 'livestt/debian:trixie-slim-%s\n' "$1"
  fi
}

# ensure_emulation ARCH: makes this machine run ARCH's programs through QEMU user emulation (needed to debootstrap,
# build and run a foreign image). Installs qemu-user-static, mounts binfmt_misc where it is missing and registers the
# handler with the F flag: the kernel then opens the emulator once, at registration, so it also serves programs inside
# containers and chroots, whose file systems have no emulator of their own.
ensure_emulation() {
  local arch=$1 qarch magic mask entry flags
  [ "$arch" = "$(dpkg --print-architecture)" ] && return 0
  case "$arch" in
    arm64) qarch=aarch64
      magic='\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xb7\x00'
      mask='\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff' ;;
    amd64) qarch=x86_64
      magic='\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3e\x00'
      mask='\xff\xff\xff\xff\xff\xfe\xfe\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff' ;;
    *) die "no emulation for architecture '$arch'" ;;
  esac
  ensure_packages "/usr/bin/qemu-$qarch-static:qemu-user-static"
  if [ ! -e /proc/sys/fs/binfmt_misc/register ]; then
    local err
    err=$(as_root mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc 2>&1) \
      || die "cannot emulate $arch: mounting binfmt_misc failed: $err"
  fi
  entry=/proc/sys/fs/binfmt_misc/qemu-$qarch
  # A handler registered without F (or pointing elsewhere) would not work inside containers: replace it.
  if [ -e "$entry" ]; then
    flags=$(sed -n 's/^flags: //p' "$entry")
    if [[ $flags != *F* ]]; then
      log "re-registering the qemu-$qarch handler with the F flag (was: '$flags')"
      echo -1 | as_root tee "$entry" >/dev/null 2>&1 || die "cannot emulate $arch: removing the old qemu-$qarch handler failed"
    fi
  fi
  if [ ! -e "$entry" ]; then
    local err
    err=$(printf ':qemu-%s:M::%s:%s:/usr/bin/qemu-%s-static:FP' "$qarch" "$magic" "$mask" "$qarch" \
          | as_root tee /proc/sys/fs/binfmt_misc/register 2>&1 >/dev/null) \
      || die "cannot emulate $arch: registering qemu-$qarch in binfmt_misc failed: ${err:-write refused}"
  fi
  grep -qx enabled "$entry" || echo 1 | as_root tee "$entry" >/dev/null
  grep -qx enabled "$entry" || die "cannot emulate $arch: the qemu-$qarch handler is registered but stays disabled"
}

# emulated_dotnet_env ARCH: the environment a .NET program needs to run emulated (VAR=value, one a line; nothing for
# this machine's own architecture). W^X, on by default since .NET 7, has the runtime write JIT code and patch stubs
# through a second, writable mapping of the memory it executes; QEMU user emulation drops its translation of guest
# code when that code is written through the mapping it translated, not through another, so the process goes on
# running stale code. Here the native tests hung, silent, with 12 s of CPU in 10 minutes, and ran at once with W^X
# off. On arm64 hardware the image keeps W^X: this is passed only where a foreign image is run.
emulated_dotnet_env() {
  [ "$1" = "$(dpkg --print-architecture)" ] || echo DOTNET_EnableWriteXorExecute=0
}

mkdir -p "$LIVESTT_CACHE"

# The Silero voice-activity model the image carries (whisper.cpp's ggml conversion of snakers4/silero-vad 6.2.0,
# MIT licence). Its published copy is tried first; where the machine cannot reach it, a copy beside the checkout
# (../shared/models, or LIVESTT_VAD_SOURCE) is used. Either way the file must match this checksum.
VAD_MODEL_NAME=silero-v6.2.0-ggml.bin
VAD_MODEL_SHA256=2aa269b785eeb53a82983a20501ddf7c1d9c48e33ab63a41391ac6c9f7fb6987
VAD_MODEL_URLS=(
  "https://huggingface.co/ggml-org/whisper-vad/resolve/main/ggml-silero-v6.2.0.bin"
  "https://raw.githubusercontent.com/ggml-org/whisper.cpp/master/models/for-tests-silero-v6.2.0-ggml.bin"
)

# ensure_vad_model: puts the checked model at artifacts/vad/$VAD_MODEL_NAME (kept between runs) and prints its path.
ensure_vad_model() {
  local dir="$LIVESTT_ROOT/artifacts/vad" target part url local_copy
  target="$dir/$VAD_MODEL_NAME"
  mkdir -p "$dir"
  if [ -f "$target" ] && echo "$VAD_MODEL_SHA256  $target" | sha256sum -c --status; then
    printf '%s\n' "$target"; return 0
  fi
  part="$target.part"
  for url in "${VAD_MODEL_URLS[@]}"; do
    rm -f "$part"
    if curl -fsSL --connect-timeout 10 --max-time 120 -o "$part" "$url" 2>/dev/null; then
      if echo "$VAD_MODEL_SHA256  $part" | sha256sum -c --status; then
        mv "$part" "$target"; log "voice-activity model downloaded from $url"
        printf '%s\n' "$target"; return 0
      fi
      log "warning: $url did not have the expected voice-activity model (sha256 differs); not used"
    fi
  done
  rm -f "$part"
  local_copy=${LIVESTT_VAD_SOURCE:-$(cd "$LIVESTT_ROOT/.." && pwd)/shared/models/$VAD_MODEL_NAME}
  [ -f "$local_copy" ] || die "the voice-activity model could not be downloaded and $local_copy does not exist (set LIVESTT_VAD_SOURCE)"
  echo "$VAD_MODEL_SHA256  $local_copy" | sha256sum -c --status \
    || die "$local_copy is not the expected voice-activity model (sha256 $VAD_MODEL_SHA256)"
  cp "$local_copy" "$part" && mv "$part" "$target"
  log "voice-activity model copied from $local_copy (no download reachable)"
  printf '%s\n' "$target"
}

# run_bench OUT ARGS...: runs the benchmark program (bench/LiveStt.Bench, built once per script) with ARGS, appending
# its output to OUT. It runs in the background so that stop_bench, called from the script's EXIT trap, can stop it and
# the appliance process it started when the script is stopped first.
LIVESTT_BENCH_PID=""
LIVESTT_BENCH_BUILT=""
run_bench() {
  local out=$1; shift
  if [ -z "$LIVESTT_BENCH_BUILT" ]; then
    dotnet build "$LIVESTT_ROOT/bench/LiveStt.Bench" -c Release -nologo -v quiet >/dev/null
    LIVESTT_BENCH_BUILT=1
  fi
  dotnet "$LIVESTT_ROOT/bench/LiveStt.Bench/bin/Release/net10.0/LiveStt.Bench.dll" "$@" >> "$out" &
  LIVESTT_BENCH_PID=$!
  wait "$LIVESTT_BENCH_PID"
  LIVESTT_BENCH_PID=""
}

stop_bench() {
  if [ -n "$LIVESTT_BENCH_PID" ]; then
    pkill -P "$LIVESTT_BENCH_PID" 2>/dev/null || true
    kill "$LIVESTT_BENCH_PID" 2>/dev/null || true
  fi
}
