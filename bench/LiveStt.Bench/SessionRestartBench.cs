using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using LiveStt.ModelGenerator;

namespace LiveStt.Bench;

/// <summary>
/// How long the kiosk's Start and Stop take, through the whole appliance (its own process, a generated tiny-shaped f16
/// model with its demo marker, the real Silero model, the LJ Speech set looped in real time with a second of hiss after
/// each clip, guards off) started with <c>Streaming:AutoStart</c> off and a kiosk PIN in a file. The bench unlocks the
/// kiosk as its page does, then runs <c>--cycles</c> sessions: <c>POST /api/session/start</c> until the session is
/// live, <c>--live-seconds</c> of captions, <c>POST /api/session/stop</c> until it is idle, and the next start at once.
/// </summary>
/// <remarks>
/// A start answers with the session as it left it, so "live" is normally seen in the start's own answer; should it not
/// be, <c>GET /api/session</c> is polled every 5 ms. Times are the client's, from sending the command to seeing the
/// state, over HTTP on 127.0.0.1. With AutoStart off the appliance loads the model at start-up anyway, so the first
/// start includes the load only where it comes before the load has finished; the appliance's log says when it did.
/// </remarks>
internal static class SessionRestartBench
{
    private static readonly TimeSpan StateTimeout = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(BenchArguments args)
    {
        var cycles = args.Number("cycles", 10);
        var liveSeconds = args.Real("live-seconds", 5);
        var vadModel = Path.GetFullPath(args.Text("vad-model"));
        if (cycles < 2)
        {
            throw new ArgumentException("--cycles must be at least 2: the figure is the starts after the first");
        }

        var work = Directory.CreateTempSubdirectory("livestt-restart-");
        try
        {
            var model = RandomWhisperModel.Write(Path.Combine(work.FullName, "tiny.bin"), WhisperModelShape.Tiny, seed: 5).FullName;
            var wav = Path.Combine(work.FullName, "lj001.wav");
            PlayedAudio.WriteSpeechSet(wav, "ljspeech-lj001", gapSeconds: 1.0);
            // As scripts/run.sh writes it: six digits and a newline.
            var pin = RandomNumberGenerator.GetInt32(1_000_000).ToString("D6", CultureInfo.InvariantCulture);
            var pinFile = Path.Combine(work.FullName, "kiosk-pin");
            await File.WriteAllTextAsync(pinFile, pin + "\n");

            var launched = DateTimeOffset.UtcNow;
            await using var appliance = ApplianceProcess.Start(
                model, vadModel, wav, loop: true, work.FullName,
                [
                    .. CommitLatencyBench.GuardsOff,
                    ("Streaming__AutoStart", "false"),
                    ("Kiosk__PinFile", pinFile),
                    ("Kiosk__KeyDirectory", Path.Combine(work.FullName, "keys")),
                    ("Settings__InputPath", Path.Combine(work.FullName, "settings", "input.json")),
                    // The decodes' log lines, to tell what a stop waited for.
                    ("Serilog__MinimumLevel__Override__LiveStt.Appliance.Streaming", "Debug"),
                ]);
            var http = appliance.Http;
            var csrf = await UnlockAsync(http, pin);
            var apiUpMs = (DateTimeOffset.UtcNow - launched).TotalMilliseconds;

            var rows = new List<object>();
            var starts = new List<double>();
            var toAudio = new List<double>();
            var stops = new List<double>();
            var firstStartSent = DateTimeOffset.UtcNow;
            for (var cycle = 1; cycle <= cycles; cycle++)
            {
                var clock = Stopwatch.StartNew();
                var answered = await CommandAsync(http, csrf, "start");
                var answerMs = clock.Elapsed.TotalMilliseconds;
                var live = await UntilAsync(http, answered, s => s.GetProperty("state").GetString() == "live", clock);
                var audio = await UntilAsync(http, live.Session, s => s.GetProperty("audioAlive").GetBoolean(), clock);
                starts.Add(live.Ms);
                toAudio.Add(audio.Ms);

                await Task.Delay(TimeSpan.FromSeconds(liveSeconds));
                var stopSent = DateTimeOffset.UtcNow;
                clock.Restart();
                var stopped = await CommandAsync(http, csrf, "stop");
                var idle = await UntilAsync(http, stopped, s => s.GetProperty("state").GetString() == "idle", clock);
                stops.Add(idle.Ms);
                var idleSeen = DateTimeOffset.UtcNow;
                // Logged as each finished: the one running when the stop came, then the last window's.
                var stopDecodes = CommitLatencyBench.Decodes(appliance.Log).Where(d => d.At > stopSent && d.At <= idleSeen).ToList();
                rows.Add(new
                {
                    cycle,
                    startAnswerMs = Math.Round(answerMs, 1),
                    startAnsweredState = answered.GetProperty("state").GetString(),
                    liveMs = Math.Round(live.Ms, 1),
                    audioMs = Math.Round(audio.Ms, 1),
                    stopMs = Math.Round(idle.Ms, 1),
                    stopAnsweredState = stopped.GetProperty("state").GetString(),
                    stopDecodes = stopDecodes.Count,
                    stopDecodeMs = stopDecodes.Select(d => Math.Round(d.ElapsedMs)).ToList(),
                    stopDecodeWindowMs = stopDecodes.Select(d => d.WindowMs).ToList(),
                    stopDecodeTokenCap = stopDecodes.Select(d => d.MaxTokens).ToList(),
                    // The ended session's, which the snapshot keeps until the next start.
                    committedLines = idle.Session.GetProperty("committedLines").GetInt64(),
                    decodes = idle.Session.GetProperty("decodes").GetInt64(),
                });
            }

            var loaded = appliance.Log.FirstOrDefault(l => l.TryGetProperty("@m", out var m) && m.GetString()!.Contains("stays loaded between sessions", StringComparison.Ordinal));
            var loadedAt = loaded.ValueKind == JsonValueKind.Undefined ? (DateTimeOffset?)null : loaded.GetProperty("@t").GetDateTimeOffset();
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                cycles,
                liveSeconds,
                apiUpMs = Math.Round(apiUpMs),
                modelLoadedMs = loadedAt is null ? (double?)null : Math.Round((loadedAt.Value - launched).TotalMilliseconds),
                firstStartSentMs = Math.Round((firstStartSent - launched).TotalMilliseconds),
                firstStartWaitedForLoad = loadedAt > firstStartSent,
                firstStartMs = Math.Round(starts[0], 1),
                firstAudioMs = Math.Round(toAudio[0], 1),
                laterStarts = BenchMath.Summary(starts[1..]),
                laterAudio = BenchMath.Summary(toAudio[1..]),
                stops = BenchMath.Summary(stops),
                rows,
            }));
            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>Unlocks the kiosk as its page does; answers the session's anti-forgery token.</summary>
    /// <remarks>The appliance's client keeps cookies (the handler's own container): the token's, then the session's.</remarks>
    private static async Task<string> UnlockAsync(HttpClient http, string pin)
    {
        JsonElement state = default;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                state = await http.GetFromJsonAsync<JsonElement>("/api/kiosk");
                break;
            }
            catch (HttpRequestException) when (attempt < 600)
            {
                await Task.Delay(100);
            }
        }

        if (!state.GetProperty("pinConfigured").GetBoolean())
        {
            throw new InvalidOperationException("The appliance read no kiosk PIN from Kiosk__PinFile.");
        }

        using var unlock = new HttpRequestMessage(HttpMethod.Post, "/api/kiosk/unlock") { Content = JsonContent.Create(new { pin }) };
        unlock.Headers.Add("X-CSRF-TOKEN", state.GetProperty("csrfToken").GetString());
        using var response = await http.SendAsync(unlock);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("csrfToken").GetString()!;
    }

    /// <summary><c>POST /api/session/{command}</c>; answers the session as the command left it.</summary>
    private static async Task<JsonElement> CommandAsync(HttpClient http, string csrf, string command)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/session/{command}");
        request.Headers.Add("X-CSRF-TOKEN", csrf);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{command}: {(int)response.StatusCode} {body}");
        }

        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    /// <summary>The session once <paramref name="done"/> holds for it, starting from <paramref name="session"/>, and the clock's time then.</summary>
    private static async Task<(JsonElement Session, double Ms)> UntilAsync(HttpClient http, JsonElement session, Func<JsonElement, bool> done, Stopwatch clock)
    {
        while (!done(session))
        {
            if (session.GetProperty("state").GetString() == "faulted")
            {
                throw new InvalidOperationException($"The session faulted: {session.GetProperty("error").GetString()}");
            }

            if (clock.Elapsed > StateTimeout)
            {
                throw new TimeoutException($"The session stayed {session.GetProperty("state").GetString()} for {StateTimeout.TotalSeconds} s.");
            }

            await Task.Delay(5);
            session = await http.GetFromJsonAsync<JsonElement>("/api/session");
        }

        return (session, clock.Elapsed.TotalMilliseconds);
    }
}
