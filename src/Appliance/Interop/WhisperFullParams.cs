using System.Runtime.InteropServices;

namespace LiveStt.Appliance.Interop;

/// <summary>
/// Mirror of <c>struct whisper_full_params</c> from whisper.h 1.9.5: 304 bytes on LP64 (x86-64 and aarch64).
/// Field order and types follow the header exactly; C <c>bool</c> is a byte so the struct is blittable
/// and can be passed by value. <see cref="WhisperParamsLayout"/> checks a loaded library against it.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct WhisperFullParams
{
    public int Strategy;

    public int NThreads;
    public int NMaxTextCtx;
    public int OffsetMs;
    public int DurationMs;

    public byte Translate;
    public byte NoContext;
    public byte NoTimestamps;
    public byte SingleSegment;
    public byte PrintSpecial;
    public byte PrintProgress;
    public byte PrintRealtime;
    public byte PrintTimestamps;

    public byte TokenTimestamps;
    public float TholdPt;
    public float TholdPtSum;
    public int MaxLen;
    public byte SplitOnWord;
    public int MaxTokens;

    public byte DebugMode;
    public int AudioCtx;

    public byte TdrzEnable;

    public byte* SuppressRegex;

    public byte* InitialPrompt;
    public byte CarryInitialPrompt;
    public int* PromptTokens;
    public int PromptNTokens;

    public byte* Language;
    public byte DetectLanguage;

    public byte SuppressBlank;
    public byte SuppressNst;

    public float Temperature;
    public float MaxInitialTs;
    public float LengthPenalty;

    public float TemperatureInc;
    public float EntropyThold;
    public float LogprobThold;
    public float NoSpeechThold;

    public WhisperGreedyParams Greedy;
    public WhisperBeamSearchParams BeamSearch;

    public nint NewSegmentCallback;
    public nint NewSegmentCallbackUserData;

    public nint ProgressCallback;
    public nint ProgressCallbackUserData;

    /// <summary><c>bool (*)(whisper_context*, whisper_state*, void*)</c>; returning false stops before the encoder runs.</summary>
    public delegate* unmanaged[Cdecl]<nint, nint, nint, byte> EncoderBeginCallback;
    public nint EncoderBeginCallbackUserData;

    /// <summary><c>ggml_abort_callback</c>: <c>bool (*)(void*)</c>; returning true aborts the ggml computation.</summary>
    public delegate* unmanaged[Cdecl]<nint, byte> AbortCallback;
    public nint AbortCallbackUserData;

    public nint LogitsFilterCallback;
    public nint LogitsFilterCallbackUserData;

    public nint GrammarRules;
    public nuint NGrammarRules;
    public nuint IStartRule;
    public float GrammarPenalty;

    public byte Vad;
    public byte* VadModelPath;

    public WhisperVadParams VadParams;
}

/// <summary>The anonymous <c>greedy</c> member of whisper_full_params.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct WhisperGreedyParams
{
    public int BestOf;
}

/// <summary>The anonymous <c>beam_search</c> member of whisper_full_params.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct WhisperBeamSearchParams
{
    public int BeamSize;
    public float Patience;
}

/// <summary>Mirror of <c>whisper_vad_params</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct WhisperVadParams
{
    public float Threshold;
    public int MinSpeechDurationMs;
    public int MinSilenceDurationMs;
    public float MaxSpeechDurationS;
    public int SpeechPadMs;
    public float SamplesOverlap;
}
