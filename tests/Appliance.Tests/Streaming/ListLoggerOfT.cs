using Microsoft.Extensions.Logging;

namespace LiveStt.Appliance.Tests.Streaming;

/// <summary>A typed view of a <see cref="ListLogger"/>, for services that ask for ILogger&lt;T&gt;.</summary>
internal sealed class ListLogger<T>(ListLogger inner) : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        inner.Log(logLevel, eventId, state, exception, formatter);
}
