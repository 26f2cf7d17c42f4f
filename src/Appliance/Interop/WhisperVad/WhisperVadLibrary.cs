using System.Runtime.InteropServices;

namespace LiveStt.Appliance.Interop.WhisperVad;

/// <summary>
/// whisper.cpp's Silero voice-activity functions, taken from the libwhisper Whisper.net already loaded (so both use
/// one copy of whisper and ggml). Whisper.net's own VAD API hands back speech segments that whisper cuts afresh on
/// every call; a live gate needs each 32 ms chunk's probability, carried across calls, and that is what these give.
/// Opened once and kept for the process's life: contexts it made are freed through it.
/// </summary>
internal sealed unsafe class WhisperVadLibrary
{
    /// <summary>Samples Silero scores at a time (32 ms at 16 kHz); a call's probabilities are one per such chunk.</summary>
    public const int ChunkSamples = 512;

    private static readonly string[] Exports =
    [
        "whisper_vad_default_context_params", "whisper_vad_init_from_file_with_params", "whisper_vad_detect_speech_no_reset",
        "whisper_vad_n_probs", "whisper_vad_probs", "whisper_vad_reset_state", "whisper_vad_free",
    ];

    private readonly delegate* unmanaged[Cdecl]<VadContextParams> defaultContextParams;
    private readonly delegate* unmanaged[Cdecl]<byte*, VadContextParams, nint> initFromFile;
    private readonly delegate* unmanaged[Cdecl]<nint, float*, int, byte> detectSpeechNoReset;
    private readonly delegate* unmanaged[Cdecl]<nint, int> probabilityCount;
    private readonly delegate* unmanaged[Cdecl]<nint, float*> probabilities;
    private readonly delegate* unmanaged[Cdecl]<nint, void> resetState;
    private readonly delegate* unmanaged[Cdecl]<nint, void> free;

    private WhisperVadLibrary(nint[] exports)
    {
        defaultContextParams = (delegate* unmanaged[Cdecl]<VadContextParams>)exports[0];
        initFromFile = (delegate* unmanaged[Cdecl]<byte*, VadContextParams, nint>)exports[1];
        detectSpeechNoReset = (delegate* unmanaged[Cdecl]<nint, float*, int, byte>)exports[2];
        probabilityCount = (delegate* unmanaged[Cdecl]<nint, int>)exports[3];
        probabilities = (delegate* unmanaged[Cdecl]<nint, float*>)exports[4];
        resetState = (delegate* unmanaged[Cdecl]<nint, void>)exports[5];
        free = (delegate* unmanaged[Cdecl]<nint, void>)exports[6];
    }

    /// <summary>Opens the libwhisper at <paramref name="path"/> (already mapped by Whisper.net, so this only adds a reference).</summary>
    /// <exception cref="DllNotFoundException">The library cannot be opened, or lacks one of the VAD functions.</exception>
    public static WhisperVadLibrary Open(string path)
    {
        var handle = NativeLibrary.Load(path);
        var exports = new nint[Exports.Length];
        for (var i = 0; i < Exports.Length; i++)
        {
            if (!NativeLibrary.TryGetExport(handle, Exports[i], out exports[i]))
            {
                NativeLibrary.Free(handle);
                throw new DllNotFoundException($"{path} has no {Exports[i]}: it is not a whisper.cpp build with Silero VAD (1.8.5).");
            }
        }

        return new WhisperVadLibrary(exports);
    }

    public VadContextParams DefaultContextParams() => defaultContextParams();

    /// <summary>Loads a ggml Silero model; null when whisper refuses the file (its log says why).</summary>
    public SafeVadContextHandle? Load(string modelPath, VadContextParams parameters)
    {
        var path = Marshal.StringToCoTaskMemUTF8(modelPath);
        try
        {
            var context = initFromFile((byte*)path, parameters);
            if (context == 0)
            {
                return null;
            }

            // whisper leaves the model's recurrent state in whatever memory it was given: fresh memory is zero, reused
            // heap memory is not, and the first seconds were then scored from garbage. Resetting zeroes it.
            resetState(context);
            return new SafeVadContextHandle(context, this);
        }
        finally
        {
            Marshal.FreeCoTaskMem(path);
        }
    }

    /// <summary>
    /// Scores <paramref name="samples"/> (a whole number of <see cref="ChunkSamples"/> chunks) with the model's state
    /// carried on from the previous call, writing one probability per chunk into <paramref name="chunkProbabilities"/>.
    /// </summary>
    public bool DetectSpeech(SafeVadContextHandle context, ReadOnlySpan<float> samples, Span<float> chunkProbabilities)
    {
        var added = false;
        context.DangerousAddRef(ref added);
        try
        {
            var ctx = context.DangerousGetHandle();
            fixed (float* input = samples)
            {
                if (detectSpeechNoReset(ctx, input, samples.Length) == 0)
                {
                    return false;
                }
            }

            var count = probabilityCount(ctx);
            if (count != chunkProbabilities.Length)
            {
                throw new InvalidOperationException($"whisper scored {count} chunks of {samples.Length} samples; {chunkProbabilities.Length} were expected.");
            }

            new ReadOnlySpan<float>(probabilities(ctx), count).CopyTo(chunkProbabilities);
            return true;
        }
        finally
        {
            if (added)
            {
                context.DangerousRelease();
            }
        }
    }

    public void ResetState(SafeVadContextHandle context)
    {
        var added = false;
        context.DangerousAddRef(ref added);
        try
        {
            resetState(context.DangerousGetHandle());
        }
        finally
        {
            if (added)
            {
                context.DangerousRelease();
            }
        }
    }

    internal void Free(nint context) => free(context);
}
