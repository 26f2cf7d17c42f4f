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

# arm64: the appliance built for linux-arm64 on this machine, through QEMU user emulation (scripts/base-image.sh
# arm64), its native tests run inside it as they run in the amd64 image, and the container answering /healthz.
# After the amd64 phases: the arm64 build publishes over artifacts/publish/appliance. The ops agent's multi-arch
# tests below build on the arm64 base image this makes.
arm64_image=${LIVESTT_TEST_ARM64_IMAGE:-livestt/appliance:test-arm64}
log "== arm64 image build"
arm64_start=$SECONDS
# pipefail: the build's own exit status decides, not tee's.
if ! "$LIVESTT_ROOT/scripts/build-image.sh" --arch arm64 "$arm64_image" 2>&1 | tee "$results/arm64-build.log"; then
  broken+=("arm64 appliance image build"); failed=$((failed + 1))
else
  log "arm64 image built in $((SECONDS - arm64_start)) s"
  native_arm64="$LIVESTT_ROOT/artifacts/native-tests-arm64"
  rm -rf "$native_arm64"
  dotnet publish "$LIVESTT_ROOT/tests/Appliance.NativeTests" -c Release -r linux-arm64 --self-contained \
    -o "$native_arm64" -nologo -v quiet >"$results/native-publish-arm64.log" 2>&1 \
    || { cat "$results/native-publish-arm64.log"; die "publishing the native tests for linux-arm64 failed"; }
  # A named subset: emulated, the decodes of real speech take minutes each (the micro model's transcription test
  # 246 s, the whole speech set through the VAD about 4 min; docs/benchmarks.md), over the suite's time budget, and
  # the tests whose bounds are measured (CPU after a cancel, RSS over a loop, CPU per thread) measure QEMU, whose own
  # translation buffers count in the process's RSS. What runs: the linux-arm64 runtime loads and reports NEON, every
  # model-load refusal, the Silero model scoring speech, and cancellation before a decode; the appliance decoding
  # live under emulation is the healthz-arm64 check below.
  n=LiveStt.Appliance.NativeTests
  arm64_native=()
  for test in WhisperRuntimeNativeTests.Reports_the_cpu_runtime_whisper_net_loaded_with_its_version_file_and_cpu_features \
      WhisperRuntimeNativeTests.Whispers_own_log_lines_reach_the_logger \
      WhisperModelLoadNativeTests.A_missing_model_path_is_named_in_the_error \
      WhisperModelLoadNativeTests.A_file_with_the_ggml_magic_but_garbage_after_it_is_refused_without_crashing \
      WhisperModelLoadNativeTests.A_weight_type_that_would_abort_whisper_is_refused_without_crashing \
      WhisperModelLoadNativeTests.An_f32_model_whose_convolution_would_abort_the_runtime_is_refused_without_crashing \
      WhisperModelLoadNativeTests.A_vocabulary_without_the_space_token_is_refused_without_crashing \
      WhisperModelLoadNativeTests.A_model_whispers_own_loader_refuses_is_a_clear_error_with_whispers_reason \
      WhisperModelLoadNativeTests.A_truncated_model_is_refused_without_crashing \
      WhisperModelLoadNativeTests.A_language_whisper_does_not_know_is_refused_at_load \
      SileroVadNativeTests.The_model_loads_and_scores_each_32_ms_chunk_of_speech_high_and_silence_low \
      WhisperCancellationNativeTests.An_already_cancelled_token_throws_before_decoding; do
    arm64_native+=(-method "$n.$test")
  done
  # Emulated, .NET's W^X must be off (why: emulated_dotnet_env in scripts/lib/common.sh).
  arm64_env=()
  for variable in $(emulated_dotnet_env arm64); do arm64_env+=(-e "$variable"); done
  phase native-image-arm64 docker run --rm --label livestt.test=native --network none --platform linux/arm64 \
    -v "$native_arm64":/tests:ro -v "$LIVESTT_SPEECH_DIR":/speech:ro -e LIVESTT_SPEECH_DIR=/speech -e CI="${CI:-}" \
    "${arm64_env[@]}" --entrypoint /tests/LiveStt.Appliance.NativeTests "$arm64_image" -noColor "${arm64_native[@]}"
  phase healthz-arm64 "$LIVESTT_ROOT/scripts/check-image-healthz.sh" --arch arm64 "$arm64_image"
  log "arm64 build and checks took $((SECONDS - arm64_start)) s"
fi

phase ops-agent dotnet test "$LIVESTT_ROOT/tests/OpsAgent.Tests" -c Release --no-build
# The deployment files (plain Docker and balenaOS) against their own rules; docker compose reads both.
phase deployment dotnet test "$LIVESTT_ROOT/tests/Deployment.Tests" -c Release --no-build

echo
[ ${#broken[@]} -eq 0 ] || log "failed parts: ${broken[*]}"
echo "$passed passed, $failed failed, $skipped skipped"
[ ${#broken[@]} -eq 0 ] && [ "$failed" -eq 0 ]
