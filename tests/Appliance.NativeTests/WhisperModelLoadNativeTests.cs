using LiveStt.Appliance.Transcription;
using LiveStt.ModelGenerator;

namespace LiveStt.Appliance.NativeTests;

/// <summary>Bad model files end in a clear exception, never a crash of the process.</summary>
public sealed class WhisperModelLoadNativeTests(GeneratedModels models)
{
    [Fact]
    public void A_missing_model_path_is_named_in_the_error()
    {
        var path = Path.Combine(models.Directory, "no-such-model.bin");

        var error = Should.Throw<WhisperModelLoadException>(() => Whisper.Runtime().Load(path));

        error.Message.ShouldContain(path);
    }

    [Fact]
    public void A_file_with_the_ggml_magic_but_garbage_after_it_is_refused_without_crashing()
    {
        var path = Path.Combine(models.Directory, "garbage.bin");
        var bytes = new byte[64 * 1024];
        new Random(7).NextBytes(bytes);
        bytes[0] = 0x6c;
        bytes[1] = 0x6d;
        bytes[2] = 0x67;
        bytes[3] = 0x67;
        File.WriteAllBytes(path, bytes);

        var error = Should.Throw<WhisperModelLoadException>(() => Whisper.Runtime().Load(path));

        TestContext.Current.SendDiagnosticMessage(error.Message);
        error.Message.ShouldContain(path);
    }

    [Fact]
    public void A_weight_type_that_would_abort_whisper_is_refused_without_crashing()
    {
        // ftype 4 (Q4_1 with some F16) has no single weight type; whisper's loader asserts on it and aborts.
        var path = Path.Combine(models.Directory, "bad-ftype.bin");
        var bytes = File.ReadAllBytes(models.Micro);
        BitConverter.TryWriteBytes(bytes.AsSpan(4 + (10 * 4)), 4).ShouldBeTrue();
        File.WriteAllBytes(path, bytes);

        var error = Should.Throw<WhisperModelLoadException>(() => Whisper.Runtime().Load(path));

        error.Message.ShouldContain("ftype 4");
    }

    [Fact]
    public void An_f32_model_whose_convolution_would_abort_the_runtime_is_refused_without_crashing()
    {
        var path = models.Write("ggml-micro-f32.bin", WhisperModelShape.Micro with { WeightType = ModelWeightType.F32 });

        var error = Should.Throw<WhisperModelLoadException>(() => Whisper.Runtime().Load(path));

        error.Message.ShouldContain("encoder.conv1.weight is stored as f32");
    }

    [Fact]
    public void A_vocabulary_without_the_space_token_is_refused_without_crashing()
    {
        var path = Path.Combine(models.Directory, "no-space.bin");
        var bytes = File.ReadAllBytes(models.Micro);
        var space = SpaceTokenOffset(bytes);
        bytes[space].ShouldBe((byte)' ');
        bytes[space] = (byte)'x';
        File.WriteAllBytes(path, bytes);

        var error = Should.Throw<WhisperModelLoadException>(() => Whisper.Runtime().Load(path));

        error.Message.ShouldContain("no \" \" token");
    }

    [Fact]
    public void A_model_whispers_own_loader_refuses_is_a_clear_error_with_whispers_reason()
    {
        // Structurally sound, but a tensor whisper does not know: only whisper's loader can tell.
        var path = Path.Combine(models.Directory, "unknown-tensor.bin");
        var bytes = File.ReadAllBytes(models.Micro);
        var name = System.Text.Encoding.ASCII.GetBytes("encoder.ln_post.weight");
        var at = bytes.AsSpan().IndexOf(name);
        at.ShouldBeGreaterThan(0);
        System.Text.Encoding.ASCII.GetBytes("encoder.ln_XXXX.weight").CopyTo(bytes, at);
        File.WriteAllBytes(path, bytes);

        var error = Should.Throw<WhisperModelLoadException>(() => Whisper.Runtime().Load(path));

        TestContext.Current.SendDiagnosticMessage(error.Message);
        error.Message.ShouldStartWith($"whisper could not load the model '{path}': ");
        error.Message.ShouldContain("encoder.ln_XXXX.weight");
    }

    [Fact]
    public void A_truncated_model_is_refused_without_crashing()
    {
        var path = Path.Combine(models.Directory, "truncated.bin");
        var whole = File.ReadAllBytes(models.Micro);
        File.WriteAllBytes(path, whole.AsSpan(0, whole.Length / 2).ToArray());

        var error = Should.Throw<WhisperModelLoadException>(() => Whisper.Runtime().Load(path));

        TestContext.Current.SendDiagnosticMessage(error.Message);
        error.Message.ShouldContain(path);
    }

    [Fact]
    public void A_language_whisper_does_not_know_is_refused_at_load()
    {
        var error = Should.Throw<InvalidOperationException>(() => Whisper.Runtime(Whisper.Options(o => o.Language = "klingon")).Load(models.Micro));

        error.Message.ShouldContain("klingon");
    }

    /// <summary>Where the text of token 220 (" ") lies: after the magic, 11 hyper-parameters, the mel filters and the token count.</summary>
    private static int SpaceTokenOffset(byte[] model)
    {
        var mels = BitConverter.ToInt32(model, 48);
        var fft = BitConverter.ToInt32(model, 52);
        var offset = 56 + (4 * mels * fft) + 4;
        for (var token = 0; token < 220; token++)
        {
            offset += 4 + BitConverter.ToInt32(model, offset);
        }

        return offset + 4;
    }
}
