# The appliance image. Build it with scripts/build-image.sh, which publishes the app into
# artifacts/publish/appliance first and makes the base image where it can't be pulled.
# Debian stable: whisper.cpp comes with the app (Whisper.net.Runtime), not from the distribution.
ARG BASE_IMAGE=debian:trixie-slim

# The demo source: speech the build makes itself, so nothing recorded is shipped.
FROM ${BASE_IMAGE} AS demo-audio
RUN apt-get update \
 && apt-get install -y --no-install-recommends espeak-ng \
 && rm -rf /var/lib/apt/lists/*
COPY src/Appliance/Demo/psalm-23.txt /tmp/demo.txt
# Pauses between verses give the caption stream utterance ends to commit on.
RUN espeak-ng -v en-us -s 145 -g 12 -f /tmp/demo.txt -w /demo.wav \
 && test -s /demo.wav

FROM ${BASE_IMAGE}
# libgomp1: Whisper.net's CPU runtime computes on OpenMP threads. libasound2t64: capture from the sound desk
# (ALSA). ffmpeg: network stream inputs (SRT, RTMP, RTSP, RTP, UDP, HTTP/Icecast, HLS).
# Debian's ffmpeg drags in Mesa's GPU drivers and LLVM (190 MiB) for video filters the appliance never runs;
# nothing ffmpeg links needs them, so they go, and the build checks that ffmpeg still converts audio.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libgomp1 libasound2t64 ffmpeg ca-certificates curl \
 && dpkg --purge --force-depends mesa-libgallium libllvm19 libz3-4 libgl1-mesa-dri \
 && ffmpeg -hide_banner -loglevel error -f lavfi -i sine=d=0.2 -ar 16000 -ac 1 -f s16le -y /dev/null \
 && rm -rf /var/lib/apt/lists/*
# The audio group (GID 29 in Debian) opens /dev/snd when the host hands it over (docker-compose.yml). The app's own
# group is GID 10001, not the next free system one: the host's kiosk PIN file is readable by that group only.
RUN groupadd --system --gid 10001 livestt \
 && useradd --system --uid 10001 --gid livestt --groups audio --home-dir /app --shell /usr/sbin/nologin livestt \
 && mkdir -p /data/models /data/transcripts /data/settings /data/keys \
 && chown -R livestt:livestt /data
COPY artifacts/publish/appliance/ /app/
COPY --from=demo-audio /demo.wav /app/demo/demo.wav
# The voice-activity model, inside the image so a box with no internet gates on speech from its first boot.
# scripts/build-image.sh fetches it and checks it; the build checks it once more.
ARG VAD_MODEL_SHA256=2aa269b785eeb53a82983a20501ddf7c1d9c48e33ab63a41391ac6c9f7fb6987
COPY artifacts/vad/silero-v6.2.0-ggml.bin /app/vad/silero-v6.2.0-ggml.bin
RUN echo "${VAD_MODEL_SHA256}  /app/vad/silero-v6.2.0-ggml.bin" | sha256sum -c --quiet
# The collector compacts sooner rather than keep a fragmented heap: with thousands of phones connected it held the
# box at 40 KiB a viewer where it took 43 to 50 without (docs/benchmarks.md, "Viewers").
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_RUNNING_IN_CONTAINER=true \
    DOTNET_gcServer=0 \
    DOTNET_GCConserveMemory=5
WORKDIR /app
USER livestt
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -sS --fail-with-body http://127.0.0.1:8080/healthz || exit 1
ENTRYPOINT ["/app/LiveStt.Appliance"]
