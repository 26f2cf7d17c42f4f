using System.Globalization;
using LiveStt.Appliance.Transcripts;
using Microsoft.AspNetCore.SignalR;

namespace LiveStt.Appliance.Captions;

/// <summary>
/// Where viewers connect to receive captions.
/// On connecting, a viewer receives <see cref="SessionMethod"/> and <see cref="BacklogMethod"/> once, then
/// <see cref="CaptionMethod"/> for each live event and <see cref="SessionMethod"/> whenever the session changes.
/// A viewer reconnecting says what it already has in the query string, <c>?session=&lt;id&gt;&amp;after=&lt;seq&gt;</c>
/// (the session and its last committed seq), and its backlog then holds every committed line after that one (see
/// <see cref="CaptionBroadcaster.AddViewerAsync"/>). The one method a viewer may call is <see cref="Earlier"/>.
/// </summary>
internal sealed class CaptionHub(CaptionBroadcaster broadcaster, ICaptionHistory history, TimeProvider time) : Hub
{
    public const string Path = "/hubs/captions";

    /// <summary>Client method receiving one <see cref="CaptionEvent"/> as it happens.</summary>
    public const string CaptionMethod = "caption";

    /// <summary>Client method receiving the current session's recent committed lines, oldest first.</summary>
    public const string BacklogMethod = "backlog";

    /// <summary>Client method receiving a <see cref="SessionNotice"/>: first on connecting, then whenever the session's state changes.</summary>
    public const string SessionMethod = "session";

    /// <summary>Most lines one <see cref="Earlier"/> call returns.</summary>
    public const int EarlierMaxCount = 200;

    /// <summary><see cref="Earlier"/> calls one connection may make at once, before it is held to one a <see cref="EarlierRefill"/>.</summary>
    public const int EarlierBurst = 10;

    public static readonly TimeSpan EarlierRefill = TimeSpan.FromSeconds(1);

    private static readonly object EarlierBudgetKey = new();

    public override Task OnConnectedAsync() =>
        broadcaster.AddViewerAsync(Context, ResumeFrom(Context.GetHttpContext()?.Request.Query), Context.ConnectionAborted);

    public override Task OnDisconnectedAsync(Exception? exception) => broadcaster.RemoveViewerAsync(Context.ConnectionId);

    /// <summary>
    /// Session <paramref name="sessionId"/>'s committed lines before <paramref name="beforeSeq"/>, oldest first: the
    /// <paramref name="count"/> (1 to <see cref="EarlierMaxCount"/>) nearest it, and whether there are earlier ones, read
    /// from the session's transcript. An unknown or malformed session id has none.
    /// </summary>
    /// <exception cref="HubException">The count is out of range, or the connection asked too often.</exception>
    public async Task<CaptionHistoryPage> Earlier(string sessionId, long beforeSeq, int count)
    {
        if (count is < 1 or > EarlierMaxCount)
        {
            throw new HubException(string.Create(CultureInfo.InvariantCulture, $"count must be between 1 and {EarlierMaxCount}; it was {count}."));
        }

        var budget = (CallBudget)(Context.Items.TryGetValue(EarlierBudgetKey, out var kept) && kept is CallBudget found
            ? found
            : Context.Items[EarlierBudgetKey] = new CallBudget(time, EarlierBurst, EarlierRefill));
        if (!budget.TryTake())
        {
            throw new HubException(string.Create(CultureInfo.InvariantCulture,
                $"Too many requests for earlier lines: {EarlierBurst} at once, then one every {EarlierRefill.TotalSeconds:0.#} s. Wait, then ask again."));
        }

        return TranscriptFormat.IsSessionId(sessionId) && beforeSeq > 1
            ? await history.BeforeAsync(sessionId, beforeSeq, count, Context.ConnectionAborted)
            : CaptionHistoryPage.Empty;
    }

    /// <summary>What a reconnecting viewer says it has; null when it says nothing, or nothing that makes sense.</summary>
    internal static (string SessionId, long Seq)? ResumeFrom(IQueryCollection? query)
    {
        if (query is null)
        {
            return null;
        }

        var session = query["session"].ToString();
        return TranscriptFormat.IsSessionId(session)
            && long.TryParse(query["after"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var seq)
            ? (session, seq)
            : null;
    }
}
