namespace LiveStt.OpsAgent.Health;

/// <summary>One check's outcome; Detail says what was seen and, when failing, why.</summary>
internal sealed record HealthCheckResult(string Name, bool Healthy, string Detail, double? Value = null);

/// <summary>The latest round of checks.</summary>
internal sealed record HealthReport(DateTimeOffset CheckedAt, IReadOnlyList<HealthCheckResult> Checks)
{
    public bool Healthy => Checks.All(c => c.Healthy);

    public static HealthReport None { get; } = new(DateTimeOffset.MinValue, []);
}
