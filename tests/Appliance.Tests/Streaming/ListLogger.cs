using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace LiveStt.Appliance.Tests.Streaming;

/// <summary>An ILogger that keeps what it is told, for tests that check what was reported.</summary>
internal sealed class ListLogger : ILogger
{
    private readonly ConcurrentQueue<(LogLevel Level, EventId Id, string Message)> entries = new();

    public IReadOnlyList<(LogLevel Level, EventId Id, string Message)> Entries => [.. entries];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        entries.Enqueue((logLevel, eventId, formatter(state, exception)));

    public IEnumerable<string> Messages(LogLevel level) => Entries.Where(e => e.Level == level).Select(e => e.Message);
}
