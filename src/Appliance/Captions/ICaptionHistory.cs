namespace LiveStt.Appliance.Captions;

/// <summary>
/// A session's committed lines from before what the broadcaster keeps in memory: for a viewer that was away longer
/// than the backlog reaches, and for a viewer paging back through the session.
/// </summary>
public interface ICaptionHistory
{
    /// <summary>
    /// Session <paramref name="sessionId"/>'s committed lines with a seq after <paramref name="afterSeq"/>, oldest first:
    /// the newest <paramref name="max"/> of them, <see cref="CaptionHistoryPage.More"/> saying that older ones were left
    /// out. Every line committed before the call is in it, unless it was never kept.
    /// </summary>
    ValueTask<CaptionHistoryPage> AfterAsync(string sessionId, long afterSeq, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Session <paramref name="sessionId"/>'s committed lines with a seq before <paramref name="beforeSeq"/>, oldest first:
    /// the <paramref name="count"/> nearest it, <see cref="CaptionHistoryPage.More"/> saying there are earlier ones.
    /// </summary>
    ValueTask<CaptionHistoryPage> BeforeAsync(string sessionId, long beforeSeq, int count, CancellationToken cancellationToken);
}
