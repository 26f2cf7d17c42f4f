using LiveStt.Appliance.Audio;
using LiveStt.Appliance.Captions;
using LiveStt.Appliance.Streaming;
using LiveStt.Appliance.Tests.Streaming;

namespace LiveStt.Appliance.Tests.Faults;

/// <summary>
/// An input lost mid-sentence (the stream PC rebooted, the cable pulled): the words heard up to the loss are committed
/// when the loss is known, to the phones and the transcript, rather than left tentative for as long as the input is away.
/// </summary>
public sealed class InputLostCommitTests
{
    [Fact]
    public async Task The_words_heard_before_an_input_is_lost_are_committed_while_it_is_away()
    {
        // No pause at the end: the speech is cut off mid-utterance, so only the loss can end it.
        var speech = ScriptedSpeech.Build(["one two three four", "five six seven"], pauseMs: 0);
        var source = new LosingSource(speech.Audio);
        using var harness = new SessionHarness(speech, sources: new SourceFactory(() => source));

        await harness.StartHostAsync();
        var away = await harness.WaitForAsync(s => s.State == SessionStates.Live && s.CommittedLines > 0 && harness.Publisher.CommittedText == speech.Text);

        away.State.ShouldBe(SessionStates.Live, "the session waits for the input to come back");
        source.Lost.ShouldBeTrue();
        harness.Publisher.CommittedText.ShouldBe("one two three four five six seven");
        harness.Publisher.Events.Reverse().TakeWhile(e => e.Kind == CaptionKind.Tentative).ShouldAllBe(e => e.Text.Length == 0, "nothing is left tentative on the phones");
        away.AudioAlive.ShouldBeFalse("an input that says it is lost is not alive, however recent its last frame");
        harness.TranscriptRecords().Where(r => r.GetProperty("type").GetString() == "line").Select(l => l.GetProperty("text").GetString())
            .ShouldBe(harness.Publisher.Committed.Select(c => c.Text));
        await harness.StopHostAsync();
    }

    /// <summary>A live input that delivers its audio, loses its input, and stays away until the session ends.</summary>
    private sealed class LosingSource(float[] audio) : IAudioSource
    {
        public string Description => "losing";

        public bool IsLive => true;

        public bool Lost { get; private set; }

        public AudioInputStatus Status => new("stream", "losing", Lost ? AudioInputStates.NoAudio : AudioInputStates.Receiving, Lost ? "The stream ended." : null, null, null, 0, 0, 0, 0);

        public async Task RunAsync(IAudioFrameSink sink, CancellationToken cancellationToken)
        {
            for (var position = 0; position < audio.Length; position += 1_600)
            {
                await sink.WriteAsync(new AudioFrame(audio.AsMemory(position, Math.Min(1_600, audio.Length - position)), position), cancellationToken);
            }

            Lost = true;
            await sink.InputLostAsync(cancellationToken);
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }
}
