using System.Text;
using LiveStt.Appliance.Transcription;

namespace LiveStt.Appliance.Tests.Transcription;

/// <summary>The structural check that keeps files whisper's loader would abort or over-allocate on away from it.</summary>
public sealed class WhisperModelFileTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("livestt-modelfile-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void A_well_formed_model_passes()
    {
        Problem(new ModelBuilder().Build()).ShouldBeNull();
    }

    [Fact]
    public void A_file_of_another_kind_is_named_by_its_first_bytes()
    {
        Problem(Encoding.ASCII.GetBytes("<html>not found</html>")).ShouldBe("it starts with 0x6d74683c, not the ggml magic 0x67676d6c");
    }

    [Fact]
    public void A_file_shorter_than_the_magic_is_refused()
    {
        Problem([0x6c, 0x6d]).ShouldBe("it is too short to hold the ggml magic");
    }

    [Fact]
    public void A_file_cut_inside_the_hyper_parameters_is_refused()
    {
        Problem(new ModelBuilder().Build().AsSpan(0, 20).ToArray()).ShouldBe("it ends inside the hyper-parameters");
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(99)]
    [InlineData(-1)]
    public void A_weight_type_whisper_cannot_map_is_refused(int fileType)
    {
        Problem(new ModelBuilder { FileType = fileType }.Build()).ShouldNotBeNull().ShouldContain($"ftype {fileType}");
    }

    [Fact]
    public void A_quantisation_version_prefix_on_the_weight_type_is_accepted()
    {
        Problem(new ModelBuilder { FileType = 2008 }.Build()).ShouldBeNull();
    }

    [Fact]
    public void Heads_that_do_not_divide_the_width_are_implausible()
    {
        Problem(new ModelBuilder { Heads = 3 }.Build()).ShouldNotBeNull().ShouldStartWith("its hyper-parameters are implausible");
    }

    [Fact]
    public void A_vocabulary_token_longer_than_the_file_is_refused()
    {
        Problem(new ModelBuilder { TokenLengthOverride = 0x7fff_0000 }.Build()).ShouldNotBeNull().ShouldContain("vocabulary token 0 claims");
    }

    [Fact]
    public void A_tensor_of_an_unknown_type_is_refused()
    {
        Problem(new ModelBuilder { TensorType = 99 }.Build()).ShouldBe("tensor 1 has ggml type 99, which whisper models do not use");
    }

    [Fact]
    public void A_tensor_with_more_than_four_dimensions_is_refused()
    {
        Problem(new ModelBuilder { TensorDimensions = [8, 1, 1, 1, 1] }.Build()).ShouldBe("tensor 1 has 5 dimensions (whisper reads at most 4)");
    }

    [Fact]
    public void A_truncated_model_is_refused()
    {
        var whole = new ModelBuilder().Build();

        Problem(whole.AsSpan(0, whole.Length - 10).ToArray()).ShouldNotBeNull().ShouldStartWith("tensor 2 needs 16 bytes of data");
    }

    [Fact]
    public void A_model_without_tensors_is_refused()
    {
        Problem(new ModelBuilder { TensorCount = 0 }.Build()).ShouldBe("it has no tensors");
    }

    [Fact]
    public void Quantised_tensors_are_sized_as_ggml_blocks()
    {
        // Q8_0: 32 elements in 34 bytes; a row of 64 is two blocks.
        Problem(new ModelBuilder { TensorType = 8, TensorDimensions = [64, 2], TensorBytes = 4 * 34 }.Build()).ShouldBeNull();
        Problem(new ModelBuilder { TensorType = 8, TensorDimensions = [48, 2] }.Build()).ShouldBe("tensor 1's rows (48) are not whole blocks of its type (32)");
    }

    [Fact]
    public void F32_convolution_kernels_are_refused_because_the_runtime_aborts_on_them()
    {
        Problem(new ModelBuilder { ConvolutionType = 0 }.Build()).ShouldBe(
            "its convolution kernel encoder.conv1.weight is stored as f32, which the whisper.cpp CPU backend Whisper.net ships aborts on; use an f16 or quantised model");
    }

    [Fact]
    public void A_vocabulary_without_the_space_token_is_refused()
    {
        Problem(new ModelBuilder { Tokens = ["a", "b", "c"] }.Build()).ShouldBe("its vocabulary has no \" \" token, which whisper looks up on every decode");
    }

    [Fact]
    public void Check_returns_the_hyper_parameters()
    {
        var path = Path.Combine(_directory.FullName, "model.bin");
        File.WriteAllBytes(path, new ModelBuilder { FileType = 1 }.Build());

        var header = WhisperModelFile.Check(path);

        header.ShouldBe(new WhisperModelHeader(VocabularySize: 3, AudioState: 8, AudioLayers: 1, TextLayers: 1, FileType: 1));
        header.IsMultilingual.ShouldBeFalse();
        header.EndOfTextToken.ShouldBe(50256);
        (header with { VocabularySize = 51865 }).EndOfTextToken.ShouldBe(50257);
    }

    [Fact]
    public void Check_names_the_file_and_the_problem()
    {
        var path = Path.Combine(_directory.FullName, "model.bin");
        File.WriteAllBytes(path, new ModelBuilder { TensorType = 99 }.Build());

        var error = Should.Throw<WhisperModelLoadException>(() => WhisperModelFile.Check(path));

        error.Message.ShouldBe($"The model file '{path}' is not a usable whisper.cpp ggml model: tensor 1 has ggml type 99, which whisper models do not use.");
    }

    [Fact]
    public void Check_reports_a_missing_file()
    {
        var path = Path.Combine(_directory.FullName, "missing.bin");

        Should.Throw<WhisperModelLoadException>(() => WhisperModelFile.Check(path)).Message.ShouldContain("does not exist");
    }

    private static string? Problem(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return WhisperModelFile.FindProblem(stream, out _);
    }

    /// <summary>A tiny model in whisper.cpp's ggml layout: 8 wide, 4 mel bands, 3 tokens, an F32 and an F16 tensor.</summary>
    private sealed class ModelBuilder
    {
        public int FileType { get; init; }

        public int Heads { get; init; } = 2;

        public uint? TokenLengthOverride { get; init; }

        public int TensorType { get; init; }

        public int[] TensorDimensions { get; init; } = [8, 4];

        public int TensorCount { get; init; } = 2;

        /// <summary>Bytes of data written for the first tensor; by default 4 per element.</summary>
        public int? TensorBytes { get; init; }

        public int ConvolutionType { get; init; } = 1;

        public string[] Tokens { get; init; } = ["a", "b", " "];

        public byte[] Build()
        {
            using var stream = new MemoryStream();
            using var writer = new BinaryWriter(stream);
            writer.Write(0x67676d6c);
            foreach (var value in new[] { 3, 8, 8, Heads, 1, 8, 8, Heads, 1, 4, FileType })
            {
                writer.Write(value);
            }

            writer.Write(4);
            writer.Write(3);
            for (var i = 0; i < 12; i++)
            {
                writer.Write(0.25f);
            }

            var tokens = Tokens;
            writer.Write(tokens.Length);
            for (var i = 0; i < tokens.Length; i++)
            {
                writer.Write(i == 0 && TokenLengthOverride is { } length ? length : (uint)tokens[i].Length);
                writer.Write(Encoding.ASCII.GetBytes(tokens[i]));
            }

            if (TensorCount >= 1)
            {
                WriteTensor(writer, "encoder.positional_embedding", TensorType, TensorDimensions, TensorBytes ?? (4 * TensorDimensions.Aggregate(1, (a, b) => a * b)));
            }

            if (TensorCount >= 2)
            {
                WriteTensor(writer, "encoder.conv1.weight", ConvolutionType, [8], ConvolutionType == 0 ? 32 : 16);
            }

            writer.Flush();
            return stream.ToArray();
        }

        private static void WriteTensor(BinaryWriter writer, string name, int type, int[] dimensions, int dataBytes)
        {
            writer.Write(dimensions.Length);
            writer.Write(name.Length);
            writer.Write(type);
            foreach (var dimension in dimensions)
            {
                writer.Write(dimension);
            }

            writer.Write(Encoding.ASCII.GetBytes(name));
            writer.Write(new byte[dataBytes]);
        }
    }
}
