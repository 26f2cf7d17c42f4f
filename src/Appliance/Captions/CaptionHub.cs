using System.Globalization;
using LiveStt.Appliance.Transcripts;
using Microsoft.AspNetCore.SignalR;

namespace LiveStt.Appliance.Captions;

/// <summary>
/// Where viewers connect to receive captions. Viewers only listen: the hub has no methods to call.
/// On connecting, a viewer receives <see cref="SessionMethod"/> and <see cref="BacklogMethod"/> once, then
/// <see cref="CaptionMethod"/> for each live event and <see cref="SessionMethod"/> whenever the session changes.
/// A viewer reconnecting says what it already has in the query string, <c>?session=&lt;id&gt;&amp;after=&lt;seq&gt;</c>
/// (the session and its last committed seq), and its backlog then holds only the lines after that one.
/// </summary>
internal sealed class CaptionHub(CaptionBroadcaster broadcaster) : Hub
{
    public const string Path = "/hubs/captions";

    /// <summary>Client method receiving one <see cref="CaptionEvent"/> as it happens.</summary>
    public const string CaptionMethod = "caption";

    /// <summary>Client method receiving the current session's recent committed lines, oldest first.</summary>
    public const string BacklogMethod = "backlog";

    /// <summary>Client method receiving a <see cref="SessionNotice"/>: first on connecting, then whenever the session's state changes.</summary>
    public const string SessionMethod = "session";

    public override Task OnConnectedAsync()
    {
        broadcaster.AddViewer(Context, ResumeFrom(Context.GetHttpContext()?.Request.Query));
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception) => broadcaster.RemoveViewerAsync(Context.ConnectionId);

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
