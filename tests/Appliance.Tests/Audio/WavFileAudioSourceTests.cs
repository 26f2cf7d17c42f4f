using LiveStt.Appliance.Audio;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace LiveStt.Appliance.Tests.Audio;

public sealed class WavFileAudioSourceTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("livestt-audio-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Delivers_contiguous_16_kHz_frames_of_the_configured_length()
    {
        var stereo = Signals.Sine(440, 22_050, seconds: 1.05).SelectMany(s => new[] { s, s }).ToArray();
        var path = Write("stereo.wav", WavBuilder.Create(stereo, 22_050, channels: 2, WavSampleEncoding.Pcm, 24));
        var sink = new CollectingFrameSink();

        await Source(path, AudioPacing.AsFastAsPossible).RunAsync(sink, TestContext.Current.CancellationToken);

        var frames = sink.Frames;
        var expectedSamples = (int)Math.Ceiling(stereo.Length / 2 * 16_000.0 / 22_050);
        frames.Sum(f => f.Samples.Length).ShouldBe(expectedSamples);
        frames.Count.ShouldBe(11);
        frames.Take(10).ShouldAllBe(f => f.Samples.Length == 1_600);
        for (var i = 0; i < frames.Count; i++)
        {
            frames[i].StartSample.ShouldBe(i * 1_600L);
        }

        Signals.Rms(sink.AllSamples().AsSpan(800, 14_000)).ShouldBe(0.5 / Math.Sqrt(2), 0.005);
    }

    [Fact]
    public async Task Real_time_pacing_delivers_one_frame_per_frame_duration_of_the_injected_clock()
    {
        var path = Write("tone.wav", WavBuilder.Create(Signals.Sine(440, 48_000, seconds: 5), 48_000));
        var time = new FakeTimeProvider();
        var sink = new CollectingFrameSink();
        using var cancel = new CancellationTokenSource();
        var source = Source(path, AudioPacing.RealTime, time: time);
        source.IsLive.ShouldBeTrue();

        var run = source.RunAsync(sink, cancel.Token);
        await Task.Delay(200, TestContext.Current.CancellationToken);
        sink.Count.ShouldBe(0, "the first frame is due once 100 ms have passed");

        time.Advance(TimeSpan.FromMilliseconds(100));
        await sink.WaitForAsync(1);
        time.Advance(TimeSpan.FromMilliseconds(900));
        await sink.WaitForAsync(10);
        await Task.Delay(200, TestContext.Current.CancellationToken);
        sink.Count.ShouldBe(10, "no frame runs ahead of the clock");

        await cancel.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(run);
    }

    [Fact]
    public async Task Loops_seamlessly_until_cancelled()
    {
        var path = Write("short.wav", WavBuilder.Create(Signals.Sine(300, 16_000, seconds: 0.25), 16_000));
        using var stop = new CancellationTokenSource();
        var sink = new CollectingFrameSink(stopAfterFrames: 12, stop);

        await Should.ThrowAsync<OperationCanceledException>(
            Source(path, AudioPacing.AsFastAsPossible, loop: true).RunAsync(sink, stop.Token));

        var frames = sink.Frames;
        frames.Count.ShouldBe(12);
        frames.ShouldAllBe(f => f.Samples.Length == 1_600);
        frames.Select(f => f.StartSample).ShouldBe(Enumerable.Range(0, 12).Select(i => i * 1_600L));

        // 1.2 s of audio from a 0.25 s file, sample for sample the file repeated.
        var all = sink.AllSamples();
        var once = Signals.Sine(300, 16_000, seconds: 0.25);
        for (var i = 0; i < all.Length; i += 97)
        {
            all[i].ShouldBe(once[i % once.Length], 1.0 / 32_768 + 1e-6);
        }
    }

    [Fact]
    public async Task A_missing_file_is_a_clear_error()
    {
        var path = Path.Combine(directory, "absent.wav");

        var error = await Should.ThrowAsync<AudioSourceException>(
            Source(path, AudioPacing.AsFastAsPossible).RunAsync(new CollectingFrameSink(), TestContext.Current.CancellationToken));

        error.Message.ShouldStartWith($"'{path}' cannot be opened");
    }

    [Fact]
    public async Task A_file_cut_short_plays_the_audio_that_is_there()
    {
        var bytes = WavBuilder.Create(Signals.Sine(440, 16_000, seconds: 1), 16_000);
        var path = Write("cut.wav", bytes[..^1_000]);
        var sink = new CollectingFrameSink();

        await Source(path, AudioPacing.AsFastAsPossible).RunAsync(sink, TestContext.Current.CancellationToken);

        sink.AllSamples().Length.ShouldBe((32_000 - 1_000) / 2);
    }

    [Theory]
    [InlineData(AudioChannel.Left, 0.5)]
    [InlineData(AudioChannel.Right, 0.0)]
    [InlineData(AudioChannel.Mix, 0.25)]
    public async Task The_chosen_channel_of_a_stereo_file_is_the_one_heard(AudioChannel channel, double amplitude)
    {
        // Speech on the left only, as a desk that sends the pulpit microphone on one side.
        var left = Signals.Sine(440, 16_000, seconds: 1);
        var path = Write("left-only.wav", WavBuilder.Create(left.SelectMany(s => new[] { s, 0f }).ToArray(), 16_000, channels: 2));
        var sink = new CollectingFrameSink();

        await Source(path, AudioPacing.AsFastAsPossible, channel: channel).RunAsync(sink, TestContext.Current.CancellationToken);

        Signals.Rms(sink.AllSamples().AsSpan(800, 14_000)).ShouldBe(amplitude / Math.Sqrt(2), 0.002);
    }

    [Fact]
    public async Task A_file_that_is_not_wav_is_a_clear_error()
    {
        var path = Write("notes.wav", "just some text, not audio"u8.ToArray());

        var error = await Should.ThrowAsync<AudioSourceException>(
            Source(path, AudioPacing.AsFastAsPossible).RunAsync(new CollectingFrameSink(), TestContext.Current.CancellationToken));

        error.Message.ShouldContain("not a WAV file");
    }

    [Fact]
    public async Task An_empty_looping_file_is_an_error_not_a_busy_loop()
    {
        var path = Write("empty.wav", new WavBuilder().Fmt(1, 1, 16_000, 16).Data([]).Build());

        var error = await Should.ThrowAsync<AudioSourceException>(
            Source(path, AudioPacing.AsFastAsPossible, loop: true).RunAsync(new CollectingFrameSink(), TestContext.Current.CancellationToken));

        error.Message.ShouldContain("holds no audio");
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static WavFileAudioSource Source(string path, AudioPacing pacing, bool loop = false, TimeProvider? time = null, AudioChannel channel = AudioChannel.Mix) =>
        new(path, loop, channel, pacing, frameMs: 100, time ?? TimeProvider.System, NullLogger<WavFileAudioSource>.Instance);
}
