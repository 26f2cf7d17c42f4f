using LiveStt.Appliance.Audio;

namespace LiveStt.Appliance.Tests.Audio;

public sealed class InputLevelMeterTests
{
    [Fact]
    public void A_1_kHz_tone_peaking_at_minus_20_dBFS_reads_minus_20_as_level_and_peak()
    {
        var meter = new InputLevelMeter();

        meter.Measure(Signals.Sine(1_000, 16_000, seconds: 0.3, amplitude: 0.1));

        meter.LevelDbfs.ShouldNotBeNull().ShouldBe(-20, 0.05);
        meter.PeakDbfs.ShouldNotBeNull().ShouldBe(-20, 0.05);
        meter.ClippedBlocks.ShouldBe(0);
    }

    [Fact]
    public void A_full_scale_square_wave_clips_every_block()
    {
        var square = Enumerable.Range(0, 16_000).Select(i => i / 8 % 2 == 0 ? 1f : -1f).ToArray();
        var meter = new InputLevelMeter();

        meter.Measure(square);

        meter.ClippedBlocks.ShouldBe(10);
        meter.PeakDbfs.ShouldBe(0);
        meter.LevelDbfs.ShouldNotBeNull().ShouldBe(3.0, 0.05, "a square's RMS equals its peak, 3 dB above a sine's");
    }

    [Fact]
    public void Nothing_is_reported_before_a_whole_block_and_silence_reads_the_floor()
    {
        var meter = new InputLevelMeter();

        meter.Measure(new float[InputLevelMeter.BlockSamples - 1]);
        meter.LevelDbfs.ShouldBeNull();

        meter.Measure(new float[1]);
        meter.LevelDbfs.ShouldBe(InputLevelMeter.SilenceDbfs);
        meter.PeakDbfs.ShouldBe(InputLevelMeter.SilenceDbfs);
    }

    [Fact]
    public void The_level_is_the_last_block_and_a_reset_forgets_it()
    {
        var meter = new InputLevelMeter();
        meter.Measure(Signals.Sine(1_000, 16_000, seconds: 0.1, amplitude: 0.5));
        meter.Measure(Signals.Sine(1_000, 16_000, seconds: 0.1, amplitude: 0.05));

        meter.LevelDbfs.ShouldNotBeNull().ShouldBe(-26.0, 0.05);

        meter.Reset();
        meter.LevelDbfs.ShouldBeNull();
        meter.PeakDbfs.ShouldBeNull();
    }
}
