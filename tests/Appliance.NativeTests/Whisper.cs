using LiveStt.Appliance.Transcription;
using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.NativeTests;

/// <summary>Builds the runtime as the host would, with test options.</summary>
internal static class Whisper
{
    public static WhisperRuntime Runtime(WhisperOptions? options = null, CapturingLoggerFactory? logs = null) =>
        new(Options.Create(options ?? new WhisperOptions { Threads = Math.Min(2, Environment.ProcessorCount), TemperatureIncrement = 0 }), logs ?? new CapturingLoggerFactory(), TimeProvider.System);

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
