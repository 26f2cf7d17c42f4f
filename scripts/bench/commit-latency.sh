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
trap 'stop_bench; rm -f "$out"' EXIT

run_bench "$out" commit-latency --vad-model "$vad" --gap "$gap"

python3 - "$out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
def row(name, s):
    print("| {} | {} | {} | {} | {} .. {} |".format(name, s["count"], s["p50Ms"], s["p95Ms"], s["minMs"], s["maxMs"]))
print("| from the end of an utterance | utterances | p50 ms | p95 ms | min .. max ms |")
print("|---|---|---|---|---|")
row("to the committed event its pause published, at a viewer (**commit latency**)", r["latency"])
row("same, less the whisper time of the decode that produced it (**overhead**)", r["latencyLessDecode"])
row("of which: to the end of the audio that decode covered (pause + step)", r["audioWait"])
row("of which: the rest (frame hand-over, queue, VAD, commit, publish, SignalR)", r["afterAudioAndDecode"])
row("to the pause's commit in the appliance (log time), with or without words", r["decided"])
row("from that log line to the viewer's receipt", r["delivery"])
row("for comparison: to the last event whose text lies in the utterance's span", r["lastEventInSpan"])
print()
print("{} utterances in {:.1f} s played, {} committed events; no pause found for {}: {}; pause committed no words for {}: {}".format(
    r["utterances"], r["playedMs"] / 1000, r["committedEvents"], len(r["noPause"]), ", ".join(r["noPause"]) or "-",
    len(r["nothingLeft"]), ", ".join(r["nothingLeft"]) or "-"))
print("status: {} decodes, p50 {} ms, p95 {} ms; dropped audio {} ms; suppressed {}".format(
    r["statusDecodes"], r["statusDecodeMsP50"], r["statusDecodeMsP95"], r["droppedAudioMs"], json.dumps(r["suppressed"])))
print()
print("| clip | end ms | pause at ms | words | decided ms | latency ms | decode window ms | audio wait ms | decode start lag ms | decode ms | rest ms | delivery ms |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|")
for x in r["rows"]:
    print("| {clip} | {endMs} | {pauseAtMs} | {words} | {decidedMs} | {latencyMs} | {decodeWindowMs} | {audioWaitMs} | {decodeStartLagMs} | {decodeMs} | {restMs} | {deliveryMs} |".format(**x))
PY
