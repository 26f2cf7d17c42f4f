using LiveStt.ModelGenerator;

namespace LiveStt.Appliance.Tests.ModelGenerator;

public sealed class RandomWhisperModelTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("livestt-generator-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_micro_model_has_whisper_cpp_s_layout()
    {
        var file = RandomWhisperModel.Write(Path.Combine(_directory, "micro.bin"), WhisperModelShape.Micro);
        var model = GgmlModelFile.Read(file.FullName);

        // n_vocab, n_audio_ctx, n_audio_state, n_audio_head, n_audio_layer, n_text_ctx, n_text_state, n_text_head, n_text_layer, n_mels, ftype
        model.HyperParameters.ShouldBe([51864, 1500, 64, 1, 1, 448, 64, 1, 1, 80, 1]);
        model.MelBands.ShouldBe(80);
        model.FftBins.ShouldBe(201);
        model.MelFilters.ShouldAllBe(weight => float.IsFinite(weight) && weight >= 0);
        model.MelFilters.ShouldContain(weight => weight > 0);

        // whisper.cpp adds the special tokens itself from n_vocab; the file holds the text tokens.
        model.Tokens.Length.ShouldBe(50256);
        model.Tokens[220].ShouldBe(" ");
        model.Tokens.Count(token => token == " ").ShouldBe(1);
        model.Tokens.ShouldAllBe(token => token.Length > 0 && token.All(c => c >= ' ' && c <= '~'));

        // whisper.cpp refuses a file that does not hold every tensor it creates: 7 + 15 per encoder layer, 4 + 24 per decoder layer.
        model.Tensors.Count.ShouldBe(7 + 15 + 4 + 24);
        model.Tensors.Select(t => t.Name).ShouldBeUnique();
        Tensor(model, "encoder.conv1.weight").Dimensions.ShouldBe([3, 80, 64]);
        Tensor(model, "encoder.conv1.bias").Dimensions.ShouldBe([1, 64]);
        Tensor(model, "encoder.positional_embedding").Dimensions.ShouldBe([64, 1500]);
        Tensor(model, "decoder.token_embedding.weight").Dimensions.ShouldBe([64, 51864]);
        Tensor(model, "decoder.blocks.0.cross_attn.key.weight").Dimensions.ShouldBe([64, 64]);
        Tensor(model, "encoder.blocks.0.mlp.0.weight").Dimensions.ShouldBe([64, 256]);
        model.Tensors.ShouldNotContain(t => t.Name.EndsWith("key.bias", StringComparison.Ordinal));

        file.Length.ShouldBe(RandomWhisperModel.ExpectedSize(WhisperModelShape.Micro));
    }

    [Fact]
    public void Weights_are_small_and_finite_norm_gains_are_one_and_biases_zero()
    {
        var model = GgmlModelFile.Read(RandomWhisperModel.Write(Path.Combine(_directory, "micro.bin"), WhisperModelShape.Micro).FullName);

        var query = Tensor(model, "encoder.blocks.0.attn.query.weight").AsFloats();
        query.ShouldAllBe(w => float.IsFinite(w) && Math.Abs(w) < 0.25f);
        StandardDeviation(query).ShouldBe(1 / Math.Sqrt(64), tolerance: 0.01);
        Tensor(model, "encoder.blocks.0.attn_ln.weight").AsFloats().ShouldAllBe(w => w == 1f);
        Tensor(model, "decoder.blocks.0.mlp.2.bias").AsFloats().ShouldAllBe(w => w == 0f);
    }

    [Fact]
    public void The_same_seed_gives_the_same_bytes_and_another_seed_does_not()
    {
        var first = RandomWhisperModel.Write(Path.Combine(_directory, "a.bin"), WhisperModelShape.Micro, seed: 3);
        var again = RandomWhisperModel.Write(Path.Combine(_directory, "b.bin"), WhisperModelShape.Micro, seed: 3);
        var other = RandomWhisperModel.Write(Path.Combine(_directory, "c.bin"), WhisperModelShape.Micro, seed: 4);

        File.ReadAllBytes(again.FullName).ShouldBe(File.ReadAllBytes(first.FullName));
        File.ReadAllBytes(other.FullName).SequenceEqual(File.ReadAllBytes(first.FullName)).ShouldBeFalse();
    }

    [Fact]
    public void A_model_is_written_with_its_demo_marker_and_leaves_no_temporary_file()
    {
        var path = Path.Combine(_directory, "nested", "model.bin");

        RandomWhisperModel.Write(path, WhisperModelShape.Micro);

        File.ReadAllText(path + RandomWhisperModel.DemoMarkerSuffix).ShouldContain("demo model: not a speech model");
        Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName).Order().ShouldBe(["model.bin", "model.bin.demo"]);
    }

    [Fact]
    public void Large_matrices_are_f16_by_default_and_biases_stay_f32()
    {
        var file = RandomWhisperModel.Write(Path.Combine(_directory, "f16.bin"), WhisperModelShape.Micro);
        var model = GgmlModelFile.Read(file.FullName);

        WhisperModelShape.Micro.WeightType.ShouldBe(ModelWeightType.F16);
        model.HyperParameters[10].ShouldBe(1);
        Tensor(model, "decoder.token_embedding.weight").Type.ShouldBe(1);
        Tensor(model, "encoder.conv2.weight").Type.ShouldBe(1);
        Tensor(model, "encoder.conv2.bias").Type.ShouldBe(0);
        Tensor(model, "decoder.positional_embedding").Type.ShouldBe(0);
    }

    [Fact]
    public void F32_weights_double_the_large_matrices()
    {
        var f32 = WhisperModelShape.Micro with { WeightType = ModelWeightType.F32 };
        var file = RandomWhisperModel.Write(Path.Combine(_directory, "f32.bin"), f32);
        var model = GgmlModelFile.Read(file.FullName);

        model.HyperParameters[10].ShouldBe(0);
        Tensor(model, "encoder.conv2.weight").Type.ShouldBe(0);
        file.Length.ShouldBe(RandomWhisperModel.ExpectedSize(f32));
        file.Length.ShouldBeGreaterThan(RandomWhisperModel.ExpectedSize(WhisperModelShape.Micro) * 3 / 2);
    }

    [Fact]
    public void An_unusable_shape_is_refused_with_every_reason()
    {
        var shape = WhisperModelShape.Tiny with { Heads = 5, VocabularySize = 1000 };

        var error = Should.Throw<ArgumentException>(() => RandomWhisperModel.Write(Path.Combine(_directory, "bad.bin"), shape));

        error.Message.ShouldContain("Heads (5) must divide Width (384)");
        error.Message.ShouldContain("VocabularySize must be 51864 (the English layout) or 51865 (multilingual); got 1000.");
        Directory.GetFiles(_directory).ShouldBeEmpty();
    }

    [Fact]
    public void The_tiny_preset_has_tiny_en_s_dimensions()
    {
        WhisperModelShape.Tiny.ShouldBe(new WhisperModelShape(Width: 384, Heads: 6, AudioLayers: 4, TextLayers: 4, VocabularySize: 51864, AudioContext: 1500, TextContext: 448, MelBands: 80));
        RandomWhisperModel.ExpectedSize(WhisperModelShape.Tiny with { WeightType = ModelWeightType.F32 }).ShouldBe(151_591_076);
    }

    private static GgmlTensor Tensor(GgmlModelFile model, string name) => model.Tensors.Single(t => t.Name == name);

    private static double StandardDeviation(float[] values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
    }
}
