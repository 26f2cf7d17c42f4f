namespace LiveStt.Appliance.Captions;

/// <summary>
/// Committed lines of one session, oldest first, and whether there are more beyond them (what a viewer's
/// <c>Earlier</c> call returns: <c>{ lines, more }</c>).
/// </summary>
public sealed record CaptionHistoryPage(IReadOnlyList<CaptionEvent> Lines, bool More)
{
    public static CaptionHistoryPage Empty { get; } = new([], More: false);
}
