using LiveStt.Appliance.Captions;

namespace LiveStt.Appliance.Backplane;

/// <summary>One thing the caption source tells its relays, as it goes into the event stream.</summary>
/// <param name="Type">One of <see cref="CaptionType"/>, <see cref="NoticeType"/>, <see cref="RestoreType"/>.</param>
/// <param name="SessionId">The session a caption or restore belongs to; a notice's, when it names one.</param>
/// <param name="Json">The caption or notice as viewers read it; for a restore, the session id.</param>
/// <param name="CommittedLines">A committed caption's own JSON, or all of a restored session's lines; null otherwise.</param>
internal sealed record BackplaneEntry(string Type, string? SessionId, string Json, IReadOnlyList<string>? CommittedLines)
{
    public const string CaptionType = "caption";
    public const string NoticeType = "notice";
    public const string RestoreType = "restore";

    public static BackplaneEntry ForCaption(CaptionEvent caption)
    {
        var json = BackplaneJson.Write(caption);
        return new(CaptionType, caption.SessionId, json, caption.Kind == CaptionKind.Committed ? [json] : null);
    }

    public static BackplaneEntry ForNotice(SessionNotice notice) => new(NoticeType, notice.SessionId, BackplaneJson.Write(notice), null);

    public static BackplaneEntry ForRestore(string sessionId, IReadOnlyList<CaptionEvent> committed) =>
        new(RestoreType, sessionId, sessionId, [.. committed.Select(BackplaneJson.Write)]);
}
