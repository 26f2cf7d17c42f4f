namespace LiveStt.Appliance.Tickets;

/// <summary>
/// Decides whether a presented ticket admits a viewer. <see cref="Check"/> looks without using the
/// ticket up; <see cref="Redeem"/> uses it up, so any later presentation is refused.
/// </summary>
internal sealed partial class TicketValidator(TicketSigningKey key, UsedTicketRegistry usedTickets, TimeProvider time, ILogger<TicketValidator> logger)
{
    public TicketVerdict Check(string? ticket) => Evaluate(ticket, redeem: false);

    public TicketVerdict Redeem(string? ticket) => Evaluate(ticket, redeem: true);

    private TicketVerdict Evaluate(string? ticket, bool redeem)
    {
        var verdict = Decide(ticket, redeem);
        switch (verdict)
        {
            case TicketVerdict.Accepted:
                break;
            case TicketVerdict.BadSignature or TicketVerdict.AlreadyUsed:
                Log.Refused(logger, verdict);
                break;
            case TicketVerdict.TooManyInFlight:
                Log.RegistryFull(logger);
                break;
            default:
                Log.RefusedQuietly(logger, verdict);
                break;
        }

        return verdict;
    }

    private TicketVerdict Decide(string? ticket, bool redeem)
    {
        if (string.IsNullOrEmpty(ticket))
        {
            return TicketVerdict.Missing;
        }

        var verdict = TicketFormat.TryRead(key, ticket, out var id, out var expiresAtUnixMs);
        if (verdict != TicketVerdict.Accepted)
        {
            return verdict;
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (now >= expiresAtUnixMs)
        {
            return TicketVerdict.Expired;
        }

        if (!redeem)
        {
            return usedTickets.IsUsed(id, now) ? TicketVerdict.AlreadyUsed : TicketVerdict.Accepted;
        }

        return usedTickets.TryUse(id, expiresAtUnixMs, now);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Refused a viewer ticket: {Verdict}")]
        public static partial void Refused(ILogger logger, TicketVerdict verdict);

        [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Refused a viewer ticket: {Verdict}")]
        public static partial void RefusedQuietly(ILogger logger, TicketVerdict verdict);

        [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Refused a viewer ticket: too many used tickets are still unexpired; raise Tickets:MaxRememberedTickets if this is a real crowd")]
        public static partial void RegistryFull(ILogger logger);
    }
}
