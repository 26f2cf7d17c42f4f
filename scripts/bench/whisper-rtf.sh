#!/usr/bin/env bash
# Real-time factor of a whisper decode through the appliance's own runtime (WhisperRuntime / WhisperTranscriber,
# Whisper.net 1.9.1 and its CPU runtime, whisper.cpp 1.8.5), with the caption pipeline's request: a token cap of
# 8 a second of window, one segment, no temperature fallback. Grid: generated models of the micro, tiny and base
# shapes in f16 and q8_0 (quantised by whisper.cpp's own whisper-quantize), 1 and 2 threads, windows of 5, 10 and
# 30 s of real speech (the shared clips joined in manifest order), each with whisper's full audio context (1500
# positions) and with the context cut to the window (50 positions a second + 64). One process per case: a
# warm-up decode, then RUNS measured (SLOW_RUNS for the base shape on 1 thread with the full context).
# Runs on this host; the whisper.cpp tools image is used only to quantise.
# Usage: scripts/bench/whisper-rtf.sh [RUNS] [SLOW_RUNS]   (default 5, 3)
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
source "$(dirname "$0")/whisper-models.sh"
runs=${1:-5}
slow_runs=${2:-3}
shapes=${LIVESTT_BENCH_SHAPES:-micro tiny base}
types=${LIVESTT_BENCH_TYPES:-f16 q8_0}
windows=${LIVESTT_BENCH_WINDOWS:-5 10 30}
threads_list=${LIVESTT_BENCH_THREADS:-1 2}
speech=${LIVESTT_SPEECH_DIR:-$(cd "$LIVESTT_ROOT/.." && pwd)/shared/speech}
work=$(mktemp -d)
cleanup() { remove_bench_containers; rm -rf "$work"; stop_docker_if_started; }
trap cleanup EXIT
trap 'exit 130' INT TERM

ensure_docker
ensure_whisper_tools_image
log "publishing the benchmark ($(dotnet_rid), self-contained)"
dotnet publish "$LIVESTT_ROOT/bench/LiveStt.Bench" -c Release -r "$(dotnet_rid)" --self-contained -o "$work/bench" -nologo -v quiet >/dev/null
log "generating and quantising models: $shapes"
# shellcheck disable=SC2086
bench_models "$work/models" $shapes

log "start: $(machine_load)"
started=$(date +%s)
for shape in $shapes; do
  for type in $types; do
    for threads in $threads_list; do
      for window in $windows; do
        reduced=$(audio_ctx_for "$window")
        for ctx in 0 "$reduced"; do
          [ "$ctx" = 1500 ] && continue   # the window needs the whole context: same as the full case
          n=$runs
          [ "$shape" = base ] && [ "$threads" = 1 ] && [ "$ctx" = 0 ] && n=$slow_runs
          log "$shape $type, $threads thread(s), ${window} s, audio_ctx ${ctx/#0/full}, $n runs"
          LIVESTT_SPEECH_DIR=$speech "$work/bench/LiveStt.Bench" decode --model "$work/models/$shape-$type.bin" \
            --threads "$threads" --window "$window" --audio-ctx "$ctx" --runs "$n" | tee -a "$work/raw.jsonl" >/dev/null
          printf '%s\n' "$(cut -d' ' -f1 /proc/loadavg)" >> "$work/load.txt"
        done
      done
    done
  done
done
log "end: $(machine_load)"
log "grid took $(( $(date +%s) - started )) s"

python3 - "$work/raw.jsonl" "$work/load.txt" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
loads = [line.strip() for line in open(sys.argv[2])]
print("| shape | type | threads | window s | audio_ctx | decode ms p50 (min-max) | RTF p50 | tokens | runs | load avg (1 min) after |")
print("|---|---|---|---|---|---|---|---|---|---|")
for r, load in zip(rows, loads):
    shape, kind = r["model"].removesuffix(".bin").split("-", 1)
    ctx = r["audioContext"] or "1500 (full)"
    print(f"| {shape} | {kind} | {r['threads']} | {r['windowSeconds']:g} | {ctx} | {r['decodeMsP50']:.0f} ({r['decodeMsMin']:.0f}-{r['decodeMsMax']:.0f}) | {r['realTimeFactorP50']:.2f} | {r['tokensP50']} | {r['runs']} | {load} |")
print()
print(rows[0]["binding"] + " (" + rows[0]["library"] + "): " + rows[0]["systemInfo"])
PY
