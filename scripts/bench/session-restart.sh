#!/usr/bin/env bash
# Start and stop through the kiosk: the appliance as its own process with Streaming:AutoStart off and a kiosk PIN in a
# file (a generated tiny-shaped f16 model with its demo marker, the real Silero model, the LJ Speech set with a second
# of hiss after each clip looped in real time, guards off). Unlocks the kiosk as its page does, then CYCLES (default
# 10) times: POST /api/session/start until live, LIVE seconds (default 5) of captions, POST /api/session/stop until
# idle. The first start, then the starts after it (the model stays loaded), and the stops.
# Usage: scripts/bench/session-restart.sh [CYCLES] [LIVE]
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
cycles=${1:-10}
live=${2:-5}
vad=$(ensure_vad_model)
out=$(mktemp)
trap 'stop_bench; rm -f "$out"' EXIT

run_bench "$out" session-restart --vad-model "$vad" --cycles "$cycles" --live-seconds "$live"

python3 - "$out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
later = "starts 2..{}".format(r["cycles"])
first = dict(count=1, **{k: round(r["firstStartMs"]) for k in ("minMs", "p50Ms", "p95Ms", "maxMs")})
print("| from the command to the state | sessions | min ms | p50 ms | p95 ms | max ms |")
print("|---|---|---|---|---|---|")
for name, s in (("first start, to live", first),
                (later + ", to live (**start after the first**)", r["laterStarts"]),
                (later + ", to the first audio (audioAlive)", r["laterAudio"]),
                ("stops, to idle (the last words decoded and committed)", r["stops"])):
    print("| {} | {count} | {minMs} | {p50Ms} | {p95Ms} | {maxMs} |".format(name, **s))
print()
print("API up {} ms after launch; model loaded {} ms after launch; first start sent at {} ms, so it {} the load; first start to audio {} ms".format(
    r["apiUpMs"], r["modelLoadedMs"], r["firstStartSentMs"], "waited for" if r["firstStartWaitedForLoad"] else "did not wait for", round(r["firstAudioMs"])))
print()
print("| cycle | start answered ms (state) | live ms | audio ms | stop ms (state) | decodes during the stop: window ms / token cap / whisper ms | committed lines | decodes |")
print("|---|---|---|---|---|---|---|---|")
for x in r["rows"]:
    during = ", ".join("{} / {} / {}".format(w, t, round(ms)) for w, t, ms in zip(x["stopDecodeWindowMs"], x["stopDecodeTokenCap"], x["stopDecodeMs"])) or "-"
    print("| {cycle} | {startAnswerMs} ({startAnsweredState}) | {liveMs} | {audioMs} | {stopMs} ({stopAnsweredState}) | ".format(**x)
          + during + " | {committedLines} | {decodes} |".format(**x))
PY
