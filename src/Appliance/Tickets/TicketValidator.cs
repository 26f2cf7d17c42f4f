namespace LiveStt.Appliance.Tickets;

/// <summary>
/// Decides whether a presented ticket admits a viewer. <see cref="Check"/> looks without using the
/// ticket up; <see cref="Redeem"/> uses it up, so any later presentation is refused. With a
/// <see cref="ISharedTicketLedger"/> (boxes joined through Redis), <see cref="RedeemAsync"/> also spends it there, so it
/// is refused on every other box too.
/// </summary>
internal sealed partial class TicketValidator(
    TicketSigningKey key,
    UsedTicketRegistry usedTickets,
    TimeProvider time,
    ILogger<TicketValidator> logger,
    ISharedTicketLedger? sharedLedger = null)
{
    public TicketVerdict Check(string? ticket) => Report(Decide(ticket, redeem: false, out _, out _));

    public TicketVerdict Redeem(string? ticket) => Report(Decide(ticket, redeem: true, out _, out _));

    public async ValueTask<TicketVerdict> RedeemAsync(string? ticket, CancellationToken cancellationToken)
    {
        var verdict = Decide(ticket, redeem: true, out var id, out var expiresAtUnixMs);
        if (verdict == TicketVerdict.Accepted && sharedLedger is not null)
        {
            // Spent here already, so it cannot be spent twice on this box even while the ledger is out of reach.
            switch (await sharedLedger.TrySpendAsync(id, DateTimeOffset.FromUnixTimeMilliseconds(expiresAtUnixMs), cancellationToken))
            {
                case false:
                    verdict = TicketVerdict.AlreadyUsed;
                    break;
                case null:
                    Log.LedgerUnreachable(logger);
                    break;
            }
        }

        return Report(verdict);
    }

    private TicketVerdict Report(TicketVerdict verdict)
    {
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

    private TicketVerdict Decide(string? ticket, bool redeem, out UInt128 id, out long expiresAtUnixMs)
    {
        id = default;
        expiresAtUnixMs = 0;
        if (string.IsNullOrEmpty(ticket))
        {
            return TicketVerdict.Missing;
        }

        var verdict = TicketFormat.TryRead(key, ticket, out id, out expiresAtUnixMs);
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

        [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Admitted a viewer whose ticket could not be recorded in Redis just now; it is spent on this box only")]
        public static partial void LedgerUnreachable(ILogger logger);
    }
}
