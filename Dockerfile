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
# libgomp1: Whisper.net's CPU runtime computes on OpenMP threads.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libgomp1 ca-certificates curl \
 && rm -rf /var/lib/apt/lists/*
RUN useradd --system --uid 10001 --user-group --home-dir /app --shell /usr/sbin/nologin livestt \
 && mkdir -p /data/models /data/transcripts \
 && chown -R livestt:livestt /data
COPY artifacts/publish/appliance/ /app/
COPY --from=demo-audio /demo.wav /app/demo/demo.wav
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_RUNNING_IN_CONTAINER=true \
    DOTNET_gcServer=0
WORKDIR /app
USER livestt
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS -o /dev/null http://127.0.0.1:8080/healthz || exit 1
ENTRYPOINT ["/app/LiveStt.Appliance"]
