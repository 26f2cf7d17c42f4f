#!/usr/bin/env bash
# Decode time, model load time and resident memory of whisper through Whisper.net as the appliance runs it:
# generated f16 models (tiny and base shapes), 1 and 2 threads, a 10 s window of real speech, the caption
# pipeline's decode settings (8 tokens a second, one segment, no fallback), with glibc's mmap threshold fixed as
# the appliance fixes it and, for comparison, left dynamic. Each case is its own process in a container of the
# appliance image.
# Usage: scripts/bench/whisper-decode.sh [IMAGE] [RUNS]   (default livestt/appliance:local, 10)
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
image=${1:-livestt/appliance:local}
runs=${2:-10}
speech=${LIVESTT_SPEECH_DIR:-$(cd "$LIVESTT_ROOT/.." && pwd)/shared/speech}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

ensure_docker
docker image inspect "$image" >/dev/null 2>&1 || die "no image $image; build it with scripts/build-image.sh $image"
log "publishing the benchmark ($(dotnet_rid), self-contained)"
dotnet publish "$LIVESTT_ROOT/bench/LiveStt.Bench" -c Release -r "$(dotnet_rid)" --self-contained -o "$work/bench" -nologo -v quiet >/dev/null
for shape in tiny base; do
  dotnet run --project "$LIVESTT_ROOT/tests/ModelGenerator" -c Release -- --shape "$shape" --out "$work/models/$shape-f16.bin" >/dev/null
done
chmod -R a+rX "$work"

for shape in tiny base; do
  for threads in 1 2; do
    for heap in "" --dynamic-mmap-threshold; do
      log "$shape, $threads thread(s) ${heap:-(fixed mmap threshold)}"
      docker run --rm --label livestt.test=bench --network none \
        -v "$work/bench":/bench:ro -v "$work/models":/models:ro -v "$speech":/speech:ro -e LIVESTT_SPEECH_DIR=/speech \
        --entrypoint /bench/LiveStt.Bench "$image" \
        decode --model "/models/$shape-f16.bin" --threads "$threads" --window 10 --runs "$runs" $heap >> "$work/raw.jsonl"
    done
  done
done

python3 - "$work/raw.jsonl" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
print("| model | threads | mmap threshold | load ms | decode ms p50 (min-max) | RSS loaded MiB | RSS after decodes MiB | peak MiB |")
print("|---|---|---|---|---|---|---|---|")
for r in rows:
    r["heap"] = "fixed" if r["fixedMmapThreshold"] else "dynamic"
    print("| {model} | {threads} | {heap} | {loadMs:.0f} | {decodeMsP50:.0f} ({decodeMsMin:.0f}-{decodeMsMax:.0f}) | {residentLoadedMiB:.0f} | {residentAfterDecodesMiB:.0f} | {peakResidentMiB:.0f} |".format(**r))
print()
print(rows[0]["binding"] + " (" + rows[0]["library"] + "): " + rows[0]["systemInfo"])
PY
