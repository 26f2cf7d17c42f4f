using Microsoft.Extensions.Logging;

namespace LiveStt.Appliance.Tests.Models;

internal sealed record RecordedLog(LogLevel Level, int EventId, string Message);
