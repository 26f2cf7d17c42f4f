#!/usr/bin/env bash
# Measures the ops agent's idle footprint: resident memory and CPU share of one core.
# Publishes the agent the way its image ships it (self-contained, Release), runs it against the local
# Docker engine with one managed container and its default schedules (session poll 5 s, health 30 s,
# registry check 10 min), lets it settle, then samples /proc for a while.
# Usage: scripts/bench/opsagent-footprint.sh [SECONDS]   (default 120; needs a reachable Docker engine)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-120}
settle=20
work=$(mktemp -d)
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  docker rm -f livestt-bench-idle >/dev/null 2>&1 || true
  docker rmi livestt-bench/idle:1 >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

case "$(uname -m)" in x86_64) rid=linux-x64 ;; aarch64) rid=linux-arm64 ;; *) echo "unsupported $(uname -m)" >&2; exit 1 ;; esac
echo "publishing the agent ($rid, self-contained, Release)..."
dotnet publish "$root/src/OpsAgent/LiveStt.OpsAgent.csproj" -c Release -r "$rid" --self-contained -o "$work/agent" -nologo -v quiet >/dev/null

# A managed container for the agent to watch: busybox sleeping, imported from the host's busybox-static.
mkdir -p "$work/rootfs/bin" && cp /bin/busybox "$work/rootfs/bin/busybox"
tar -C "$work/rootfs" -c . | docker import -c 'CMD ["/bin/busybox","sleep","2147483647"]' - livestt-bench/idle:1 >/dev/null
docker run -d --name livestt-bench-idle --network none livestt-bench/idle:1 >/dev/null

# The image's runtime settings (src/OpsAgent/Dockerfile).
export DOTNET_gcServer=0 DOTNET_TC_CallCountThreshold=1000
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$work/agent/LiveStt.OpsAgent" \
  --urls="http://127.0.0.1:$port" \
  --OpsAgent:StateDirectory="$work/state" \
  --OpsAgent:ApiToken="bench-token-0123456789abcdef" \
  --OpsAgent:Services:0:Name=idle \
  --OpsAgent:Services:0:ContainerName=livestt-bench-idle \
  --OpsAgent:Services:0:Image=127.0.0.1:1/livestt-bench/idle:1 \
  --OpsAgent:ApplianceUrl="http://127.0.0.1:9" >"$work/agent.log" 2>&1 &
pid=$!
sleep "$settle"
kill -0 "$pid" || { cat "$work/agent.log"; exit 1; }

hz=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$pid/status"; }
start_ticks=$(ticks); start_ns=$(date +%s%N); peak=0
for _ in $(seq 1 "$seconds"); do
  r=$(rss_kb); [ "$r" -gt "$peak" ] && peak=$r
  sleep 1
done
end_ticks=$(ticks); end_ns=$(date +%s%N); end_rss=$(rss_kb)
awk -v t=$((end_ticks - start_ticks)) -v hz="$hz" -v ns=$((end_ns - start_ns)) -v peak="$peak" -v rss="$end_rss" -v s="$seconds" 'BEGIN {
  printf "idle window:  %d s (after %d s settling)\n", s, '"$settle"'
  printf "RSS:          %.1f MB at end, %.1f MB peak\n", rss / 1024, peak / 1024
  printf "CPU:          %.2f %% of one core (%.2f s CPU in %.1f s)\n", 100 * (t / hz) / (ns / 1e9), t / hz, ns / 1e9
}'
