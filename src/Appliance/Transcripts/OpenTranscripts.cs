namespace LiveStt.Appliance.Transcripts;

/// <summary>
/// The transcripts being written now, by session: a reader of a session's lines asks here for those still waiting
/// for the disk (<see cref="TranscriptSink.PendingLines"/>), which the file alone does not have yet.
/// </summary>
internal sealed class OpenTranscripts
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, TranscriptSink> sinks = new(StringComparer.Ordinal);

    /// <summary>Makes <paramref name="sink"/> session <paramref name="sessionId"/>'s open transcript.</summary>
    public void Add(string sessionId, TranscriptSink sink)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        ArgumentNullException.ThrowIfNull(sink);
        lock (gate)
        {
            // Closed ones hold nothing more; dropping them here keeps this to the sessions open now.
            foreach (var closed in sinks.Where(entry => entry.Value.IsClosed).Select(entry => entry.Key).ToList())
            {
                sinks.Remove(closed);
            }

            sinks[sessionId] = sink;
        }
    }

    /// <summary>Session <paramref name="sessionId"/>'s transcript while it is open; null once closed or never opened.</summary>
    public TranscriptSink? Find(string sessionId)
    {
        lock (gate)
        {
            return sinks.TryGetValue(sessionId, out var sink) && !sink.IsClosed ? sink : null;
        }
    }
}
