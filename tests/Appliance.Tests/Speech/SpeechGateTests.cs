using LiveStt.Appliance.Speech;

namespace LiveStt.Appliance.Tests.Speech;

public sealed class SpeechGateTests
{
    private const int Chunk = 512;

    // 5 chunks of 512 samples = 160 ms, the default minimum speech.
    private static readonly VoiceActivityOptions Defaults = new();

    [Fact]
    public void Speech_starts_where_its_first_chunk_began_once_it_has_lasted_the_minimum()
    {
        using var gate = new SpeechGate(new ScriptedVoiceActivity(0, 0, 0.9f, 0.9f, 0.9f, 0.9f, 0.9f), Defaults, minSilenceMs: 500);
        var ends = new List<long>();

        gate.Process(new float[6 * Chunk], ends);
        gate.InSpeech.ShouldBeFalse("four chunks of speech are 128 ms, under the 160 ms minimum");

        gate.Process(new float[Chunk], ends);
        gate.InSpeech.ShouldBeTrue();
        gate.CurrentSpeechStartSample.ShouldBe(2 * Chunk);
        gate.LastSpeechEndSample.ShouldBe(7 * Chunk);
        gate.LastProbability.ShouldBe(0.9f);
        ends.ShouldBeEmpty();
    }

    [Fact]
    public void A_click_shorter_than_the_minimum_speech_is_not_speech()
    {
        using var gate = new SpeechGate(new ScriptedVoiceActivity(0.9f, 0.9f, 0.9f, 0.1f, 0.9f, 0.9f, 0.1f), Defaults, minSilenceMs: 500);
        var ends = new List<long>();

        gate.Process(new float[7 * Chunk], ends);

        gate.InSpeech.ShouldBeFalse();
        gate.HasSpeechSince(0).ShouldBeFalse();
        gate.LastSpeechEndSample.ShouldBe(-1);
    }

    [Fact]
    public void An_utterance_ends_after_the_pause_and_the_end_is_where_the_speech_stopped()
    {
        // 5 speech chunks, then 16 quiet ones: 16 × 32 ms = 512 ms reaches the 500 ms pause on the 16th.
        var script = Enumerable.Repeat(0.8f, 5).Concat(Enumerable.Repeat(0.05f, 16)).ToArray();
        using var gate = new SpeechGate(new ScriptedVoiceActivity(script), Defaults, minSilenceMs: 500);
        var ends = new List<long>();

        gate.Process(new float[20 * Chunk], ends);
        ends.ShouldBeEmpty("15 quiet chunks are 480 ms");
        gate.InSpeech.ShouldBeTrue();

        gate.Process(new float[Chunk], ends);
        ends.ShouldBe([5L * Chunk]);
        gate.InSpeech.ShouldBeFalse();
        gate.HasSpeechSince(5 * Chunk - 1).ShouldBeTrue();
        gate.HasSpeechSince(5 * Chunk).ShouldBeFalse();
    }

    [Fact]
    public void Speech_goes_on_through_chunks_between_the_threshold_and_the_threshold_less_the_margin()
    {
        // 0.4 is under 0.5 but over 0.35: a soft syllable inside speech, not a pause.
        var script = Enumerable.Repeat(0.9f, 5).Concat(Enumerable.Repeat(0.4f, 30)).Concat(Enumerable.Repeat(0f, 16)).ToArray();
        using var gate = new SpeechGate(new ScriptedVoiceActivity(script), Defaults, minSilenceMs: 500);
        var ends = new List<long>();

        gate.Process(new float[script.Length * Chunk], ends);

        ends.ShouldBe([35L * Chunk]);
    }

    [Fact]
    public void Audio_arrives_in_any_chunking_and_is_scored_in_whole_chunks()
    {
        var detector = new ScriptedVoiceActivity();
        using var gate = new SpeechGate(detector, Defaults, minSilenceMs: 500);
        var ends = new List<long>();

        gate.Process(new float[300], ends);
        gate.Process(new float[300], ends);
        gate.Process(new float[3 * Chunk], ends);

        // 600 samples make one chunk (88 left over); 88 + 1536 make three more.
        detector.CallLengths.ShouldBe([Chunk, 3 * Chunk]);
    }

    [Fact]
    public void Heard_speech_is_remembered_as_intervals_that_text_can_be_checked_against()
    {
        var script = Enumerable.Repeat(0f, 10).Concat(Enumerable.Repeat(1f, 10)).Concat(Enumerable.Repeat(0f, 40)).ToArray();
        using var gate = new SpeechGate(new ScriptedVoiceActivity(script), Defaults, minSilenceMs: 500);
        var ends = new List<long>();

        gate.Process(new float[script.Length * Chunk], ends);

        ends.ShouldBe([20L * Chunk]);
        gate.HeardSpeechBetween(15 * Chunk, 16 * Chunk, margin: 0).ShouldBeTrue();
        gate.HeardSpeechBetween(30 * Chunk, 40 * Chunk, margin: 0).ShouldBeFalse();
        gate.HeardSpeechBetween(21 * Chunk, 40 * Chunk, margin: Chunk).ShouldBeFalse("the speech ended where the widened span starts");
        gate.HeardSpeechBetween(21 * Chunk, 40 * Chunk, margin: 2 * Chunk).ShouldBeTrue("within the margin of the speech's end");
        gate.HeardSpeechBetween(0, 9 * Chunk, margin: 0).ShouldBeFalse();
    }

    [Fact]
    public void A_reset_forgets_the_model_state_and_closes_the_utterance_where_its_speech_stopped()
    {
        var detector = new ScriptedVoiceActivity(Enumerable.Repeat(1f, 8).ToArray());
        using var gate = new SpeechGate(detector, Defaults, minSilenceMs: 500);
        var ends = new List<long>();
        gate.Process(new float[8 * Chunk], ends);
        gate.InSpeech.ShouldBeTrue();

        gate.Reset(100 * Chunk);

        detector.Resets.ShouldBe(1);
        gate.InSpeech.ShouldBeFalse();
        gate.HeardSpeechBetween(0, 8 * Chunk, margin: 0).ShouldBeTrue();
        gate.Process(new float[Chunk], ends);
        gate.HasSpeechSince(8 * Chunk).ShouldBeFalse("audio after the gap scored 0");
    }

    [Fact]
    public void Without_a_model_all_audio_is_speech_and_no_utterance_ends()
    {
        using var gate = new SpeechGate(detector: null, Defaults, minSilenceMs: 500);
        var ends = new List<long>();

        gate.Process(new float[100 * Chunk], ends);

        gate.ModelName.ShouldBeNull();
        gate.InSpeech.ShouldBeTrue();
        gate.CurrentSpeechStartSample.ShouldBe(0);
        ends.ShouldBeEmpty();
    }

    [Fact]
    public void Voice_activity_defaults_are_valid_and_as_documented()
    {
        var options = new VoiceActivityOptions();

        new VoiceActivityOptionsValidator().Validate(null, options).Succeeded.ShouldBeTrue();
        options.Enabled.ShouldBeTrue();
        options.ModelPath.ShouldBe("/app/vad/silero-v6.2.0-ggml.bin");
        options.Threshold.ShouldBe(0.5);
        options.MinSpeechMs.ShouldBe(160);
        options.PrerollMs.ShouldBe(250);
        options.Threads.ShouldBe(1);
    }

    [Fact]
    public void Every_invalid_voice_activity_setting_is_reported_at_once()
    {
        var options = new VoiceActivityOptions { ModelPath = " ", Threshold = 0.99, MinSpeechMs = 10, PrerollMs = 5000, Threads = 0 };

        var result = new VoiceActivityOptionsValidator().Validate(null, options);

        result.Failures.ShouldBe(
        [
            "Vad:ModelPath must name the Silero model file (or set Vad:Enabled to false).",
            "Vad:Threshold must be between 0.15 and 0.95; it is 0.99.",
            "Vad:MinSpeechMs must be between 32 and 2000; it is 10.",
            "Vad:PrerollMs must be between 0 and 1000; it is 5000.",
            "Vad:Threads must be between 1 and 8; it is 0.",
        ]);
    }
}
