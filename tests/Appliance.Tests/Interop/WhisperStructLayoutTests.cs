using System.Runtime.InteropServices;
using LiveStt.Appliance.Interop;

namespace LiveStt.Appliance.Tests.Interop;

/// <summary>
/// The structs against whisper.h 1.9.5, offsets worked out by hand from the header with LP64 C alignment
/// (int/float 4, pointers and size_t 8, bool 1, struct aligned to its widest member).
/// </summary>
public sealed class WhisperStructLayoutTests
{
    public static TheoryData<string, int> FullParamsOffsets => new()
    {
        { nameof(WhisperFullParams.Strategy), 0 },
        { nameof(WhisperFullParams.NThreads), 4 },
        { nameof(WhisperFullParams.NMaxTextCtx), 8 },
        { nameof(WhisperFullParams.OffsetMs), 12 },
        { nameof(WhisperFullParams.DurationMs), 16 },
        { nameof(WhisperFullParams.Translate), 20 },
        { nameof(WhisperFullParams.NoContext), 21 },
        { nameof(WhisperFullParams.NoTimestamps), 22 },
        { nameof(WhisperFullParams.SingleSegment), 23 },
        { nameof(WhisperFullParams.PrintSpecial), 24 },
        { nameof(WhisperFullParams.PrintProgress), 25 },
        { nameof(WhisperFullParams.PrintRealtime), 26 },
        { nameof(WhisperFullParams.PrintTimestamps), 27 },
        { nameof(WhisperFullParams.TokenTimestamps), 28 },
        { nameof(WhisperFullParams.TholdPt), 32 },
        { nameof(WhisperFullParams.TholdPtSum), 36 },
        { nameof(WhisperFullParams.MaxLen), 40 },
        { nameof(WhisperFullParams.SplitOnWord), 44 },
        { nameof(WhisperFullParams.MaxTokens), 48 },
        { nameof(WhisperFullParams.DebugMode), 52 },
        { nameof(WhisperFullParams.AudioCtx), 56 },
        { nameof(WhisperFullParams.TdrzEnable), 60 },
        { nameof(WhisperFullParams.SuppressRegex), 64 },
        { nameof(WhisperFullParams.InitialPrompt), 72 },
        { nameof(WhisperFullParams.CarryInitialPrompt), 80 },
        { nameof(WhisperFullParams.PromptTokens), 88 },
        { nameof(WhisperFullParams.PromptNTokens), 96 },
        { nameof(WhisperFullParams.Language), 104 },
        { nameof(WhisperFullParams.DetectLanguage), 112 },
        { nameof(WhisperFullParams.SuppressBlank), 113 },
        { nameof(WhisperFullParams.SuppressNst), 114 },
        { nameof(WhisperFullParams.Temperature), 116 },
        { nameof(WhisperFullParams.MaxInitialTs), 120 },
        { nameof(WhisperFullParams.LengthPenalty), 124 },
        { nameof(WhisperFullParams.TemperatureInc), 128 },
        { nameof(WhisperFullParams.EntropyThold), 132 },
        { nameof(WhisperFullParams.LogprobThold), 136 },
        { nameof(WhisperFullParams.NoSpeechThold), 140 },
        { nameof(WhisperFullParams.Greedy), 144 },
        { nameof(WhisperFullParams.BeamSearch), 148 },
        { nameof(WhisperFullParams.NewSegmentCallback), 160 },
        { nameof(WhisperFullParams.NewSegmentCallbackUserData), 168 },
        { nameof(WhisperFullParams.ProgressCallback), 176 },
        { nameof(WhisperFullParams.ProgressCallbackUserData), 184 },
        { nameof(WhisperFullParams.EncoderBeginCallback), 192 },
        { nameof(WhisperFullParams.EncoderBeginCallbackUserData), 200 },
        { nameof(WhisperFullParams.AbortCallback), 208 },
        { nameof(WhisperFullParams.AbortCallbackUserData), 216 },
        { nameof(WhisperFullParams.LogitsFilterCallback), 224 },
        { nameof(WhisperFullParams.LogitsFilterCallbackUserData), 232 },
        { nameof(WhisperFullParams.GrammarRules), 240 },
        { nameof(WhisperFullParams.NGrammarRules), 248 },
        { nameof(WhisperFullParams.IStartRule), 256 },
        { nameof(WhisperFullParams.GrammarPenalty), 264 },
        { nameof(WhisperFullParams.Vad), 268 },
        { nameof(WhisperFullParams.VadModelPath), 272 },
        { nameof(WhisperFullParams.VadParams), 280 },
    };

    [Theory]
    [MemberData(nameof(FullParamsOffsets))]
    public void Full_params_fields_sit_where_whisper_h_puts_them(string field, int offset)
    {
        Marshal.OffsetOf<WhisperFullParams>(field).ToInt32().ShouldBe(offset);
    }

    [Fact]
    public unsafe void Full_params_struct_sizes_match_the_header()
    {
        sizeof(WhisperFullParams).ShouldBe(WhisperParamsLayout.ExpectedFullParamsSize);
        sizeof(WhisperFullParams).ShouldBe(304);
        sizeof(WhisperGreedyParams).ShouldBe(4);
        sizeof(WhisperBeamSearchParams).ShouldBe(8);
        sizeof(WhisperVadParams).ShouldBe(24);
        Marshal.OffsetOf<WhisperBeamSearchParams>(nameof(WhisperBeamSearchParams.Patience)).ToInt32().ShouldBe(4);
        Marshal.OffsetOf<WhisperVadParams>(nameof(WhisperVadParams.SamplesOverlap)).ToInt32().ShouldBe(20);
    }

    [Theory]
    [InlineData(nameof(WhisperContextParams.UseGpu), 0)]
    [InlineData(nameof(WhisperContextParams.FlashAttn), 1)]
    [InlineData(nameof(WhisperContextParams.GpuDevice), 4)]
    [InlineData(nameof(WhisperContextParams.DtwTokenTimestamps), 8)]
    [InlineData(nameof(WhisperContextParams.DtwAheadsPreset), 12)]
    [InlineData(nameof(WhisperContextParams.DtwNTop), 16)]
    [InlineData(nameof(WhisperContextParams.DtwAheads), 24)]
    [InlineData(nameof(WhisperContextParams.DtwMemSize), 40)]
    public void Context_params_fields_sit_where_whisper_h_puts_them(string field, int offset)
    {
        Marshal.OffsetOf<WhisperContextParams>(field).ToInt32().ShouldBe(offset);
    }

    [Fact]
    public unsafe void Context_params_and_token_data_sizes_match_the_header()
    {
        sizeof(WhisperContextParams).ShouldBe(WhisperParamsLayout.ExpectedContextParamsSize);
        sizeof(WhisperContextParams).ShouldBe(48);
        sizeof(WhisperAheads).ShouldBe(16);
        sizeof(WhisperTokenData).ShouldBe(WhisperParamsLayout.ExpectedTokenDataSize);
        sizeof(WhisperTokenData).ShouldBe(56);
    }

    [Theory]
    [InlineData(nameof(WhisperTokenData.Id), 0)]
    [InlineData(nameof(WhisperTokenData.Tid), 4)]
    [InlineData(nameof(WhisperTokenData.P), 8)]
    [InlineData(nameof(WhisperTokenData.PLog), 12)]
    [InlineData(nameof(WhisperTokenData.Pt), 16)]
    [InlineData(nameof(WhisperTokenData.PtSum), 20)]
    [InlineData(nameof(WhisperTokenData.T0), 24)]
    [InlineData(nameof(WhisperTokenData.T1), 32)]
    [InlineData(nameof(WhisperTokenData.TDtw), 40)]
    [InlineData(nameof(WhisperTokenData.VLen), 48)]
    public void Token_data_fields_sit_where_whisper_h_puts_them(string field, int offset)
    {
        Marshal.OffsetOf<WhisperTokenData>(field).ToInt32().ShouldBe(offset);
    }
}
