namespace LiveStt.Appliance.Guards;

/// <summary>
/// The last few committed lines, by their words, for catching a line committed again soon after itself. Not
/// thread-safe: one caption session's decode loop owns it.
/// </summary>
internal sealed class RecentLines
{
    private readonly int capacity;
    private readonly TimeSpan lifetime;
    private readonly TimeProvider timeProvider;
    private readonly LinkedList<(string Key, long Seen)> lines = new();

    /// <param name="capacity">How many lines are kept; 0 keeps none.</param>
    /// <param name="lifetime">How long a line stays recent after it was committed or last repeated.</param>
    public RecentLines(int capacity, TimeSpan lifetime, TimeProvider timeProvider)
    {
        this.capacity = capacity;
        this.lifetime = lifetime;
        this.timeProvider = timeProvider;
    }

    /// <summary>
    /// Whether a line with these words is recent. A hit makes it recent again: a whisper loop keeps writing the same
    /// line, and without this the loop's line would slip through every time the first one aged out.
    /// </summary>
    public bool Repeats(IReadOnlyList<string> words)
    {
        var key = string.Join(' ', words);
        var now = timeProvider.GetTimestamp();
        for (var node = lines.First; node is not null; node = node.Next)
        {
            if (timeProvider.GetElapsedTime(node.Value.Seen, now) <= lifetime && string.Equals(node.Value.Key, key, StringComparison.Ordinal))
            {
                node.Value = (key, now);
                return true;
            }
        }

        return false;
    }

    /// <summary>Keeps an accepted line, pushing out the oldest when full.</summary>
    public void Add(IReadOnlyList<string> words)
    {
        if (capacity == 0)
        {
            return;
        }

        lines.AddLast((string.Join(' ', words), timeProvider.GetTimestamp()));
        while (lines.Count > capacity)
        {
            lines.RemoveFirst();
        }
    }
}
