#!/usr/bin/env bash
# Commit latency, the headline figure: from the end of each utterance of the LJ Speech set (LJ001-0001 to 0032 in
# order, each followed by GAP seconds of desk hiss at -70 dBFS, default 1.0) to its committed caption at a SignalR
# viewer, through the appliance as its own process (wav source in real time, a generated tiny-shaped f16 model
# with its demo marker, the real Silero model, default streaming settings, guards off: a random-weight model loops).
# Also the latency less the decode that produced each commit, and where the rest of it goes.
# Usage: scripts/bench/commit-latency.sh [GAP]
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
gap=${1:-1.0}
vad=$(ensure_vad_model)
out=$(mktemp)
pid=""
# The bench kills the appliance it started when it ends; if this script is stopped first, its children go too.
trap 'if [ -n "$pid" ]; then pkill -P "$pid" 2>/dev/null || true; kill "$pid" 2>/dev/null || true; fi; rm -f "$out"' EXIT

dotnet build "$LIVESTT_ROOT/bench/LiveStt.Bench" -c Release -nologo -v quiet >/dev/null
dotnet "$LIVESTT_ROOT/bench/LiveStt.Bench/bin/Release/net10.0/LiveStt.Bench.dll" commit-latency --vad-model "$vad" --gap "$gap" > "$out" &
pid=$!
wait "$pid"
pid=""

python3 - "$out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
def row(name, s):
    print("| {} | {} | {} | {} | {} .. {} |".format(name, s["count"], s["p50Ms"], s["p95Ms"], s["minMs"], s["maxMs"]))
print("| from the end of an utterance | utterances | p50 ms | p95 ms | min .. max ms |")
print("|---|---|---|---|---|")
row("to its last committed event at a viewer (commit latency)", r["latency"])
row("same, less the whisper time of the decode that produced it", r["latencyLessDecode"])
row("to the end of the audio that decode covered (pause + step)", r["audioWait"])
row("the rest: after that audio and the decode (queue, VAD, publish, SignalR)", r["afterAudioAndDecode"])
print()
print("{} utterances in {:.1f} s played, {} committed events, {} utterances without one: {}".format(
    r["utterances"], r["playedMs"] / 1000, r["committedEvents"], len(r["missing"]), ", ".join(r["missing"]) or "none"))
print("status: {} decodes, p50 {} ms, p95 {} ms; dropped audio {} ms; suppressed {}".format(
    r["statusDecodes"], r["statusDecodeMsP50"], r["statusDecodeMsP95"], r["droppedAudioMs"], json.dumps(r["suppressed"])))
print()
print("| clip | end ms | events | latency ms | decode window ms | audio wait ms | decode start lag ms | decode ms | rest ms |")
print("|---|---|---|---|---|---|---|---|---|")
for x in r["rows"]:
    print("| {clip} | {endMs} | {events} | {latencyMs} | {decodeWindowMs} | {audioWaitMs} | {decodeStartLagMs} | {decodeMs} | {restMs} |".format(**x))
PY
