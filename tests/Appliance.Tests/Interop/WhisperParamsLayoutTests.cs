using System.Runtime.InteropServices;
using LiveStt.Appliance.Interop;

namespace LiveStt.Appliance.Tests.Interop;

/// <summary>
/// The layout check against fake "library defaults": bytes laid out as whisper 1.9.5 lays them out pass;
/// a changed value or a shifted layout is reported field by field.
/// </summary>
public sealed class WhisperParamsLayoutTests
{
    private const nint FakeLanguagePointer = 0x5eed;

    [Theory]
    [InlineData(WhisperNative.SamplingGreedy)]
    [InlineData(WhisperNative.SamplingBeamSearch)]
    public void Defaults_as_whisper_1_9_5_writes_them_pass(int strategy)
    {
        var mismatches = WhisperParamsLayout.FindFullParamsMismatches(FullDefaults(strategy), strategy, ReadFakeLanguage);

        mismatches.ShouldBeEmpty();
    }

    [Fact]
    public void A_changed_default_is_reported_by_field_name()
    {
        var bytes = FullDefaults(WhisperNative.SamplingGreedy);
        WriteFloat(bytes, Marshal.OffsetOf<WhisperFullParams>(nameof(WhisperFullParams.EntropyThold)), 3.5f);

        var mismatches = WhisperParamsLayout.FindFullParamsMismatches(bytes, WhisperNative.SamplingGreedy, ReadFakeLanguage);

        mismatches.ShouldHaveSingleItem().ShouldBe("whisper_full_params.EntropyThold is 3.5, expected 2.4");
    }

    [Fact]
    public void A_field_inserted_upstream_shifts_the_rest_and_is_caught_without_following_any_pointer()
    {
        // As if a 1.9.x added an int before suppress_regex: everything after offset 64 moves by 8 (alignment).
        var original = FullDefaults(WhisperNative.SamplingGreedy);
        var shifted = new byte[original.Length + 8];
        original.AsSpan(0, 64).CopyTo(shifted);
        original.AsSpan(64).CopyTo(shifted.AsSpan(72));

        var mismatches = WhisperParamsLayout.FindFullParamsMismatches(
            shifted, WhisperNative.SamplingGreedy, _ => throw new InvalidOperationException("a pointer was followed in a layout known to be wrong"));

        mismatches.Count.ShouldBeGreaterThan(5);
        mismatches.ShouldContain(line => line.StartsWith("whisper_full_params.TemperatureInc is 1,", StringComparison.Ordinal));
        mismatches.ShouldContain(line => line.StartsWith("whisper_full_params.VadParams.Threshold ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_wrong_language_is_reported_when_everything_else_matches()
    {
        var mismatches = WhisperParamsLayout.FindFullParamsMismatches(FullDefaults(WhisperNative.SamplingGreedy), WhisperNative.SamplingGreedy, _ => "de");

        mismatches.ShouldHaveSingleItem().ShouldBe("whisper_full_params.Language is \"de\", expected \"en\"");
    }

    [Fact]
    public void The_strategy_decides_which_of_best_of_and_beam_size_is_set()
    {
        var mismatches = WhisperParamsLayout.FindFullParamsMismatches(
            FullDefaults(WhisperNative.SamplingGreedy), WhisperNative.SamplingBeamSearch, ReadFakeLanguage);

        mismatches.ShouldBe(
        [
            "whisper_full_params.Strategy is 0, expected 1",
            "whisper_full_params.Greedy.BestOf is 5, expected -1",
            "whisper_full_params.BeamSearch.BeamSize is -1, expected 5",
        ]);
    }

    [Fact]
    public void A_buffer_shorter_than_the_struct_is_refused()
    {
        WhisperParamsLayout.FindFullParamsMismatches(new byte[296], WhisperNative.SamplingGreedy, ReadFakeLanguage)
            .ShouldHaveSingleItem().ShouldContain("296 bytes");
        WhisperParamsLayout.FindContextParamsMismatches(new byte[40])
            .ShouldHaveSingleItem().ShouldContain("40 bytes");
    }

    [Fact]
    public void Context_defaults_as_whisper_1_9_5_writes_them_pass_and_a_shift_fails()
    {
        var bytes = ContextDefaults();
        WhisperParamsLayout.FindContextParamsMismatches(bytes).ShouldBeEmpty();

        // dtw_mem_size moved by one size_t, as if a pointer were added before it.
        var shifted = new byte[56];
        bytes.AsSpan(0, 40).CopyTo(shifted);
        bytes.AsSpan(40).CopyTo(shifted.AsSpan(48));
        WhisperParamsLayout.FindContextParamsMismatches(shifted)
            .ShouldHaveSingleItem().ShouldBe("whisper_context_params.DtwMemSize is 0, expected 134217728");
    }

    [Fact]
    public void The_mismatch_message_says_what_to_do_and_lists_the_fields()
    {
        var message = WhisperParamsLayout.DescribeMismatch("1.9.7", ["whisper_full_params.Vad is 1, expected 0", "whisper_full_params.GrammarPenalty is 0, expected 100"]);

        message.ShouldContain("libwhisper 1.9.7");
        message.ShouldContain("whisper.h 1.9.5");
        message.ShouldContain("Vad is 1, expected 0; whisper_full_params.GrammarPenalty");
        message.ShouldContain("corrupt memory");
    }

    private static string? ReadFakeLanguage(nint pointer) => pointer == FakeLanguagePointer ? "en" : null;

    /// <summary>whisper_full_default_params(strategy) of 1.9.5, as read from the real library (see the native tests).</summary>
    private static unsafe byte[] FullDefaults(int strategy)
    {
        var greedy = strategy == WhisperNative.SamplingGreedy;
        var p = new WhisperFullParams
        {
            Strategy = strategy,
            NThreads = 2,
            NMaxTextCtx = 16384,
            NoContext = 1,
            PrintProgress = 1,
            PrintTimestamps = 1,
            TholdPt = 0.01f,
            TholdPtSum = 0.01f,
            Language = (byte*)FakeLanguagePointer,
            SuppressBlank = 1,
            MaxInitialTs = 1f,
            LengthPenalty = -1f,
            TemperatureInc = 0.2f,
            EntropyThold = 2.4f,
            LogprobThold = -1f,
            NoSpeechThold = 0.6f,
            Greedy = new WhisperGreedyParams { BestOf = greedy ? 5 : -1 },
            BeamSearch = new WhisperBeamSearchParams { BeamSize = greedy ? -1 : 5, Patience = -1f },
            GrammarPenalty = 100f,
            VadParams = new WhisperVadParams
            {
                Threshold = 0.5f,
                MinSpeechDurationMs = 250,
                MinSilenceDurationMs = 100,
                MaxSpeechDurationS = float.MaxValue,
                SpeechPadMs = 30,
                SamplesOverlap = 0.1f,
            },
        };
        var bytes = new byte[sizeof(WhisperFullParams)];
        MemoryMarshal.Write(bytes, in p);
        return bytes;
    }

    private static unsafe byte[] ContextDefaults()
    {
        var p = new WhisperContextParams { UseGpu = 1, FlashAttn = 1, DtwNTop = -1, DtwMemSize = 128 * 1024 * 1024 };
        var bytes = new byte[sizeof(WhisperContextParams)];
        MemoryMarshal.Write(bytes, in p);
        return bytes;
    }

    private static void WriteFloat(byte[] bytes, nint offset, float value) =>
        BitConverter.TryWriteBytes(bytes.AsSpan((int)offset), value).ShouldBeTrue();
}
