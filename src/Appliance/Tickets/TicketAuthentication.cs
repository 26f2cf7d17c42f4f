namespace LiveStt.Appliance.Tickets;

/// <summary>Names under which ticket authentication is registered.</summary>
public static class TicketAuthentication
{
    /// <summary>The authentication scheme that reads a viewer ticket.</summary>
    public const string Scheme = "ViewerTicket";

    /// <summary>Authorization policy an endpoint requires to admit only ticket holders.</summary>
    public const string ViewerPolicy = "CaptionViewer";

    /// <summary>Query parameter carrying the ticket where a header cannot be set (browser WebSockets).</summary>
    public const string QueryParameter = "access_token";
}
