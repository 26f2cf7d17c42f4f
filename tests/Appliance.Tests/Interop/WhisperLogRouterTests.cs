using Microsoft.Extensions.Logging;
using LiveStt.Appliance.Interop;

namespace LiveStt.Appliance.Tests.Interop;

public sealed class WhisperLogRouterTests
{
    [Theory]
    [InlineData(1, LogLevel.Trace)]
    [InlineData(2, LogLevel.Debug)]
    [InlineData(3, LogLevel.Warning)]
    [InlineData(4, LogLevel.Error)]
    [InlineData(0, LogLevel.Debug)]
    public void Ggml_levels_map_so_that_only_warnings_and_errors_are_loud(int ggmlLevel, LogLevel expected)
    {
        WhisperLogRouter.ToLogLevel(ggmlLevel).ShouldBe(expected);
    }
}
