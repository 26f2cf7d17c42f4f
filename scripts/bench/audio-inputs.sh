#!/usr/bin/env bash
# What each audio input costs without whisper, and how late a network stream's audio arrives.
# CPU: this process and its ffmpeg child over SECONDS (default 30), a sink that keeps nothing: the demo WAV
# source in real time; ALSA capture from a file-plugin PCM over real speech (no clock, so it is read as fast as it
# goes and the figure is CPU per second of audio), and with the PCM's file missing (the reconnect loop); a UDP
# stream from an ffmpeg sender on 127.0.0.1 (the sender not counted), and with no sender.
# Latency: a sender plays 1 kHz beeps in real time; for each, when its first sample reached the source, against
# when it was due; the same for the WAV source. Needs ffmpeg and libasound (scripts/test.sh installs both).
# Usage: scripts/bench/audio-inputs.sh [SECONDS]
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
seconds=${1:-30}
speech=${LIVESTT_SPEECH_DIR:-$(cd "$LIVESTT_ROOT/.." && pwd)/shared/speech}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dotnet build "$LIVESTT_ROOT/bench/LiveStt.Bench" -c Release -nologo -v quiet >/dev/null
bench=(dotnet "$LIVESTT_ROOT/bench/LiveStt.Bench/bin/Release/net10.0/LiveStt.Bench.dll")
ffmpeg -hide_banner -loglevel error -i "$speech/jfk/jfk.wav" -ar 48000 -ac 2 -f s16le "$work/desk.raw"
mkdir -p "$work/home"
cat > "$work/home/.asoundrc" <<ALSA
pcm.desk_file { type file; slave.pcm "null"; file "/dev/null"; infile "$work/desk.raw"; format "raw" }
pcm.desk { type plug; slave { pcm "desk_file"; format S16_LE; rate 48000; channels 2 } }
pcm.gone_file { type file; slave.pcm "null"; file "/dev/null"; infile "$work/missing.raw"; format "raw" }
pcm.gone { type plug; slave { pcm "gone_file"; format S16_LE; rate 48000; channels 2 } }
ALSA
port() { python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

{
  "${bench[@]}" input-cpu --source wav --path "$speech/jfk/jfk.wav" --seconds "$seconds"
  HOME="$work/home" "${bench[@]}" input-cpu --source alsa --device desk --seconds "$seconds"
  HOME="$work/home" "${bench[@]}" input-cpu --source alsa --device gone --seconds "$seconds"
  url="udp://127.0.0.1:$(port)"
  "${bench[@]}" input-cpu --source stream --url "$url" --send "$speech/jfk/jfk.wav" --seconds "$seconds"
  "${bench[@]}" input-cpu --source stream --url "udp://127.0.0.1:$(port)" --seconds "$seconds"
} > "$work/cpu.jsonl"
"${bench[@]}" stream-latency --url "udp://127.0.0.1:$(port)" > "$work/latency.json"

python3 - "$work/cpu.jsonl" "$work/latency.json" <<'PY'
import json, sys
labels = ["wav, playing in real time", "alsa, capturing (read as fast as it delivers)", "alsa, device missing (reconnect loop)",
          "stream (UDP), receiving in real time", "stream (UDP), no sender (reconnect loop)"]
print("| input | % of one core | CPU per second of audio | audio in the window |")
print("|---|---|---|---|")
for label, line in zip(labels, open(sys.argv[1])):
    r = json.loads(line)
    per = "-" if r["cpuPerAudioSecondPercent"] is None else "{:.2f} %".format(r["cpuPerAudioSecondPercent"])
    print("| {} | {:.2f} % | {} | {:.1f} s in {:.1f} s |".format(label, r["percentOfOneCore"], per, r["audioSeconds"], r["wallSeconds"]))
l = json.load(open(sys.argv[2]))
print()
print("| audio arrives after it was due | p50 | min | max |")
print("|---|---|---|---|")
for name in ("wav", "stream"):
    r = l[name]
    print("| {} ({} beeps) | {} ms | {} ms | {} ms |".format(name, r["beeps"], r["p50Ms"], r["minMs"], r["maxMs"]))
print()
print("The stream path adds {} ms (p50).".format(l["addedByStreamMs"]))
PY
