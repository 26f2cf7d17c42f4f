#!/usr/bin/env bash
# What the box needs: the real appliance image with a generated model of each shape (SHAPES, default tiny,base,small;
# random weights, so guards off), driven through the kiosk's own API as a volunteer would: started with captions off
# (idle), then Start (captioning the image's demo recording, looped in real time), then Pause. For each state, SECONDS
# (default 60) of the appliance process's CPU (utime + stime from /proc/PID/stat), its RSS (VmRSS) at the end of the
# state, and the container's memory as its cgroup counts it (what a compose memory limit acts on) at the end and at its
# peak. Also: the images' sizes, the time from `docker run` to a healthy /healthz, and from Start to "live" (the model
# loaded). LIVESTT_IMAGE and LIVESTT_OPSAGENT_IMAGE pick the images (the appliance one is built when missing).
# Usage: scripts/bench/resource-envelope.sh [SECONDS] [SHAPES]
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
seconds=${1:-60}
shapes=${2:-tiny,base,small}
image=${LIVESTT_IMAGE:-livestt/appliance:local}
agent_image=${LIVESTT_OPSAGENT_IMAGE:-livestt/opsagent:local}

ensure_docker
docker image inspect "$image" >/dev/null 2>&1 || "$LIVESTT_ROOT/scripts/build-image.sh" "$image" >&2
dotnet build "$LIVESTT_ROOT/tests/ModelGenerator" -c Release -nologo -v quiet >/dev/null

work=$(mktemp -d)
container=""
cleanup() {
  [ -z "$container" ] || docker rm -f -v "$container" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

mib() { echo $(( ($1 + 524288) / 1048576 )); }
image_size() {
  if docker image inspect "$1" >/dev/null 2>&1; then
    echo "$(mib "$(docker image inspect -f '{{.Size}}' "$1")") MiB"
  else
    echo "not built"
  fi
}
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
cgroup_file() { cat "/sys/fs/cgroup/memory/docker/$container/$1"; }
seconds_since() { python3 -c "import time,sys; print(f'{time.monotonic() - float(sys.argv[1]):.1f}')" "$1"; }
now() { python3 -c 'import time; print(time.monotonic())'; }
status_field() {
  curl -fsS "http://127.0.0.1:$port/api/status" 2>/dev/null | python3 -c "import json,sys; print(json.load(sys.stdin)$1)" 2>/dev/null || true
}

# A volunteer at the kiosk: unlock with the PIN (anti-forgery token from the state), then one session action.
kiosk() {
  python3 - "http://127.0.0.1:$port" "$pin" "$1" "$work/cookies" <<'PY'
import http.cookiejar, json, sys, urllib.request
base, pin, action, jar_path = sys.argv[1:]
jar = http.cookiejar.LWPCookieJar(jar_path)
try:
    jar.load(ignore_discard=True)
except FileNotFoundError:
    pass
web = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
def post(path, token, body=None):
    request = urllib.request.Request(base + path, data=json.dumps(body or {}).encode(), method="POST",
                                     headers={"Content-Type": "application/json", "X-CSRF-TOKEN": token})
    return web.open(request).status
state = json.load(web.open(base + "/api/kiosk/"))
if not state["unlocked"]:
    post("/api/kiosk/unlock", state["csrfToken"], {"pin": pin})
    state = json.load(web.open(base + "/api/kiosk/"))
post("/api/session/" + action, state["csrfToken"])
jar.save(ignore_discard=True)
PY
}

# SECONDS in one state: CPU as % of one core, RSS and cgroup memory at the end.
measure() {
  local ticks_per_second; ticks_per_second=$(getconf CLK_TCK)
  local before; before=$(cpu_ticks "$pid")
  sleep "$seconds"
  local after; after=$(cpu_ticks "$pid")
  local cpu; cpu=$(python3 -c "print(f'{($after - $before) / $ticks_per_second / $seconds * 100:.1f}')")
  echo "$cpu % / $(( $(rss_kib "$pid") / 1024 )) / $(mib "$(cgroup_file memory.usage_in_bytes)")"
}

echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
echo
echo "| image | size |"
echo "|---|---|"
echo "| $image | $(image_size "$image") |"
echo "| $agent_image | $(image_size "$agent_image") |"
echo
echo "| model shape | file MiB | run to healthy s | Start to live s | idle: CPU / RSS MiB / cgroup MiB | captioning: CPU / RSS / cgroup | paused: CPU / RSS / cgroup | peak RSS / cgroup MiB |"
echo "|---|---|---|---|---|---|---|---|"
pin=$(python3 -c 'import secrets; print("".join(secrets.choice("0123456789") for _ in range(8)))')
for shape in ${shapes//,/ }; do
  rm -rf "$work/models" "$work/cookies"
  mkdir -m 0755 "$work/models"
  dotnet "$LIVESTT_ROOT/tests/ModelGenerator/bin/Release/net10.0/LiveStt.ModelGenerator.dll" --shape "$shape" --out "$work/models/$shape.bin" >/dev/null
  chmod 0644 "$work/models/$shape.bin"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  started=$(now)
  container=$(docker run -d --label livestt.test=bench --network host -e "ASPNETCORE_URLS=http://127.0.0.1:$port" \
    -v "$work/models:/models:ro" -e "Models__Path=/models/$shape.bin" -e Audio__Loop=true -e Streaming__AutoStart=false \
    -e "Kiosk__Pin=$pin" -e Guards__RepetitionEnabled=false -e Guards__CompressionEnabled=false \
    -e Guards__NoSpeechEnabled=false "$image")
  container=$(docker inspect -f '{{.Id}}' "$container")
  healthy=""
  for _ in $(seq 1 600); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null; then healthy=$(seconds_since "$started"); break; fi
    [ "$(docker inspect -f '{{.State.Running}}' "$container")" = true ] || { docker logs --tail 30 "$container" >&2; die "the appliance exited"; }
    sleep 0.1
  done
  [ -n "$healthy" ] || die "the appliance did not answer /healthz within 60 s"
  pid=$(docker inspect -f '{{.State.Pid}}' "$container")
  sleep 5
  idle=$(measure)

  asked=$(now)
  kiosk start
  live=""
  for _ in $(seq 1 1200); do
    [ "$(status_field '["session"]["state"]')" = live ] && { live=$(seconds_since "$asked"); break; }
    sleep 0.1
  done
  [ -n "$live" ] || die "captions were not live within 120 s of Start"
  captioning=$(measure)
  decodes=$(status_field '["session"]["decodes"]')
  [ "${decodes:-0}" -gt 0 ] || die "whisper decoded nothing while captioning ($shape)"

  kiosk pause
  [ "$(status_field '["session"]["state"]')" = paused ] || die "the session did not pause"
  paused=$(measure)
  peak="$(awk '/^VmHWM:/ { print int($2 / 1024) }' "/proc/$pid/status") / $(mib "$(cgroup_file memory.max_usage_in_bytes)")"
  echo "| $shape | $(mib "$(stat -c %s "$work/models/$shape.bin")") | $healthy | $live | $idle | $captioning | $paused | $peak |"
  docker rm -f -v "$container" >/dev/null
  container=""
done
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
