using System.Net.Http.Json;
using System.Text.Json;

namespace LiveStt.EndToEnd.Tests.Infrastructure;

/// <summary>
/// What happened during an over-the-air update test, with the moments it happened: each forced update (sent, answered,
/// the agent's result), the agent's history, and every caption a viewer received. Written as JSON for the benchmark
/// script that reads the caption gaps and rollback times from it.
/// </summary>
internal sealed class OtaTimeline
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly List<object> _updates = [];
    private List<HistoryEntry> _history = [];
    private SwapWatchingViewer? _viewer;

    public void Watch(SwapWatchingViewer viewer) => _viewer = viewer;

    /// <summary>POST /api/updates/check?service=appliance&amp;force=true; returns the appliance's result.</summary>
    public async Task<JsonElement> ForceAsync(string name, HttpClient agent, CancellationToken cancellationToken)
    {
        var sent = DateTimeOffset.UtcNow;
        using var response = await agent.PostAsync(new Uri("/api/updates/check?service=appliance&force=true", UriKind.Relative), content: null, cancellationToken);
        var answered = DateTimeOffset.UtcNow;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        response.EnsureSuccessStatusCode();
        var result = JsonDocument.Parse(body).RootElement.EnumerateArray().Single().Clone();
        _updates.Add(new { name, sentAt = sent.ToUnixTimeMilliseconds(), answeredAt = answered.ToUnixTimeMilliseconds(), result });
        return result;
    }

    public async Task<IReadOnlyList<HistoryEntry>> ReadHistoryAsync(HttpClient agent, CancellationToken cancellationToken)
    {
        _history = await agent.GetFromJsonAsync<List<HistoryEntry>>(new Uri("/api/updates/history?limit=500", UriKind.Relative), cancellationToken) ?? [];
        return _history;
    }

    public async Task WriteAsync(string path)
    {
        var captions = (_viewer?.Received.ToList() ?? []).Select(c => new
        {
            at = c.ArrivedAt.ToUnixTimeMilliseconds(),
            connection = c.Connection,
            sessionId = c.Caption.SessionId,
            seq = c.Caption.Seq,
            kind = c.Caption.Kind,
        });
        var history = _history.Select(h => new { at = h.Time.ToUnixTimeMilliseconds(), h.Service, h.Event, h.Step, h.Detail });
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new { updates = _updates, history, captions }, Json));
    }

    /// <summary>One line of the agent's update history, as GET /api/updates/history gives it.</summary>
    internal sealed record HistoryEntry(DateTimeOffset Time, string Service, string Event, string Detail, string? Step);
}
