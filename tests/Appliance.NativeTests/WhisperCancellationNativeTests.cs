using System.Diagnostics;
using LiveStt.Appliance.Transcription;

namespace LiveStt.Appliance.NativeTests;

/// <summary>Cancellation reaches whisper through its abort and encoder-begin callbacks.</summary>
public sealed class WhisperCancellationNativeTests(GeneratedModels models)
{
    [Fact]
    public async Task Cancelling_stops_a_long_decode_promptly()
    {
        // Three minutes of speech is six 30 s windows; with the tiny shape on two threads that is well over the
        // time the test waits, so only the abort path can end it in time.
        var samples = SpeechSet.Continuous(TimeSpan.FromMinutes(3));
        using var transcriber = Whisper.Runtime().Load(models.Tiny);
        using var cancellation = new CancellationTokenSource();
        var cancelAfter = TimeSpan.FromSeconds(1.5);
        // Measured in CPU time the process spends after the cancel, not wall time: on a machine shared with other
        // work a stopped decode may still wait for a core, while one that ran on would burn tens of CPU seconds.
        var cpuAtCancel = TimeSpan.Zero;
        using var registration = cancellation.Token.Register(() => cpuAtCancel = Process.GetCurrentProcess().TotalProcessorTime);
        cancellation.CancelAfter(cancelAfter);

        var clock = Stopwatch.StartNew();
        var error = await Should.ThrowAsync<OperationCanceledException>(() => transcriber.TranscribeAsync(samples, new TranscriptionRequest(), cancellation.Token));
        clock.Stop();
        var cpuAfterCancel = Process.GetCurrentProcess().TotalProcessorTime - cpuAtCancel;

        TestContext.Current.SendDiagnosticMessage(
            $"decode of {samples.Length / 16_000.0:F0} s cancelled after {cancelAfter.TotalMilliseconds:F0} ms returned at {clock.ElapsedMilliseconds} ms, "
            + $"{cpuAfterCancel.TotalMilliseconds:F0} ms of CPU after the cancel");
        error.CancellationToken.ShouldBe(cancellation.Token);
        // One encoder pass may finish before whisper looks at the abort flag (about a second of CPU here); six 30 s
        // windows of the tiny shape take several times the bound.
        cpuAfterCancel.ShouldBeLessThan(TimeSpan.FromSeconds(6), "the decode ran on long after it was cancelled");

        // The model is still usable afterwards: the abort flag is cleared for the next decode.
        var after = await transcriber.TranscribeAsync(SpeechSet.Read(SpeechSet.Named("jfk/jfk.wav")), new TranscriptionRequest(MaxTokens: 16), TestContext.Current.CancellationToken);
        after.Segments.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task An_already_cancelled_token_throws_before_decoding()
    {
        using var transcriber = Whisper.Runtime().Load(models.Micro);
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        await Should.ThrowAsync<OperationCanceledException>(() => transcriber.TranscribeAsync(new float[16_000], new TranscriptionRequest(), cancellation.Token));
    }
}
