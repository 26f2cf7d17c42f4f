using LiveStt.Appliance.Transcription;

namespace LiveStt.Appliance.NativeTests;

/// <summary>Builds the runtime as the host would, with test options.</summary>
internal static class Whisper
{
    public static WhisperRuntime Runtime(WhisperOptions? options = null, CapturingLoggerFactory? logs = null) =>
        new(Microsoft.Extensions.Options.Options.Create(options ?? Options()), logs ?? new CapturingLoggerFactory(), TimeProvider.System);

    /// <summary>The tests' defaults (two threads, no temperature fallback), changed by <paramref name="change"/>.</summary>
    public static WhisperOptions Options(Action<WhisperOptions>? change = null)
    {
        var options = new WhisperOptions { Threads = Math.Min(2, Environment.ProcessorCount), TemperatureIncrement = 0 };
        change?.Invoke(options);
        return options;
    }

    public static void ShouldBeWellFormed(this TranscriptionResult result, TimeSpan duration)
    {
        foreach (var segment in result.Segments)
        {
            segment.Start.ShouldBeGreaterThanOrEqualTo(TimeSpan.Zero);
            segment.Start.ShouldBeLessThanOrEqualTo(segment.End, segment.Text);
            segment.End.ShouldBeLessThanOrEqualTo(duration, segment.Text);
            foreach (var token in segment.Tokens)
            {
                token.Probability.ShouldBeInRange(0f, 1f, $"token {token.Id} '{token.Text}'");
                token.Start.ShouldBeLessThanOrEqualTo(token.End);
                token.Start.ShouldBeGreaterThanOrEqualTo(TimeSpan.Zero);
                token.End.ShouldBeLessThanOrEqualTo(duration);
            }
        }
    }
}
