using LiveStt.Appliance.Transcription;

namespace LiveStt.Appliance.Tests.Transcription;

public sealed class WhisperOptionsValidatorTests
{
    private readonly WhisperOptionsValidator _validator = new();

    [Fact]
    public void The_defaults_are_valid_and_follow_whisper()
    {
        var options = new WhisperOptions();

        _validator.Validate(null, options).Succeeded.ShouldBeTrue();
        options.Language.ShouldBe("en");
        options.Translate.ShouldBeFalse();
        options.Threads.ShouldBe(Math.Min(4, Environment.ProcessorCount));
        options.SingleSegment.ShouldBeFalse();
        options.TokenTimestamps.ShouldBeTrue();
        options.Temperature.ShouldBe(0f);
        options.TemperatureIncrement.ShouldBe(0.2f);
        options.EntropyThreshold.ShouldBe(2.4f);
        options.LogProbThreshold.ShouldBe(-1f);
        options.NoSpeechThreshold.ShouldBe(0.6f);
        options.UseGpu.ShouldBeTrue();
        options.RuntimeLibraryOrder.ShouldBeEmpty();
        options.LibraryPath.ShouldBeNull();
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("de")]
    [InlineData("haw")]
    public void Language_codes_and_auto_are_accepted(string language)
    {
        _validator.Validate(null, new WhisperOptions { Language = language }).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void Every_problem_is_listed_at_once()
    {
        var options = new WhisperOptions
        {
            Language = "en-GB;rm",
            Threads = 0,
            Temperature = -0.1f,
            TemperatureIncrement = 1.5f,
            EntropyThreshold = 0,
            LogProbThreshold = 0.5f,
            NoSpeechThreshold = float.NaN,
            BestOf = 0,
            GpuDevice = -1,
            LibraryPath = "relative/whisper",
        };
        options.RuntimeLibraryOrder.Add("Cuda");
        options.RuntimeLibraryOrder.Add("cuda");
        options.RuntimeLibraryOrder.Add("Metal");
        options.RuntimeLibraryOrder.Add("3");

        var result = _validator.Validate(null, options);

        result.Failed.ShouldBeTrue();
        var failures = result.Failures!.ToList();
        failures.Count.ShouldBe(13);
        failures.ShouldContain(f => f.StartsWith("Whisper:Language ", StringComparison.Ordinal));
        failures.ShouldContain("Whisper:Threads is 0; it must be 1 to 64.");
        failures.ShouldContain("Whisper:Temperature is -0.1; it must be 0 to 1.");
        failures.ShouldContain("Whisper:TemperatureIncrement is 1.5; it must be 0 to 1.");
        failures.ShouldContain(f => f.StartsWith("Whisper:EntropyThreshold is 0;", StringComparison.Ordinal));
        failures.ShouldContain(f => f.StartsWith("Whisper:LogProbThreshold is 0.5;", StringComparison.Ordinal));
        failures.ShouldContain("Whisper:NoSpeechThreshold is NaN; it must be 0 to 1.");
        failures.ShouldContain("Whisper:BestOf is 0; it must be 1 to 16.");
        failures.ShouldContain("Whisper:GpuDevice is -1; it must be 0 or more.");
        failures.ShouldContain("Whisper:RuntimeLibraryOrder names Cuda twice.");
        failures.ShouldContain("Whisper:RuntimeLibraryOrder names \"Metal\", which is not a Whisper.net runtime; use Cpu, Cuda, Cuda12, Vulkan, CoreML, OpenVino, CpuNoAvx.");
        failures.ShouldContain(f => f.StartsWith("Whisper:RuntimeLibraryOrder names \"3\",", StringComparison.Ordinal));
        failures.ShouldContain("Whisper:LibraryPath \"relative/whisper\" is not an absolute path.");
    }

    [Fact]
    public void A_library_path_must_hold_a_runtimes_folder()
    {
        var folder = Directory.CreateTempSubdirectory("livestt-libpath-");
        try
        {
            var options = new WhisperOptions { LibraryPath = folder.FullName };
            _validator.Validate(null, options).Failures.ShouldHaveSingleItem().ShouldStartWith($"Whisper:LibraryPath \"{folder.FullName}\" has no \"runtimes\" folder");

            folder.CreateSubdirectory("runtimes");
            _validator.Validate(null, options).Succeeded.ShouldBeTrue();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void An_empty_language_is_refused()
    {
        var result = _validator.Validate(null, new WhisperOptions { Language = " " });

        result.Failures.ShouldHaveSingleItem().ShouldContain("Whisper:Language is empty");
    }
}
