#!/usr/bin/env bash
# CPU, decodes and memory of the whole appliance (its own process, a generated tiny-shaped f16 model, the real Silero
# model) playing in real time SECONDS (default 600) of desk hiss at -70 dBFS, then SECONDS of the LJ Speech set
# (LJ001-0001 to 0032, a second of hiss after each, looped). Guards off (a random-weight model loops).
# Usage: scripts/bench/appliance-cpu.sh [SECONDS]
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
seconds=${1:-600}
vad=$(ensure_vad_model)
out=$(mktemp)
trap 'stop_bench; rm -f "$out"' EXIT

for audio in silence speech; do
  run_bench "$out" appliance-cpu --vad-model "$vad" --audio "$audio" --seconds "$seconds"
done

python3 - "$out" <<'PY'
import json, sys
print("| audio | % of one core | CPU s in wall s | decodes | decode ms p50 / p95 | committed lines | dropped audio | RSS end / peak MiB |")
print("|---|---|---|---|---|---|---|---|")
for line in open(sys.argv[1]):
    r = json.loads(line)
    p50 = "-" if r["decodeMsP50"] is None else round(r["decodeMsP50"])
    p95 = "-" if r["decodeMsP95"] is None else round(r["decodeMsP95"])
    print("| {} | {:.2f} % | {} in {} | {} | {} / {} | {} | {} ms | {} / {} |".format(
        r["audio"], r["percentOfOneCore"], r["cpuSeconds"], r["wallSeconds"], r["decodes"], p50, p95,
        r["committedLines"], r["droppedAudioMs"], r["residentMiB"], r["peakResidentMiB"]))
    print(json.dumps(r), file=sys.stderr)
PY
