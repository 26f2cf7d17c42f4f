using System.Diagnostics;
using LiveStt.Appliance.Transcription;

namespace LiveStt.Appliance.NativeTests;

/// <summary>Decoding real recorded speech through the real library with generated models.</summary>
public sealed class WhisperTranscriberNativeTests(GeneratedModels models)
{
    [Fact]
    public void The_micro_model_transcribes_real_speech_into_well_formed_segments()
    {
        var clips = SpeechSet.Clips16k().GroupBy(clip => clip.Set).Select(set => set.First()).ToList();
        using var transcriber = Whisper.Runtime().Load(models.Micro);

        var segmentCount = 0;
        foreach (var clip in clips)
        {
            var samples = SpeechSet.Read(clip);
            var duration = TimeSpan.FromSeconds(samples.Length / 16_000.0);

            var result = transcriber.Transcribe(samples, new TranscriptionRequest(), TestContext.Current.CancellationToken);

            TestContext.Current.SendDiagnosticMessage(
                $"{clip.Audio} ({duration.TotalSeconds:F2} s): {result.Segments.Count} segments, " +
                string.Join(" | ", result.Segments.Select(s => $"[{s.Start.TotalSeconds:F2}-{s.End.TotalSeconds:F2}] {s.Tokens.Count} tokens")));
            result.ShouldBeWellFormed(duration);
            segmentCount += result.Segments.Count;
        }

        segmentCount.ShouldBeGreaterThan(0, "no clip produced a segment, so nothing was read back from whisper");
    }

    [Fact]
    public void Tokens_carry_ids_text_probabilities_and_times()
    {
        var samples = SpeechSet.Read(SpeechSet.Named("jfk/jfk.wav"));
        using var transcriber = Whisper.Runtime().Load(models.Micro);

        var result = transcriber.Transcribe(samples, new TranscriptionRequest(), TestContext.Current.CancellationToken);

        var tokens = result.Segments.SelectMany(segment => segment.Tokens).ToList();
        tokens.ShouldNotBeEmpty();
        tokens.ShouldContain(token => !token.IsSpecial && token.Text.Length > 0);
        tokens.ShouldAllBe(token => token.Id >= 0 && token.Id < 51864);
        tokens.Select(token => token.Probability).Distinct().Count().ShouldBeGreaterThan(1, "every token had the same probability");
        tokens.Where(token => token.IsSpecial).ShouldAllBe(token => token.Id >= 50256);
        result.ShouldBeWellFormed(TimeSpan.FromSeconds(samples.Length / 16_000.0));
    }

    [Fact]
    public void The_tiny_shape_transcribes_eleven_seconds_of_speech_at_realistic_cost()
    {
        var samples = SpeechSet.Read(SpeechSet.Named("jfk/jfk.wav"));
        // The production defaults, temperature fallback included; random weights fail its thresholds, so every
        // window is decoded again at rising temperatures, and MaxTokens keeps that bounded.
        var options = new WhisperOptions { Threads = Math.Min(2, Environment.ProcessorCount) };
        var load = Stopwatch.StartNew();
        using var transcriber = Whisper.Runtime(options).Load(models.Tiny);
        load.Stop();

        var decode = Stopwatch.StartNew();
        var result = transcriber.Transcribe(samples, new TranscriptionRequest(InitialPrompt: "And so, my fellow Americans", MaxTokens: 48), TestContext.Current.CancellationToken);
        decode.Stop();

        TestContext.Current.SendDiagnosticMessage(
            $"tiny shape: load {load.ElapsedMilliseconds} ms, decode of 11 s {decode.ElapsedMilliseconds} ms, {result.Segments.Count} segments: " +
            string.Join(" | ", result.Segments.Select(s => $"[{s.Start.TotalSeconds:F2}-{s.End.TotalSeconds:F2}] {s.Text}")));
        result.Segments.ShouldNotBeEmpty();
        result.ShouldBeWellFormed(TimeSpan.FromSeconds(11));
    }

    [Fact]
    public void Max_tokens_bounds_the_whole_decode()
    {
        var samples = SpeechSet.Read(SpeechSet.Named("jfk/jfk.wav"));
        using var transcriber = Whisper.Runtime().Load(models.Micro);

        var unbounded = transcriber.Transcribe(samples, new TranscriptionRequest(), TestContext.Current.CancellationToken);
        var bounded = transcriber.Transcribe(samples, new TranscriptionRequest(MaxTokens: 3), TestContext.Current.CancellationToken);

        TestContext.Current.SendDiagnosticMessage(
            $"tokens per segment: unbounded {string.Join(",", unbounded.Segments.Select(s => s.Tokens.Count))}, max 3: {string.Join(",", bounded.Segments.Select(s => s.Tokens.Count))}");
        unbounded.Segments.Max(segment => segment.Tokens.Count).ShouldBeGreaterThan(4, "the unbounded decode is too short to show a bound");
        bounded.Segments.ShouldNotBeEmpty();
        bounded.Segments.Sum(segment => segment.Tokens.Count).ShouldBeLessThanOrEqualTo(4);
    }

    [Fact]
    public void Empty_audio_gives_an_empty_result_without_calling_whisper()
    {
        using var transcriber = Whisper.Runtime().Load(models.Micro);

        transcriber.Transcribe([], new TranscriptionRequest(), TestContext.Current.CancellationToken).Segments.ShouldBeEmpty();
    }

    [Fact]
    public void A_disposed_transcriber_refuses_to_decode()
    {
        var transcriber = Whisper.Runtime().Load(models.Micro);
        transcriber.Dispose();
        transcriber.Dispose();

        Should.Throw<ObjectDisposedException>(() => transcriber.Transcribe(new float[16_000], new TranscriptionRequest(), CancellationToken.None));
    }
}
