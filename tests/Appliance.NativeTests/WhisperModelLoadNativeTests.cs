using LiveStt.Appliance.Transcription;

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
        var error = Should.Throw<InvalidOperationException>(() => Whisper.Runtime(new WhisperOptions { Language = "klingon" }).Load(models.Micro));

        error.Message.ShouldContain("klingon");
    }
}
