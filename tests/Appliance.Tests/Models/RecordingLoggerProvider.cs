using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace LiveStt.Appliance.Tests.Models;

/// <summary>Keeps every log line written, so tests can check what an operator would see.</summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<RecordedLog> _records = new();

    public IReadOnlyList<RecordedLog> Records => [.. _records];

    public ILogger CreateLogger(string categoryName) => new RecordingLogger(_records);

    public void Dispose()
    {
    }

    private sealed class RecordingLogger(ConcurrentQueue<RecordedLog> records) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            records.Enqueue(new RecordedLog(logLevel, eventId.Id, formatter(state, exception)));
    }
}
