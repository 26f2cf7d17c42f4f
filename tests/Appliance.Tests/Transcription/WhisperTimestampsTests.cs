using LiveStt.Appliance.Transcription;

namespace LiveStt.Appliance.Tests.Transcription;

public sealed class WhisperTimestampsTests
{
    private static readonly TimeSpan ElevenSeconds = TimeSpan.FromSeconds(11);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 10)]
    [InlineData(250, 2500)]
    [InlineData(1100, 11000)]
    public void Centiseconds_inside_the_buffer_become_milliseconds(long centiseconds, int milliseconds)
    {
        WhisperTimestamps.Clamp(centiseconds, ElevenSeconds).ShouldBe(TimeSpan.FromMilliseconds(milliseconds));
    }

    [Theory]
    [InlineData(1101)]
    [InlineData(1980)]
    [InlineData(long.MaxValue)]
    public void Times_past_the_end_of_the_audio_are_clamped_to_it(long centiseconds)
    {
        WhisperTimestamps.Clamp(centiseconds, ElevenSeconds).ShouldBe(ElevenSeconds);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(long.MinValue)]
    public void Negative_times_are_clamped_to_the_start(long centiseconds)
    {
        WhisperTimestamps.Clamp(centiseconds, ElevenSeconds).ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void A_buffer_that_is_not_a_whole_number_of_centiseconds_keeps_its_exact_end()
    {
        var duration = WhisperTimestamps.DurationOf(16_008);

        duration.ShouldBe(TimeSpan.FromMilliseconds(1000.5));
        WhisperTimestamps.Clamp(100, duration).ShouldBe(TimeSpan.FromSeconds(1));
        WhisperTimestamps.Clamp(101, duration).ShouldBe(duration);
    }
}
