#!/usr/bin/env bash
# Runs the whole test suite: host unit tests, native tests through the real whisper library on the
# host and inside the appliance image, the ops agent against a real Docker engine and registry, and
# end-to-end tests of the real image with a real browser. Installs what it needs; stops what it started.
set -uo pipefail
source "$(dirname "$0")/lib/common.sh"

export LIVESTT_SPEECH_DIR=${LIVESTT_SPEECH_DIR:-$(cd "$LIVESTT_ROOT/.." && pwd)/shared/speech}
export LIVESTT_IMAGE=${LIVESTT_TEST_IMAGE:-livestt/appliance:test}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
results="$LIVESTT_ROOT/artifacts/test-results"
passed=0 failed=0 skipped=0 broken=()

cleanup() {
  if docker_up; then
    # Tests remove their own containers; this catches what a crashed test run left behind.
    docker ps -aq --filter label=livestt.test | xargs -r docker rm -f >/dev/null 2>&1 || true
  fi
  stop_docker_if_started
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ ! -f "$LIVESTT_SPEECH_DIR/manifest.jsonl" ]; then
  if [ "${CI:-}" = true ]; then die "speech corpus not found at $LIVESTT_SPEECH_DIR (set LIVESTT_SPEECH_DIR)"; fi
  log "warning: speech corpus not found at $LIVESTT_SPEECH_DIR; tests that need it will fail"
fi

# zbarimg: tests decode the QR codes the pages show. pdfinfo, pdftoppm: tests read and render the PDFs they produce.
# strace: a test watches the agent's system calls to see its state folder synced after each rename.
# redis-server: the relay tests join two appliances through a real Redis.
ensure_packages debootstrap:debootstrap /usr/bin/docker-registry:docker-registry /bin/busybox:busybox-static chromium:chromium ffmpeg:ffmpeg \
  /usr/bin/zbarimg:zbar-tools /usr/bin/pdfinfo:poppler-utils /usr/bin/pdftoppm:poppler-utils /usr/bin/strace:strace /usr/bin/redis-server:redis-server
# The live-input tests capture through the real libasound (ALSA's file plugin; no sound hardware needed).
ensure_library libasound.so.2 libasound2
ensure_docker
# The ops-setup test runs the README's `docker compose --profile ops` commands.
ensure_compose
# The native tests on the host score with the same checked Silero model the image build puts in the image.
LIVESTT_VAD_MODEL=$(ensure_vad_model) || die "the voice-activity model is not available"
export LIVESTT_VAD_MODEL
rm -rf "$results"; mkdir -p "$results"

# count LOG: adds the counts a test run printed to the totals.
count() {
  local line p f s
  line=$(grep -E 'Failed: *[0-9]+, Passed: *[0-9]+, Skipped: *[0-9]+' "$1" | tail -n1)
  if [ -n "$line" ]; then
    f=$(sed -E 's/.*Failed: *([0-9]+).*/\1/' <<<"$line")
    p=$(sed -E 's/.*Passed: *([0-9]+).*/\1/' <<<"$line")
    s=$(sed -E 's/.*Skipped: *([0-9]+).*/\1/' <<<"$line")
  else
    line=$(grep -E 'Total: *[0-9]+, Errors: *[0-9]+, Failed: *[0-9]+, Skipped: *[0-9]+' "$1" | tail -n1)
    [ -n "$line" ] || return 1
    local t e
    t=$(sed -E 's/.*Total: *([0-9]+).*/\1/' <<<"$line")
    e=$(sed -E 's/.*Errors: *([0-9]+).*/\1/' <<<"$line")
    f=$(( $(sed -E 's/.*Failed: *([0-9]+).*/\1/' <<<"$line") + e ))
    s=$(sed -E 's/.*Skipped: *([0-9]+).*/\1/' <<<"$line")
    p=$(( t - f - s + e ))
  fi
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
}

# phase NAME COMMAND...: runs one part of the suite, keeps its log, counts its results.
phase() {
  local name=$1; shift
  log "== $name"
  local logf="$results/$name.log" rc
  "$@" 2>&1 | tee "$logf"
  rc=${PIPESTATUS[0]}
  if ! count "$logf"; then
    [ "$rc" -eq 0 ] || { failed=$((failed + 1)); }
  fi
  [ "$rc" -eq 0 ] || broken+=("$name (exit $rc)")
}

log "== build"
if ! dotnet build "$LIVESTT_ROOT/LiveStt.sln" -c Release -nologo -v quiet 2>&1 | tee "$results/build.log"; then
  die "build failed"
fi
grep -qE ' error ' "$results/build.log" && die "build failed"

phase unit dotnet test "$LIVESTT_ROOT/tests/Appliance.Tests" -c Release --no-build
# Whisper.net's CPU runtime loads on any glibc from 2.31, so the native tests run here as well as in the image.
phase native-host dotnet test "$LIVESTT_ROOT/tests/Appliance.NativeTests" -c Release --no-build

if ! "$LIVESTT_ROOT/scripts/build-image.sh" "$LIVESTT_IMAGE"; then
  broken+=("appliance image build"); failed=$((failed + 1))
else
  native="$LIVESTT_ROOT/artifacts/native-tests"
  rm -rf "$native"
  dotnet publish "$LIVESTT_ROOT/tests/Appliance.NativeTests" -c Release -r "$(dotnet_rid)" --self-contained \
    -o "$native" -nologo -v quiet >"$results/native-publish.log" 2>&1 \
    || { cat "$results/native-publish.log"; die "publishing the native tests failed"; }
  # And inside the image, as its user: the native libraries load in the system the appliance ships with.
  phase native-image docker run --rm --label livestt.test=native --network none \
    -v "$native":/tests:ro -v "$LIVESTT_SPEECH_DIR":/speech:ro -e LIVESTT_SPEECH_DIR=/speech -e CI="${CI:-}" \
    --entrypoint /tests/LiveStt.Appliance.NativeTests "$LIVESTT_IMAGE"
  phase end-to-end dotnet test "$LIVESTT_ROOT/tests/EndToEnd.Tests" -c Release --no-build
fi

phase ops-agent dotnet test "$LIVESTT_ROOT/tests/OpsAgent.Tests" -c Release --no-build
# The deployment files (plain Docker and balenaOS) against their own rules; docker compose reads both.
phase deployment dotnet test "$LIVESTT_ROOT/tests/Deployment.Tests" -c Release --no-build

echo
[ ${#broken[@]} -eq 0 ] || log "failed parts: ${broken[*]}"
echo "$passed passed, $failed failed, $skipped skipped"
[ ${#broken[@]} -eq 0 ] && [ "$failed" -eq 0 ]
