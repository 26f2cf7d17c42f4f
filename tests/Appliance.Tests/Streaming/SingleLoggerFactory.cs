using Microsoft.Extensions.Logging;

namespace LiveStt.Appliance.Tests.Streaming;

/// <summary>Every category logs to the one <see cref="ListLogger"/>.</summary>
internal sealed class SingleLoggerFactory(ListLogger logger) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => logger;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }
}
