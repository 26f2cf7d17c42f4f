using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace LiveStt.ModelGenerator;

/// <summary>
/// Writes whisper.cpp ggml model files with random weights. The files load and run through the real
/// libwhisper (real load and inference cost), but the text they produce is meaningless.
/// </summary>
public static class RandomWhisperModel
{
    /// <summary>Suffix of the marker file written next to every generated model, read by the appliance to flag it as a demo.</summary>
    public const string DemoMarkerSuffix = ".demo";

    /// <summary>The one line written into the demo marker.</summary>
    public const string DemoMarkerText = "demo model: not a speech model (random weights written by LiveStt.ModelGenerator)";

    private const uint GgmlFileMagic = 0x67676d6c;
    private const int ChunkElements = 1 << 16;

    /// <summary>
    /// Writes a model to <paramref name="path"/> (atomically: a temporary file renamed into place) and its
    /// demo marker to <c>path + ".demo"</c>. The same seed and shape always give the same bytes.
    /// </summary>
    /// <param name="path">Where the model goes.</param>
    /// <param name="shape">Its dimensions.</param>
    /// <param name="seed">Seeds the random weights.</param>
    /// <param name="tokenText">
    /// When given, every text token (all but the single space, which whisper.cpp looks up) decodes to this text, so
    /// the model only ever writes it, repeated: a stand-in for whisper hallucinating one line over and over. The
    /// weights are the same as without it.
    /// </param>
    /// <returns>The written model file.</returns>
    public static FileInfo Write(string path, WhisperModelShape shape, int seed = 1, string? tokenText = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(shape);
        if (tokenText is not null && string.IsNullOrWhiteSpace(tokenText))
        {
            throw new ArgumentException("The token text must hold more than white space: whisper.cpp needs the single space to stay its own token.", nameof(tokenText));
        }

        var problems = shape.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException("The model shape is not usable: " + string.Join(" ", problems), nameof(shape));
        }

        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("ggml model files are little-endian; this writer runs on little-endian machines only.");
        }

        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(directory);

        // The marker goes first: a model file must never exist without it, or a crash between the two
        // writes would leave random weights that look like a real model.
        File.WriteAllText(fullPath + DemoMarkerSuffix, DemoMarkerText + "\n");

        var temporaryPath = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 20))
            {
                WriteModel(file, shape, new Random(seed), tokenText);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporaryPath, fullPath, overwrite: true);
        }
        catch
        {
            File.Delete(temporaryPath);
            throw;
        }

        return new FileInfo(fullPath);
    }

    /// <summary>The exact size in bytes that <see cref="Write"/> produces for <paramref name="shape"/> and <paramref name="tokenText"/>.</summary>
    public static long ExpectedSize(WhisperModelShape shape, string? tokenText = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long size = 4 + (11 * 4) + 8 + (4L * shape.MelBands * MelFilterBank.FftBins) + 4;
        size += WordLikeVocabulary.Build(shape.TextTokenCount, tokenText).Sum(token => 4L + token.Length);
        foreach (var tensor in WhisperTensorLayout.For(shape))
        {
            size += 12 + (4L * tensor.Dimensions.Length) + Encoding.ASCII.GetByteCount(tensor.Name);
            size += tensor.ElementCount * ElementSize(shape, tensor);
        }

        return size;
    }

    private static void WriteModel(Stream stream, WhisperModelShape shape, Random random, string? tokenText)
    {
        using var writer = new BinaryWriter(stream, Encoding.ASCII, leaveOpen: true);

        writer.Write(GgmlFileMagic);
        writer.Write(shape.VocabularySize);
        writer.Write(shape.AudioContext);
        writer.Write(shape.Width);
        writer.Write(shape.Heads);
        writer.Write(shape.AudioLayers);
        writer.Write(shape.TextContext);
        writer.Write(shape.Width);
        writer.Write(shape.Heads);
        writer.Write(shape.TextLayers);
        writer.Write(shape.MelBands);
        writer.Write((int)shape.WeightType);

        writer.Write(shape.MelBands);
        writer.Write(MelFilterBank.FftBins);
        writer.Write(MemoryMarshal.AsBytes(MelFilterBank.Build(shape.MelBands).AsSpan()));

        var tokens = WordLikeVocabulary.Build(shape.TextTokenCount, tokenText);
        writer.Write(tokens.Length);
        foreach (var token in tokens)
        {
            writer.Write((uint)token.Length);
            writer.Write(token);
        }

        foreach (var tensor in WhisperTensorLayout.For(shape))
        {
            var stored = tensor.UsesWeightType ? shape.WeightType : ModelWeightType.F32;
            var name = Encoding.ASCII.GetBytes(tensor.Name);
            writer.Write(tensor.Dimensions.Length);
            writer.Write(name.Length);
            writer.Write((int)stored);
            foreach (var dimension in tensor.Dimensions)
            {
                writer.Write(dimension);
            }

            writer.Write(name);
            writer.Flush();
            WriteValues(stream, tensor, stored, shape.TextTokenCount, random);
        }

        writer.Flush();
    }

    private static void WriteValues(Stream stream, TensorSpec tensor, ModelWeightType stored, int textTokenCount, Random random)
    {
        var values = new float[ChunkElements];
        var halves = stored == ModelWeightType.F16 ? new byte[ChunkElements * 2] : null;
        var rowLength = tensor.Dimensions[0];
        for (long start = 0; start < tensor.ElementCount; start += ChunkElements)
        {
            var count = (int)Math.Min(ChunkElements, tensor.ElementCount - start);
            var chunk = values.AsSpan(0, count);
            Fill(chunk, start, rowLength, tensor, textTokenCount, random);

            if (halves is null)
            {
                stream.Write(MemoryMarshal.AsBytes(chunk));
            }
            else
            {
                for (var i = 0; i < count; i++)
                {
                    BinaryPrimitives.WriteHalfLittleEndian(halves.AsSpan(i * 2), (Half)chunk[i]);
                }

                stream.Write(halves, 0, count * 2);
            }
        }
    }

    private static void Fill(Span<float> chunk, long start, int rowLength, TensorSpec tensor, int textTokenCount, Random random)
    {
        switch (tensor.Fill)
        {
            case TensorFill.Zeros:
                chunk.Clear();
                break;
            case TensorFill.Ones:
                chunk.Fill(1f);
                break;
            case TensorFill.FanInScaled:
                FillUniform(chunk, 1.0 / Math.Sqrt(tensor.FanIn), random);
                break;
            case TensorFill.Embedding:
                FillUniform(chunk, 0.02, random);
                break;
            case TensorFill.Sinusoid:
                FillSinusoid(chunk, start, rowLength);
                break;
            case TensorFill.TokenEmbedding:
                var embeddingSpread = OutputSteering.LogitSpread / Math.Sqrt(rowLength);
                FillUniform(chunk, embeddingSpread, random);
                SetSteeringChannel(chunk, start, rowLength, token => (float)(OutputSteering.Preference(token, textTokenCount) * embeddingSpread));
                break;
            case TensorFill.FinalNormGain:
                chunk.Fill(1f);
                SetSteeringChannel(chunk, start, rowLength, _ => 0f);
                break;
            case TensorFill.FinalNormShift:
                chunk.Clear();
                SetSteeringChannel(chunk, start, rowLength, _ => (float)(OutputSteering.Offset * Math.Sqrt(rowLength) / OutputSteering.LogitSpread));
                break;
            default:
                throw new InvalidOperationException($"Unknown fill {tensor.Fill} for {tensor.Name}.");
        }
    }

    private static void SetSteeringChannel(Span<float> chunk, long start, int rowLength, Func<long, float> valueForRow)
    {
        for (var i = 0; i < chunk.Length; i++)
        {
            var index = start + i;
            if (index % rowLength == OutputSteering.Channel)
            {
                chunk[i] = valueForRow(index / rowLength);
            }
        }
    }

    // Uniform on [-a, a] has standard deviation a / sqrt(3); scale a so the spread matches a normal init.
    private static void FillUniform(Span<float> chunk, double standardDeviation, Random random)
    {
        var halfWidth = (float)(standardDeviation * Math.Sqrt(3));
        for (var i = 0; i < chunk.Length; i++)
        {
            chunk[i] = ((random.NextSingle() * 2f) - 1f) * halfWidth;
        }
    }

    // Row = position, column = channel: sines over the first half of the channels, cosines over the second,
    // at wavelengths spaced geometrically up to 10000.
    private static void FillSinusoid(Span<float> chunk, long start, int channels)
    {
        var half = channels / 2;
        var logIncrement = Math.Log(10000) / Math.Max(1, half - 1);
        for (var i = 0; i < chunk.Length; i++)
        {
            var index = start + i;
            var position = index / channels;
            var channel = (int)(index % channels);
            var frequency = Math.Exp(-logIncrement * (channel % Math.Max(1, half)));
            var angle = position * frequency;
            chunk[i] = (float)(channel < half ? Math.Sin(angle) : Math.Cos(angle));
        }
    }

    private static int ElementSize(WhisperModelShape shape, TensorSpec tensor) =>
        tensor.UsesWeightType && shape.WeightType == ModelWeightType.F16 ? 2 : 4;
}
