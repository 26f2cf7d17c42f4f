using System.Buffers.Binary;
using System.Globalization;

namespace LiveStt.Appliance.Transcription;

/// <summary>
/// Walks a whisper.cpp ggml model file's structure (magic, hyper-parameters, mel filters, vocabulary, tensor
/// headers and sizes) before libwhisper sees it. whisper's loader trusts these numbers: an unknown weight type
/// aborts the process through a ggml assertion, a garbage length makes it allocate without bound, f32
/// convolution kernels trip an assertion in the CPU backend of the whisper.cpp build Whisper.net ships, and a
/// vocabulary without the token " " ends the first decode in an uncaught C++ exception. A file that passes here
/// is one whose every length and type whisper can handle; whisper itself still checks names and shapes, and
/// reports those problems as a failed load.
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

    /// <summary>
    /// ggml_ftype values of the weight types whisper.cpp models are published and quantised in (f32, f16, the legacy
    /// quants, the k-quants); 4 to 6 map to no type and abort the loader.
    /// </summary>
    private static readonly HashSet<int> KnownFileTypes = [0, 1, 2, 3, 7, 8, 9, 10, 11, 12, 13, 14];

    /// <summary>The encoder's convolution kernels, which must not be f32 (see the class summary).</summary>
    private static readonly HashSet<string> ConvolutionKernels = ["encoder.conv1.weight", "encoder.conv2.weight"];

    /// <summary>Checks the file and returns its hyper-parameters; throws <see cref="WhisperModelLoadException"/> naming the file and the first problem found.</summary>
    /// <param name="fullPath">The model file.</param>
    public static WhisperModelHeader Check(string fullPath)
    {
        if (!File.Exists(fullPath))
        {
            throw new WhisperModelLoadException($"The model file '{fullPath}' does not exist.");
        }

        try
        {
            using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
            var problem = FindProblem(stream, out var header);
            if (problem is not null)
            {
                throw new WhisperModelLoadException($"The model file '{fullPath}' is not a usable whisper.cpp ggml model: {problem}.");
            }

            return header;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new WhisperModelLoadException($"The model file '{fullPath}' cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>The first structural problem of the model in <paramref name="stream"/>, or null if there is none.</summary>
    internal static string? FindProblem(Stream stream, out WhisperModelHeader header)
    {
        header = default;
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

        header = new WhisperModelHeader(VocabularySize: h[0], AudioState: h[2], AudioLayers: h[4], TextLayers: h[8], FileType: h[10] % 1000);

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

        return CheckTensors(reader);
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

        var hasSpace = false;
        for (var i = 0; i < count; i++)
        {
            if (!reader.TryUInt32(out var length))
            {
                return Invariant($"it ends inside the vocabulary, at token {i} of {count}");
            }

            if (length == 1 && reader.TryByte(out var single))
            {
                hasSpace |= single == (byte)' ';
            }
            else if (length > MaxTokenLength || !reader.Skip(length))
            {
                return Invariant($"vocabulary token {i} claims {length} bytes, past what the file holds");
            }
        }

        return hasSpace ? null : "its vocabulary has no \" \" token, which whisper looks up on every decode";
    }

    private static string? CheckTensors(Reader reader)
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

            if (GgmlTypeSize.Of(type) is not { } storage)
            {
                return Invariant($"tensor {tensors} has ggml type {type}, which whisper models do not use");
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

            if (!reader.TryAscii(nameLength, out var name))
            {
                return Invariant($"it ends inside the name of tensor {tensors}");
            }

            if (type == GgmlTypeSize.F32 && ConvolutionKernels.Contains(name))
            {
                return $"its convolution kernel {name} is stored as f32, which the whisper.cpp CPU backend Whisper.net ships aborts on; use an f16 or quantised model";
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

        public bool TryByte(out byte value)
        {
            var read = stream.ReadByte();
            value = (byte)Math.Max(read, 0);
            return read >= 0;
        }

        public bool TryAscii(int length, out string text)
        {
            text = "";
            if (length > Remaining)
            {
                return false;
            }

            var bytes = new byte[length];
            stream.ReadExactly(bytes);
            text = System.Text.Encoding.ASCII.GetString(bytes);
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
