using System.Collections.Concurrent;
using System.Text.Json;
using LiveStt.ModelGenerator;

namespace LiveStt.Bench;

/// <summary>
/// From the end of each utterance to its committed caption at a SignalR viewer, through the whole appliance (its own
/// process, a generated tiny-shaped f16 model with its demo marker, the real Silero model, default streaming
/// settings), playing the LJ Speech consecutive set in real time with <c>--gap</c> seconds of desk hiss after each
/// clip, so every utterance's end is known exactly as its place in the played file.
/// </summary>
/// <remarks>
/// Clock: the wav source logs "Playing" and then takes its start time; it hands over the frame that ends at audio
/// position t when start + t has passed. So position t was "spoken" at the log time of "Playing" + t (the log line
/// comes a fraction of a millisecond before the start time is taken; both clocks are this machine's).
/// Mapping, from the appliance's debug log: the pause that closes an utterance is the last "Pause after speech ending at
/// {PositionMs} ms: committed {WordCount} tentative words" whose position lies within 500 ms of the clip's end; when it committed words, the event it published is the first committed event a viewer received
/// after that line. Latency = that arrival − (Playing + the utterance's end). The decode that produced it is the last
/// "Decoded" line before the pause line: its audio ends at windowStart + window, it took its elapsed ms in whisper,
/// and it started at its log time − elapsed. For comparison, also the last event whose endMs lies in the utterance's
/// span (from the middle of the gap before it to the middle of the gap after it), whatever committed it.
/// </remarks>
internal static class CommitLatencyBench
{
    /// <summary>A random-weight model loops and repeats itself; with the guards on every line would be refused.</summary>
    public static readonly (string Name, string Value)[] GuardsOff =
    [
        ("Guards__RepetitionEnabled", "false"),
        ("Guards__CompressionEnabled", "false"),
        ("Guards__NoSpeechEnabled", "false"),
    ];

    /// <summary>How far from a clip's end the VAD's end of speech may lie and still be that clip's end.</summary>
    private const long ClipEndToleranceMs = 500;

    public static async Task<int> RunAsync(BenchArguments args)
    {
        var gap = args.Real("gap", 1.0);
        var vadModel = Path.GetFullPath(args.Text("vad-model"));
        var work = Directory.CreateTempSubdirectory("livestt-commit-");
        try
        {
            var model = RandomWhisperModel.Write(Path.Combine(work.FullName, "tiny.bin"), WhisperModelShape.Tiny, seed: 5).FullName;
            var wav = Path.Combine(work.FullName, "lj001.wav");
            var utterances = PlayedAudio.WriteSpeechSet(wav, "ljspeech-lj001", gap);
            var gapMs = (long)(gap * 1000);

            var received = new ConcurrentQueue<(DateTimeOffset At, long StartMs, long EndMs, string Text)>();
            await using var appliance = ApplianceProcess.Start(
                model, vadModel, wav, loop: false, work.FullName,
                [.. GuardsOff, ("Serilog__MinimumLevel__Override__LiveStt.Appliance.Streaming", "Debug")]);
            var connection = await BenchViewer.ConnectAsync(
                appliance.Http,
                (at, caption) => received.Enqueue((at, caption.GetProperty("startMs").GetInt64(), caption.GetProperty("endMs").GetInt64(), caption.GetProperty("text").GetString() ?? "")),
                attempts: 300);
            var zero = await appliance.Playing.WaitAsync(TimeSpan.FromSeconds(120));
            var totalMs = utterances[^1].EndMs + gapMs;
            await appliance.Finished.WaitAsync(TimeSpan.FromMilliseconds(totalMs + 60_000));
            await Task.Delay(TimeSpan.FromSeconds(5));
            var session = await appliance.SessionAsync();
            await connection.DisposeAsync();

            var decodes = Decodes(appliance.Log);
            var pauses = Pauses(appliance.Log);
            var events = received.OrderBy(e => e.At).ToList();
            var rows = new List<object>();
            var decided = new List<double>();
            var latencies = new List<double>();
            var overheads = new List<double>();
            var waits = new List<double>();
            var rests = new List<double>();
            var deliveries = new List<double>();
            var lastEvents = new List<double>();
            var noPause = new List<string>();
            var nothingLeft = new List<string>();
            for (var i = 0; i < utterances.Count; i++)
            {
                var u = utterances[i];
                var end = zero + TimeSpan.FromMilliseconds(u.EndMs);
                var to = u.EndMs + (gapMs / 2);

                // For comparison: the last event whose text lies in this utterance's span, whatever committed it.
                var from = i == 0 ? long.MinValue : u.StartMs - (gapMs / 2);
                var mine = events.Where(e => e.EndMs >= from && e.EndMs < to).ToList();
                if (mine.Count > 0)
                {
                    lastEvents.Add((mine.Max(e => e.At) - end).TotalMilliseconds);
                }

                // The pause that closes the utterance: the VAD's end of speech near the clip's end (a pause inside a
                // clip, where the reader breathes, is not it).
                var pause = pauses.LastOrDefault(p => Math.Abs(p.PositionMs - u.EndMs) <= ClipEndToleranceMs);
                if (pause.At == default)
                {
                    noPause.Add(u.Clip);
                    continue;
                }

                decided.Add((pause.At - end).TotalMilliseconds);
                var decode = decodes.LastOrDefault(d => d.At <= pause.At);
                var audioEnd = decode.WindowStartMs + decode.WindowMs;
                double? latency = null, delivery = null, rest = null;
                if (pause.WordCount == 0)
                {
                    nothingLeft.Add(u.Clip);
                }
                else
                {
                    var closing = events.FirstOrDefault(e => e.At >= pause.At);
                    if (closing.At != default)
                    {
                        latency = (closing.At - end).TotalMilliseconds;
                        delivery = (closing.At - pause.At).TotalMilliseconds;
                        rest = latency - (audioEnd - u.EndMs) - decode.ElapsedMs;
                        latencies.Add(latency.Value);
                        overheads.Add(latency.Value - decode.ElapsedMs);
                        waits.Add(audioEnd - u.EndMs);
                        rests.Add(rest.Value);
                        deliveries.Add(delivery.Value);
                    }
                }

                rows.Add(new
                {
                    clip = u.Clip,
                    endMs = u.EndMs,
                    pauseAtMs = pause.PositionMs,
                    words = pause.WordCount,
                    decidedMs = Math.Round((pause.At - end).TotalMilliseconds),
                    latencyMs = latency is null ? (double?)null : Math.Round(latency.Value),
                    decodeWindowMs = decode.WindowMs,
                    audioWaitMs = audioEnd - u.EndMs,
                    decodeStartLagMs = Math.Round((decode.At - TimeSpan.FromMilliseconds(decode.ElapsedMs) - (zero + TimeSpan.FromMilliseconds(audioEnd))).TotalMilliseconds),
                    decodeMs = Math.Round(decode.ElapsedMs),
                    restMs = rest is null ? (double?)null : Math.Round(rest.Value),
                    deliveryMs = delivery is null ? (double?)null : Math.Round(delivery.Value),
                });
            }

            Console.WriteLine(JsonSerializer.Serialize(new
            {
                utterances = utterances.Count,
                playedMs = totalMs,
                committedEvents = events.Count,
                noPause,
                nothingLeft,
                latency = BenchMath.Summary(latencies),
                decided = BenchMath.Summary(decided),
                latencyLessDecode = BenchMath.Summary(overheads),
                audioWait = BenchMath.Summary(waits),
                afterAudioAndDecode = BenchMath.Summary(rests),
                delivery = BenchMath.Summary(deliveries),
                lastEventInSpan = BenchMath.Summary(lastEvents),
                statusDecodes = session.GetProperty("decodes").GetInt64(),
                statusDecodeMsP50 = session.GetProperty("decodeMsP50"),
                statusDecodeMsP95 = session.GetProperty("decodeMsP95"),
                droppedAudioMs = session.GetProperty("droppedAudioMs").GetInt64(),
                suppressed = session.GetProperty("suppressed"),
                decodesLogged = decodes.Count,
                decodeLogMsP50 = Math.Round(BenchMath.Percentile([.. decodes.Select(d => d.ElapsedMs)], 50)),
                rows,
            }));
            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>The pipeline's "Decoded {WindowMs} ms of audio from {WindowStartMs} ms in {ElapsedMs} ms: … token cap {MaxTokens}" lines.</summary>
    internal static List<(DateTimeOffset At, long WindowMs, long WindowStartMs, double ElapsedMs, int MaxTokens)> Decodes(IEnumerable<JsonElement> log) =>
        [.. log.Where(l => l.TryGetProperty("@m", out var m) && m.GetString()!.StartsWith("Decoded ", StringComparison.Ordinal))
            .Select(l => (l.GetProperty("@t").GetDateTimeOffset(), l.GetProperty("WindowMs").GetInt64(), l.GetProperty("WindowStartMs").GetInt64(), l.GetProperty("ElapsedMs").GetDouble(), l.GetProperty("MaxTokens").GetInt32()))
            .OrderBy(d => d.Item1)];

    /// <summary>The pipeline's "Pause after speech ending at {PositionMs} ms: committed {WordCount} tentative words" lines.</summary>
    private static List<(DateTimeOffset At, long PositionMs, int WordCount)> Pauses(IEnumerable<JsonElement> log) =>
        [.. log.Where(l => l.TryGetProperty("@m", out var m) && m.GetString()!.StartsWith("Pause after speech", StringComparison.Ordinal))
            .Select(l => (l.GetProperty("@t").GetDateTimeOffset(), l.GetProperty("PositionMs").GetInt64(), l.GetProperty("WordCount").GetInt32()))
            .OrderBy(p => p.Item1)];
}
