#!/usr/bin/env bash
# Checks the CUDA image on a machine with an NVIDIA GPU: builds it (scripts/build-cuda-image.sh), then decodes the
# same 10 s window of real speech with generated tiny- and base-shaped models in it twice, through the image's own
# runtimes (/app/runtimes), once without the GPU (the container gets none, so whisper falls back to the CPU) and once
# with every GPU (--gpus all), and prints both.
# Needs: the NVIDIA driver (550 or newer, for CUDA 12.4), Docker with the NVIDIA Container Toolkit, and a NuGet
# source that serves Whisper.net.Runtime.Cuda12.Linux. It says which of those is missing and stops.
# Usage: scripts/check-gpu.sh [TAG] [RUNS]   (defaults livestt/appliance:cuda12, 10)
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
image=${1:-livestt/appliance:cuda12}
runs=${2:-10}
speech=${LIVESTT_SPEECH_DIR:-$(cd "$LIVESTT_ROOT/.." && pwd)/shared/speech}

missing=()
if ! package=$("$LIVESTT_ROOT/scripts/build-cuda-image.sh" --check 2>&1); then
  missing+=("${package##*error: cannot build the CUDA image: }")
fi
if ! command -v nvidia-smi >/dev/null 2>&1; then
  missing+=("no nvidia-smi: the NVIDIA driver is not installed on this machine")
elif ! gpu=$(nvidia-smi --query-gpu=name,driver_version --format=csv,noheader 2>&1); then
  missing+=("nvidia-smi found no usable GPU: $gpu")
fi
ensure_docker
if ! docker info --format '{{json .Runtimes}}' 2>/dev/null | grep -q '"nvidia"' && ! command -v nvidia-container-cli >/dev/null 2>&1; then
  missing+=("Docker has no NVIDIA container runtime: install the NVIDIA Container Toolkit and run 'nvidia-ctk runtime configure --runtime=docker'")
fi
[ -f "$speech/manifest.jsonl" ] || missing+=("no speech corpus at $speech (set LIVESTT_SPEECH_DIR)")
if [ ${#missing[@]} -gt 0 ]; then
  for reason in "${missing[@]}"; do log "missing: $reason"; done
  die "cannot check the GPU image here (${#missing[@]} missing, above)"
fi
log "GPU: $gpu"

"$LIVESTT_ROOT/scripts/build-cuda-image.sh" "$image"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
log "publishing the benchmark (linux-x64, self-contained)"
dotnet publish "$LIVESTT_ROOT/bench/LiveStt.Bench" -c Release -r linux-x64 --self-contained -o "$work/bench" -nologo -v quiet >/dev/null
for shape in tiny base; do
  dotnet run --project "$LIVESTT_ROOT/tests/ModelGenerator" -c Release -- --shape "$shape" --out "$work/models/$shape-f16.bin" >/dev/null
done
chmod -R a+rX "$work"

for shape in tiny base; do
  for gpus in none all; do
    log "$shape, GPUs: $gpus"
    gpu_args=()
    [ "$gpus" = none ] || gpu_args=(--gpus "$gpus")
    docker run --rm --label livestt.test=bench --network none "${gpu_args[@]}" \
      -v "$work/bench":/bench:ro -v "$work/models":/models:ro -v "$speech":/speech:ro -e LIVESTT_SPEECH_DIR=/speech \
      --entrypoint /bench/LiveStt.Bench "$image" \
      decode --model "/models/$shape-f16.bin" --threads 4 --window 10 --runs "$runs" --library-path /app | sed "s/^{/{\"gpus\":\"$gpus\",/" >> "$work/raw.jsonl"
  done
done

python3 - "$work/raw.jsonl" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
print("| model | GPUs given | runtime | backend | device | load ms | decode ms p50 (min-max) | real-time factor |")
print("|---|---|---|---|---|---|---|---|")
for r in rows:
    r["device"] = r.get("device") or "-"
    print("| {model} | {gpus} | {runtime} | {backend} | {device} | {loadMs:.0f} | {decodeMsP50:.0f} ({decodeMsMin:.0f}-{decodeMsMax:.0f}) | {realTimeFactorP50} |".format(**r))
for r in rows:
    if r.get("gpuFallback"):
        print("\n" + r["model"] + ", GPUs " + r["gpus"] + ": " + r["gpuFallback"])
print()
print(rows[0]["binding"] + ": " + rows[-1]["systemInfo"])
PY
