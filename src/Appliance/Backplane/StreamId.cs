using System.Globalization;
using StackExchange.Redis;

namespace LiveStt.Appliance.Backplane;

/// <summary>Redis stream entry ids, <c>milliseconds-sequence</c>, in their order.</summary>
internal static class StreamId
{
    public static int Compare(RedisValue left, RedisValue right) => Parse(left).CompareTo(Parse(right));

    private static (ulong Milliseconds, ulong Sequence) Parse(RedisValue id)
    {
        var text = id.ToString();
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        return dash < 0
            ? (ulong.Parse(text, CultureInfo.InvariantCulture), 0)
            : (ulong.Parse(text.AsSpan(0, dash), CultureInfo.InvariantCulture), ulong.Parse(text.AsSpan(dash + 1), CultureInfo.InvariantCulture));
    }
}
