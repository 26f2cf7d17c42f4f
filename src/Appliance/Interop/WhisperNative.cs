using System.Runtime.InteropServices;

namespace LiveStt.Appliance.Interop;

/// <summary>
/// The whisper.cpp 1.9.x C API (and the few ggml device calls used to name the backend).
/// Callers go through <see cref="WhisperLibrary"/> first, which loads the library and checks its
/// version and struct layout; nothing here may be called before that check passed.
/// </summary>
#pragma warning disable CA1707 // Native names are kept as the header spells them, so the binding reads against whisper.h.
#pragma warning disable IDE1006
internal static unsafe partial class WhisperNative
{
    /// <summary>The soname Debian's libwhisper1 package installs.</summary>
    public const string LibraryName = "libwhisper.so.1";

    /// <summary>ggml's backend registry (Debian libggml0); a dependency of libwhisper.</summary>
    public const string GgmlLibraryName = "libggml.so.0";

    public const int SamplingGreedy = 0;
    public const int SamplingBeamSearch = 1;

    /// <summary>Every symbol this binding calls, checked at load so a missing one fails start-up, not a decode.</summary>
    public static readonly IReadOnlyList<string> RequiredWhisperExports =
    [
        "whisper_version",
        "whisper_print_system_info",
        "whisper_log_set",
        "whisper_lang_id",
        "whisper_full_default_params_by_ref",
        "whisper_context_default_params_by_ref",
        "whisper_free_params",
        "whisper_free_context_params",
        "whisper_init_from_file_with_params",
        "whisper_free",
        "whisper_full",
        "whisper_full_n_segments",
        "whisper_full_get_segment_t0",
        "whisper_full_get_segment_t1",
        "whisper_full_get_segment_text",
        "whisper_full_n_tokens",
        "whisper_full_get_token_text",
        "whisper_full_get_token_data",
        "whisper_token_eot",
    ];

    public static readonly IReadOnlyList<string> RequiredGgmlExports =
    [
        "ggml_backend_dev_count",
        "ggml_backend_dev_get",
        "ggml_backend_dev_type",
        "ggml_backend_dev_name",
        "ggml_blck_size",
        "ggml_type_size",
    ];

    /// <summary>GGML_TYPE_COUNT in the ggml that whisper 1.9.5 ships with; types at or past it are not asked about.</summary>
    public const int GgmlTypeCount = 43;

    [LibraryImport(LibraryName)]
    public static partial byte* whisper_version();

    [LibraryImport(LibraryName)]
    public static partial byte* whisper_print_system_info();

    [LibraryImport(LibraryName)]
    public static partial void whisper_log_set(delegate* unmanaged[Cdecl]<int, byte*, nint, void> logCallback, nint userData);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int whisper_lang_id(string lang);

    [LibraryImport(LibraryName)]
    public static partial SafeWhisperFullParamsHandle whisper_full_default_params_by_ref(int strategy);

    [LibraryImport(LibraryName)]
    public static partial SafeWhisperContextParamsHandle whisper_context_default_params_by_ref();

    [LibraryImport(LibraryName)]
    public static partial void whisper_free_params(nint parameters);

    [LibraryImport(LibraryName)]
    public static partial void whisper_free_context_params(nint parameters);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    public static partial SafeWhisperContextHandle whisper_init_from_file_with_params(string pathModel, WhisperContextParams parameters);

    [LibraryImport(LibraryName)]
    public static partial void whisper_free(nint context);

    [LibraryImport(LibraryName)]
    public static partial int whisper_full(SafeWhisperContextHandle context, WhisperFullParams parameters, float* samples, int nSamples);

    [LibraryImport(LibraryName)]
    public static partial int whisper_full_n_segments(SafeWhisperContextHandle context);

    [LibraryImport(LibraryName)]
    public static partial long whisper_full_get_segment_t0(SafeWhisperContextHandle context, int segment);

    [LibraryImport(LibraryName)]
    public static partial long whisper_full_get_segment_t1(SafeWhisperContextHandle context, int segment);

    [LibraryImport(LibraryName)]
    public static partial byte* whisper_full_get_segment_text(SafeWhisperContextHandle context, int segment);

    [LibraryImport(LibraryName)]
    public static partial int whisper_full_n_tokens(SafeWhisperContextHandle context, int segment);

    [LibraryImport(LibraryName)]
    public static partial byte* whisper_full_get_token_text(SafeWhisperContextHandle context, int segment, int token);

    [LibraryImport(LibraryName)]
    public static partial WhisperTokenData whisper_full_get_token_data(SafeWhisperContextHandle context, int segment, int token);

    [LibraryImport(LibraryName)]
    public static partial int whisper_token_eot(SafeWhisperContextHandle context);

    [LibraryImport(GgmlLibraryName)]
    public static partial nuint ggml_backend_dev_count();

    [LibraryImport(GgmlLibraryName)]
    public static partial nint ggml_backend_dev_get(nuint index);

    [LibraryImport(GgmlLibraryName)]
    public static partial int ggml_backend_dev_type(nint device);

    [LibraryImport(GgmlLibraryName)]
    public static partial byte* ggml_backend_dev_name(nint device);

    [LibraryImport(GgmlLibraryName)]
    public static partial long ggml_blck_size(int type);

    [LibraryImport(GgmlLibraryName)]
    public static partial nuint ggml_type_size(int type);
}
