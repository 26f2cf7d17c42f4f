using LiveStt.Appliance.Transcription;
using Microsoft.Extensions.Logging;
using Whisper.net.Logger;

namespace LiveStt.Appliance.Tests.Transcription;

public sealed class WhisperNativeLogTests
{
    [Theory]
    [InlineData(WhisperLogLevel.Error, LogLevel.Error)]
    [InlineData(WhisperLogLevel.Warning, LogLevel.Warning)]
    [InlineData(WhisperLogLevel.Info, LogLevel.Debug)]
    [InlineData(WhisperLogLevel.Cont, LogLevel.Debug)]
    [InlineData(WhisperLogLevel.Debug, LogLevel.Trace)]
    public void Levels_map_so_that_only_warnings_and_errors_are_loud(WhisperLogLevel level, LogLevel expected)
    {
        WhisperNativeLog.ToLogLevel(level).ShouldBe(expected);
    }

    [Fact]
    public void Whispers_backend_line_names_the_gpu_or_says_there_is_none()
    {
        WhisperNativeLog.ParseBackendLine("whisper_backend_init_gpu: using CUDA0 backend").ShouldBe((true, "CUDA0"));
        WhisperNativeLog.ParseBackendLine("whisper_backend_init_gpu: no GPU found").ShouldBe((true, (string?)null));
        WhisperNativeLog.ParseBackendLine("whisper_model_load: n_vocab = 51864").ShouldBe((false, (string?)null));
    }
}
