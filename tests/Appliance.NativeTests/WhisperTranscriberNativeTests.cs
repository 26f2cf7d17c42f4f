using System.Diagnostics;
using System.Globalization;
using LiveStt.Appliance.Transcription;

namespace LiveStt.Appliance.NativeTests;

/// <summary>Decoding real recorded speech through the real library with generated models.</summary>
public sealed class WhisperTranscriberNativeTests(GeneratedModels models)
{
    [Fact]
    public async Task The_micro_model_transcribes_real_speech_into_well_formed_segments()
    {
        var clips = SpeechSet.Clips16k().GroupBy(clip => clip.Set).Select(set => set.First()).ToList();
        using var transcriber = Whisper.Runtime().Load(models.Micro);

        var segmentCount = 0;
        foreach (var clip in clips)
        {
            var samples = SpeechSet.Read(clip);
            var duration = TimeSpan.FromSeconds(samples.Length / 16_000.0);

            var result = await transcriber.TranscribeAsync(samples, new TranscriptionRequest(), TestContext.Current.CancellationToken);

            TestContext.Current.SendDiagnosticMessage(
                $"{clip.Audio} ({duration.TotalSeconds:F2} s): {result.Segments.Count} segments, " +
                string.Join(" | ", result.Segments.Select(s => $"[{s.Start.TotalSeconds:F2}-{s.End.TotalSeconds:F2}] {s.Tokens.Count} tokens")));
            result.ShouldBeWellFormed(duration);
            segmentCount += result.Segments.Count;
        }

        segmentCount.ShouldBeGreaterThan(0, "no clip produced a segment, so nothing was read back from whisper");
    }

    [Fact]
    public async Task Tokens_carry_ids_text_probabilities_and_times()
    {
        var samples = SpeechSet.Read(SpeechSet.Named("jfk/jfk.wav"));
        using var transcriber = Whisper.Runtime().Load(models.Micro);

        var result = await transcriber.TranscribeAsync(samples, new TranscriptionRequest(), TestContext.Current.CancellationToken);

        var tokens = result.Segments.SelectMany(segment => segment.Tokens).ToList();
        tokens.ShouldNotBeEmpty();
        tokens.ShouldContain(token => !token.IsSpecial && token.Text.Length > 0);
        tokens.ShouldAllBe(token => token.Id >= 0 && token.Id < 51864);
        tokens.Select(token => token.Probability).Distinct().Count().ShouldBeGreaterThan(1, "every token had the same probability");
        tokens.Where(token => token.IsSpecial).ShouldAllBe(token => token.Id >= 50256);
        result.ShouldBeWellFormed(TimeSpan.FromSeconds(samples.Length / 16_000.0));
    }

    [Fact]
    public async Task The_tiny_shape_transcribes_eleven_seconds_of_speech_at_realistic_cost()
    {
        var samples = SpeechSet.Read(SpeechSet.Named("jfk/jfk.wav"));
        // As the caption pipeline decodes a window: a prompt, a token cap of 8 a second, one pass.
        var load = Stopwatch.StartNew();
        using var transcriber = Whisper.Runtime().Load(models.Tiny);
        load.Stop();

        var decode = Stopwatch.StartNew();
        var result = await transcriber.TranscribeAsync(samples, new TranscriptionRequest(InitialPrompt: "And so, my fellow Americans", MaxTokens: 88, TemperatureFallback: false), TestContext.Current.CancellationToken);
        decode.Stop();

        TestContext.Current.SendDiagnosticMessage(
            $"tiny shape: load {load.ElapsedMilliseconds} ms, decode of 11 s {decode.ElapsedMilliseconds} ms, {result.Segments.Count} segments: " +
            string.Join(" | ", result.Segments.Select(s => $"[{s.Start.TotalSeconds:F2}-{s.End.TotalSeconds:F2}] {s.Text}")));
        result.Segments.ShouldHaveSingleItem().Tokens.Count(token => !token.IsSpecial).ShouldBeInRange(1, 88);
        result.ShouldBeWellFormed(TimeSpan.FromSeconds(11));
    }

    [Fact]
    public async Task Max_tokens_bounds_the_whole_decode()
    {
        var samples = SpeechSet.Read(SpeechSet.Named("jfk/jfk.wav"));
        using var transcriber = Whisper.Runtime().Load(models.Micro);

        var unbounded = await transcriber.TranscribeAsync(samples, new TranscriptionRequest(), TestContext.Current.CancellationToken);
        var bounded = await transcriber.TranscribeAsync(samples, new TranscriptionRequest(MaxTokens: 3), TestContext.Current.CancellationToken);

        TestContext.Current.SendDiagnosticMessage(
            $"tokens per segment: unbounded {string.Join(",", unbounded.Segments.Select(s => s.Tokens.Count))}, max 3: {string.Join(",", bounded.Segments.Select(s => s.Tokens.Count))}");
        unbounded.Segments.Max(segment => segment.Tokens.Count).ShouldBeGreaterThan(4, "the unbounded decode is too short to show a bound");
        bounded.Segments.ShouldNotBeEmpty();
        bounded.Segments.Sum(segment => segment.Tokens.Count).ShouldBeLessThanOrEqualTo(4);
    }

    [Fact]
    public async Task Segments_carry_whispers_no_speech_probability()
    {
        var samples = SpeechSet.Read(SpeechSet.Named("jfk/jfk.wav"));
        using var transcriber = Whisper.Runtime().Load(models.Micro);

        var result = await transcriber.TranscribeAsync(samples, new TranscriptionRequest(), TestContext.Current.CancellationToken);

        TestContext.Current.SendDiagnosticMessage($"no-speech probabilities: {string.Join(", ", result.Segments.Select(s => s.NoSpeechProbability.ToString("F4", CultureInfo.InvariantCulture)))}");
        result.Segments.ShouldNotBeEmpty();
        result.Segments.ShouldAllBe(segment => segment.NoSpeechProbability >= 0f && segment.NoSpeechProbability <= 1f);
        result.Segments.ShouldContain(segment => segment.NoSpeechProbability > 0f, "no segment carried a probability read from whisper");
    }

    [Fact]
    public async Task A_prompt_conditions_the_decode()
    {
        var samples = SpeechSet.Read(SpeechSet.Named("jfk/jfk.wav"));
        using var transcriber = Whisper.Runtime().Load(models.Micro);

        var plain = await Text(transcriber, samples, new TranscriptionRequest());
        var again = await Text(transcriber, samples, new TranscriptionRequest());
        var prompted = await Text(transcriber, samples, new TranscriptionRequest(InitialPrompt: "And so, my fellow Americans"));

        again.ShouldBe(plain, "a greedy decode of the same audio is deterministic");
        prompted.ShouldNotBe(plain);
    }

    [Fact]
    public async Task Language_and_translate_reach_a_multilingual_model()
    {
        var samples = SpeechSet.Read(SpeechSet.Named("jfk/jfk.wav"));
        var request = new TranscriptionRequest(MaxTokens: 24);
        using var english = Whisper.Runtime(Whisper.Options(o => o.Language = "en")).Load(models.MicroMultilingual);
        using var german = Whisper.Runtime(Whisper.Options(o => o.Language = "de")).Load(models.MicroMultilingual);
        using var translating = Whisper.Runtime(Whisper.Options(o => (o.Language, o.Translate) = ("de", true))).Load(models.MicroMultilingual);
        using var detecting = Whisper.Runtime(Whisper.Options(o => o.Language = "auto")).Load(models.MicroMultilingual);

        var inEnglish = await Text(english, samples, request);
        var inGerman = await Text(german, samples, request);
        var translated = await Text(translating, samples, request);
        var detected = await Text(detecting, samples, request);

        TestContext.Current.SendDiagnosticMessage($"en: {inEnglish} | de: {inGerman} | de→en: {translated} | auto: {detected}");
        new[] { inEnglish, inGerman, translated }.Distinct().Count().ShouldBe(3, "the language and task tokens did not change the decode");
        detected.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task An_audio_context_cut_to_the_window_changes_what_the_encoder_sees()
    {
        var samples = SpeechSet.Read(SpeechSet.Named("jfk/jfk.wav")).AsMemory(0, 5 * 16_000);
        using var transcriber = Whisper.Runtime().Load(models.Micro);

        var full = await Text(transcriber, samples, new TranscriptionRequest());
        var cut = await Text(transcriber, samples, new TranscriptionRequest(AudioContext: 256));

        cut.ShouldNotBeEmpty();
        cut.ShouldNotBe(full);
    }

    [Fact]
    public async Task Temperature_fallback_decodes_again_when_whisper_thresholds_fail()
    {
        // Random weights fail whisper's log-probability threshold on every window, so with fallback on the result
        // comes from a decode at a higher temperature, and differs from the single greedy pass.
        var samples = SpeechSet.Read(SpeechSet.Named("jfk/jfk.wav"));
        using var transcriber = Whisper.Runtime(Whisper.Options(o => o.TemperatureIncrement = 0.2f)).Load(models.Micro);

        var once = await Text(transcriber, samples, new TranscriptionRequest(MaxTokens: 24, TemperatureFallback: false));
        var withFallback = await Text(transcriber, samples, new TranscriptionRequest(MaxTokens: 24, TemperatureFallback: true));

        TestContext.Current.SendDiagnosticMessage($"once: {once} | with fallback: {withFallback}");
        withFallback.ShouldNotBe(once);
    }

    [Fact]
    public async Task Threads_are_the_cpu_threads_whisper_computes_on()
    {
        // Counted per OS thread rather than as CPU per wall second: on a shared two-core machine a second thread
        // may get little extra wall-clock parallelism, but whisper still hands it its share of the work.
        var samples = SpeechSet.Read(SpeechSet.Named("jfk/jfk.wav"));
        var request = new TranscriptionRequest(MaxTokens: 32, TemperatureFallback: false);
        using var oneThread = Whisper.Runtime(Whisper.Options(o => o.Threads = 1)).Load(models.Tiny);
        using var twoThreads = Whisper.Runtime(Whisper.Options(o => o.Threads = 2)).Load(models.Tiny);

        var one = await ThreadsThatComputed(() => oneThread.TranscribeAsync(samples, request, TestContext.Current.CancellationToken));
        var two = await ThreadsThatComputed(() => twoThreads.TranscribeAsync(samples, request, TestContext.Current.CancellationToken));

        TestContext.Current.SendDiagnosticMessage($"threads that did at least a fifth of a decode's CPU work: 1 thread {one}, 2 threads {two}");
        one.ShouldBe(1);
        two.ShouldBe(2);
    }

    [Fact]
    public async Task Empty_audio_gives_an_empty_result_without_calling_whisper()
    {
        using var transcriber = Whisper.Runtime().Load(models.Micro);

        (await transcriber.TranscribeAsync(ReadOnlyMemory<float>.Empty, new TranscriptionRequest(), TestContext.Current.CancellationToken)).Segments.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_disposed_transcriber_refuses_to_decode()
    {
        var transcriber = Whisper.Runtime().Load(models.Micro);
        transcriber.Dispose();
        transcriber.Dispose();

        await Should.ThrowAsync<ObjectDisposedException>(() => transcriber.TranscribeAsync(new float[16_000], new TranscriptionRequest(), CancellationToken.None));
    }

    private static async Task<string> Text(ITranscriber transcriber, ReadOnlyMemory<float> samples, TranscriptionRequest request)
    {
        var result = await transcriber.TranscribeAsync(samples, request, TestContext.Current.CancellationToken);
        return string.Concat(result.Segments.Select(segment => segment.Text));
    }

    private static async Task<int> ThreadsThatComputed(Func<Task> work)
    {
        var before = CpuTicksByThread();
        await work();
        var grown = CpuTicksByThread()
            .Select(thread => thread.Value - before.GetValueOrDefault(thread.Key))
            .Where(ticks => ticks > 0)
            .ToList();
        var total = grown.Sum();
        total.ShouldBeGreaterThan(20L, "the decode was too short to tell its threads apart");
        return grown.Count(ticks => ticks * 5 >= total);
    }

    private static Dictionary<int, long> CpuTicksByThread()
    {
        var ticks = new Dictionary<int, long>();
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(task, "stat"));
            }
            catch (IOException)
            {
                continue;
            }

            // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are 14th and 15th.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            ticks[int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture)] =
                long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }

        return ticks;
    }
}
