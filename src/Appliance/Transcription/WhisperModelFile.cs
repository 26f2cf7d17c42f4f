using System.Buffers.Binary;
using System.Globalization;

namespace LiveStt.Appliance.Transcription;

/// <summary>
/// Walks a whisper.cpp ggml model file's structure (magic, hyper-parameters, mel filters, vocabulary, tensor
/// headers and sizes) before libwhisper sees it. whisper's loader trusts these numbers: an unknown weight type
/// aborts the process through a ggml assertion, and a garbage length makes it allocate without bound. A file
/// that passes here is one whose every length and type whisper can handle; whisper itself still checks names
/// and shapes, and reports those problems as a failed load.
/// </summary>
internal static class WhisperModelFile
{
    /// <summary>"ggml" as the loader reads it: the little-endian uint32 0x67676d6c.</summary>
    public const uint GgmlMagic = 0x67676d6c;

    private const int HyperParameterCount = 11;
    private const int MaxDimension = 1 << 24;
    private const int MaxTensorCount = 100_000;
    private const int MaxNameLength = 1024;
    private const int MaxTokenLength = 4096;

    /// <summary>ggml_ftype values whisper can map to a weight type (4 and 5/6 map to none and abort).</summary>
    private static readonly HashSet<int> KnownFileTypes = [0, 1, 2, 3, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24];

    /// <summary>Throws <see cref="WhisperModelLoadException"/> naming the file and the first problem found.</summary>
    /// <param name="fullPath">The model file.</param>
    /// <param name="typeSize">The storage of a ggml tensor type, or null for a type ggml does not have.</param>
    public static void Check(string fullPath, Func<int, GgmlTypeSize?> typeSize)
    {
        ArgumentNullException.ThrowIfNull(typeSize);
        if (!File.Exists(fullPath))
        {
            throw new WhisperModelLoadException($"The model file '{fullPath}' does not exist.");
        }

        try
        {
            using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
            var problem = FindProblem(stream, typeSize);
            if (problem is not null)
            {
                throw new WhisperModelLoadException($"The model file '{fullPath}' is not a usable whisper.cpp ggml model: {problem}.");
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new WhisperModelLoadException($"The model file '{fullPath}' cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>The first structural problem of the model in <paramref name="stream"/>, or null if there is none.</summary>
    internal static string? FindProblem(Stream stream, Func<int, GgmlTypeSize?> typeSize)
    {
        var reader = new Reader(stream);
        if (!reader.TryUInt32(out var magic))
        {
            return "it is too short to hold the ggml magic";
        }

        if (magic != GgmlMagic)
        {
            return Invariant($"it starts with 0x{magic:x8}, not the ggml magic 0x{GgmlMagic:x8}");
        }

        Span<int> h = stackalloc int[HyperParameterCount];
        for (var i = 0; i < HyperParameterCount; i++)
        {
            if (!reader.TryInt32(out h[i]))
            {
                return "it ends inside the hyper-parameters";
            }
        }

        var hparamsProblem = CheckHyperParameters(h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8], h[9], h[10]);
        if (hparamsProblem is not null)
        {
            return hparamsProblem;
        }

        if (!reader.TryInt32(out var filterMels) || !reader.TryInt32(out var filterFft))
        {
            return "it ends inside the mel filter header";
        }

        if (filterMels is < 1 or > 512 || filterFft is < 1 or > 4096)
        {
            return Invariant($"its mel filter bank is {filterMels} x {filterFft}, which no whisper model has");
        }

        if (!reader.Skip(4L * filterMels * filterFft))
        {
            return "it ends inside the mel filter bank";
        }

        var vocabularyProblem = CheckVocabulary(reader);
        if (vocabularyProblem is not null)
        {
            return vocabularyProblem;
        }

        return CheckTensors(reader, typeSize);
    }

    private static string? CheckHyperParameters(
        int vocabulary, int audioContext, int audioState, int audioHeads, int audioLayers,
        int textContext, int textState, int textHeads, int textLayers, int mels, int fileType)
    {
        // Generous bounds around every released whisper model (large-v3: 1280 wide, 32 layers, 20 heads, 128 mels).
        if (vocabulary is < 1 or > 1_000_000
            || audioContext is < 1 or > 16_384
            || textContext is < 1 or > 16_384
            || audioState is < 1 or > 16_384
            || textState is < 1 or > 16_384
            || audioHeads is < 1 or > 256
            || textHeads is < 1 or > 256
            || audioLayers is < 1 or > 256
            || textLayers is < 1 or > 256
            || mels is < 1 or > 512
            || audioState % audioHeads != 0
            || textState % textHeads != 0)
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"its hyper-parameters are implausible (n_vocab {vocabulary}, n_audio_ctx {audioContext}, n_audio_state {audioState}, n_audio_head {audioHeads}, n_audio_layer {audioLayers}, n_text_ctx {textContext}, n_text_state {textState}, n_text_head {textHeads}, n_text_layer {textLayers}, n_mels {mels})");
        }

        if (fileType < 0 || !KnownFileTypes.Contains(fileType % 1000))
        {
            return Invariant($"its weight type (ftype {fileType}) is not one whisper.cpp can load");
        }

        return null;
    }

    private static string? CheckVocabulary(Reader reader)
    {
        if (!reader.TryInt32(out var count))
        {
            return "it ends before the vocabulary";
        }

        if (count is < 0 or > 1_000_000)
        {
            return Invariant($"its vocabulary claims {count} tokens");
        }

        for (var i = 0; i < count; i++)
        {
            if (!reader.TryUInt32(out var length))
            {
                return Invariant($"it ends inside the vocabulary, at token {i} of {count}");
            }

            if (length > MaxTokenLength || !reader.Skip(length))
            {
                return Invariant($"vocabulary token {i} claims {length} bytes, past what the file holds");
            }
        }

        return null;
    }

    private static string? CheckTensors(Reader reader, Func<int, GgmlTypeSize?> typeSize)
    {
        Span<int> dimensions = stackalloc int[4];
        var tensors = 0;

        // whisper reads tensor headers until the file ends; a header cut short ends the list, as it does there.
        while (reader.Remaining >= 12)
        {
            if (++tensors > MaxTensorCount)
            {
                return Invariant($"it has more than {MaxTensorCount} tensors");
            }

            reader.TryInt32(out var dimensionCount);
            reader.TryInt32(out var nameLength);
            reader.TryInt32(out var type);
            if (dimensionCount is < 1 or > 4)
            {
                return Invariant($"tensor {tensors} has {dimensionCount} dimensions (whisper reads at most 4)");
            }

            if (nameLength is < 1 or > MaxNameLength)
            {
                return Invariant($"tensor {tensors} has a {nameLength}-byte name");
            }

            if (typeSize(type) is not { BlockSize: > 0, TypeSize: > 0 } storage)
            {
                return Invariant($"tensor {tensors} has ggml type {type}, which ggml does not know");
            }

            long elements = 1;
            for (var d = 0; d < dimensionCount; d++)
            {
                if (!reader.TryInt32(out dimensions[d]))
                {
                    return Invariant($"it ends inside the header of tensor {tensors}");
                }

                if (dimensions[d] is < 1 or > MaxDimension)
                {
                    return Invariant($"tensor {tensors} has a dimension of {dimensions[d]}");
                }

                elements *= dimensions[d];
                if (elements > 1L << 40)
                {
                    return Invariant($"tensor {tensors} claims more than 2^40 elements");
                }
            }

            if (dimensions[0] % storage.BlockSize != 0)
            {
                return Invariant($"tensor {tensors}'s rows ({dimensions[0]}) are not whole blocks of its type ({storage.BlockSize})");
            }

            if (!reader.Skip(nameLength))
            {
                return Invariant($"it ends inside the name of tensor {tensors}");
            }

            var bytes = elements / storage.BlockSize * storage.TypeSize;
            if (!reader.Skip(bytes))
            {
                return Invariant($"tensor {tensors} needs {bytes} bytes of data but the file ends {reader.Remaining} bytes later (truncated?)");
            }
        }

        return tensors == 0 ? "it has no tensors" : null;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads little-endian integers and skips data without reading it.</summary>
    private sealed class Reader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[4];

        public long Remaining => stream.Length - stream.Position;

        public bool TryInt32(out int value)
        {
            var ok = TryUInt32(out var raw);
            value = unchecked((int)raw);
            return ok;
        }

        public bool TryUInt32(out uint value)
        {
            value = 0;
            if (stream.ReadAtLeast(_buffer, 4, throwOnEndOfStream: false) < 4)
            {
                return false;
            }

            value = BinaryPrimitives.ReadUInt32LittleEndian(_buffer);
            return true;
        }

        public bool Skip(long count)
        {
            if (count < 0 || count > Remaining)
            {
                return false;
            }

            stream.Seek(count, SeekOrigin.Current);
            return true;
        }
    }
}
