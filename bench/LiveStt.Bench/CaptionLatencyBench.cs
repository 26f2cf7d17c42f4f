using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using LiveStt.ModelGenerator;

namespace LiveStt.Bench;

/// <summary>
/// From played or sent audio to committed caption, through the whole appliance (its own process, a generated micro
/// model), with the same speech played by the wav source and sent as a UDP stream by an ffmpeg on 127.0.0.1. For
/// each committed event: the time a viewer received it, less the time the audio it ends with was played (wav) or
/// sent (stream), taken as the source's start plus the event's endMs. For the stream that mapping assumes the
/// appliance's first sample is the sender's first; ffmpeg drops what it probed at the start, so the stream figure
/// also holds that dropped stretch (docs/benchmarks.md says how large it was).
/// </summary>
internal static class CaptionLatencyBench
{
    public static async Task<int> RunAsync(BenchArguments args)
    {
        var speech = Path.GetFullPath(args.Text("speech"));
        var seconds = args.Real("seconds", 60);
        var vadModel = Path.GetFullPath(args.Text("vad-model"));
        var work = Directory.CreateTempSubdirectory("livestt-latency-");
        try
        {
            var model = RandomWhisperModel.Write(Path.Combine(work.FullName, "micro.bin"), WhisperModelShape.Micro, seed: 5).FullName;

            // The wav source plays the speech as the stream carries it (through the same MP2 encoder and decoder),
            // so that both paths hear the same samples and only the way they arrive differs.
            var coded = Path.Combine(work.FullName, "coded.wav");
            using (var code = Ffmpeg.Start("-i", speech, "-c:a", "mp2", "-f", "mp2", Path.Combine(work.FullName, "coded.mp2")))
            {
                await code.WaitForExitAsync();
            }

            using (var decode = Ffmpeg.Start("-i", Path.Combine(work.FullName, "coded.mp2"), "-ac", "1", "-ar", "16000", coded))
            {
                await decode.WaitForExitAsync();
            }

            var wav = await MeasureAsync(model, work.FullName, seconds, ("Vad__ModelPath", vadModel), ("Audio__Source", "wav"), ("Audio__Path", coded), ("Audio__Loop", "false"));
            var url = $"udp://127.0.0.1:{BenchMath.FreePort()}";
            var stream = await MeasureAsync(model, work.FullName, seconds, ("Vad__ModelPath", vadModel), ("Audio__Source", "stream"), ("Audio__Url", url), ("sender", speech));
            Console.WriteLine(JsonSerializer.Serialize(new { wav = Summary(wav), stream = Summary(stream), addedByStreamMs = Math.Round(BenchMath.Percentile(stream, 50) - BenchMath.Percentile(wav, 50)) }));
            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task<List<double>> MeasureAsync(string model, string work, double seconds, params (string Name, string Value)[] settings)
    {
        var port = BenchMath.FreePort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "LiveStt.Appliance.dll"));
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Logging__ConsoleFormat"] = "json";
        start.Environment["Models__Path"] = model;
        start.Environment["Transcripts__Directory"] = Path.Combine(work, "transcripts");
        string? sendFile = null;
        foreach (var (name, value) in settings)
        {
            if (name == "sender")
            {
                sendFile = value;
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        // The wav source says when it starts playing; its log time is the audio clock's zero.
        var played = new TaskCompletionSource<DateTimeOffset>();
        using var appliance = Process.Start(start)!;
        appliance.OutputDataReceived += (_, line) =>
        {
            if (line.Data is { } text && text.Contains("\"@m\":\"Playing ", StringComparison.Ordinal))
            {
                played.TrySetResult(JsonDocument.Parse(text).RootElement.GetProperty("@t").GetDateTimeOffset());
            }
        };
        appliance.BeginOutputReadLine();
        appliance.BeginErrorReadLine();
        Process? sender = null;
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var received = new ConcurrentQueue<(DateTimeOffset At, long EndMs)>();
            var connection = await BenchViewer.ConnectAsync(http, (at, caption) => received.Enqueue((at, caption.GetProperty("endMs").GetInt64())), attempts: 100);
            DateTimeOffset zero;
            if (sendFile is null)
            {
                zero = await played.Task.WaitAsync(TimeSpan.FromSeconds(30));
            }
            else
            {
                // Listening before the sender starts, so the appliance's first sample is the first one sent: ffmpeg
                // binds its port a moment after the input says it is connecting.
                await WaitForInputAsync(http, "connecting");
                await Task.Delay(TimeSpan.FromSeconds(2));
                zero = DateTimeOffset.UtcNow;
                sender = Ffmpeg.Start("-re", "-i", sendFile, "-c:a", "mp2", "-f", "mpegts", ((string)start.Environment["Audio__Url"]!));
            }

            await Task.Delay(TimeSpan.FromSeconds(seconds));
            await connection.DisposeAsync();
            return [.. received.Select(r => (r.At - (zero + TimeSpan.FromMilliseconds(r.EndMs))).TotalMilliseconds)];
        }
        finally
        {
            sender?.Kill();
            appliance.Kill(entireProcessTree: true);
            await appliance.WaitForExitAsync();
        }
    }

    private static async Task WaitForInputAsync(HttpClient http, string state)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var status = await http.GetFromJsonAsync<JsonElement>("/api/status");
            if (status.GetProperty("session").TryGetProperty("input", out var input) && input.ValueKind == JsonValueKind.Object && input.GetProperty("state").GetString() == state)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The input never became {state}.");
    }

    private static object Summary(List<double> latencies) => new
    {
        events = latencies.Count,
        p50Ms = Math.Round(BenchMath.Percentile(latencies, 50)),
        p95Ms = Math.Round(BenchMath.Percentile(latencies, 95)),
    };
}
