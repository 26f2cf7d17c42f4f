using System.Globalization;
using System.Runtime.InteropServices;

namespace LiveStt.Appliance.Interop;

/// <summary>
/// Checks that a loaded libwhisper lays out its parameter structs the way <see cref="WhisperFullParams"/>
/// and <see cref="WhisperContextParams"/> expect. The library's own defaults are read through our struct
/// definitions and compared with the values whisper.cpp 1.9.5 sets; a field added, removed or reordered
/// upstream shifts what we read and shows up here as a list of mismatched fields, before any decode
/// could write past the library's struct.
/// </summary>
internal static class WhisperParamsLayout
{
    /// <summary>sizeof(struct whisper_full_params) in whisper.h 1.9.5 on LP64 targets (x86-64, aarch64).</summary>
    public const int ExpectedFullParamsSize = 304;

    /// <summary>sizeof(struct whisper_context_params) in whisper.h 1.9.5 on LP64 targets.</summary>
    public const int ExpectedContextParamsSize = 48;

    /// <summary>sizeof(whisper_token_data) in whisper.h 1.9.5 on LP64 targets.</summary>
    public const int ExpectedTokenDataSize = 56;

    /// <summary>whisper.cpp's default <c>dtw_mem_size</c>: 128 MiB.</summary>
    private const ulong DefaultDtwMemSize = 128UL * 1024 * 1024;

    public static unsafe int FullParamsSize => sizeof(WhisperFullParams);

    public static unsafe int ContextParamsSize => sizeof(WhisperContextParams);

    /// <summary>
    /// Compares the bytes of <c>whisper_full_default_params_by_ref(strategy)</c> with 1.9.5's defaults.
    /// </summary>
    /// <param name="defaults">At least <see cref="FullParamsSize"/> bytes copied from the library's struct.</param>
    /// <param name="strategy"><see cref="WhisperNative.SamplingGreedy"/> or <see cref="WhisperNative.SamplingBeamSearch"/>.</param>
    /// <param name="readUtf8">Reads the NUL-terminated string a pointer field points at (the language).</param>
    /// <returns>One line per field whose value is not the expected default; empty when the layout matches.</returns>
    public static IReadOnlyList<string> FindFullParamsMismatches(ReadOnlySpan<byte> defaults, int strategy, Func<nint, string?> readUtf8)
    {
        ArgumentNullException.ThrowIfNull(readUtf8);
        if (defaults.Length < FullParamsSize)
        {
            return [$"whisper_full_params: got {defaults.Length} bytes, expected at least {FullParamsSize}"];
        }

        var p = MemoryMarshal.Read<WhisperFullParams>(defaults);
        var errors = new List<string>();
        var check = new Checker("whisper_full_params", errors);

        check.Equal(nameof(p.Strategy), p.Strategy, strategy);
        check.InRange(nameof(p.NThreads), p.NThreads, 1, 4);
        check.Equal(nameof(p.NMaxTextCtx), p.NMaxTextCtx, 16384);
        check.Equal(nameof(p.OffsetMs), p.OffsetMs, 0);
        check.Equal(nameof(p.DurationMs), p.DurationMs, 0);
        check.Equal(nameof(p.Translate), p.Translate, 0);
        check.Equal(nameof(p.NoContext), p.NoContext, 1);
        check.Equal(nameof(p.NoTimestamps), p.NoTimestamps, 0);
        check.Equal(nameof(p.SingleSegment), p.SingleSegment, 0);
        check.Equal(nameof(p.PrintSpecial), p.PrintSpecial, 0);
        check.Equal(nameof(p.PrintProgress), p.PrintProgress, 1);
        check.Equal(nameof(p.PrintRealtime), p.PrintRealtime, 0);
        check.Equal(nameof(p.PrintTimestamps), p.PrintTimestamps, 1);
        check.Equal(nameof(p.TokenTimestamps), p.TokenTimestamps, 0);
        check.Equal(nameof(p.TholdPt), p.TholdPt, 0.01f);
        check.Equal(nameof(p.TholdPtSum), p.TholdPtSum, 0.01f);
        check.Equal(nameof(p.MaxLen), p.MaxLen, 0);
        check.Equal(nameof(p.SplitOnWord), p.SplitOnWord, 0);
        check.Equal(nameof(p.MaxTokens), p.MaxTokens, 0);
        check.Equal(nameof(p.DebugMode), p.DebugMode, 0);
        check.Equal(nameof(p.AudioCtx), p.AudioCtx, 0);
        check.Equal(nameof(p.TdrzEnable), p.TdrzEnable, 0);
        unsafe
        {
            check.Null(nameof(p.SuppressRegex), (nint)p.SuppressRegex);
            check.Null(nameof(p.InitialPrompt), (nint)p.InitialPrompt);
            check.Equal(nameof(p.CarryInitialPrompt), p.CarryInitialPrompt, 0);
            check.Null(nameof(p.PromptTokens), (nint)p.PromptTokens);
            check.Equal(nameof(p.PromptNTokens), p.PromptNTokens, 0);
        }

        check.Equal(nameof(p.DetectLanguage), p.DetectLanguage, 0);
        check.Equal(nameof(p.SuppressBlank), p.SuppressBlank, 1);
        check.Equal(nameof(p.SuppressNst), p.SuppressNst, 0);
        check.Equal(nameof(p.Temperature), p.Temperature, 0f);
        check.Equal(nameof(p.MaxInitialTs), p.MaxInitialTs, 1f);
        check.Equal(nameof(p.LengthPenalty), p.LengthPenalty, -1f);
        check.Equal(nameof(p.TemperatureInc), p.TemperatureInc, 0.2f);
        check.Equal(nameof(p.EntropyThold), p.EntropyThold, 2.4f);
        check.Equal(nameof(p.LogprobThold), p.LogprobThold, -1f);
        check.Equal(nameof(p.NoSpeechThold), p.NoSpeechThold, 0.6f);
        var greedy = strategy == WhisperNative.SamplingGreedy;
        check.Equal("Greedy.BestOf", p.Greedy.BestOf, greedy ? 5 : -1);
        check.Equal("BeamSearch.BeamSize", p.BeamSearch.BeamSize, greedy ? -1 : 5);
        check.Equal("BeamSearch.Patience", p.BeamSearch.Patience, -1f);
        check.Null(nameof(p.NewSegmentCallback), p.NewSegmentCallback);
        check.Null(nameof(p.NewSegmentCallbackUserData), p.NewSegmentCallbackUserData);
        check.Null(nameof(p.ProgressCallback), p.ProgressCallback);
        check.Null(nameof(p.ProgressCallbackUserData), p.ProgressCallbackUserData);
        unsafe
        {
            check.Null(nameof(p.EncoderBeginCallback), (nint)p.EncoderBeginCallback);
            check.Null(nameof(p.AbortCallback), (nint)p.AbortCallback);
        }

        check.Null(nameof(p.EncoderBeginCallbackUserData), p.EncoderBeginCallbackUserData);
        check.Null(nameof(p.AbortCallbackUserData), p.AbortCallbackUserData);
        check.Null(nameof(p.LogitsFilterCallback), p.LogitsFilterCallback);
        check.Null(nameof(p.LogitsFilterCallbackUserData), p.LogitsFilterCallbackUserData);
        check.Null(nameof(p.GrammarRules), p.GrammarRules);
        check.Equal(nameof(p.NGrammarRules), (ulong)p.NGrammarRules, 0UL);
        check.Equal(nameof(p.IStartRule), (ulong)p.IStartRule, 0UL);
        check.Equal(nameof(p.GrammarPenalty), p.GrammarPenalty, 100f);
        check.Equal(nameof(p.Vad), p.Vad, 0);
        unsafe
        {
            check.Null(nameof(p.VadModelPath), (nint)p.VadModelPath);
        }

        check.Equal("VadParams.Threshold", p.VadParams.Threshold, 0.5f);
        check.Equal("VadParams.MinSpeechDurationMs", p.VadParams.MinSpeechDurationMs, 250);
        check.Equal("VadParams.MinSilenceDurationMs", p.VadParams.MinSilenceDurationMs, 100);
        check.Equal("VadParams.MaxSpeechDurationS", p.VadParams.MaxSpeechDurationS, float.MaxValue);
        check.Equal("VadParams.SpeechPadMs", p.VadParams.SpeechPadMs, 30);
        check.Equal("VadParams.SamplesOverlap", p.VadParams.SamplesOverlap, 0.1f);

        // The language is the one pointer that is followed. Only when every other field matched is it
        // known to be the language field; after a shift it could be any bits, and reading them would crash.
        if (errors.Count == 0)
        {
            unsafe
            {
                check.String(nameof(p.Language), (nint)p.Language, "en", readUtf8);
            }
        }

        return errors;
    }

    /// <summary>Compares the bytes of <c>whisper_context_default_params_by_ref()</c> with 1.9.5's defaults.</summary>
    /// <remarks>flash_attn and dtw_token_timestamps are left out: they are lone flags whose defaults upstream has changed before.</remarks>
    public static IReadOnlyList<string> FindContextParamsMismatches(ReadOnlySpan<byte> defaults)
    {
        if (defaults.Length < ContextParamsSize)
        {
            return [$"whisper_context_params: got {defaults.Length} bytes, expected at least {ContextParamsSize}"];
        }

        var p = MemoryMarshal.Read<WhisperContextParams>(defaults);
        var errors = new List<string>();
        var check = new Checker("whisper_context_params", errors);
        check.Equal(nameof(p.UseGpu), p.UseGpu, 1);
        check.Equal(nameof(p.GpuDevice), p.GpuDevice, 0);
        check.Equal(nameof(p.DtwAheadsPreset), p.DtwAheadsPreset, 0);
        check.Equal(nameof(p.DtwNTop), p.DtwNTop, -1);
        check.Equal("DtwAheads.NHeads", (ulong)p.DtwAheads.NHeads, 0UL);
        check.Null("DtwAheads.Heads", p.DtwAheads.Heads);
        check.Equal(nameof(p.DtwMemSize), (ulong)p.DtwMemSize, DefaultDtwMemSize);
        return errors;
    }

    /// <summary>The message for a library whose layout differs; lists every mismatched field.</summary>
    public static string DescribeMismatch(string version, IReadOnlyList<string> mismatches) =>
        $"libwhisper {version} does not lay out its parameter structs the way this build of LiveStt expects " +
        $"(transcribed from whisper.h {WhisperVersion.BuiltAgainst}); passing them would corrupt memory, so the library " +
        $"is not used. Rebuild LiveStt against the installed whisper.h, or install libwhisper1 {WhisperVersion.BuiltAgainst}. " +
        "Fields whose defaults did not match: " + string.Join("; ", mismatches);

    private readonly struct Checker(string structName, List<string> errors)
    {
        public void Equal<T>(string field, T actual, T expected)
            where T : IEquatable<T>
        {
            if (!actual.Equals(expected))
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{structName}.{field} is {actual}, expected {expected}"));
            }
        }

        public void InRange(string field, int actual, int min, int max)
        {
            if (actual < min || actual > max)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{structName}.{field} is {actual}, expected {min}..{max}"));
            }
        }

        public void Null(string field, nint actual)
        {
            if (actual != 0)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{structName}.{field} is 0x{actual:x}, expected NULL"));
            }
        }

        public void String(string field, nint actual, string expected, Func<nint, string?> readUtf8)
        {
            if (actual == 0)
            {
                errors.Add($"{structName}.{field} is NULL, expected \"{expected}\"");
                return;
            }

            var text = readUtf8(actual);
            if (!string.Equals(text, expected, StringComparison.Ordinal))
            {
                errors.Add($"{structName}.{field} is \"{text}\", expected \"{expected}\"");
            }
        }
    }
}
