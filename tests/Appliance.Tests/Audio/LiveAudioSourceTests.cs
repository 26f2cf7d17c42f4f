using System.Collections.Concurrent;
using LiveStt.Appliance.Audio;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveStt.Appliance.Tests.Audio;

/// <summary>The reconnecting live source, driven by scripted connections; the real ALSA and ffmpeg inputs have tests of their own.</summary>
public sealed class LiveAudioSourceTests
{
    private static readonly TimeSpan Stall = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task An_input_that_cannot_be_opened_reports_why_and_is_tried_again_until_it_opens()
    {
        var (source, connections) = Source(
            ScriptedCapture.FailsToOpen("The ALSA device 'usb' is busy: another program is capturing from it."),
            ScriptedCapture.FailsToOpen("The ALSA device 'usb' is busy: another program is capturing from it."),
            ScriptedCapture.Delivers(ScriptedCapture.Counting(5), goesQuiet: true));
        var sink = new CollectingFrameSink();
        var states = new ConcurrentQueue<AudioInputStatus>();
        using var stop = new CancellationTokenSource();

        var run = source.RunAsync(sink, stop.Token);
        await WatchUntilAsync(source, states, s => s.State == AudioInputStates.Receiving && sink.Count >= 5);
        await stop.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(run);

        states.ShouldContain(s => s.State == AudioInputStates.NoAudio && s.Reason == "The ALSA device 'usb' is busy: another program is capturing from it.");
        source.Status.State.ShouldBe(AudioInputStates.Stopped);
        source.Status.Reconnects.ShouldBe(2);
        source.Status.GapMs.ShouldBe(0, "nothing was lost: no audio had arrived before");
        sink.Frames.Select(f => f.StartSample).ShouldBe([0, 1_600, 3_200, 4_800, 6_400]);
        connections.Count(c => c.Stopped).ShouldBe(3);
    }

    [Fact]
    public async Task A_stalled_input_counts_as_lost_and_the_audio_clock_moves_on_by_the_outage()
    {
        var (source, _) = Source(
            ScriptedCapture.Delivers(ScriptedCapture.Counting(3), goesQuiet: true),
            ScriptedCapture.Delivers(ScriptedCapture.Counting(3, first: 10_000), goesQuiet: true));
        var sink = new CollectingFrameSink();
        using var stop = new CancellationTokenSource();

        var run = source.RunAsync(sink, stop.Token);
        await WatchUntilAsync(source, new(), s => s.Reconnects == 1 && s.State == AudioInputStates.Receiving && sink.Count >= 6);
        await stop.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(run);

        var frames = sink.Frames;
        frames.Take(3).Select(f => f.StartSample).ShouldBe([0, 1_600, 3_200]);
        var status = source.Status;
        // Gone for at least the stall timeout, less the 100 ms the first new block had been recording.
        status.GapMs.ShouldBeGreaterThanOrEqualTo((long)Stall.TotalMilliseconds - 100);
        frames[3].StartSample.ShouldBeInRange((4_800 + (status.GapMs * 16)) - 16, 4_800 + (status.GapMs * 16) + 16, "the gap in the clock is the gap reported");
        frames[3].Samples.Span[0].ShouldBe(10_000 / 32_768f, "the first sample of the new connection comes right after the gap");
    }

    [Fact]
    public async Task An_input_that_fails_or_ends_says_why_and_the_session_goes_on()
    {
        var (source, _) = Source(
            ScriptedCapture.Delivers(ScriptedCapture.Counting(2), endsWith: new AudioSourceException("The ALSA device 'usb' went away (unplugged?).")),
            ScriptedCapture.Delivers(ScriptedCapture.Counting(2)),
            ScriptedCapture.Delivers(ScriptedCapture.Counting(2), goesQuiet: true));
        var states = new ConcurrentQueue<AudioInputStatus>();
        using var stop = new CancellationTokenSource();

        var run = source.RunAsync(new CollectingFrameSink(), stop.Token);
        await WatchUntilAsync(source, states, s => s.Reconnects == 2 && s.State == AudioInputStates.Receiving);
        await stop.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(run);

        states.Where(s => s.State == AudioInputStates.NoAudio).Select(s => s.Reason).Distinct().ShouldBe(
            ["The ALSA device 'usb' went away (unplugged?).", "The input ended."]);
    }

    [Fact]
    public async Task The_sink_is_told_once_each_time_an_input_that_delivered_audio_is_lost_and_not_for_failed_tries()
    {
        var (source, _) = Source(
            ScriptedCapture.Delivers(ScriptedCapture.Counting(2), endsWith: new AudioSourceException("The stream PC went away.")),
            ScriptedCapture.FailsToOpen("Connection refused"),
            ScriptedCapture.FailsToOpen("Connection refused"),
            ScriptedCapture.Delivers(ScriptedCapture.Counting(3)),
            ScriptedCapture.Delivers(ScriptedCapture.Counting(1), goesQuiet: true));
        var sink = new CollectingFrameSink();
        using var stop = new CancellationTokenSource();

        var run = source.RunAsync(sink, stop.Token);
        await WatchUntilAsync(source, new(), s => s.Reconnects == 4 && s.State == AudioInputStates.Receiving && sink.Count >= 6);
        await stop.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(run);

        sink.LostAfterFrames.ShouldBe([2, 5], "after each connection that delivered, behind its last frame; a session stopped is no loss");
    }

    [Fact]
    public async Task An_unclocked_input_is_read_as_fast_as_the_sink_takes_it_and_nothing_is_lost()
    {
        // 20 s of audio handed over at once, to a sink that takes a frame every millisecond: far more than the
        // source buffers, so without backpressure blocks would be dropped.
        var (source, _) = Source(isLive: false, ScriptedCapture.Delivers(ScriptedCapture.Counting(200), goesQuiet: true));
        var sink = new CollectingFrameSink(delayPerFrame: TimeSpan.FromMilliseconds(1));
        using var stop = new CancellationTokenSource();

        var run = source.RunAsync(sink, stop.Token);
        await WatchUntilAsync(source, new(), _ => sink.Count >= 200);
        await stop.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(run);

        sink.Frames.Select(f => f.StartSample).ShouldBe(Enumerable.Range(0, 200).Select(i => i * 1_600L));
        sink.AllSamples().Select(s => (int)Math.Round(s * 32_768)).ShouldBe(Enumerable.Range(1, 200 * 1_600).Select(i => (int)(short)i));
    }

    [Fact]
    public async Task Blocks_a_live_source_falling_behind_could_not_hand_over_are_skipped_on_its_clock()
    {
        // 20 s of audio at once, then 3 s later (once the source has caught up) one more block, to a sink that takes
        // its time: the source can hold only about a second, so most blocks cannot be handed over. The audio kept
        // must stay where it belongs.
        var blocks = ScriptedCapture.Counting(201);
        var (source, _) = Source(
            isLive: true,
            stall: TimeSpan.FromSeconds(6),
            ScriptedCapture.Delivers([.. blocks.Take(200), .. Enumerable.Repeat<byte[]?>(null, 10), blocks[200]], goesQuiet: true));
        var sink = new CollectingFrameSink(delayPerFrame: TimeSpan.FromMilliseconds(2));
        using var stop = new CancellationTokenSource();

        var run = source.RunAsync(sink, stop.Token);
        await WatchUntilAsync(source, new(), _ => sink.Frames is { Count: > 0 } frames && frames[^1].EndSample == 201 * 1_600L);
        await stop.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(run);

        var frames = sink.Frames;
        frames.Count.ShouldBeLessThan(201, "nothing was dropped, so nothing was tested");
        frames.Select(frame => (short)Math.Round(frame.Samples.ToArray()[0] * 32_768)).ShouldBe(frames.Select(frame => (short)(frame.StartSample + 1)));
        source.Status.GapMs.ShouldBe((201 - frames.Count) * 100);
    }

    private static (LiveAudioSource Source, IReadOnlyList<ScriptedCapture> Connections) Source(params ScriptedCapture[] connections) =>
        Source(isLive: true, Stall, connections);

    private static (LiveAudioSource Source, IReadOnlyList<ScriptedCapture> Connections) Source(bool isLive, params ScriptedCapture[] connections) =>
        Source(isLive, Stall, connections);

    private static (LiveAudioSource Source, IReadOnlyList<ScriptedCapture> Connections) Source(bool isLive, TimeSpan stall, params ScriptedCapture[] connections)
    {
        var next = 0;
        var made = new List<ScriptedCapture>();
        var source = new LiveAudioSource(
            "alsa",
            "usb",
            () =>
            {
                var capture = connections[Math.Min(next++, connections.Length - 1)];
                made.Add(capture);
                return capture;
            },
            AudioChannel.Mix,
            frameMs: 100,
            stall,
            isLive,
            TimeProvider.System,
            NullLogger.Instance,
            new ReconnectBackoff(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200)));
        return (source, made);
    }

    private static async Task WatchUntilAsync(LiveAudioSource source, ConcurrentQueue<AudioInputStatus> seen, Func<AudioInputStatus, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var status = source.Status;
            seen.Enqueue(status);
            if (done(status))
            {
                return;
            }

            DateTime.UtcNow.ShouldBeLessThan(deadline, $"the source never got there; last status {status}");
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
    }
}
