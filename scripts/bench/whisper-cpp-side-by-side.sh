#!/usr/bin/env bash
# The appliance's runtime beside whisper.cpp's own tools, in one run, on the same model files, threads and audio.
# (a) Time per decoded window: the appliance's runtime on this host (Whisper.net 1.9.1, its CPU runtime =
#     whisper.cpp 1.8.5, commit f24588a) with the caption pipeline's request (8 tokens a second, one segment, no
#     fallback) and with whisper's own segmentation and no token cap (as whisper-cli decodes), against whisper-cli
#     of Debian forky's whisper.cpp-tools (libwhisper 1.9.5, ggml 0.27) in a container, with the flags that match:
#     -t, -ac, -bs 1 (greedy; whisper-cli's default is beam search), -nf (no fallback), -mc 0 (no text context).
#     whisper-cli's own timings (mel, encode, decode, total less load) are reported with the appliance's times.
# (b) Speech end to text from whisper.cpp's whisper-stream: SDL's disk audio driver captures from a FIFO that
#     this script fills in real time with the same speech (resampled to the 44.1 kHz the disk device opens at),
#     then silence; stdout lines are timestamped against the feed's clock.
# Usage: scripts/bench/whisper-cpp-side-by-side.sh [RUNS]   (default 3: measured decodes a case, after a warm-up)
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
source "$(dirname "$0")/whisper-models.sh"
runs=${1:-3}
shapes=${LIVESTT_BENCH_SHAPES:-tiny}
types=${LIVESTT_BENCH_TYPES:-f16 q8_0}
windows=${LIVESTT_BENCH_WINDOWS:-5 10 30}
threads_list=${LIVESTT_BENCH_THREADS:-1 2}
stream_runs=${LIVESTT_BENCH_STREAM_RUNS:-3}
parts=${LIVESTT_BENCH_PARTS:-a b}
speech=${LIVESTT_SPEECH_DIR:-$(cd "$LIVESTT_ROOT/.." && pwd)/shared/speech}
work=$(mktemp -d)
cleanup() { remove_bench_containers; rm -rf "$work"; stop_docker_if_started; }
trap cleanup EXIT
trap 'exit 130' INT TERM

ensure_packages ffmpeg:ffmpeg
ensure_docker
ensure_whisper_tools_image
log "publishing the benchmark ($(dotnet_rid), self-contained)"
dotnet publish "$LIVESTT_ROOT/bench/LiveStt.Bench" -c Release -r "$(dotnet_rid)" --self-contained -o "$work/bench" -nologo -v quiet >/dev/null
bench() { LIVESTT_SPEECH_DIR=$speech "$work/bench/LiveStt.Bench" "$@"; }
# shellcheck disable=SC2086
bench_models "$work/models" $shapes
for window in $windows; do
  bench speech-window --seconds "$window" --wav "$work/window-$window.wav" >/dev/null
done
chmod -R a+rX "$work"
whisper_tools sh -c 'dpkg-query -W -f "\${Package} \${Version}\n" whisper.cpp-tools libwhisper1 libggml0' > "$work/versions.txt"

if [[ " $parts " == *" a "* ]]; then
log "(a) start: $(machine_load)"
: > "$work/cli.jsonl"
for shape in $shapes; do
  for type in $types; do
    model="$work/models/$shape-$type.bin"
    for threads in $threads_list; do
      for window in $windows; do
        reduced=$(audio_ctx_for "$window")
        for ctx in 0 "$reduced"; do
          [ "$ctx" = 1500 ] && continue
          log "$shape $type, $threads thread(s), ${window} s, audio_ctx ${ctx/#0/full}"
          bench decode --model "$model" --threads "$threads" --window "$window" --audio-ctx "$ctx" --runs "$runs" >> "$work/appliance.jsonl"
          bench decode --model "$model" --threads "$threads" --window "$window" --audio-ctx "$ctx" --runs "$runs" --max-tokens 0 >> "$work/appliance.jsonl"
          # A warm-up, then RUNS; each whisper-cli run is its own process, timed by whisper itself.
          whisper_tools sh -c 'for i in $(seq 0 "$1"); do echo "=== run $i"; whisper-cli -m "$2" -f "$3" -t "$4" -ac "$5" -bs 1 -nf -mc 0 -l en 2>&1; done' \
            sh "$runs" "$model" "$work/window-$window.wav" "$threads" "$ctx" > "$work/cli-$shape-$type-$threads-$window-$ctx.log"
          python3 - "$work/cli-$shape-$type-$threads-$window-$ctx.log" "$shape-$type.bin" "$threads" "$window" "$ctx" >> "$work/cli.jsonl" <<'PY'
import json, re, sys
path, model, threads, window, ctx = sys.argv[1:]
runs, current = [], None
for line in open(path, errors="replace"):
    if line.startswith("=== run"):
        current = {}
        runs.append(current)
    m = re.match(r"whisper_print_timings:\s+(\w+) time =\s+([\d.]+) ms(?: /\s+(\d+) runs)?", line)
    if m and current is not None:
        current[m.group(1)] = float(m.group(2))
        if m.group(3):
            current[m.group(1) + "_runs"] = int(m.group(3))
measured = runs[1:]
if not measured or any("total" not in r for r in measured):
    sys.exit(f"whisper-cli printed no timings; see {path}")
print(json.dumps({"model": model, "threads": int(threads), "window": float(window), "audioContext": int(ctx), "runs": measured}))
PY
        done
      done
    done
  done
done
log "(a) end: $(machine_load)"
cp "$work"/cli-*.log "$LIVESTT_CACHE/" 2>/dev/null || true

python3 - "$work/appliance.jsonl" "$work/cli.jsonl" "$work/versions.txt" <<'PY'
import json, sys, statistics
app = [json.loads(l) for l in open(sys.argv[1])]
cli = [json.loads(l) for l in open(sys.argv[2])]
def p50(xs): return sorted(xs)[len(xs) // 2]
print("(a) ms per decoded window, p50 (min-max); tokens = tokens decoded per window (p50); whisper-cli: whole whisper_full (total less load) and its own split")
print("| model | threads | window s | audio_ctx | appliance, pipeline request | tokens | appliance, no cap, whisper's segmentation | tokens | whisper-cli total less load | whisper-cli mel / encode / decode (tokens) / sample ms |")
print("|---|---|---|---|---|---|---|---|---|---|")
for c in cli:
    key = lambda r: (r["model"], r["threads"], r["windowSeconds"], r["audioContext"]) == (c["model"], c["threads"], c["window"], c["audioContext"])
    pipe = next(r for r in app if key(r) and r["maxTokens"] > 0)
    free = next(r for r in app if key(r) and r["maxTokens"] == 0)
    whole = [r["total"] - r["load"] for r in c["runs"]]
    split = lambda name: p50([r.get(name, 0.0) for r in c["runs"]])
    ctx = c["audioContext"] or "1500 (full)"
    print(f"| {c['model']} | {c['threads']} | {c['window']:g} | {ctx} "
          f"| {pipe['decodeMsP50']:.0f} ({pipe['decodeMsMin']:.0f}-{pipe['decodeMsMax']:.0f}) | {pipe['tokensP50']} "
          f"| {free['decodeMsP50']:.0f} ({free['decodeMsMin']:.0f}-{free['decodeMsMax']:.0f}) | {free['tokensP50']} "
          f"| {p50(whole):.0f} ({min(whole):.0f}-{max(whole):.0f}) "
          f"| {split('mel'):.0f} / {split('encode'):.0f} / {split('decode'):.0f} ({p50([r.get('decode_runs', 0) for r in c['runs']])}) / {split('sample'):.0f} |")
print()
print("appliance: " + app[0]["binding"] + " (" + app[0]["library"] + "): " + app[0]["systemInfo"])
print("whisper-cli: " + "; ".join(l.strip() for l in open(sys.argv[3])))
PY
fi

# (b) whisper-stream, fed in real time through SDL's disk driver.
[[ " $parts " == *" b "* ]] || exit 0
stream_model=${LIVESTT_BENCH_STREAM_MODEL:-tiny-f16}
stream_threads=${LIVESTT_BENCH_STREAM_THREADS:-2}
# Whole utterances up to about 11 s: the feed ends with a known utterance, then silence.
bench speech-window --seconds 30 > "$work/clips30.json"
feed_seconds=$(python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["clips"]; print([x["EndSeconds"] for x in c if x["EndSeconds"] <= 12][-1])' "$work/clips30.json")
bench speech-window --seconds "$feed_seconds" --raw-f32 "$work/feed-16k.raw" > "$work/feed.json"
ffmpeg -v error -y -f f32le -ar 16000 -ac 1 -i "$work/feed-16k.raw" -af aresample=resampler=soxr -ar 44100 -f f32le "$work/feed-44k.raw" 2>/dev/null \
  || ffmpeg -v error -y -f f32le -ar 16000 -ac 1 -i "$work/feed-16k.raw" -ar 44100 -f f32le "$work/feed-44k.raw"
stream_ctx=$(audio_ctx_for 10)
log "(b) whisper-stream: $stream_model, $stream_threads threads, VAD mode (--step 0), 10 s length, -mt 80, -ac $stream_ctx, feed $feed_seconds s; $(machine_load)"
for i in $(seq 1 "$stream_runs"); do
  fifo="$work/capture-$i.fifo"
  mkfifo "$fifo"
  chmod a+rw "$fifo"
  name="livestt-bench-stream-$$-$i"
  python3 - "$fifo" "$work/feed-44k.raw" "$work/feed.json" "$work/stream-$i.json" "$name" -- \
    docker run --rm -i --name "$name" --label "$BENCH_LABEL" --network none -v "$work:$work" -w "$work" \
      -e SDL_AUDIO_DRIVER=disk -e SDL_AUDIO_DISK_INPUT_FILE="$fifo" -e SDL_AUDIO_DISK_TIMESCALE=0 -e SDL_AUDIO_DEVICE_SAMPLE_FRAMES=1024 \
      "$WHISPER_TOOLS_IMAGE" sh -c 'timeout -k 2 60 whisper-stream "$@"' sh -m "$work/models/$stream_model.bin" -t "$stream_threads" \
      --step 0 --length 10000 -mt 80 -ac "$stream_ctx" -nf -l en <<'PY'
# Feeds the FIFO in real time from the moment whisper-stream says it listens, then 8 s of silence, and stamps
# every stdout line (split on \n and \r, as whisper-stream rewrites lines) against the feed's start.
import json, os, re, subprocess, sys, threading, time
fifo, feed_path, feed_json, out_path, name = sys.argv[1:6]
command = sys.argv[7:]
# Writes of 1024 frames (4096 bytes, atomic in a pipe), the size SDL reads (SDL_AUDIO_DEVICE_SAMPLE_FRAMES): SDL's disk
# driver takes a short read for the end of its file and closes it.
rate, chunk = 44100, 1024
feed = open(feed_path, "rb").read()
silence = bytes(4 * rate * 8)
listening = threading.Event()
state = {"t0": None, "late_ms": 0.0}
def feeder():
    try:
        with open(fifo, "wb", buffering=0) as pipe:  # blocks until SDL opens its capture file
            listening.wait(60)
            data = feed + silence
            data += bytes(-len(data) % (chunk * 4))
            t0 = time.monotonic()
            state["t0"] = t0
            for n, offset in enumerate(range(0, len(data), chunk * 4)):
                due = t0 + n * chunk / rate
                delay = due - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
                else:
                    state["late_ms"] = max(state["late_ms"], -delay * 1000)
                pipe.write(data[offset:offset + chunk * 4])
    except BrokenPipeError:
        state["closedEarlyS"] = round(time.monotonic() - (state["t0"] or time.monotonic()), 3)
    finally:
        state["fed_until"] = time.monotonic()
        subprocess.run(["docker", "kill", name], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=open(out_path + ".stderr", "wb"))
thread = threading.Thread(target=feeder, daemon=True)
thread.start()
lines, buffer = [], b""
while True:
    block = os.read(process.stdout.fileno(), 4096)
    now = time.monotonic()
    if not block:
        break
    buffer += block
    parts = buffer.replace(b"\r", b"\n").split(b"\n")
    buffer = parts.pop()
    for part in parts:
        text = part.decode("utf-8", "replace").replace("\x1b[2K", "").strip()
        if text:
            lines.append((now, text))
            if text == "[Start speaking]":
                listening.set()
process.wait()
t0 = state["t0"]
clips = json.load(open(feed_json))["clips"]
speech_end = clips[-1]["SpeechEndSeconds"]
stamped = [{"t": round(t - t0, 3) if t0 else None, "line": text[:120]} for t, text in lines]
# "### Transcription N START | t0 = A ms | t1 = B ms": B is whisper-stream's clock (from "[Start speaking]", when the
# feed starts too) when its VAD fired; the transcription holds the audio up to B.
starts = []
for l in stamped:
    m = re.match(r"### Transcription (\d+) START \| t0 = (-?\d+) ms \| t1 = (-?\d+) ms", l["line"])
    if m and l["t"] is not None:
        starts.append({"n": int(m.group(1)), "audioToS": int(m.group(3)) / 1000, "printedS": l["t"]})
covering = [s for s in starts if s["audioToS"] >= speech_end]
first = covering[0] if covering else None
result = {"speechEndS": speech_end, "feedS": clips[-1]["EndSeconds"], "maxFeedLateMs": round(state["late_ms"], 1),
          "captureClosedFifoAtS": state.get("closedEarlyS"),
          "transcriptions": starts,
          "vadFiredAfterSpeechEndMs": round((first["audioToS"] - speech_end) * 1000) if first else None,
          "speechEndToTextMs": round((first["printedS"] - speech_end) * 1000) if first else None,
          "lines": stamped}
json.dump(result, open(out_path, "w"), indent=1)
print(json.dumps({k: v for k, v in result.items() if k != "lines"}))
PY
  rm -f "$fifo"
done
cp "$work"/stream-*.json* "$LIVESTT_CACHE/" 2>/dev/null || true
log "(b) end: $(machine_load)"
python3 - "$work" "$stream_runs" "$work/feed.json" <<'PY'
import json, sys
work, n = sys.argv[1], int(sys.argv[2])
feed = json.load(open(sys.argv[3]))
print(f"(b) whisper-stream, VAD mode: fed {feed['clips'][-1]['EndSeconds']:.2f} s of speech ({len(feed['clips'])} utterances), last speech ends at {feed['clips'][-1]['SpeechEndSeconds']:.2f} s, then silence")
print("| run | transcriptions: audio up to (VAD fired) -> printed, s from feed start | VAD fired after speech end | speech end to text |")
print("|---|---|---|---|")
for i in range(1, n + 1):
    r = json.load(open(f"{work}/stream-{i}.json"))
    shown = ", ".join(f"{t['audioToS']:.2f} -> {t['printedS']:.2f}" for t in r["transcriptions"])
    fired, total = r["vadFiredAfterSpeechEndMs"], r["speechEndToTextMs"]
    print(f"| {i} | {shown} | {'-' if fired is None else f'{fired} ms'} | {'-' if total is None else f'{total} ms'} |")
PY
