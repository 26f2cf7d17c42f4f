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
        cancellation.CancelAfter(cancelAfter);

        var clock = Stopwatch.StartNew();
        var error = await Should.ThrowAsync<OperationCanceledException>(() => transcriber.TranscribeAsync(samples, new TranscriptionRequest(), cancellation.Token));
        clock.Stop();

        TestContext.Current.SendDiagnosticMessage(
            $"decode of {samples.Length / 16_000.0:F0} s cancelled after {cancelAfter.TotalMilliseconds:F0} ms returned at {clock.ElapsedMilliseconds} ms");
        error.CancellationToken.ShouldBe(cancellation.Token);
        clock.Elapsed.ShouldBeLessThan(cancelAfter + TimeSpan.FromSeconds(2), "the decode ran on long after it was cancelled");

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
