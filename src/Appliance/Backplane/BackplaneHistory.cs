using LiveStt.Appliance.Captions;
using StackExchange.Redis;

namespace LiveStt.Appliance.Backplane;

/// <summary>A session's committed lines as the source wrote them to Redis: what a relay has instead of a transcript on disk.</summary>
internal static class BackplaneHistory
{
    /// <summary>The last <paramref name="count"/> lines, oldest first, each seq once.</summary>
    public static async Task<IReadOnlyList<CaptionEvent>> ReadTailAsync(IDatabase database, BackplaneKeys keys, string sessionId, int count)
    {
        // A retried write may have pushed a line twice; a few extra cover that.
        var values = await database.ListRangeAsync(keys.Lines(sessionId), -(count + 16), -1);
        var lines = Distinct(values);
        return lines.Count > count ? lines[^count..] : lines;
    }

    /// <summary>Every line of the session, oldest first, each seq once.</summary>
    public static async Task<List<CaptionEvent>> ReadAllAsync(IDatabase database, BackplaneKeys keys, string sessionId) =>
        Distinct(await database.ListRangeAsync(keys.Lines(sessionId)));

    private static List<CaptionEvent> Distinct(RedisValue[] values)
    {
        var lines = new List<CaptionEvent>(values.Length);
        var last = long.MinValue;
        foreach (var value in values)
        {
            if (BackplaneJson.ReadCaption(value.ToString()) is { } caption && caption.Seq > last)
            {
                lines.Add(caption);
                last = caption.Seq;
            }
        }

        return lines;
    }
}
