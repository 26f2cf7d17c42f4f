#!/usr/bin/env bash
# Decode time, model load time and resident memory of the project's own libwhisper binding (on Debian's
# libwhisper 1.9.5) and of Whisper.net 1.9.1 (on its Whisper.net.Runtime CPU library), side by side: the same
# generated f16 models (tiny and base shapes), threads, 10 s window of real speech and decode settings as the
# caption pipeline's (8 tokens a second, one segment, no fallback), each binding in its own process, all in one
# container of the forky-based appliance image, the one place Debian's libwhisper 1.9.5 loads.
# Usage: scripts/bench/whisper-bindings.sh [IMAGE] [RUNS]   (default livestt/appliance:test, 10)
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
image=${1:-livestt/appliance:test}
runs=${2:-10}
speech=${LIVESTT_SPEECH_DIR:-$(cd "$LIVESTT_ROOT/.." && pwd)/shared/speech}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

ensure_docker
log "publishing the benchmark ($(dotnet_rid), self-contained)"
dotnet publish "$LIVESTT_ROOT/bench/LiveStt.Bench" -c Release -r "$(dotnet_rid)" --self-contained -o "$work/bench" -nologo -v quiet >/dev/null
for shape in tiny base; do
  dotnet run --project "$LIVESTT_ROOT/tests/ModelGenerator" -c Release -- --shape "$shape" --out "$work/models/$shape-f16.bin" >/dev/null
done
chmod -R a+rX "$work"

for shape in tiny base; do
  for threads in 1 2; do
    for binding in own whispernet; do
      log "$shape, $threads thread(s), $binding"
      docker run --rm --label livestt.test=bench --network none \
        -v "$work/bench":/bench:ro -v "$work/models":/models:ro -v "$speech":/speech:ro -e LIVESTT_SPEECH_DIR=/speech \
        --entrypoint /bench/LiveStt.Bench "$image" \
        decode --binding "$binding" --model "/models/$shape-f16.bin" --threads "$threads" --window 10 --runs "$runs" >> "$work/raw.jsonl"
    done
  done
done

python3 - "$work/raw.jsonl" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
print("| model | binding | library | threads | load ms | decode ms p50 (min-max) | RSS loaded MiB | RSS after decodes MiB | peak MiB |")
print("|---|---|---|---|---|---|---|---|---|")
for r in rows:
    print("| {model} | {binding} | {library} | {threads} | {loadMs:.0f} | {decodeMsP50:.0f} ({decodeMsMin:.0f}-{decodeMsMax:.0f}) | {residentLoadedMiB:.0f} | {residentAfterDecodesMiB:.0f} | {peakResidentMiB:.0f} |".format(**r))
print()
print("CPU features compiled in:")
for binding, info in dict.fromkeys((r["binding"] + " (" + r["library"] + ")", r["systemInfo"]) for r in rows):
    print("- " + binding + ": " + info)
PY
