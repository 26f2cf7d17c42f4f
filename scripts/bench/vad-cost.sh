#!/usr/bin/env bash
# CPU the Silero voice-activity model costs per second of audio, on one thread: through the appliance's own
# SileroVoiceActivityDetectorFactory and SpeechGate, and through Whisper.net's WhisperVadProcessor.DetectSpeechNoReset
# called per 512-sample chunk. The LJ Speech set at 16 kHz with a second of hiss after each clip (254 s),
# PASSES (default 3) passes each.
# Usage: scripts/bench/vad-cost.sh [PASSES]
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
passes=${1:-3}
vad=$(ensure_vad_model)
out=$(mktemp)
trap 'stop_bench; rm -f "$out"' EXIT

run_bench "$out" vad-cost --vad-model "$vad" --passes "$passes"

python3 - "$out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print("| Silero through | thread CPU ms per s of audio, best (median) | % of one core | process CPU ms per s (median) | wall ms per s (median) | passes (thread ms per s) |")
print("|---|---|---|---|---|---|")
for name, key in (("the appliance's SileroVoiceActivityDetector + SpeechGate (100 ms frames)", "speechGate"),
                  ("Whisper.net WhisperVadProcessor.DetectSpeechNoReset, per 512-sample chunk", "whisperNetPerChunk")):
    s = r[key]
    print("| {} | {} ({}) | {} % | {} | {} | {} |".format(name, s["threadCpuMsPerAudioSecondBest"], s["threadCpuMsPerAudioSecondMedian"],
        s["percentOfOneCoreBest"], s["processCpuMsPerAudioSecondMedian"], s["wallMsPerAudioSecondMedian"], ", ".join(str(x) for x in s["allThreadMs"])))
print()
print("{:.1f} s of audio, {} clips; the gate ended {} utterances; Whisper.net returned {} segments".format(r["audioSeconds"], r["clips"], r["speechGateUtterances"], r["whisperNetSegments"]))
PY
